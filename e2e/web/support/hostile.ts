/** Log content an attacker controls, each trying a different way to run code or break the page. */
export const HOSTILE_VALUES = [
  '<script>window.__pwned="script"</script>',
  '<img src=x onerror="window.__pwned=\'img\'">',
  '<svg onload="window.__pwned=\'svg\'"></svg>',
  '<a href="javascript:window.__pwned=\'link\'">click me</a>',
  'javascript:window.__pwned="url"',
  '<iframe src="javascript:alert(1)"></iframe>',
  '"><style>body{display:none}</style>',
  '" style="position:fixed;inset:0;background:red" x="',
  '{{7*7}} {{constructor.constructor("window.__pwned=\'tpl\'")()}}',
  '${alert(1)} #{7*7} <%= 7*7 %>',
  '\u202Egnp.exe admin\u202C \u2066isolate\u2069',
  '=HYPERLINK("http://evil.example","x")',
];

/** One Suricata IDS alert per hostile value: the signature becomes the alert title the console shows. */
export function suricataAlert(signature: string, sid: number, src = '198.51.100.7', dst = '10.0.0.8'): string {
  return JSON.stringify({
    timestamp: new Date().toISOString(),
    event_type: 'alert',
    src_ip: src,
    src_port: 4444,
    dest_ip: dst,
    dest_port: 80,
    proto: 'TCP',
    http: { hostname: 'victim.example', url: signature, http_user_agent: signature },
    alert: { action: 'allowed', signature_id: sid, signature, category: signature, severity: 1 },
  });
}

/** A megabyte with no place to break a line. */
export const HUGE_VALUE = 'W'.repeat(1_000_000);
