/**
 * FortiGate (FortiOS 4–7) key=value logs: `date=… time=… devname=… type=traffic subtype=forward …`,
 * bare or after a syslog header. Mapping follows Elastic's Fortinet integration; keys without an ECS
 * home are kept as fortinet.firewall.<key>.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { scanFortigatePairs, type Pending } from './fortigate-pairs.ts';
import { addTo, setIp } from '../lib/field-helpers.ts';
import { findStr } from '../lib/text-scan.ts';
import { applyVerdict } from '../lib/verdict.ts';
import { digits, readIsoTime } from '../time/timestamps.ts';
import { wallTimeToUtc } from '../time/zoned-time.ts';
import type { ParseContext } from '../parser.ts';

/** Other Fortinet products share the key=value format; the serial number prefix tells them apart. */
function productOf(serial: unknown): string {
  if (typeof serial !== 'string') return 'FortiGate';
  if (serial.startsWith('FE')) return 'FortiMail';
  if (serial.startsWith('FAC')) return 'FortiAuthenticator';
  if (serial.startsWith('FV') || serial.startsWith('FWB')) return 'FortiWeb';
  return 'FortiGate';
}

function readTime(p: Pending, ctx: ParseContext): number {
  const d = p.date;
  const t = p.time;
  if (d === undefined || t === undefined) return NaN;
  // Common shape `2026-06-15` + `12:00:00` (+ `tz=+0900`), read in place without building a string.
  const y = digits(d, 0, 4);
  const mo = digits(d, 5, 2);
  const day = digits(d, 8, 2);
  const h = digits(t, 0, 2);
  const mi = digits(t, 3, 2);
  const se = digits(t, 6, 2);
  if (d.length === 10 && t.length === 8 && y >= 0 && mo >= 0 && day >= 0 && h >= 0 && mi >= 0 && se >= 0) {
    const tz = p.tz;
    if (tz !== undefined && tz.length === 5 && (tz.charCodeAt(0) === 43 || tz.charCodeAt(0) === 45)) {
      const oh = digits(tz, 1, 2);
      const om = digits(tz, 3, 2);
      const base = wallTimeToUtc('UTC', y, mo - 1, day, h, mi, se, 0);
      if (oh >= 0 && om >= 0) return base - (oh * 60 + om) * 60_000 * (tz.charCodeAt(0) === 43 ? 1 : -1);
    }
    return wallTimeToUtc(ctx.timezone, y, mo - 1, day, h, mi, se, 0);
  }
  let iso = `${d}T${t}`;
  if (p.tz !== undefined && (p.tz.startsWith('+') || p.tz.startsWith('-'))) iso += p.tz;
  const r = readIsoTime(iso, 0, ctx.timezone);
  return r === undefined ? NaN : r.ms;
}

/** `https(1.2.3.4)`, `GUI(10.0.0.1)` → the address. */
function addressInUi(ui: string): string | undefined {
  const open = ui.indexOf('(');
  const close = ui.lastIndexOf(')');
  return open >= 0 && close > open ? ui.slice(open + 1, close) : undefined;
}

function categorise(f: EventFields, p: Pending): void {
  const type = p.type ?? '';
  const sub = p.subtype ?? '';
  const action = (p.action ?? p.status ?? '').toLowerCase();
  f['event.kind'] = 'event';
  if (type === 'traffic') {
    addTo(f, 'event.category', 'network');
    addTo(f, 'event.type', 'connection');
    applyVerdict(f, p.action ?? p.status);
    if (p.policyid !== undefined) f['rule.id'] = p.policyid;
    if (p.policyname !== undefined) f['rule.name'] = p.policyname;
    f['rule.ruleset'] = 'policy';
  } else if (type === 'utm' || type === 'attack') {
    addTo(f, 'event.category', 'network');
    addTo(f, 'event.category', sub === 'virus' ? 'malware' : sub === 'webfilter' ? 'web' : 'intrusion_detection');
    addTo(f, 'event.type', 'info');
    applyVerdict(f, p.action);
    if (p.attack !== undefined) f['rule.name'] = p.attack;
    if (p.attackid !== undefined) f['rule.id'] = p.attackid;
    else if (p.policyid !== undefined && f['rule.id'] === undefined) f['rule.id'] = p.policyid;
    f['rule.ruleset'] = sub;
    if (sub === 'ips' || sub === 'virus' || sub === 'anomaly' || p.attack !== undefined) f['event.kind'] = 'alert';
  } else if (type === 'event') {
    if (action === 'login' || action === 'logout' || action.includes('login') || sub === 'user') {
      addTo(f, 'event.category', 'authentication');
      addTo(f, 'event.type', action.includes('logout') ? 'end' : 'start');
    } else if (p.logdesc?.toLowerCase().includes('config') === true || action === 'edit' || action === 'add' || action === 'delete') {
      addTo(f, 'event.category', 'configuration');
      addTo(f, 'event.type', action === 'delete' ? 'deletion' : action === 'add' ? 'creation' : 'change');
    } else {
      addTo(f, 'event.category', sub === 'vpn' ? 'network' : 'host');
      addTo(f, 'event.type', 'info');
    }
    const st = (p.status ?? '').toLowerCase();
    const failed = st === 'failed' || st === 'failure' || action.includes('fail') || (p.logdesc ?? '').toLowerCase().includes('fail');
    if (failed) f['event.outcome'] = 'failure';
    else if (st === 'success' || st === 'succeeded') f['event.outcome'] = 'success';
  }
}

export const fortigate = defineFormat({
  name: 'fortigate',
  description: 'Fortinet FortiGate key=value logs (traffic, utm, event), bare or after a syslog header',
  detect(payload) {
    // `date=… time=… devname=|logid=…`, or a `devid=FG…` anywhere near the start.
    if (payload.startsWith('date=') || payload.startsWith('logver=') || payload.startsWith('eventtime=') || payload.startsWith('itime=')) {
      return findStr(payload, ' logid=', 1, 0, 600) >= 0 || findStr(payload, ' devname=', 4, 0, 600) >= 0 || findStr(payload, ' devid=', 4, 0, 600) >= 0 || findStr(payload, ' device_id=', 7, 0, 600) >= 0;
    }
    return findStr(payload, 'devid=', 3, 0, 600) >= 0 && findStr(payload, ' logid=', 1) >= 0 && (findStr(payload, 'devid="FG', 3) >= 0 || findStr(payload, 'devid=FG', 3) >= 0);
  },
  parse(payload, _header, ctx, f) {
    const p: Pending = {};
    const n = scanFortigatePairs(payload, f, p);
    if (n === 0) return 'no key=value pairs';
    const t = readTime(p, ctx);
    if (!Number.isNaN(t)) {
      f['@timestamp'] = t;
      if (p.tz === undefined) f['event.timezone'] = ctx.timezone;
      else delete f['event.timezone'];
    }
    if (p.ui !== undefined && f['source.ip'] === undefined) setIp(f, 'source.ip', addressInUi(p.ui));
    f['observer.vendor'] = 'Fortinet';
    f['observer.product'] = productOf(f['observer.serial_number']);
    f['observer.type'] = 'firewall';
    f['event.dataset'] = 'fortinet.firewall';
    f['event.module'] = 'fortinet';
    categorise(f, p);
    const message = p.msg ?? p.logdesc;
    if (message !== undefined) f.message = message;
    return undefined;
  },
});
