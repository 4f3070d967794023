import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  WINDOWS_CATEGORY_SOURCES,
  WINDOWS_SERVICE_CHANNELS,
  candidateKeys,
  compileRuleSet,
  loadRules,
} from '../src/index.ts';
import { SIGMA_CORPUS } from './helpers/corpus.ts';

interface ThorSource {
  product?: string;
  category?: string;
  service?: string;
  conditions?: { EventID: number | number[]; EventType?: string };
  rewrite?: { service: string };
  sources?: string[];
  fieldmappings?: Record<string, string>;
}

describe('Windows logsource mapping', () => {
  const thor = (
    parse(readFileSync(join(SIGMA_CORPUS, 'logsource-mapping/thor.yml'), 'utf8')) as {
      logsources: Record<string, ThorSource>;
    }
  ).logsources;

  it('equals SigmaHQ thor.yml: every service channel and category EventID', () => {
    for (const s of Object.values(thor)) {
      if (s.product === 'windows' && s.sources && s.service) {
        expect(WINDOWS_SERVICE_CHANNELS[s.service]).toEqual(s.sources.map((x) => x.split(':').slice(1).join(':')));
      }
      if (s.conditions && s.rewrite && s.category) {
        const ids = (Array.isArray(s.conditions.EventID) ? s.conditions.EventID : [s.conditions.EventID]).map(String);
        const found = WINDOWS_CATEGORY_SOURCES.find(
          (c) =>
            c.category === s.category &&
            c.service === s.rewrite!.service &&
            c.eventIds.join() === ids.join() &&
            c.eventType === s.conditions!.EventType,
        );
        expect(found, `${s.category} ${ids.join()}`).toBeDefined();
        expect(found!.fieldMappings).toEqual(s.fieldmappings);
      }
    }
  });

  const rule = (logsource: string, detection = 's: {Image|endswith: \\cmd.exe}'): ReturnType<typeof compileRuleSet> =>
    compileRuleSet(
      loadRules([`title: t\nid: t\nlogsource: {${logsource}}\ndetection: {${detection}, condition: s}\n`]).rules,
    );

  it('process_creation meets Sysmon 1 and Security 4688 (Image ← NewProcessName) and nothing else', () => {
    const set = rule('product: windows, category: process_creation');
    const sysmon = {
      'winlog.channel': 'Microsoft-Windows-Sysmon/Operational',
      'winlog.event_id': '1',
      'winlog.event_data.Image': 'C:\\x\\cmd.exe',
    };
    expect(set.match(sysmon)).toHaveLength(1);
    expect(set.match({ ...sysmon, 'winlog.event_id': '7' })).toHaveLength(0);
    expect(
      set.match({
        'winlog.channel': 'Security',
        'winlog.event_id': '4688',
        'winlog.event_data.NewProcessName': 'C:\\x\\CMD.exe',
      }),
    ).toHaveLength(1);
    expect(
      set.match({
        'winlog.channel': 'System',
        'winlog.event_id': '4688',
        'winlog.event_data.NewProcessName': 'C:\\x\\cmd.exe',
      }),
    ).toHaveLength(0);
  });

  it('registry_add is Sysmon 12 with EventType CreateKey only', () => {
    const set = rule('product: windows, category: registry_add', 's: {TargetObject|contains: Run}');
    const e = {
      'winlog.channel': 'Microsoft-Windows-Sysmon/Operational',
      'winlog.event_id': '12',
      'winlog.event_data.TargetObject': 'HKLM\\Run',
    };
    expect(set.match({ ...e, 'winlog.event_data.EventType': 'CreateKey' })).toHaveLength(1);
    expect(set.match({ ...e, 'winlog.event_data.EventType': 'DeleteKey' })).toHaveLength(0);
  });

  it('services map to channels (windefend, wmi, taskscheduler), system fields to winlog.*', () => {
    const set = rule(
      'product: windows, service: windefend',
      's: {EventID: 1116, Provider_Name: Microsoft-Windows-Windows Defender}',
    );
    expect(
      set.match({
        'winlog.channel': 'Microsoft-Windows-Windows Defender/Operational',
        'winlog.event_id': '1116',
        'winlog.provider_name': 'Microsoft-Windows-Windows Defender',
      }),
    ).toHaveLength(1);
    expect(
      set.match({
        'winlog.channel': 'Security',
        'winlog.event_id': '1116',
        'winlog.provider_name': 'Microsoft-Windows-Windows Defender',
      }),
    ).toHaveLength(0);
  });

  it('reads Windows fields from event_data first, then user_data, ECS, then the plain name', () => {
    expect(candidateKeys('Image', 'windows')).toEqual([
      'winlog.event_data.Image',
      'winlog.event_data.NewProcessName',
      'winlog.user_data.Image',
      'process.executable',
      'Image',
    ]);
    expect(candidateKeys('EventID', 'windows')).toEqual(['winlog.event_id', 'event.code', 'EventID']);
    expect(candidateKeys('c-uri', 'other')).toEqual(['url.original', 'c-uri']);
  });

  it('matches space-stripped names of EventData fields ("Threat Name" as ThreatName)', () => {
    const set = rule('product: windows, service: windefend', 's: {ThreatName|contains: EICAR}');
    expect(
      set.match({
        'winlog.channel': 'Microsoft-Windows-Windows Defender/Operational',
        'winlog.event_id': '1116',
        'winlog.event_data.Threat Name': 'Virus:DOS/EICAR_Test_File',
      }),
    ).toHaveLength(1);
  });

  it('non-Windows logsources meet events by their source hints (webserver, firewall, linux)', () => {
    const web = rule('category: webserver', "s: {c-uri|contains: '/etc/passwd'}");
    expect(
      web.match({
        'event.category': ['web'],
        'event.dataset': 'nginx.access',
        'url.original': '/a?f=../../etc/passwd',
      }),
    ).toHaveLength(1);
    expect(
      web.match({ 'event.category': ['web'], 'observer.type': 'proxy', 'url.original': '/etc/passwd' }),
    ).toHaveLength(0);
    const fw = rule('category: firewall', 's: {dst_port: 3389, action: deny}');
    expect(fw.match({ 'observer.type': 'firewall', 'destination.port': 3389, 'event.action': 'deny' })).toHaveLength(1);
    const linux = rule(
      'product: linux, category: process_creation',
      "s: {Image|endswith: '/arp', CommandLine|contains: '-a'}",
    );
    expect(
      linux.match({
        'host.os.type': 'linux',
        'event.category': ['process'],
        'process.executable': '/usr/sbin/arp',
        'process.command_line': 'arp -a',
      }),
    ).toHaveLength(1);
    expect(
      linux.match({
        'host.os.type': 'macos',
        'event.category': ['process'],
        'process.executable': '/usr/sbin/arp',
        'process.command_line': 'arp -a',
      }),
    ).toHaveLength(0);
  });
});
