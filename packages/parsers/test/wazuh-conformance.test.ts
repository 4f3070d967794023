/**
 * Conformance against material nobody here wrote: every Wazuh ruleset test line in a format Mamori covers
 * must be auto-detected as that format and parse without error; every other line must still give fields.
 * Hand-checked field samples follow. Report: `node --import tsx packages/parsers/test/wazuh-report.ts`.
 */
import { describe, expect, it } from 'vitest';
import { parseLine } from '../src/index.ts';
import { hasCorpus } from './corpus-path.ts';
import { readWazuhLines } from './wazuh-corpus.ts';
import { conformance } from './wazuh-report.ts';

const ctx = { receivedAt: Date.UTC(2026, 0, 15), timezone: 'UTC' };

describe.skipIf(!hasCorpus)('Wazuh ruleset test lines', () => {
  it('auto-detects and parses every line of a covered format without error', () => {
    const counts = conformance();
    const failures = [...counts.values()].flatMap((c) => c.failures);
    expect(failures).toEqual([]);
    expect([...counts.values()].reduce((n, c) => n + c.total, 0)).toBeGreaterThan(1000);
    for (const f of ['fortigate', 'cisco-asa', 'panos', 'screenos', 'checkpoint', 'linux-auth', 'squid', 'web-access', 'cef', 'modsecurity', 'windows-event', 'json']) {
      expect(counts.get(f)?.total ?? 0, f).toBeGreaterThan(0);
    }
  });

  it('returns fields for every one of the 2,055 lines, covered or not', () => {
    const lines = readWazuhLines();
    expect(lines.length).toBe(2055);
    for (const l of lines) expect(typeof parseLine('auto', l.line, ctx).fields).toBe('object');
  });

  const find = (needle: string) => {
    const l = readWazuhLines().find((x) => x.line.includes(needle));
    if (l === undefined) throw new Error(`corpus line not found: ${needle}`);
    return parseLine('auto', l.line, ctx).fields;
  };

  it('extracts the key fields of hand-checked samples', () => {
    const asa = find('%ASA-2-106006: Deny inbound UDP from 185.158.113.158/53306');
    expect([asa['source.ip'], asa['source.port'], asa['destination.ip'], asa['destination.port'], asa['event.action'], asa['network.transport'], asa['observer.ingress.interface.name']])
      .toEqual(['185.158.113.158', 53306, '116.6.127.123', 53413, 'deny', 'udp', 'outside']);

    const acl = find('%ASA-4-106023: Deny tcp src inside:111.11.11.1/2143');
    expect([acl['source.ip'], acl['destination.port'], acl['rule.name']]).toEqual(['111.11.11.1', 139, 'inside_inbound']);

    const fgt = find('attack="HTTP.Unknown.Tunnelling"');
    expect([fgt['source.ip'], fgt['source.port'], fgt['destination.ip'], fgt['destination.port'], fgt['event.action'], fgt['rule.name'], fgt['rule.id']])
      .toEqual(['192.168.10.8', 62216, '157.55.235.162', 80, 'reset', 'HTTP.Unknown.Tunnelling', '107347981']);

    const fgtLogin = find('ui=ssh(222.186.130.227)');
    expect([fgtLogin['user.name'], fgtLogin['source.ip'], fgtLogin['event.outcome']]).toEqual(['root', '222.186.130.227', 'failure']);

    const pan = find('DCS-2530L Unauthenticated Information Disclosure');
    expect([pan['source.ip'], pan['destination.ip'], pan['destination.port'], pan['source.nat.ip'], pan['event.action'], pan['rule.id'], pan['rule.name']])
      .toEqual(['199.195.252.165', '172.30.250.61', 443, '199.195.252.165', 'reset-both', '90255', 'DCS-2530L Unauthenticated Information Disclosure Vulnerability']);

    const ns = find('SYN flood! From 192.168.18.53:41437');
    expect([ns['source.ip'], ns['source.port'], ns['destination.ip'], ns['destination.port'], ns['rule.name'], ns['event.code']])
      .toEqual(['192.168.18.53', 41437, '192.168.17.251', 9612, 'SYN flood', '00005']);

    const cp = find('[action:"Drop"; flags:"400644"');
    expect([cp['event.action'], cp['observer.ip'], cp['event.type']]).toEqual(['Drop', '11.22.33.44', ['denied', 'connection']]);

    const ssh = find('Failed password for user from 172.18.1.100 port 43042');
    expect([ssh['user.name'], ssh['source.ip'], ssh['source.port'], ssh['event.outcome']]).toEqual(['user', '172.18.1.100', 43042, 'failure']);

    const sudo = find('COMMAND=/usr/bin/tail /var/log/snort/alert.fast');
    expect([sudo['user.name'], sudo['user.effective.name'], sudo['process.command_line']]).toEqual(['dcid', 'root', '/usr/bin/tail /var/log/snort/alert.fast']);

    const sq = find('1140701044.525   1231 192.168.1.201 TCP_DENIED/400');
    // This synthetic line has no URL column: `ahmet` sits where the URL goes and the user is `-`.
    expect([sq['source.ip'], sq['http.response.status_code'], sq['event.action'], sq['http.request.method'], sq['user.name']]).toEqual(['192.168.1.201', 400, 'TCP_DENIED', 'GET', undefined]);

    const web = find('"GET /phpMyAdmin/scripts/setup.php HTTP/1.1" 404');
    expect([web['source.ip'], web['url.path'], web['http.response.status_code']]).toEqual(['10.0.0.5', '/phpMyAdmin/scripts/setup.php', 404]);

    const modsec = find('[id "960015"]');
    expect([modsec['source.ip'], modsec['rule.id'], modsec['rule.name'], modsec['http.response.status_code']]).toEqual(['172.16.10.91', '960015', 'Request Missing an Accept Header', 403]);

    const sysmon = find('technique_id=T1202,technique_name=Indirect Command Execution');
    expect([sysmon['winlog.event_id'], sysmon['winlog.event_data.Image'], sysmon['process.name'], sysmon['host.name']])
      .toEqual(['1', 'C:\\Windows\\System32\\wscript.exe', 'wscript.exe', 'DESKTOP-2QKFOBA']);
  });
});
