/**
 * Palo Alto Networks PAN-OS syslog CSV (default format): TRAFFIC and THREAT fully mapped; SYSTEM, CONFIG and
 * other log types get their common fields. Column positions follow the PAN-OS 8–11 syslog field docs.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { splitCsv } from '../lib/csv-split.ts';
import {
  addTo, directionOf, setInt, setIp, setNatIp, setPort, setStr, setTransport, setUser, severityFromName,
} from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';
import { readIsoTime } from '../time/timestamps.ts';

const LOG_TYPES = new Set(['TRAFFIC', 'THREAT', 'SYSTEM', 'CONFIG', 'HIP-MATCH', 'HIPMATCH', 'GLOBALPROTECT', 'USERID', 'DECRYPTION', 'AUTHENTICATION', 'CORRELATION', 'TUNNEL', 'GTP', 'SCTP', 'IPTAG', 'OTHERS', 'URL', 'DATA', 'WILDFIRE']);

/** `1,2020/02/09 00:00:00,serial,TYPE,` — the 4th column is a known log type, the 2nd a PAN-OS date. */
function detectPanos(p: string): boolean {
  const c1 = p.indexOf(',');
  if (c1 < 0 || c1 > 12) return false;
  const c2 = p.indexOf(',', c1 + 1);
  if (c2 < 0 || p.charCodeAt(c1 + 5) !== 47) return false;
  const c3 = p.indexOf(',', c2 + 1);
  if (c3 < 0 || c3 - c2 > 40) return false;
  const c4 = p.indexOf(',', c3 + 1);
  return LOG_TYPES.has(p.slice(c3 + 1, c4 < 0 ? p.length : c4));
}

function panTime(v: string | undefined, zone: string): number {
  if (v === undefined) return NaN;
  return readIsoTime(v, 0, zone)?.ms ?? NaN;
}

/** `Name(12345)` → [name, id] (THREAT threatid column). */
function splitThreat(v: string): [string, string | undefined] {
  const open = v.lastIndexOf('(');
  if (open > 0 && v.endsWith(')')) return [v.slice(0, open).trim(), v.slice(open + 1, -1)];
  return [v, undefined];
}

function common(f: EventFields, c: string[]): void {
  setIp(f, 'source.ip', c[7]);
  setIp(f, 'destination.ip', c[8]);
  setNatIp(f, 'source.nat.ip', c[9]);
  setNatIp(f, 'destination.nat.ip', c[10]);
  setStr(f, 'rule.name', c[11]);
  setUser(f, c[12]);
  setStr(f, 'destination.user.name', c[13]);
  setStr(f, 'network.application', c[14]);
  setStr(f, 'panw.panos.vsys', c[15]);
  setStr(f, 'observer.ingress.zone', c[16]);
  setStr(f, 'observer.egress.zone', c[17]);
  setStr(f, 'observer.ingress.interface.name', c[18]);
  setStr(f, 'observer.egress.interface.name', c[19]);
  setStr(f, 'panw.panos.session_id', c[22]);
  setPort(f, 'source.port', c[24]);
  setPort(f, 'destination.port', c[25]);
  if (c[26] !== '0') setPort(f, 'source.nat.port', c[26]);
  if (c[27] !== '0') setPort(f, 'destination.nat.port', c[27]);
  setTransport(f, c[29]);
  const action = c[30];
  if (action !== undefined && action !== '') {
    f['event.action'] = action;
    applyVerdict(f, action);
  }
}

function traffic(f: EventFields, c: string[]): void {
  common(f, c);
  f['event.kind'] = 'event';
  addTo(f, 'event.category', 'network');
  addTo(f, 'event.type', 'connection');
  const sub = c[4];
  if (sub === 'start') addTo(f, 'event.type', 'start');
  if (sub === 'end') addTo(f, 'event.type', 'end');
  setInt(f, 'network.bytes', c[31]);
  setInt(f, 'source.bytes', c[32]);
  setInt(f, 'destination.bytes', c[33]);
  setInt(f, 'network.packets', c[34]);
  setStr(f, 'rule.category', c[37]);
  setStr(f, 'source.geo.country_name', c[41]);
  setStr(f, 'destination.geo.country_name', c[42]);
  setInt(f, 'source.packets', c[44]);
  setInt(f, 'destination.packets', c[45]);
  setStr(f, 'event.reason', c[46]);
  f['rule.ruleset'] = 'security-policy';
}

function threat(f: EventFields, c: string[]): void {
  common(f, c);
  const policy = f['rule.name'];
  if (typeof policy === 'string') f['panw.panos.ruleset'] = policy;
  f['event.kind'] = 'alert';
  addTo(f, 'event.category', 'network');
  addTo(f, 'event.category', c[4] === 'virus' || c[4] === 'wildfire-virus' ? 'malware' : c[4] === 'url' ? 'web' : 'intrusion_detection');
  addTo(f, 'event.type', 'info');
  const misc = c[31];
  if (c[4] === 'url') {
    setStr(f, 'url.original', misc);
  } else setStr(f, 'file.name', misc);
  const [name, id] = splitThreat(c[32] ?? '');
  if (name !== '') f['rule.name'] = name;
  if (id !== undefined) f['rule.id'] = id;
  setStr(f, 'rule.category', c[33]);
  setStr(f, 'rule.ruleset', c[4]);
  setStr(f, 'log.level', c[34]);
  const sev = severityFromName(c[34]);
  if (sev !== undefined) f['event.severity'] = sev;
  const dir = directionOf(c[35]);
  if (dir !== undefined) f['network.direction'] = dir;
  setStr(f, 'source.geo.country_name', c[38]);
  setStr(f, 'destination.geo.country_name', c[39]);
  setStr(f, 'user_agent.original', c[46]);
  if (c[4] === 'vulnerability' && id !== undefined) f['vulnerability.id'] = id;
}

function system(f: EventFields, c: string[]): void {
  f['event.kind'] = 'event';
  addTo(f, 'event.category', 'host');
  addTo(f, 'event.type', 'info');
  setStr(f, 'event.action', c[8]);
  setStr(f, 'panw.panos.module', c[12]);
  setStr(f, 'log.level', c[13]);
  const sev = severityFromName(c[13]);
  if (sev !== undefined) f['event.severity'] = sev;
  setStr(f, 'message', c[14]);
}

function config(f: EventFields, c: string[]): void {
  f['event.kind'] = 'event';
  addTo(f, 'event.category', 'configuration');
  addTo(f, 'event.type', 'change');
  setStr(f, 'event.action', c[9]);
  setUser(f, c[10]);
  setStr(f, 'panw.panos.client', c[11]);
  const result = c[12]?.toLowerCase();
  if (result === 'succeeded' || result === 'success') f['event.outcome'] = 'success';
  else if (result === 'failed' || result === 'failure') f['event.outcome'] = 'failure';
  setStr(f, 'panw.panos.config_path', c[13]);
}

export const panos = defineFormat({
  name: 'panos',
  description: 'Palo Alto Networks PAN-OS syslog CSV: TRAFFIC, THREAT (and SYSTEM/CONFIG basics)',
  detect: detectPanos,
  parse(payload, _header, ctx, f) {
    const c = splitCsv(payload);
    const type = c[3];
    if (type === undefined || !LOG_TYPES.has(type)) return 'not a PAN-OS CSV record';
    f['observer.vendor'] = 'Palo Alto Networks';
    f['observer.product'] = 'PAN-OS';
    f['observer.type'] = 'firewall';
    setStr(f, 'observer.serial_number', c[2]);
    f['event.module'] = 'panw';
    f['event.dataset'] = `panw.panos.${type.toLowerCase()}`;
    f['panw.panos.type'] = type;
    setStr(f, 'panw.panos.sub_type', c[4]);
    const t = panTime(c[6], ctx.timezone);
    const received = panTime(c[1], ctx.timezone);
    if (!Number.isNaN(t) || !Number.isNaN(received)) {
      f['@timestamp'] = Number.isNaN(t) ? received : t;
      f['event.timezone'] = ctx.timezone;
    }
    if (type === 'TRAFFIC') traffic(f, c);
    else if (type === 'THREAT') threat(f, c);
    else if (type === 'SYSTEM') system(f, c);
    else if (type === 'CONFIG') config(f, c);
    else f['event.kind'] = 'event';
    return undefined;
  },
});
