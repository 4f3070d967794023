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
  // Constant names: template-built keys would be re-interned on every store.
  f[key === 'process' ? 'process.executable' : 'process.parent.executable'] = path;
  f[key === 'process' ? 'process.name' : 'process.parent.name'] = baseName(path);
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

const HASH_FIELDS: Record<string, string> = {
  sha1: 'process.hash.sha1', md5: 'process.hash.md5', sha256: 'process.hash.sha256', imphash: 'process.hash.imphash',
  sha384: 'process.hash.sha384', sha512: 'process.hash.sha512',
};

/** `SHA1=…,MD5=…,SHA256=…,IMPHASH=…` → <prefix>.hash.sha1 … */
function setHashes(f: EventFields, prefix: string, v: string | undefined): void {
  if (v === undefined) return;
  for (const part of v.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const algo = part.slice(0, eq).trim().toLowerCase();
    const name = HASH_FIELDS[algo];
    if (name !== undefined) f[prefix === 'process' ? name : `${prefix}.hash.${algo}`] = part.slice(eq + 1).trim().toLowerCase();
  }
}

const LOGON_SUCCESS = new Set(['4624', '4648', '4768', '4769', '4776']);
const LOGON_FAILURE = new Set(['4625', '4771']);

export function mapWindowsEcs(r: WindowsRecord, f: EventFields): void {
  const d = r.eventData;
  const id = r.eventId ?? '';
  const sysmon = r.provider === 'Microsoft-Windows-Sysmon' || r.channel === 'Microsoft-Windows-Sysmon/Operational';

  setExecutable(f, 'process', d.get('Image') ?? d.get('NewProcessName') ?? d.get('ProcessName') ?? d.get('SourceImage'));
  setStr(f, 'process.command_line', d.get('CommandLine') ?? d.get('ProcessCommandLine'));
  setExecutable(f, 'process.parent', d.get('ParentImage') ?? d.get('ParentProcessName'));
  setStr(f, 'process.parent.command_line', d.get('ParentCommandLine'));
  setStr(f, 'process.working_directory', d.get('CurrentDirectory'));
  setStr(f, 'process.pe.original_file_name', d.get('OriginalFileName'));
  setStr(f, 'process.entity_id', d.get('ProcessGuid'));
  const p = pid(d.get('ProcessId') ?? d.get('NewProcessId'));
  if (p !== undefined) f['process.pid'] = p;
  const pp = pid(d.get('ParentProcessId'));
  if (pp !== undefined) f['process.parent.pid'] = pp;
  setHashes(f, 'process', d.get('Hashes'));
  setDomainUser(f, d.get('User'));
  if (f['user.name'] === undefined) {
    const target = d.get('TargetUserName');
    const subject = d.get('SubjectUserName');
    const logon = LOGON_SUCCESS.has(id) || LOGON_FAILURE.has(id);
    const name = logon ? target ?? subject : subject ?? target;
    setUser(f, name);
    setStr(f, 'user.domain', logon ? d.get('TargetDomainName') ?? d.get('SubjectDomainName') : d.get('SubjectDomainName') ?? d.get('TargetDomainName'));
  }
  if (d.get('TargetUserName') !== undefined && d.get('SubjectUserName') !== undefined) setStr(f, 'user.target.name', d.get('TargetUserName'));
  setStr(f, 'user.id', d.get('TargetUserSid') ?? d.get('SubjectUserSid'));

  setIp(f, 'source.ip', d.get('SourceIp') ?? d.get('IpAddress') ?? d.get('SourceAddress') ?? d.get('ClientAddress'));
  setPort(f, 'source.port', d.get('SourcePort') ?? d.get('IpPort'));
  setHost(f, 'source.domain', d.get('SourceHostname') ?? d.get('WorkstationName'));
  setIp(f, 'destination.ip', d.get('DestinationIp') ?? d.get('DestAddress'));
  setPort(f, 'destination.port', d.get('DestinationPort') ?? d.get('DestPort'));
  setHost(f, 'destination.domain', d.get('DestinationHostname'));
  setTransport(f, d.get('Protocol'));

  const target = d.get('TargetFilename') ?? d.get('TargetFileName');
  if (target !== undefined) {
    f['file.path'] = target;
    f['file.name'] = baseName(target);
  } else if (d.get('ImageLoaded') !== undefined) {
    f['file.path'] = d.get('ImageLoaded')!;
    f['file.name'] = baseName(d.get('ImageLoaded')!);
  }
  setStr(f, 'registry.path', d.get('TargetObject') ?? d.get('ObjectName'));
  setStr(f, 'dns.question.name', d.get('QueryName'));
  setStr(f, 'service.name', d.get('ServiceName'));
  setStr(f, 'rule.name', sysmon ? d.get('RuleName') : undefined);

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
