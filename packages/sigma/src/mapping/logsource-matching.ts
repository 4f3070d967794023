/**
 * Which events a rule's `logsource:` can apply to. Windows sources become (channel, EventID) index keys so
 * that an event meets only the rules of its channel and EventID; other sources become a filter over the
 * event's "source hints" (event.module, event.dataset, observer.*, host.os.type, event.category …),
 * evaluated once per event for all rules sharing the logsource. See docs/sigma-field-mapping.md.
 */
import type { EventFields } from '@mamori/schema';
import { SigmaRuleError } from '../errors.ts';
import type { SigmaLogsource } from '../types.ts';
import type { FieldContext } from './field-mapping.ts';
import { EXTRA_CATEGORY_SOURCES, EXTRA_SERVICE_CHANNELS } from './windows-logsources-extra.ts';
import {
  WINDOWS_CATEGORY_SOURCES as THOR_CATEGORY_SOURCES,
  WINDOWS_SERVICE_CHANNELS as THOR_SERVICE_CHANNELS,
} from './windows-logsources.ts';

const WINDOWS_SERVICE_CHANNELS: Readonly<Record<string, readonly string[]>> = {
  ...THOR_SERVICE_CHANNELS,
  ...EXTRA_SERVICE_CHANNELS,
};
const WINDOWS_CATEGORY_SOURCES = [...THOR_CATEGORY_SOURCES, ...EXTRA_CATEGORY_SOURCES];

export interface WindowsKey {
  /** Lower-cased channel, or '*' for any Windows channel. */
  channel: string;
  /** EventIDs this source is made of; undefined = any EventID of the channel. */
  eventIds?: readonly string[];
  /** Sysmon 12 carries three categories; EventType tells them apart. */
  eventType?: string;
}

export interface LogsourcePlan {
  context: FieldContext;
  windows: WindowsKey[];
  /** For non-Windows sources: a stable key (rules with equal keys share one evaluation) and the filter. */
  other?: { key: string; accepts: (hints: SourceHints, fields: EventFields) => boolean };
}

/** Lower-cased words describing where an event came from, computed once per event. */
export type SourceHints = ReadonlySet<string>;

const HINT_FIELDS = [
  'event.module',
  'event.dataset',
  'event.provider',
  'event.category',
  'observer.type',
  'observer.product',
  'observer.vendor',
  'host.os.type',
  'host.os.family',
  'host.os.platform',
  'cloud.provider',
];

/**
 * Memoised on the hint fields' values: a device's events repeat the same few combinations, and building the set
 * for every event showed in ingest profiles. Bounded: cleared when it grows past HINT_CACHE_LIMIT.
 */
const hintCache = new Map<string, SourceHints>();
const HINT_CACHE_LIMIT = 4096;

export function sourceHints(fields: EventFields): SourceHints {
  const rec = fields as Record<string, unknown>;
  let key = '';
  for (const name of HINT_FIELDS) {
    const v = rec[name];
    if (typeof v === 'string') key += v;
    else if (Array.isArray(v)) key += v.join('\u0002');
    key += '\u0001';
  }
  let hints = hintCache.get(key);
  if (hints === undefined) {
    if (hintCache.size >= HINT_CACHE_LIMIT) hintCache.clear();
    hintCache.set(key, (hints = computeSourceHints(rec)));
  }
  return hints;
}

function computeSourceHints(rec: Record<string, unknown>): SourceHints {
  const hints = new Set<string>();
  for (const key of HINT_FIELDS) {
    const value = rec[key];
    const list = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const v of list) {
      if (typeof v !== 'string') continue;
      const lower = v.toLowerCase();
      hints.add(lower);
      // event.dataset "zeek.dns" also says "zeek" and "dns".
      if (lower.includes('.')) for (const part of lower.split('.')) hints.add(part);
    }
  }
  return hints;
}

const PRODUCT_ALIASES: Readonly<Record<string, readonly string[]>> = {
  linux: ['linux', 'auditd', 'syslog'],
  macos: ['macos', 'darwin'],
  aws: ['aws', 'cloudtrail'],
  gcp: ['gcp', 'google_cloud'],
  azure: ['azure'],
  m365: ['m365', 'o365', 'microsoft365'],
};

const SERVICE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  auth: ['auth', 'sshd', 'secure'],
  sshd: ['sshd'],
  auditd: ['auditd'],
  syslog: ['syslog'],
  cloudtrail: ['cloudtrail'],
};

function has(fields: EventFields, key: string): boolean {
  return (fields as Record<string, unknown>)[key] !== undefined;
}

const CATEGORY_FILTERS: Readonly<Record<string, (h: SourceHints, f: EventFields) => boolean>> = {
  process_creation: (h, f) => h.has('process_creation') || (h.has('process') && has(f, 'process.executable')),
  network_connection: (h, f) => h.has('network_connection') || (h.has('network') && has(f, 'destination.ip')),
  file_event: (h) => h.has('file_event') || h.has('file'),
  dns: (h, f) => h.has('dns') || has(f, 'dns.question.name'),
  dns_query: (h, f) => h.has('dns') || has(f, 'dns.question.name'),
  webserver: (h, f) =>
    h.has('webserver') || (!h.has('proxy') && (h.has('web') || h.has('access')) && has(f, 'url.original')),
  proxy: (h) => h.has('proxy'),
  firewall: (h) => h.has('firewall'),
  antivirus: (h) => h.has('antivirus') || h.has('malware'),
};

function otherFilter(ls: SigmaLogsource): LogsourcePlan['other'] {
  const product = ls.product?.toLowerCase();
  const category = ls.category?.toLowerCase();
  const service = ls.service?.toLowerCase();
  const products = product ? (PRODUCT_ALIASES[product] ?? [product]) : undefined;
  const services = service ? (SERVICE_ALIASES[service] ?? [service]) : undefined;
  const categoryFilter = category ? (CATEGORY_FILTERS[category] ?? ((h: SourceHints) => h.has(category))) : undefined;
  return {
    key: `${product ?? ''}/${category ?? ''}/${service ?? ''}`,
    accepts: (hints, fields) =>
      (products === undefined || products.some((p) => hints.has(p))) &&
      (services === undefined || services.some((s) => hints.has(s))) &&
      (categoryFilter === undefined || categoryFilter(hints, fields)),
  };
}

function windowsKeys(ls: SigmaLogsource): WindowsKey[] {
  const service = ls.service?.toLowerCase();
  const category = ls.category?.toLowerCase();
  let serviceChannels: string[] | undefined;
  if (service !== undefined) {
    const channels = WINDOWS_SERVICE_CHANNELS[service];
    if (!channels) throw new SigmaRuleError(`no Windows channel is known for service "${service}"`);
    serviceChannels = channels.map((c) => c.toLowerCase());
  }
  if (category === undefined) return (serviceChannels ?? ['*']).map((channel) => ({ channel }));
  const sources = WINDOWS_CATEGORY_SOURCES.filter((s) => s.category === category);
  if (sources.length === 0) throw new SigmaRuleError(`no Windows event source is known for category "${category}"`);
  const keys: WindowsKey[] = [];
  for (const source of sources) {
    for (const channel of WINDOWS_SERVICE_CHANNELS[source.service] ?? []) {
      const lower = channel.toLowerCase();
      if (serviceChannels && !serviceChannels.includes(lower)) continue;
      keys.push({
        channel: lower,
        eventIds: source.eventIds,
        ...(source.eventType ? { eventType: source.eventType } : {}),
      });
    }
  }
  if (keys.length === 0) throw new SigmaRuleError(`category "${category}" does not occur in service "${service}"`);
  return keys;
}

export function planLogsource(ls: SigmaLogsource): LogsourcePlan {
  const product = ls.product?.toLowerCase();
  const category = ls.category?.toLowerCase();
  if (product === 'windows') return { context: 'windows', windows: windowsKeys(ls) };
  // Windows Defender is the only antivirus source SigmaHQ maps, but device AV logs share the category.
  if (product === undefined && category === 'antivirus' && ls.service === undefined) {
    return { context: 'windows', windows: windowsKeys({ ...ls, product: 'windows' }), other: otherFilter(ls) };
  }
  return { context: 'other', windows: [], other: otherFilter(ls) };
}
