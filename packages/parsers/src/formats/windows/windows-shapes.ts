/**
 * The JSON shapes Windows events arrive in, reduced to one internal form: system fields plus EventData as
 * Name → string. Shapes: EVTX-as-JSON (`{"Event":{"System":…,"EventData":…}}`, evtx_dump / python-evtx
 * style, EventData as an object or as `Data` arrays with `@Name`/`#attributes.Name`), winlogbeat
 * (`winlog.event_data`), Wazuh eventchannel (`win.system` / `win.eventdata`, camelCase), and flat NXLog-style
 * NDJSON (OTRF: `EventID`, `Channel`, `Image` … all top level).
 */
import { type JsonObject, obj, safeStringify, str } from '../../lib/json-fields.ts';
import { isUnsafeKey } from '../../lib/field-helpers.ts';

export interface WindowsRecord {
  eventId?: string;
  channel?: string;
  provider?: string;
  providerGuid?: string;
  computer?: string;
  recordId?: string;
  level?: string;
  task?: string;
  opcode?: string;
  keywords?: string;
  processId?: string;
  threadId?: string;
  userId?: string;
  time?: unknown;
  message?: string;
  eventData: Map<string, string>;
  userData: Map<string, string>;
  /** Fields to keep as they are (winlogbeat documents are ECS already). */
  passthrough?: JsonObject;
}

function scalar(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'object') {
    const o = obj(v);
    // `{"#text": "…"}` and `{"#attributes":…, "#text":…}` (xmltodict/evtx_dump) carry the value in #text.
    if (o !== undefined && '#text' in o) return str(o['#text']);
    return safeStringify(v);
  }
  return str(v);
}

function attr(v: unknown, name: string): string | undefined {
  const o = obj(v);
  if (o === undefined) return scalar(v);
  const a = obj(o['#attributes']);
  return str(a?.[name] ?? o[`@${name}`] ?? o[name]);
}

function putData(target: Map<string, string>, name: string | undefined, value: unknown): void {
  if (name === undefined || name === '' || isUnsafeKey(name)) return;
  const v = scalar(value);
  if (v !== undefined) target.set(name, v);
}

/** EventData/UserData in any of the EVTX-to-JSON dialects. */
function readDataSection(section: unknown, target: Map<string, string>, depth = 0): void {
  const o = obj(section);
  if (o === undefined) return;
  const data = o.Data;
  if (Array.isArray(data)) {
    let unnamed = 0;
    for (const d of data) {
      const name = attr(d, 'Name');
      if (name !== undefined && obj(d) !== undefined) putData(target, name, obj(d)?.['#text'] ?? '');
      else putData(target, `param${++unnamed}`, d);
    }
  } else if (data !== undefined && obj(data) !== undefined && attr(data, 'Name') !== undefined) {
    putData(target, attr(data, 'Name'), obj(data)?.['#text'] ?? '');
  } else if (typeof data === 'string' || typeof data === 'number') {
    putData(target, 'param1', data); // a single unnamed <Data> element
  }
  for (const k in o) {
    if (k === 'Data' || k === '#attributes' || k.startsWith('@')) continue;
    const v = o[k];
    const inner = obj(v);
    // UserData wraps its fields in one element named after the event (`Operation_ClientFailure`).
    if (inner !== undefined && !('#text' in inner) && depth < 8) readDataSection(inner, target, depth + 1);
    else putData(target, k, v);
  }
}

function fromEvtx(ev: JsonObject): WindowsRecord {
  const sys = obj(ev.System) ?? {};
  const r: WindowsRecord = { eventData: new Map(), userData: new Map() };
  r.eventId = scalar(sys.EventID);
  r.channel = scalar(sys.Channel);
  r.provider = attr(sys.Provider, 'Name');
  r.providerGuid = attr(sys.Provider, 'Guid');
  r.computer = scalar(sys.Computer);
  r.recordId = scalar(sys.EventRecordID);
  r.level = scalar(sys.Level);
  r.task = scalar(sys.Task);
  r.opcode = scalar(sys.Opcode);
  r.keywords = scalar(sys.Keywords);
  r.processId = attr(sys.Execution, 'ProcessID');
  r.threadId = attr(sys.Execution, 'ThreadID');
  r.userId = attr(sys.Security, 'UserID');
  r.time = attr(sys.TimeCreated, 'SystemTime');
  readDataSection(ev.EventData, r.eventData);
  readDataSection(ev.UserData, r.userData);
  const rendering = obj(ev.RenderingInfo);
  if (rendering !== undefined) r.message = scalar(rendering.Message);
  return r;
}

function fromWinlogbeat(doc: JsonObject, winlog: JsonObject): WindowsRecord {
  const r: WindowsRecord = { eventData: new Map(), userData: new Map(), passthrough: doc };
  r.eventId = scalar(winlog.event_id);
  r.channel = scalar(winlog.channel);
  r.provider = scalar(winlog.provider_name);
  r.providerGuid = scalar(winlog.provider_guid);
  r.computer = scalar(winlog.computer_name);
  r.recordId = scalar(winlog.record_id);
  r.task = scalar(winlog.task);
  r.opcode = scalar(winlog.opcode);
  r.processId = scalar(obj(winlog.process)?.pid);
  r.time = doc['@timestamp'];
  r.message = scalar(doc.message);
  const ed = obj(winlog.event_data);
  if (ed !== undefined) for (const k in ed) putData(r.eventData, k, ed[k]);
  const ud = obj(winlog.user_data);
  if (ud !== undefined) for (const k in ud) putData(r.userData, k, ud[k]);
  return r;
}

/** Wazuh writes `eventID`, `commandLine` (first letter lowered) and doubles backslashes. */
function fromWazuh(win: JsonObject): WindowsRecord {
  const sys = obj(win.system) ?? {};
  const r: WindowsRecord = { eventData: new Map(), userData: new Map() };
  r.eventId = scalar(sys.eventID);
  r.channel = scalar(sys.channel);
  r.provider = scalar(sys.providerName);
  r.providerGuid = scalar(sys.providerGuid);
  r.computer = scalar(sys.computer);
  r.recordId = scalar(sys.eventRecordID);
  r.level = scalar(sys.level);
  r.task = scalar(sys.task);
  r.opcode = scalar(sys.opcode);
  r.keywords = scalar(sys.keywords);
  r.processId = scalar(sys.processID);
  r.threadId = scalar(sys.threadID);
  r.time = sys.systemTime;
  r.message = scalar(sys.message);
  const ed = obj(win.eventdata);
  if (ed !== undefined) {
    for (const k in ed) {
      const v = scalar(ed[k]);
      if (v !== undefined) putData(r.eventData, k.charAt(0).toUpperCase() + k.slice(1), v.replaceAll('\\\\', '\\'));
    }
  }
  return r;
}

/** NXLog/OTRF flat records: these keys describe the record; every other key is event data. */
const FLAT_SYSTEM_KEYS = new Set([
  'EventID', 'Channel', 'Hostname', 'Computer', 'SourceName', 'ProviderName', 'ProviderGuid', 'Message', 'Task',
  'Level', 'Keywords', 'TimeCreated', '@timestamp', '@version', 'EventTime', 'EventReceivedTime', 'SourceModuleName',
  'SourceModuleType', 'RecordNumber', 'EventRecordID', 'ExecutionProcessID', 'ExecutionThreadID', 'Version',
  'Opcode', 'OpcodeValue', 'Severity', 'SeverityValue', 'Category', 'host', 'port', 'tags', 'ThreadID', 'UserID',
  'ActivityID', 'RelatedActivityID', 'AccountType', 'Domain', 'AccountName',
]);

function fromFlat(doc: JsonObject): WindowsRecord {
  const r: WindowsRecord = { eventData: new Map(), userData: new Map() };
  r.eventId = scalar(doc.EventID);
  r.channel = scalar(doc.Channel);
  r.provider = scalar(doc.SourceName ?? doc.ProviderName);
  r.providerGuid = scalar(doc.ProviderGuid);
  r.computer = scalar(doc.Hostname ?? doc.Computer);
  r.recordId = scalar(doc.RecordNumber ?? doc.EventRecordID);
  r.level = scalar(doc.Level);
  r.task = scalar(doc.Task);
  r.opcode = scalar(doc.Opcode);
  r.keywords = scalar(doc.Keywords);
  r.processId = scalar(doc.ExecutionProcessID);
  r.threadId = scalar(doc.ExecutionThreadID);
  r.time = doc['@timestamp'] ?? doc.TimeCreated ?? doc.EventTime;
  r.message = scalar(doc.Message);
  for (const k in doc) if (!FLAT_SYSTEM_KEYS.has(k)) putData(r.eventData, k, doc[k]);
  return r;
}

/** The record in `doc`, or undefined when the object is not a Windows event in a known shape. */
export function readWindowsRecord(doc: JsonObject): WindowsRecord | undefined {
  const ev = obj(doc.Event);
  if (ev !== undefined && obj(ev.System) !== undefined) return fromEvtx(ev);
  if (obj(doc.System) !== undefined && (doc.EventData !== undefined || doc.UserData !== undefined)) return fromEvtx(doc);
  const winlog = obj(doc.winlog);
  if (winlog !== undefined) return fromWinlogbeat(doc, winlog);
  const win = obj(doc.win);
  if (win !== undefined && obj(win.system) !== undefined) return fromWazuh(win);
  if (doc.EventID !== undefined && (doc.Channel !== undefined || doc.SourceName !== undefined)) return fromFlat(doc);
  return undefined;
}
