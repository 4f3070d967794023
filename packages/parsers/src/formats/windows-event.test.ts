import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLine } from '../index.ts';
import { corpusDir, hasCorpus, splitConcatenatedJson } from '../../test/corpus-path.ts';

const ctx = { receivedAt: Date.UTC(2026, 0, 1), timezone: 'UTC' };

function walk(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p, ext));
    else if (e.name.endsWith(ext)) out.push(p);
  }
  return out;
}

describe('windows-event shapes', () => {
  it('reads EVTX-as-JSON with EventData as Data arrays (@Name and #attributes forms)', () => {
    const doc = {
      Event: {
        System: { Provider: { '@Name': 'Microsoft-Windows-Security-Auditing' }, EventID: { '#text': '4625' }, Channel: 'Security', Computer: 'dc01', EventRecordID: '77', TimeCreated: { '@SystemTime': '2024-03-01T10:00:00.000Z' } },
        EventData: { Data: [{ '@Name': 'TargetUserName', '#text': '山田' }, { '#attributes': { Name: 'IpAddress' }, '#text': '2001:db8::7' }, { '@Name': 'LogonType', '#text': '3' }] },
      },
    };
    const r = parseLine('auto', JSON.stringify(doc), ctx);
    expect(r.format).toBe('windows-event');
    expect(r.error).toBeUndefined();
    expect(r.fields['winlog.event_id']).toBe('4625');
    expect(r.fields['event.code']).toBe('4625');
    expect(r.fields['winlog.event_data.TargetUserName']).toBe('山田');
    expect(r.fields['user.name']).toBe('山田');
    expect(r.fields['source.ip']).toBe('2001:db8::7');
    expect(r.fields['event.outcome']).toBe('failure');
    expect(r.fields['host.name']).toBe('dc01');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2024, 2, 1, 10));
  });

  it('reads winlogbeat documents and keeps event_id as text', () => {
    const doc = { '@timestamp': '2024-03-01T10:00:00Z', winlog: { event_id: 1, channel: 'Microsoft-Windows-Sysmon/Operational', provider_name: 'Microsoft-Windows-Sysmon', computer_name: 'ws1', record_id: 5, event_data: { Image: 'C:\\Windows\\System32\\cmd.exe', CommandLine: 'cmd /c whoami', ParentImage: 'C:\\Windows\\explorer.exe', User: 'CORP\\alice', ProcessId: '42' } } };
    const r = parseLine('auto', JSON.stringify(doc), ctx);
    expect(r.format).toBe('windows-event');
    expect(r.fields['winlog.event_id']).toBe('1');
    expect(r.fields['winlog.record_id']).toBe('5');
    expect(r.fields['process.executable']).toBe('C:\\Windows\\System32\\cmd.exe');
    expect(r.fields['process.name']).toBe('cmd.exe');
    expect(r.fields['process.parent.executable']).toBe('C:\\Windows\\explorer.exe');
    expect(r.fields['process.command_line']).toBe('cmd /c whoami');
    expect(r.fields['user.name']).toBe('alice');
    expect(r.fields['user.domain']).toBe('CORP');
    expect(r.fields['event.category']).toEqual(['process']);
  });

  it('maps OTRF flat records to the same winlog names', () => {
    const line = '{"EventID":4688,"Channel":"Security","Hostname":"WS5","TimeCreated":"2020-10-18 07:50:06.220","NewProcessName":"C:\\\\Windows\\\\System32\\\\rundll32.exe","ParentProcessName":"C:\\\\Windows\\\\System32\\\\cmd.exe","CommandLine":"rundll32 comsvcs.dll MiniDump","SubjectUserName":"wardog","NewProcessId":"0x1a2b"}';
    const r = parseLine('auto', line, ctx);
    expect(r.format).toBe('windows-event');
    expect(r.fields['winlog.event_data.NewProcessName']).toBe('C:\\Windows\\System32\\rundll32.exe');
    expect(r.fields['winlog.event_data.EventID']).toBeUndefined();
    expect(r.fields['process.pid']).toBe(0x1a2b);
    expect(r.fields['user.name']).toBe('wardog');
    expect(r.fields['@timestamp']).toBe(Date.UTC(2020, 9, 18, 7, 50, 6, 220));
  });
});

describe.skipIf(!hasCorpus)('windows-event on the external corpus', () => {
  it('parses every SigmaHQ regression event (EVTX-as-JSON) with its event id and EventData', () => {
    let n = 0;
    for (const file of walk(join(corpusDir, 'sigma/regression_data'), '.json')) {
      for (const doc of splitConcatenatedJson(readFileSync(file, 'utf8'))) {
        const r = parseLine('auto', doc, ctx);
        expect(r.format, file).toBe('windows-event');
        expect(r.error, file).toBeUndefined();
        expect(r.fields['winlog.event_id'], file).toMatch(/^\d+$/);
        expect(typeof r.fields['@timestamp'], file).toBe('number');
        n++;
      }
    }
    expect(n).toBeGreaterThan(200);
  });

  it('parses every OTRF Windows NDJSON record (blank lines skipped)', () => {
    let n = 0;
    for (const file of walk(join(corpusDir, 'otrf/windows'), '.json')) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        const r = parseLine('auto', line, ctx);
        expect(r.format, line.slice(0, 200)).toBe('windows-event');
        expect(r.error).toBeUndefined();
        expect(typeof r.fields['@timestamp']).toBe('number');
        n++;
      }
    }
    expect(n).toBe(4140);
  });
});
