/**
 * PAR-4: every parser is total. Random bytes, invalid UTF-8, huge fields and mutations of real lines must
 * give fields (and maybe an error) — never a throw, never a hang. Fixed seed, bounded iterations.
 */
import { describe, expect, it } from 'vitest';
import { parseLine, parsers, extractSyslogHostname } from './index.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const seeds = [
  '<189>date=2026-06-15 time=12:00:00 devname="fw 1" devid=FG100 logid=0000000013 type=traffic subtype=forward srcip=10.0.0.1 srcport=1 dstip=2001:db8::1 dstport=443 action=deny policyid=3 transip=1.2.3.4 user="山田"',
  '1,2026/06/15 12:00:01,0132,TRAFFIC,end,2560,2026/06/15 12:00:00,10.1.1.5,93.184.216.34,203.0.113.9,93.184.216.34,Allow-Out,u,,ssl,vsys1,trust,untrust,e1,e2,F,2026/06/15 12:00:00,1,1,1,443,1,443,0x0,tcp,allow,1,1,1,1,2026/06/15 11:59:50,10,x,0,1,0x0,a,b,0,9,11,tcp-fin',
  'Jul  7 05:02:34 ssg5 ssg5: NetScreen device_id=ssg5  [Root]system-emergency-00005: SYN flood! From 192.168.18.53:41437 to 192.168.17.251:9612, proto TCP (zone Untrust int  ethernet0/0). Occurred 1 times. (2016-07-07 05:02:32)',
  '<166>Jun 15 2026 12:00:00 asa : %ASA-6-302013: Built outbound TCP connection 1 for outside:1.2.3.4/443 (1.2.3.4/443) to inside:10.0.0.5/5 (2.3.4.5/6)',
  '<134>1 2026-06-15T03:00:00Z gw CheckPoint 1 - [action:"Drop"; src:"1.2.3.4"; dst:"5.6.7.8"; msg:"a \\"b\\""]',
  'CEF:0|V|P|1|sig|Name|5|src=1.2.3.4 dst=5.6.7.8 msg=hello world request=http://x/?a=b',
  'LEEF:2.0|V|P|1|41|^|src=1.2.3.4^dst=5.6.7.8^usrName=x',
  '{"timestamp":"2026-06-15T03:00:00Z","event_type":"alert","src_ip":"1.2.3.4","src_port":1,"dest_ip":"5.6.7.8","dest_port":2,"proto":"TCP","alert":{"signature_id":1,"signature":"x","severity":1}}',
  '{"Event":{"System":{"EventID":4625,"Channel":"Security","Computer":"dc"},"EventData":{"Data":[{"@Name":"TargetUserName","#text":"x"}]}}}',
  '06/15-12:00:00.123456  [**] [1:2:3] msg [**] [Classification: c] [Priority: 2] {TCP} 1.2.3.4:5 -> 6.7.8.9:22',
  '[Mon Jun 15 12:00:00.1 2026] [:error] [client 1.2.3.4] ModSecurity: Access denied with code 403 (phase 2). [id "1"] [msg "m"]',
  '1781492400.123    10 192.0.2.50 TCP_DENIED/403 3900 CONNECT bad.example:443 - HIER_NONE/- text/html',
  '192.0.2.4 - - [15/Jun/2026:12:00:00 +0900] "GET /a?b HTTP/1.1" 200 1 "-" "curl"',
  'Jun 15 12:00:00 web1 sshd[811]: Failed password for invalid user admin from 198.51.100.3 port 41000 ssh2',
  '<165>1 2026-06-15T12:00:00.5+09:00 host app 1 ID [sd@1 a="b"] msg',
];

const ALPHABET = '<>[]{}()"\'\\=:;,|/ -.%\t\n\r0123456789abcdefABCDEF{}"\u00e9\u3042\ud800\uFEFF';

function mutate(line: string, r: () => number): string {
  const kind = Math.floor(r() * 6);
  const at = Math.floor(r() * (line.length + 1));
  switch (kind) {
    case 0: return line.slice(0, at); // truncation
    case 1: return line.slice(0, at) + ALPHABET[Math.floor(r() * ALPHABET.length)]! + line.slice(at);
    case 2: return line.slice(0, at) + line.slice(at + 1 + Math.floor(r() * 8));
    case 3: return line.slice(0, at) + line.slice(Math.floor(r() * line.length));
    case 4: return line.slice(0, at) + 'x'.repeat(20_000 + Math.floor(r() * 50_000)) + line.slice(at); // huge field
    default: return line.replace('"', '');
  }
}

function randomText(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += r() < 0.5 ? ALPHABET[Math.floor(r() * ALPHABET.length)]! : String.fromCharCode(Math.floor(r() * 0xffff));
  return s;
}

/** Bytes decoded as UTF-8 the way the listener does: invalid sequences become U+FFFD. */
function randomBytesAsText(r: () => number, n: number): string {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = Math.floor(r() * 256);
  return new TextDecoder('utf-8', { fatal: false }).decode(b);
}

function checkTotal(line: string): void {
  const ctx = { receivedAt: 1_781_492_400_000, timezone: 'Asia/Tokyo' };
  const auto = parseLine('auto', line, ctx);
  expect(typeof auto.fields).toBe('object');
  expect(typeof auto.format).toBe('string');
  for (const p of parsers) {
    const out = p.parse(line, ctx);
    expect(typeof out.fields).toBe('object');
    const ts = out.fields['@timestamp'];
    if (ts !== undefined) expect(typeof ts).toBe('number');
    p.detect(line);
  }
  extractSyslogHostname(line);
}

describe('fuzz (PAR-4)', () => {
  it('survives mutations of real lines in every parser', () => {
    const r = rng(20260615);
    for (let i = 0; i < 1500; i++) checkTotal(mutate(seeds[i % seeds.length]!, r));
  });

  it('survives random text, random bytes and lone surrogates', () => {
    const r = rng(42);
    for (let i = 0; i < 600; i++) {
      checkTotal(randomText(r, Math.floor(r() * 300)));
      checkTotal(randomBytesAsText(r, Math.floor(r() * 300)));
    }
  });

  it('stays linear on pathological inputs (no catastrophic backtracking)', () => {
    const big = 200_000;
    const inputs = [
      '='.repeat(big), '"'.repeat(big), '['.repeat(big), '{'.repeat(big), ' '.repeat(big), ')'.repeat(big) + 'x',
      'a='.repeat(big / 2), '<1>' + 'Jan 1 00:00:00 '.repeat(big / 15), 'CEF:0|' + '|'.repeat(big), 'key:"v"; '.repeat(big / 9),
      '1,2026/01/01 00:00:00,1,TRAFFIC,' + ','.repeat(big), '%ASA-1-1: from ' + 'a:'.repeat(big / 2), '(uid=' + '1'.repeat(big) + 'x',
      '[**] [' + ' [**]'.repeat(big / 5), 'CEF:0|a|b|c|d|e|5|' + 'k'.repeat(big / 2) + '=v'.repeat(big / 4),
      'LEEF:1.0|a|b|c|d|' + 'k'.repeat(big / 2) + '=v'.repeat(big / 4), 'date=1 devname=x logid=1 ' + 'k'.repeat(big / 2) + '=v'.repeat(big / 4), '1.2.3.4 - - [' + '1'.repeat(big), '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
      '{"Event":{"System":{"EventID":1,"Channel":"x"},"EventData":' + '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000) + '}}',
    ];
    for (const line of inputs) {
      const start = performance.now();
      checkTotal(line);
      expect(performance.now() - start, line.slice(0, 30)).toBeLessThan(2000);
    }
  });
});
