/** Writes the log.syslog.* fields of a split header and resolves its timestamp in the device's zone. */
import type { EventFields } from '@mamori/schema';
import type { ParseContext } from '../parser.ts';
import { readBsdTime, readIsoTime } from '../time/timestamps.ts';
import { looksLikeIp, severityFromSyslogCode } from '../lib/field-helpers.ts';
import type { SyslogHeader } from './syslog-header.ts';
import { skipStructuredData } from './syslog-header.ts';

const FACILITIES = [
  'kern', 'user', 'mail', 'daemon', 'auth', 'syslog', 'lpr', 'news', 'uucp', 'cron', 'authpriv', 'ftp', 'ntp',
  'security', 'console', 'solaris-cron', 'local0', 'local1', 'local2', 'local3', 'local4', 'local5', 'local6', 'local7',
];
const SEVERITIES = ['emergency', 'alert', 'critical', 'error', 'warning', 'notice', 'informational', 'debug'];

/** Event time from the header text, NaN when absent or invalid. */
export function headerTime(line: string, h: SyslogHeader, ctx: ParseContext): number {
  if (h.timeEnd <= h.timeStart) return NaN;
  const zone = h.utc === true ? 'UTC' : ctx.timezone;
  const iso = readIsoTime(line, h.timeStart, zone);
  if (iso !== undefined) return iso.ms;
  const bsd = readBsdTime(line, h.timeStart, zone, ctx.receivedAt);
  return bsd === undefined ? NaN : bsd.ms;
}

export function writeSyslogFields(line: string, h: SyslogHeader, ctx: ParseContext, f: EventFields): void {
  if (h.priority >= 0) {
    const sev = h.priority & 7;
    const fac = h.priority >> 3;
    f['log.syslog.priority'] = h.priority;
    f['log.syslog.facility.code'] = fac;
    f['log.syslog.severity.code'] = sev;
    f['log.syslog.severity.name'] = SEVERITIES[sev]!;
    const facName = FACILITIES[fac];
    if (facName !== undefined) f['log.syslog.facility.name'] = facName;
    f['event.severity'] = severityFromSyslogCode(sev);
  }
  if (h.kind === 'rfc5424') f['log.syslog.version'] = '1';
  if (h.hostname !== undefined) {
    f['log.syslog.hostname'] = h.hostname;
    f['host.name'] = h.hostname;
    if (looksLikeIp(h.hostname)) f['host.ip'] = h.hostname; // devices configured to send their address
  }
  if (h.appname !== undefined) {
    f['log.syslog.appname'] = h.appname;
    f['process.name'] = h.appname;
  }
  if (h.procid !== undefined) {
    f['log.syslog.procid'] = h.procid;
    const pid = Number(h.procid);
    if (Number.isInteger(pid) && pid >= 0) f['process.pid'] = pid;
  }
  if (h.msgid !== undefined) f['log.syslog.msgid'] = h.msgid;
  if (h.structuredData !== undefined) writeStructuredData(h.structuredData, f);
  const t = headerTime(line, h, ctx);
  if (!Number.isNaN(t)) {
    f['@timestamp'] = t;
    if (!hasZone(line, h) && h.utc !== true) f['event.timezone'] = ctx.timezone;
  }
}

function hasZone(line: string, h: SyslogHeader): boolean {
  const last = line.charCodeAt(h.timeEnd - 1);
  if (last === 90) return true;
  const sign = line.charCodeAt(h.timeEnd - 6);
  return (sign === 43 || sign === 45) && line.charCodeAt(h.timeEnd - 3) === 58 && h.timeEnd - h.timeStart > 19;
}

/** `[id p="v" q="w"][id2 …]` → log.syslog.structured_data.<id>.<p> = "v". */
export function writeStructuredData(sd: string, f: EventFields): void {
  let i = 0;
  while (i < sd.length && sd.charCodeAt(i) === 91) {
    const end = skipStructuredData(sd, i, true);
    const body = sd.slice(i + 1, end - 1);
    i = end;
    const sp = body.indexOf(' ');
    const id = sp < 0 ? body : body.slice(0, sp);
    // Check Point puts `key:"value";` pairs in brackets: not SD-IDs, its own parser reads them.
    if (id === '' || id.includes('__proto__') || id.includes('"')) continue;
    let j = sp < 0 ? body.length : sp + 1;
    while (j < body.length) {
      const eq = body.indexOf('="', j);
      if (eq < 0) break;
      const name = body.slice(j, eq).trim();
      let k = eq + 2;
      let value = '';
      let from = k;
      while (k < body.length && body.charCodeAt(k) !== 34) {
        if (body.charCodeAt(k) === 92 && k + 1 < body.length) {
          value += body.slice(from, k);
          from = k + 1;
          k++;
        }
        k++;
      }
      value += body.slice(from, k);
      if (name !== '' && name !== '__proto__') f[`log.syslog.structured_data.${id}.${name}`] = value;
      j = k + 2;
    }
  }
}
