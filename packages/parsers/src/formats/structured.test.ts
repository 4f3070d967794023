import { describe, expect, it } from 'vitest';
import { parseLine } from '../index.ts';

const ctx = { receivedAt: Date.UTC(2026, 5, 15, 3, 0, 0), timezone: 'Asia/Tokyo' };
const auto = (line: string) => parseLine('auto', line, ctx);

describe('cef', () => {
  it('reads header escapes, extension values with spaces, escaped `=` and an unescaped URL query', () => {
    const r = auto('<134>Jun 15 12:00:00 waf01 CEF:0|Imperva\\|Inc.|SecureSphere|15.1|sig-42|SQL injection|8|src=2001:db8::9 spt=40000 dst=192.0.2.80 dpt=443 suser=田中 act=blocked request=https://shop.example/item?id=1 OR 1\\=1&x=y requestMethod=post msg=multi word message rt=1781492400000 cs1Label=policy cs1=Default Policy');
    expect(r.format).toBe('cef');
    expect(r.error).toBeUndefined();
    expect(r.fields['observer.vendor']).toBe('Imperva|Inc.');
    expect(r.fields['rule.id']).toBe('sig-42');
    expect(r.fields['rule.name']).toBe('SQL injection');
    expect(r.fields['event.severity']).toBe(8);
    expect(r.fields['source.ip']).toBe('2001:db8::9');
    expect(r.fields['user.name']).toBe('田中');
    expect(r.fields['url.original']).toBe('https://shop.example/item?id=1 OR 1=1&x=y');
    expect(r.fields['http.request.method']).toBe('POST');
    expect(r.fields.message).toBe('multi word message');
    expect(r.fields['event.type']).toEqual(['denied']);
    expect(r.fields['cef.extensions.cs1']).toBe('Default Policy');
    expect(r.fields['@timestamp']).toBe(1781492400000);
  });

  it('reports a truncated header as an error', () => {
    const r = parseLine('cef', 'CEF:0|Vendor|Product', ctx);
    expect(r.error).toMatch(/fewer than 7/);
  });
});

describe('leef', () => {
  it('reads LEEF 1.0 tab-separated attributes', () => {
    const r = auto('LEEF:1.0|Microsoft|MSExchange|2016|15345|src=192.0.2.7\tdst=192.0.2.8\tsrcPort=1234\tdstPort=25\tusrName=高橋 一郎\tsev=7\tcat=Mail\tdevTime=Jun 15 2026 12:00:00');
    expect(r.format).toBe('leef');
    expect(r.fields['user.name']).toBe('高橋 一郎');
    expect(r.fields['destination.port']).toBe(25);
    expect(r.fields['event.severity']).toBe(7);
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3));
  });

  it('reads LEEF 2.0 with a caret delimiter and NAT fields', () => {
    const r = auto('<13>Jun 15 12:00:00 qr LEEF:2.0|Lancope|StealthWatch|1.0|41|^|src=10.0.0.1^dst=2001:db8::1^srcPostNAT=203.0.113.1^proto=TCP^action=deny');
    expect(r.format).toBe('leef');
    expect(r.fields['source.nat.ip']).toBe('203.0.113.1');
    expect(r.fields['destination.ip']).toBe('2001:db8::1');
    expect(r.fields['network.transport']).toBe('tcp');
    expect(r.fields['event.type']).toEqual(['denied']);
  });
});

describe('json', () => {
  it('flattens nested objects to dotted names and reads @timestamp', () => {
    const r = auto('{"@timestamp":"2026-06-15T03:00:00.123Z","source":{"ip":"192.0.2.1","port":80},"user":{"name":"伊藤"},"tags":["a","b"],"deep":[{"x":1}]}');
    expect(r.format).toBe('json');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3, 0, 0, 123));
    expect(r.fields['source.port']).toBe(80);
    expect(r.fields['user.name']).toBe('伊藤');
    expect(r.fields.tags).toEqual(['a', 'b']);
    expect(r.fields.deep).toBe('[{"x":1}]');
  });

  it('never lets a __proto__ key change the prototype', () => {
    const r = auto('{"__proto__":{"polluted":true},"a":1}');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.fields.a).toBe(1);
  });

  it('gives an error for broken JSON', () => {
    const r = parseLine('json', '{"a":', ctx);
    expect(r.error).toBe('not a JSON object');
  });
});

describe('suricata-eve', () => {
  it('maps an alert', () => {
    const r = auto('{"timestamp":"2026-06-15T12:00:00.000001+0900","flow_id":1,"in_iface":"eth0","event_type":"alert","src_ip":"2001:db8::5","src_port":5555,"dest_ip":"192.0.2.9","dest_port":80,"proto":"TCP","app_proto":"http","alert":{"action":"blocked","gid":1,"signature_id":2024897,"rev":2,"signature":"ET WEB_SERVER Possible SQLi","category":"Web Application Attack","severity":1,"metadata":{"mitre_technique_id":["T1190"]}},"http":{"hostname":"shop.example","url":"/a?b=1","http_method":"GET","status":403,"http_user_agent":"curl/8"}}');
    expect(r.format).toBe('suricata-eve');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3, 0, 0));
    expect(r.fields['rule.id']).toBe('2024897');
    expect(r.fields['rule.name']).toBe('ET WEB_SERVER Possible SQLi');
    expect(r.fields['event.kind']).toBe('alert');
    expect(r.fields['event.severity']).toBe(8);
    expect(r.fields['event.type']).toEqual(['denied']);
    expect(r.fields['threat.technique.id']).toEqual(['T1190']);
    expect(r.fields['url.query']).toBe('b=1');
    expect(r.fields['http.response.status_code']).toBe(403);
    expect(r.fields['network.transport']).toBe('tcp');
  });

  it('maps a dns record', () => {
    const r = auto('{"timestamp":"2026-06-15T03:00:00Z","event_type":"dns","src_ip":"10.0.0.2","src_port":5353,"dest_ip":"10.0.0.1","dest_port":53,"proto":"UDP","dns":{"type":"query","rrname":"例え.jp","rrtype":"A"}}');
    expect(r.fields['dns.question.name']).toBe('例え.jp');
    expect(r.fields['event.kind']).toBe('event');
  });
});

describe('snort-fast', () => {
  it('reads a fast alert with the year inferred and IPv6 endpoints', () => {
    const r = auto('06/15-12:00:00.123456  [**] [1:2010935:3] ET SCAN Suspicious inbound to MSSQL port 1433 [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 198.51.100.4:51000 -> 192.0.2.20:1433');
    expect(r.format).toBe('snort-fast');
    expect(r.fields['rule.id']).toBe('2010935');
    expect(r.fields['rule.name']).toBe('ET SCAN Suspicious inbound to MSSQL port 1433');
    expect(r.fields['rule.category']).toBe('Potentially Bad Traffic');
    expect(r.fields['source.port']).toBe(51000);
    expect(r.fields['destination.ip']).toBe('192.0.2.20');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3, 0, 0, 123));
    const v6 = auto('06/15-12:00:00.000000  [**] [1:1:1] test [**] [Priority: 3] {UDP} [2001:db8::1]:53 -> [2001:db8::2]:5353');
    expect(v6.fields['source.ip']).toBe('2001:db8::1');
    expect(v6.fields['destination.port']).toBe(5353);
  });
});
