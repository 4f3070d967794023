/**
 * ECS fields derived from a Windows record's EventData. The winlog.event_data.* copies stay the source of
 * truth (Sigma rules use the original names); these make the common questions answerable with ECS names.
 */
import type { EventFields } from '@mamori/schema';
import { addTo, setHost, setIp, setPort, setStr, setTransport, setUser } from '../../lib/field-helpers.ts';
import type { WindowsRecord } from './windows-shapes.ts';

function baseName(path: string): string {
  const i = Math.max(path.lastIndexOf('\\'), path.lastIndexOf('/'));
  return i >= 0 ? path.slice(i + 1) : path;
}

function setExecutable(f: EventFields, key: 'process' | 'process.parent', path: string | undefined): void {
  if (path === undefined || path === '' || path === '-') return;
  f[`${key}.executable`] = path;
  f[`${key}.name`] = baseName(path);
}

/** Sysmon/4688 process ids: decimal in Sysmon, hex (`0x1a2b`) in Security. */
function pid(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = v.startsWith('0x') || v.startsWith('0X') ? parseInt(v.slice(2), 16) : Number(v);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** `DOMAIN\user` → user.domain + user.name. */
function setDomainUser(f: EventFields, v: string | undefined): void {
  if (v === undefined || v === '' || v === '-') return;
  const i = v.indexOf('\\');
  if (i > 0) {
    f['user.domain'] = v.slice(0, i);
    setUser(f, v.slice(i + 1));
  } else setUser(f, v);
}

/** `SHA1=…,MD5=…,SHA256=…,IMPHASH=…` → <prefix>.hash.sha1 … */
function setHashes(f: EventFields, prefix: string, v: string | undefined): void {
  if (v === undefined) return;
  for (const part of v.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const algo = part.slice(0, eq).trim().toLowerCase();
    if (algo === 'sha1' || algo === 'md5' || algo === 'sha256' || algo === 'imphash' || algo === 'sha384' || algo === 'sha512') {
      f[`${prefix}.hash.${algo}`] = part.slice(eq + 1).trim().toLowerCase();
    }
  }
}

const LOGON_SUCCESS = new Set(['4624', '4648', '4768', '4769', '4776']);
const LOGON_FAILURE = new Set(['4625', '4771']);

export function mapWindowsEcs(r: WindowsRecord, f: EventFields): void {
  const d = r.eventData;
  const g = (k: string): string | undefined => d.get(k);
  const id = r.eventId ?? '';
  const sysmon = r.provider === 'Microsoft-Windows-Sysmon' || r.channel === 'Microsoft-Windows-Sysmon/Operational';

  setExecutable(f, 'process', g('Image') ?? g('NewProcessName') ?? g('ProcessName') ?? g('SourceImage'));
  setStr(f, 'process.command_line', g('CommandLine') ?? g('ProcessCommandLine'));
  setExecutable(f, 'process.parent', g('ParentImage') ?? g('ParentProcessName'));
  setStr(f, 'process.parent.command_line', g('ParentCommandLine'));
  setStr(f, 'process.working_directory', g('CurrentDirectory'));
  setStr(f, 'process.pe.original_file_name', g('OriginalFileName'));
  setStr(f, 'process.entity_id', g('ProcessGuid'));
  const p = pid(g('ProcessId') ?? g('NewProcessId'));
  if (p !== undefined) f['process.pid'] = p;
  const pp = pid(g('ParentProcessId'));
  if (pp !== undefined) f['process.parent.pid'] = pp;
  setHashes(f, 'process', g('Hashes'));
  setDomainUser(f, g('User'));
  if (f['user.name'] === undefined) {
    const target = g('TargetUserName');
    const subject = g('SubjectUserName');
    const logon = LOGON_SUCCESS.has(id) || LOGON_FAILURE.has(id);
    const name = logon ? target ?? subject : subject ?? target;
    setUser(f, name);
    setStr(f, 'user.domain', logon ? g('TargetDomainName') ?? g('SubjectDomainName') : g('SubjectDomainName') ?? g('TargetDomainName'));
  }
  if (g('TargetUserName') !== undefined && g('SubjectUserName') !== undefined) setStr(f, 'user.target.name', g('TargetUserName'));
  setStr(f, 'user.id', g('TargetUserSid') ?? g('SubjectUserSid'));

  setIp(f, 'source.ip', g('SourceIp') ?? g('IpAddress') ?? g('SourceAddress') ?? g('ClientAddress'));
  setPort(f, 'source.port', g('SourcePort') ?? g('IpPort'));
  setHost(f, 'source.domain', g('SourceHostname') ?? g('WorkstationName'));
  setIp(f, 'destination.ip', g('DestinationIp') ?? g('DestAddress'));
  setPort(f, 'destination.port', g('DestinationPort') ?? g('DestPort'));
  setHost(f, 'destination.domain', g('DestinationHostname'));
  setTransport(f, g('Protocol'));

  const target = g('TargetFilename') ?? g('TargetFileName');
  if (target !== undefined) {
    f['file.path'] = target;
    f['file.name'] = baseName(target);
  } else if (g('ImageLoaded') !== undefined) {
    f['file.path'] = g('ImageLoaded')!;
    f['file.name'] = baseName(g('ImageLoaded')!);
  }
  setStr(f, 'registry.path', g('TargetObject') ?? g('ObjectName'));
  setStr(f, 'dns.question.name', g('QueryName'));
  setStr(f, 'service.name', g('ServiceName'));
  setStr(f, 'rule.name', sysmon ? g('RuleName') : undefined);

  categorise(f, id, sysmon, r);
}

function categorise(f: EventFields, id: string, sysmon: boolean, r: WindowsRecord): void {
  if (sysmon) {
    switch (id) {
      case '1': addTo(f, 'event.category', 'process'); addTo(f, 'event.type', 'start'); f['event.action'] = 'Process Create'; return;
      case '3': addTo(f, 'event.category', 'network'); addTo(f, 'event.type', 'connection'); f['event.action'] = 'Network connection detected'; return;
      case '5': addTo(f, 'event.category', 'process'); addTo(f, 'event.type', 'end'); f['event.action'] = 'Process terminated'; return;
      case '7': addTo(f, 'event.category', 'library'); addTo(f, 'event.type', 'start'); f['event.action'] = 'Image loaded'; return;
      case '8': case '10': addTo(f, 'event.category', 'process'); addTo(f, 'event.type', 'access'); f['event.action'] = id === '8' ? 'CreateRemoteThread detected' : 'Process accessed'; return;
      case '11': addTo(f, 'event.category', 'file'); addTo(f, 'event.type', 'creation'); f['event.action'] = 'File created'; return;
      case '12': case '13': case '14': addTo(f, 'event.category', 'registry'); addTo(f, 'event.type', 'change'); f['event.action'] = 'Registry event'; return;
      case '22': addTo(f, 'event.category', 'network'); addTo(f, 'event.type', 'protocol'); f['event.action'] = 'DNS query'; return;
      default: addTo(f, 'event.category', 'host'); addTo(f, 'event.type', 'info'); return;
    }
  }
  if (r.channel === 'Security' || r.provider === 'Microsoft-Windows-Security-Auditing') {
    if (LOGON_SUCCESS.has(id) || LOGON_FAILURE.has(id) || id === '4634' || id === '4647') {
      addTo(f, 'event.category', 'authentication');
      addTo(f, 'event.type', id === '4634' || id === '4647' ? 'end' : 'start');
      f['event.outcome'] = LOGON_FAILURE.has(id) ? 'failure' : 'success';
    } else if (id === '4688' || id === '4689') {
      addTo(f, 'event.category', 'process');
      addTo(f, 'event.type', id === '4688' ? 'start' : 'end');
    } else if (id >= '4720' && id <= '4767' && id.length === 4) {
      addTo(f, 'event.category', 'iam');
      addTo(f, 'event.type', 'change');
    } else if (id === '1102') {
      addTo(f, 'event.category', 'host');
      addTo(f, 'event.type', 'deletion');
      f['event.action'] = 'audit-log-cleared';
    } else if (id === '5156' || id === '5157') {
      addTo(f, 'event.category', 'network');
      addTo(f, 'event.type', 'connection');
      addTo(f, 'event.type', id === '5156' ? 'allowed' : 'denied');
    }
  }
}
