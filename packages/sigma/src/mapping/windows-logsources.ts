/**
 * Windows logsource → channel / EventID, transcribed from SigmaHQ `tests/thor.yml` (the mapping SigmaHQ's
 * regression CI uses; DRL 1.1, SigmaHQ). `test/windows-logsources.test.ts` checks it still equals the corpus copy.
 */

/** Windows `service:` → event log channel(s). */
export const WINDOWS_SERVICE_CHANNELS: Readonly<Record<string, readonly string[]>> = {
  application: ['Application'],
  security: ['Security'],
  system: ['System'],
  ntlm: ['Microsoft-Windows-NTLM/Operational'],
  sysmon: ['Microsoft-Windows-Sysmon/Operational'],
  powershell: ['Microsoft-Windows-PowerShell/Operational', 'PowerShellCore/Operational'],
  'powershell-classic': ['Windows PowerShell'],
  taskscheduler: ['Microsoft-Windows-TaskScheduler/Operational'],
  wmi: ['Microsoft-Windows-WMI-Activity/Operational'],
  dhcp: ['Microsoft-Windows-DHCP-Server/Operational'],
  'printservice-admin': ['Microsoft-Windows-PrintService/Admin'],
  'smbclient-security': ['Microsoft-Windows-SmbClient/Security'],
  'smbclient-connectivity': ['Microsoft-Windows-SmbClient/Connectivity'],
  'smbserver-connectivity': ['Microsoft-Windows-SMBServer/Connectivity'],
  'printservice-operational': ['Microsoft-Windows-PrintService/Operational'],
  'terminalservices-localsessionmanager': ['Microsoft-Windows-TerminalServices-LocalSessionManager/Operational'],
  'codeintegrity-operational': ['Microsoft-Windows-CodeIntegrity/Operational'],
  applocker: [
    'Microsoft-Windows-AppLocker/MSI and Script',
    'Microsoft-Windows-AppLocker/EXE and DLL',
    'Microsoft-Windows-AppLocker/Packaged app-Deployment',
    'Microsoft-Windows-AppLocker/Packaged app-Execution',
  ],
  'msexchange-management': ['MSExchange Management'],
  windefend: ['Microsoft-Windows-Windows Defender/Operational'],
  'firewall-as': ['Microsoft-Windows-Windows Firewall With Advanced Security/Firewall'],
  'bits-client': ['Microsoft-Windows-Bits-Client/Operational'],
  'security-mitigations': [
    'Microsoft-Windows-Security-Mitigations/Kernel Mode',
    'Microsoft-Windows-Security-Mitigations/User Mode',
  ],
  'diagnosis-scripted': ['Microsoft-Windows-Diagnosis-Scripted/Operational'],
  'shell-core': ['Microsoft-Windows-Shell-Core/Operational'],
  openssh: ['OpenSSH/Operational'],
  ldap: ['Microsoft-Windows-LDAP-Client/Debug'],
  bitlocker: ['Microsoft-Windows-BitLocker/BitLocker Management'],
  vhdmp: ['Microsoft-Windows-VHDMP/Operational'],
  'appxdeployment-server': ['Microsoft-Windows-AppXDeploymentServer/Operational'],
  'lsa-server': ['Microsoft-Windows-LSA/Operational'],
  'appxpackaging-om': ['Microsoft-Windows-AppxPackaging/Operational'],
  'dns-client': ['Microsoft-Windows-DNS Client Events/Operational'],
  'appmodel-runtime': ['Microsoft-Windows-AppModel-Runtime/Admin'],
  capi2: ['Microsoft-Windows-CAPI2/Operational'],
  'certificateservicesclient-lifecycle-system': [
    'Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational',
  ],
  'kernel-shimengine': [
    'Microsoft-Windows-Kernel-ShimEngine/Operational',
    'Microsoft-Windows-Kernel-ShimEngine/Diagnostic',
  ],
  'application-experience': [
    'Microsoft-Windows-Application-Experience/Program-Telemetry',
    'Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant',
  ],
  ntfs: ['Microsoft-Windows-Ntfs/Operational'],
  'hyper-v-worker': ['Microsoft-Windows-Hyper-V-Worker'],
  'kernel-event-tracing': ['Microsoft-Windows-Kernel-EventTracing'],
  sense: ['Microsoft-Windows-SENSE/Operational'],
  'servicebus-client': ['Microsoft-ServiceBus-Client/Admin', 'Microsoft-ServiceBus-Client/Operational'],
  'iis-configuration': ['Microsoft-IIS-Configuration/Operational'],
};

export interface WindowsCategorySource {
  category: string;
  service: string;
  eventIds: readonly string[];
  /** Sysmon 12 serves three categories, told apart by EventType. */
  eventType?: string;
  /** Sigma field → the field this source carries instead (Security 4688 has NewProcessName, not Image). */
  fieldMappings?: Readonly<Record<string, string>>;
}

/** Windows `category:` → the (service, EventID) pairs that produce it. */
export const WINDOWS_CATEGORY_SOURCES: readonly WindowsCategorySource[] = [
  { category: 'process_creation', service: 'sysmon', eventIds: ['1'] },
  {
    category: 'process_creation',
    service: 'security',
    eventIds: ['4688'],
    fieldMappings: { Image: 'NewProcessName', ParentImage: 'ParentProcessName' },
  },
  { category: 'file_change', service: 'sysmon', eventIds: ['2'] },
  { category: 'network_connection', service: 'sysmon', eventIds: ['3'] },
  { category: 'sysmon_status', service: 'sysmon', eventIds: ['4'] },
  { category: 'sysmon_status', service: 'sysmon', eventIds: ['16'] },
  { category: 'process_termination', service: 'sysmon', eventIds: ['5'] },
  { category: 'driver_load', service: 'sysmon', eventIds: ['6'] },
  { category: 'image_load', service: 'sysmon', eventIds: ['7'] },
  { category: 'create_remote_thread', service: 'sysmon', eventIds: ['8'] },
  { category: 'raw_access_thread', service: 'sysmon', eventIds: ['9'] },
  { category: 'process_access', service: 'sysmon', eventIds: ['10'] },
  { category: 'file_event', service: 'sysmon', eventIds: ['11'] },
  { category: 'registry_event', service: 'sysmon', eventIds: ['12'] },
  { category: 'registry_event', service: 'sysmon', eventIds: ['13'] },
  { category: 'registry_event', service: 'sysmon', eventIds: ['14'] },
  { category: 'registry_add', service: 'sysmon', eventIds: ['12'], eventType: 'CreateKey' },
  { category: 'registry_delete', service: 'sysmon', eventIds: ['12'], eventType: 'DeleteKey' },
  { category: 'registry_delete', service: 'sysmon', eventIds: ['12'], eventType: 'DeleteValue' },
  { category: 'registry_set', service: 'sysmon', eventIds: ['13'] },
  { category: 'registry_rename', service: 'sysmon', eventIds: ['14'] },
  { category: 'create_stream_hash', service: 'sysmon', eventIds: ['15'] },
  { category: 'pipe_created', service: 'sysmon', eventIds: ['17'] },
  { category: 'pipe_created', service: 'sysmon', eventIds: ['18'] },
  { category: 'wmi_event', service: 'sysmon', eventIds: ['19'] },
  { category: 'wmi_event', service: 'sysmon', eventIds: ['20'] },
  { category: 'wmi_event', service: 'sysmon', eventIds: ['21'] },
  { category: 'dns_query', service: 'sysmon', eventIds: ['22'] },
  { category: 'file_delete', service: 'sysmon', eventIds: ['23'] },
  { category: 'clipboard_change', service: 'sysmon', eventIds: ['24'] },
  { category: 'process_tampering', service: 'sysmon', eventIds: ['25'] },
  { category: 'file_delete_detected', service: 'sysmon', eventIds: ['26'] },
  { category: 'file_block_executable', service: 'sysmon', eventIds: ['27'] },
  { category: 'file_block_shredding', service: 'sysmon', eventIds: ['28'] },
  { category: 'file_executable_detected', service: 'sysmon', eventIds: ['29'] },
  { category: 'sysmon_error', service: 'sysmon', eventIds: ['255'] },
  { category: 'ps_module', service: 'powershell', eventIds: ['4103'] },
  { category: 'ps_script', service: 'powershell', eventIds: ['4104'] },
  { category: 'ps_classic_start', service: 'powershell-classic', eventIds: ['400'] },
  { category: 'ps_classic_provider_start', service: 'powershell-classic', eventIds: ['600'] },
  { category: 'ps_classic_script', service: 'powershell-classic', eventIds: ['800'] },
  {
    category: 'antivirus',
    service: 'windefend',
    eventIds: ['1006', '1007', '1008', '1009', '1010', '1011', '1012', '1017', '1018', '1019', '1115', '1116'],
    fieldMappings: { Signature: 'ThreatName', Filename: 'Path' },
  },
];
