import { describe, expect, it } from 'vitest';
import { parseLine } from '../index.ts';

const ctx = { receivedAt: Date.UTC(2026, 5, 15, 3, 0, 0), timezone: 'Asia/Tokyo' };
const auto = (line: string) => parseLine('auto', line, ctx);

describe('fortigate', () => {
  it('maps a forward traffic log with NAT, quoted values with spaces and a Japanese user name', () => {
    const r = auto('date=2026-06-15 time=11:59:58 devname="FGT 60F 本社" devid="FGT60FTK1234" eventtime=1781492398000000000 tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.0.2.10 srcport=51514 srcintf="internal" srcintfrole="lan" dstip=198.51.100.7 dstport=443 dstintf="wan1" dstintfrole="wan" policyid=12 policyname="Allow Web Out" sessionid=99 proto=6 action="accept" service="HTTPS" transip=203.0.113.5 transport=40001 sentbyte=1200 rcvdbyte=5600 sentpkt=10 rcvdpkt=12 user="山田太郎" app="HTTPS.BROWSER"');
    expect(r.format).toBe('fortigate');
    expect(r.error).toBeUndefined();
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 2, 59, 58));
    expect(r.fields['observer.name']).toBe('FGT 60F 本社');
    expect(r.fields['source.nat.ip']).toBe('203.0.113.5');
    expect(r.fields['source.nat.port']).toBe(40001);
    expect(r.fields['rule.name']).toBe('Allow Web Out');
    expect(r.fields['rule.id']).toBe('12');
    expect(r.fields['user.name']).toBe('山田太郎');
    expect(r.fields['source.bytes']).toBe(1200);
    expect(r.fields['event.type']).toEqual(['connection', 'allowed']);
    expect(r.fields['event.outcome']).toBeUndefined();
  });

  it('reads IPv6 addresses and a deny without NAT', () => {
    const r = auto('<189>date=2026-06-15 time=12:00:00 devname=fw devid=FG100 logid=0000000013 type=traffic subtype=forward srcip=2001:db8::10 srcport=5000 dstip=2001:db8:1::53 dstport=53 proto=17 action=deny policyid=0 transip=0.0.0.0');
    expect(r.fields['source.ip']).toBe('2001:db8::10');
    expect(r.fields['destination.ip']).toBe('2001:db8:1::53');
    expect(r.fields['network.transport']).toBe('udp');
    expect(r.fields['event.type']).toEqual(['connection', 'denied']);
    expect(r.fields['source.nat.ip']).toBeUndefined();
    expect(r.fields['log.syslog.priority']).toBe(189);
  });

  it('keeps an unterminated quote without hanging or throwing', () => {
    const r = auto('date=2026-06-15 time=12:00:00 devname=fw logid=1 type=event msg="never closed');
    expect(r.format).toBe('fortigate');
    expect(r.fields.message).toBe('never closed');
  });
});

describe('panos', () => {
  const traffic = '1,2026/06/15 12:00:01,013201001234,TRAFFIC,end,2560,2026/06/15 12:00:00,10.1.1.5,93.184.216.34,203.0.113.9,93.184.216.34,Allow-Out,corp\\suzuki,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Forward,2026/06/15 12:00:00,4242,1,50123,443,41000,443,0x400064,tcp,allow,5000,1200,3800,20,2026/06/15 11:59:50,10,computer-and-internet-info,0,123,0x0,10.0.0.0-10.255.255.255,United States,0,9,11,tcp-fin';
  it('maps TRAFFIC columns including NAT and bytes', () => {
    const r = auto(traffic);
    expect(r.format).toBe('panos');
    expect(r.fields['source.ip']).toBe('10.1.1.5');
    expect(r.fields['source.nat.ip']).toBe('203.0.113.9');
    expect(r.fields['source.nat.port']).toBe(41000);
    expect(r.fields['destination.port']).toBe(443);
    expect(r.fields['rule.name']).toBe('Allow-Out');
    expect(r.fields['user.name']).toBe('corp\\suzuki');
    expect(r.fields['event.action']).toBe('allow');
    expect(r.fields['source.bytes']).toBe(1200);
    expect(r.fields['event.reason']).toBe('tcp-fin');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3, 0, 0));
  });

  it('maps THREAT with a quoted file name holding a comma and the threat id', () => {
    const r = auto('<14>Jun 15 12:00:02 pa-fw 1,2026/06/15 12:00:02,013201001234,THREAT,vulnerability,2560,2026/06/15 12:00:02,198.51.100.20,10.1.1.80,0.0.0.0,0.0.0.0,Inbound-Web,,,web-browsing,vsys1,untrust,dmz,ethernet1/1,ethernet1/3,Forward,2026/06/15 12:00:02,777,1,40000,80,0,0,0x2000,tcp,reset-both,"a,b.php",Apache Struts2 RCE(33050),any,critical,client-to-server,1,0x0,United States,10.0.0.0-10.255.255.255,0,,0,,,0,,,,,');
    expect(r.format).toBe('panos');
    expect(r.fields['log.syslog.hostname']).toBe('pa-fw');
    expect(r.fields['file.name']).toBe('a,b.php');
    expect(r.fields['rule.name']).toBe('Apache Struts2 RCE');
    expect(r.fields['rule.id']).toBe('33050');
    expect(r.fields['event.severity']).toBe(8);
    expect(r.fields['event.kind']).toBe('alert');
    expect(r.fields['event.type']).toContain('denied');
    expect(r.fields['source.nat.ip']).toBeUndefined();
  });

  it('survives a truncated record', () => {
    const r = auto('1,2026/06/15 12:00:01,0132,TRAFFIC,end,2560');
    expect(r.format).toBe('panos');
    expect(r.error).toBeUndefined();
  });
});

describe('screenos', () => {
  it('reads an ICMP flood alarm', () => {
    const r = auto('<129>Jun 15 12:00:00 ssg140 ssg140: NetScreen device_id=ssg140  [Root]system-alert-00011: ICMP flood! From 203.0.113.66 to 192.0.2.1, proto 1 (zone Untrust int  ethernet0/0). Occurred 5 times. (2026-06-15 12:00:00)');
    expect(r.format).toBe('screenos');
    expect(r.fields['rule.name']).toBe('ICMP flood');
    expect(r.fields['event.code']).toBe('00011');
    expect(r.fields['log.level']).toBe('alert');
    expect(r.fields['source.ip']).toBe('203.0.113.66');
    expect(r.fields['destination.ip']).toBe('192.0.2.1');
    expect(r.fields['network.transport']).toBe('icmp');
    expect(r.fields['event.count']).toBe(5);
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3));
  });

  it('reads a traffic log with `src zone=` keys containing spaces', () => {
    const r = auto('NetScreen device_id=ssg5  [Root]system-notification-00257(traffic): start_time="2026-06-15 11:00:00" duration=3 policy_id=4 service=https proto=6 src zone=Trust dst zone=Untrust action=Deny sent=0 rcvd=0 src=10.0.0.8 dst=198.51.100.1 src_port=50000 dst_port=443 src-xlated ip=203.0.113.2 port=50000 session_id=0');
    expect(r.fields['observer.ingress.zone']).toBe('Trust');
    expect(r.fields['source.nat.ip']).toBe('203.0.113.2');
    expect(r.fields['event.type']).toEqual(['connection', 'denied']);
    expect(r.fields['rule.id']).toBe('4');
  });
});

describe('cisco-asa', () => {
  it('orders an outbound Built connection from the inside host and keeps the mapped address as NAT', () => {
    const r = auto('<166>Jun 15 2026 12:00:00 asa01 : %ASA-6-302013: Built outbound TCP connection 1234 for outside:198.51.100.7/443 (198.51.100.7/443) to inside:10.0.0.5/51000 (203.0.113.5/41000)');
    expect(r.format).toBe('cisco-asa');
    expect(r.fields['log.syslog.hostname']).toBe('asa01');
    expect(r.fields['source.ip']).toBe('10.0.0.5');
    expect(r.fields['source.nat.ip']).toBe('203.0.113.5');
    expect(r.fields['source.nat.port']).toBe(41000);
    expect(r.fields['destination.ip']).toBe('198.51.100.7');
    expect(r.fields['destination.port']).toBe(443);
    expect(r.fields['event.type']).toEqual(['connection', 'start']);
    expect(r.fields['@timestamp']).toBe(Date.UTC(2026, 5, 15, 3));
  });

  it('reads an ACL deny with IPv6 and the access-group name', () => {
    const r = auto('%ASA-4-106023: Deny tcp src outside:2001:db8::66/51515 dst inside:2001:db8:10::5/22 by access-group "OUTSIDE_IN" [0x0, 0x0]');
    expect(r.fields['source.ip']).toBe('2001:db8::66');
    expect(r.fields['source.port']).toBe(51515);
    expect(r.fields['destination.ip']).toBe('2001:db8:10::5');
    expect(r.fields['rule.name']).toBe('OUTSIDE_IN');
    expect(r.fields['event.type']).toEqual(['connection', 'denied']);
    expect(r.fields['event.severity']).toBe(5);
  });

  it('reads the user of an FTD login denial', () => {
    const r = auto('%FTD-6-605004: Login denied from 192.0.2.50/51000 to outside:192.0.2.1/ssh for user "佐藤"');
    expect(r.fields['user.name']).toBe('佐藤');
    expect(r.fields['event.outcome']).toBe('failure');
    expect(r.fields['observer.product']).toBe('Firepower Threat Defense');
  });
});

describe('checkpoint', () => {
  it('reads Log Exporter syslog with NAT and a quoted value holding `;` and escaped quotes', () => {
    const r = auto('<134>1 2026-06-15T03:00:00Z gw-tokyo CheckPoint 2011 - [action:"Drop"; ifdir:"inbound"; origin:"192.0.2.254"; src:"198.51.100.9"; dst:"192.0.2.10"; s_port:"50505"; service:"3389"; proto:"6"; rule_name:"Block RDP; external"; xlatesrc:"0.0.0.0"; xlatedst:"10.0.0.10"; user:"鈴木 (suzuki)"; msg:"said \\"no\\""]');
    expect(r.format).toBe('checkpoint');
    expect(r.fields['source.ip']).toBe('198.51.100.9');
    expect(r.fields['destination.port']).toBe(3389);
    expect(r.fields['rule.name']).toBe('Block RDP; external');
    expect(r.fields['destination.nat.ip']).toBe('10.0.0.10');
    expect(r.fields['source.nat.ip']).toBeUndefined();
    expect(r.fields['user.name']).toBe('鈴木 (suzuki)');
    expect(r.fields['checkpoint.msg']).toBe('said "no"');
    expect(r.fields['event.type']).toEqual(['denied', 'connection']);
    expect(r.fields['network.direction']).toBe('inbound');
  });
});
