/**
 * Sigma field names → keys of Mamori's flat normalised events. A Sigma field resolves to an ordered list
 * of candidate keys; the first key present in the event supplies the value. See docs/sigma-field-mapping.md.
 */
import { WINDOWS_CATEGORY_SOURCES } from './windows-logsources.ts';

/** Fields of the Windows `<System>` header, named the Sigma way (`Provider_Name` = Provider's Name attribute). */
const WINDOWS_SYSTEM_FIELDS: Readonly<Record<string, readonly string[]>> = {
  EventID: ['winlog.event_id', 'event.code'],
  Channel: ['winlog.channel'],
  Provider_Name: ['winlog.provider_name'],
  Computer: ['winlog.computer_name', 'host.name'],
  EventRecordID: ['winlog.record_id'],
  Task: ['winlog.task'],
  Keywords: ['winlog.keywords'],
  Security_UserID: ['winlog.user.identifier'],
  Execution_ProcessID: ['winlog.process.pid'],
  Execution_ThreadID: ['winlog.process.thread.id'],
};

/**
 * Sigma taxonomy → ECS. Used after `winlog.event_data.<Field>` on Windows sources, first elsewhere
 * (Sysmon for Linux, macOS, proxies, web servers, firewalls, DNS).
 */
export const SIGMA_TO_ECS: Readonly<Record<string, readonly string[]>> = {
  // process_creation and friends
  Image: ['process.executable'],
  CommandLine: ['process.command_line'],
  ParentImage: ['process.parent.executable'],
  ParentCommandLine: ['process.parent.command_line'],
  ProcessId: ['process.pid'],
  ParentProcessId: ['process.parent.pid'],
  CurrentDirectory: ['process.working_directory'],
  OriginalFileName: ['process.pe.original_file_name'],
  Product: ['process.pe.product'],
  Company: ['process.pe.company'],
  Description: ['process.pe.description'],
  User: ['user.name'],
  LogonId: ['winlog.logon.id'],
  TargetImage: ['process.target.executable'],
  SourceImage: ['process.executable'],
  ImageLoaded: ['dll.path', 'file.path'],
  // files and registry
  TargetFilename: ['file.path'],
  TargetObject: ['registry.path'],
  Details: ['registry.data.strings'],
  // network
  SourceIp: ['source.ip'],
  DestinationIp: ['destination.ip'],
  SourcePort: ['source.port'],
  DestinationPort: ['destination.port'],
  SourceHostname: ['source.domain'],
  DestinationHostname: ['destination.domain'],
  Protocol: ['network.transport'],
  QueryName: ['dns.question.name'],
  ComputerName: ['host.name'],
  Hostname: ['host.name'],
  // firewall taxonomy
  src_ip: ['source.ip'],
  dst_ip: ['destination.ip'],
  src_port: ['source.port'],
  dst_port: ['destination.port'],
  action: ['event.action'],
  username: ['user.name'],
  // dns taxonomy
  query: ['dns.question.name'],
  answer: ['dns.answers.data'],
  record_type: ['dns.question.type'],
  // web server / proxy taxonomy (W3C extended log names)
  'c-uri': ['url.original'],
  'c-uri-query': ['url.query'],
  'c-uri-stem': ['url.path'],
  'c-uri-extension': ['url.extension'],
  'c-useragent': ['user_agent.original'],
  'c-ip': ['source.ip'],
  'cs-method': ['http.request.method'],
  'cs-host': ['url.domain', 'destination.domain'],
  'cs-uri': ['url.original'],
  'cs-uri-query': ['url.query'],
  'cs-uri-stem': ['url.path'],
  'cs-referrer': ['http.request.referrer'],
  'cs-cookie': ['http.request.cookie'],
  'cs-version': ['http.version'],
  'cs-bytes': ['http.request.bytes'],
  'sc-bytes': ['http.response.bytes'],
  'sc-status': ['http.response.status_code'],
  'r-dns': ['destination.domain', 'url.domain'],
  's-ip': ['destination.ip'],
  'dst-ip': ['destination.ip'],
  'src-ip': ['source.ip'],
};

/** Fields a Windows source carries under another EventData name (thor.yml `fieldmappings`). */
const WINDOWS_ALTERNATE_NAMES: Readonly<Record<string, readonly string[]>> = (() => {
  const alternates: Record<string, string[]> = {};
  for (const source of WINDOWS_CATEGORY_SOURCES) {
    for (const [sigma, native] of Object.entries(source.fieldMappings ?? {})) {
      (alternates[sigma] ??= []).push(native);
    }
  }
  return alternates;
})();

export type FieldContext = 'windows' | 'other';

export function candidateKeys(field: string, context: FieldContext): string[] {
  const ecs = SIGMA_TO_ECS[field] ?? [];
  if (context === 'windows') {
    const system = WINDOWS_SYSTEM_FIELDS[field];
    if (system) return [...system, field];
    const alternates = (WINDOWS_ALTERNATE_NAMES[field] ?? []).map((a) => `winlog.event_data.${a}`);
    // UserData (WMI, some Security events) lands in winlog.user_data.* in winlogbeat's layout.
    return unique([`winlog.event_data.${field}`, ...alternates, `winlog.user_data.${field}`, ...ecs, field]);
  }
  return unique([...ecs, field]);
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}
