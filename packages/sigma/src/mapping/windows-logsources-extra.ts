/**
 * Windows sources SigmaHQ rules use but `thor.yml` does not map. Mamori's own choices, documented in
 * docs/sigma-field-mapping.md; events from these channels reach the rules like any other.
 */
import type { WindowsCategorySource } from './windows-logsources.ts';

export const EXTRA_SERVICE_CHANNELS: Readonly<Record<string, readonly string[]>> = {
  'dns-server': ['DNS Server'],
  'dns-server-analytic': ['Microsoft-Windows-DNSServer/Analytical'],
  'driver-framework': ['Microsoft-Windows-DriverFrameworks-UserMode/Operational'],
  'microsoft-servicebus-client': ['Microsoft-ServiceBus-Client/Admin', 'Microsoft-ServiceBus-Client/Operational'],
  // Kernel-File ETW provider (collected by EDR agents such as Aurora or SilkETW into this channel name).
  'kernel-file': ['Microsoft-Windows-Kernel-File/Analytic'],
};

export const EXTRA_CATEGORY_SOURCES: readonly WindowsCategorySource[] = [
  // Kernel-File 12 = Create (open of an existing or new file).
  { category: 'file_access', service: 'kernel-file', eventIds: ['12'] },
  // Kernel-File 19 = Rename, 27 = RenamePath.
  { category: 'file_rename', service: 'kernel-file', eventIds: ['19', '27'] },
];
