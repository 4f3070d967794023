/**
 * Windows event logs as JSON: winlogbeat, EVTX-as-JSON, Wazuh eventchannel, NXLog/OTRF flat records.
 * Output names (relied on by the Sigma field mapping): winlog.event_data.<OriginalName> for every EventData
 * field as text, winlog.event_id (text), winlog.channel, winlog.provider_name, winlog.computer_name,
 * winlog.record_id, event.code, host.name, @timestamp, plus ECS fields (windows/windows-ecs.ts).
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { flattenInto, payloadObject, joinKey, jsonStart, timeValue, type JsonObject } from '../lib/json-fields.ts';
import { setHost } from '../lib/field-helpers.ts';
import { findStr } from '../lib/text-scan.ts';
import { readWindowsRecord, type WindowsRecord } from './windows/windows-shapes.ts';
import { mapWindowsEcs } from './windows/windows-ecs.ts';

/** Cheap text markers; the parse confirms with the real structure. */
export function looksLikeWindowsJson(payload: string): boolean {
  return (
    (findStr(payload, '"System"', 1) >= 0 && findStr(payload, '"Event"', 1) >= 0) ||
    findStr(payload, '"winlog"', 1) >= 0 ||
    (findStr(payload, '"win"', 1) >= 0 && findStr(payload, '"system"', 7) >= 0) ||
    (findStr(payload, '"EventID"', 6) >= 0 && (findStr(payload, '"Channel"', 1) >= 0 || findStr(payload, '"SourceName"', 7) >= 0))
  );
}

function eventDataKey(name: string, prefix: string): string {
  return joinKey(prefix === 'event_data' ? 'winlog.event_data.' : 'winlog.user_data.', name);
}

const WINLOG_KEY: ReadonlySet<string> = new Set(['winlog']);
const DATA_KEYS: ReadonlySet<string> = new Set(['event_data', 'user_data']);

function datasetOf(channel: string | undefined): string {
  switch (channel ?? '') {
    case 'Microsoft-Windows-Sysmon/Operational': return 'windows.sysmon_operational';
    case 'Security': return 'windows.security';
    case 'System': return 'windows.system';
    case 'Application': return 'windows.application';
    case 'Microsoft-Windows-PowerShell/Operational': case 'Windows PowerShell': return 'windows.powershell';
    default: return 'windows.eventlog';
  }
}

function writeRecord(r: WindowsRecord, f: EventFields, zone: string): void {
  if (r.passthrough !== undefined) {
    // winlogbeat documents are ECS already; event_data/user_data are written below from the record.
    flattenInto(f, r.passthrough, '', WINLOG_KEY);
    const winlog = r.passthrough.winlog;
    if (winlog !== null && typeof winlog === 'object' && !Array.isArray(winlog)) flattenInto(f, winlog as JsonObject, 'winlog.', DATA_KEYS);
  }
  for (const [k, v] of r.eventData) f[eventDataKey(k, 'event_data')] = v;
  for (const [k, v] of r.userData) {
    f[eventDataKey(k, 'user_data')] = v;
    // Sigma's Windows field names do not tell EventData from UserData: offer UserData under event_data too.
    const alias = eventDataKey(k, 'event_data');
    if (f[alias] === undefined) f[alias] = v;
  }
  if (r.eventId !== undefined) {
    f['winlog.event_id'] = r.eventId;
    f['event.code'] = r.eventId;
  }
  if (r.channel !== undefined) f['winlog.channel'] = r.channel;
  if (r.provider !== undefined) {
    f['winlog.provider_name'] = r.provider;
    f['event.provider'] = r.provider;
  }
  if (r.providerGuid !== undefined) f['winlog.provider_guid'] = r.providerGuid;
  if (r.computer !== undefined) {
    f['winlog.computer_name'] = r.computer;
    setHost(f, 'host.name', r.computer);
  }
  if (r.recordId !== undefined) f['winlog.record_id'] = r.recordId;
  if (r.level !== undefined) f['winlog.level'] = r.level;
  if (r.task !== undefined) f['winlog.task'] = r.task;
  if (r.opcode !== undefined) f['winlog.opcode'] = r.opcode;
  if (r.keywords !== undefined) f['winlog.keywords'] = r.keywords;
  if (r.processId !== undefined) f['winlog.process.pid'] = r.processId;
  if (r.threadId !== undefined) f['winlog.process.thread.id'] = r.threadId;
  if (r.userId !== undefined) f['winlog.user.identifier'] = r.userId;
  if (r.message !== undefined && r.message !== '') f.message = r.message;
  const t = timeValue(r.time, zone);
  if (!Number.isNaN(t)) f['@timestamp'] = t;
  else if (typeof f['@timestamp'] !== 'number') delete f['@timestamp'];
  f['event.kind'] = 'event';
  f['event.module'] = r.channel === 'Microsoft-Windows-Sysmon/Operational' ? 'sysmon' : 'windows';
  f['event.dataset'] = datasetOf(r.channel);
  f['observer.vendor'] = 'Microsoft';
  f['observer.product'] = 'Windows';
  f['host.os.family'] = 'windows';
  mapWindowsEcs(r, f);
}

export const windowsEvent = defineFormat({
  name: 'windows-event',
  description: 'Windows event log as JSON: winlogbeat, EVTX-as-JSON (Event.System/EventData), Wazuh eventchannel, NXLog flat',
  detect: (payload) => jsonStart(payload) >= 0 && looksLikeWindowsJson(payload),
  parse(payload, _header, ctx, f) {
    const doc = payloadObject(payload, f);
    if (doc === undefined) return 'not a JSON object';
    const r = readWindowsRecord(doc);
    if (r === undefined) {
      flattenInto(f, doc, '');
      return 'JSON object is not a Windows event (no Event.System, winlog, win.system or EventID+Channel)';
    }
    writeRecord(r, f, ctx.timezone);
    return undefined;
  },
});
