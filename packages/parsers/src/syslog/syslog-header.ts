/**
 * Splits an RFC 3164 or RFC 5424 header from its payload with one left-to-right scan, so that vendor
 * parsers and auto-detection see the payload whatever transport framing the device used.
 * Times are not resolved here (that needs the device's zone): see `writeSyslogHeader`.
 */
import { bsdTimeLength, digits } from '../time/timestamps.ts';

export interface SyslogHeader {
  kind: 'rfc3164' | 'rfc5424';
  /** PRI value, -1 when the line had no `<PRI>`. */
  priority: number;
  /** Start/end of the timestamp text, equal when there is none. */
  timeStart: number;
  timeEnd: number;
  hostname: string | undefined;
  appname: string | undefined;
  procid: string | undefined;
  msgid: string | undefined;
  /** RFC 5424 structured data text (with brackets), undefined when `-` or absent. */
  structuredData: string | undefined;
  /** Index where the payload (MSG) begins. */
  payloadStart: number;
  /** True when a `UTC`/`GMT` word followed a zone-less timestamp (Cisco `Jun 15 10:00:00 UTC:`). */
  utc?: boolean;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Hostname characters: letters, digits, `.`, `-`, `_`, `:` (IPv6). */
function isHostChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 95 || c === 58;
}

/** TAG characters (RFC 3164 says alphanumeric; real senders add `-_./()@`). */
function isTagChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 46 || c === 45 || c === 95 || c === 47 || c === 40 || c === 41 || c === 64;
}

function tokenEnd(s: string, at: number): number {
  let i = at;
  while (i < s.length && s.charCodeAt(i) !== 32) i++;
  return i;
}

function readPri(s: string): { pri: number; end: number } {
  if (s.charCodeAt(0) !== 60) return { pri: -1, end: 0 };
  let v = 0;
  let i = 1;
  for (; i < 5 && i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 62) break;
    const d = c - 48;
    if (d < 0 || d > 9) return { pri: -1, end: 0 };
    v = v * 10 + d;
  }
  if (i === 1 || s.charCodeAt(i) !== 62 || v > 191) return { pri: -1, end: 0 };
  return { pri: v, end: i + 1 };
}

/** RFC 5424 after PRI: `VERSION SP TIMESTAMP SP HOSTNAME SP APP SP PROCID SP MSGID SP SD [SP MSG]`. */
function read5424(s: string, pri: number, at: number): SyslogHeader | undefined {
  let i = at;
  const v = digits(s, i, 1);
  if (v < 1 || !isSpace(s.charCodeAt(i + 1))) return undefined;
  i += 2;
  const tsStart = i;
  const c = s.charCodeAt(i);
  if (c === 45) {
    if (!isSpace(s.charCodeAt(i + 1))) return undefined;
  } else if (digits(s, i, 4) < 0 || s.charCodeAt(i + 4) !== 45) return undefined;
  const tsEnd = tokenEnd(s, i);
  i = tsEnd + 1;
  const parts: string[] = [];
  for (let k = 0; k < 4; k++) {
    const e = tokenEnd(s, i);
    if (e === i || e >= s.length) return undefined;
    parts.push(s.slice(i, e));
    i = e + 1;
  }
  const nil = (x: string | undefined): string | undefined => (x === '-' ? undefined : x);
  let sd: string | undefined;
  if (s.charCodeAt(i) === 45) {
    i++;
  } else if (s.charCodeAt(i) === 91) {
    const sdStart = i;
    i = skipStructuredData(s, i);
    sd = s.slice(sdStart, i);
  } else return undefined;
  if (isSpace(s.charCodeAt(i))) i++;
  // A UTF-8 BOM may start MSG (RFC 5424 §6.4).
  if (s.charCodeAt(i) === 0xfeff) i++;
  return {
    kind: 'rfc5424',
    priority: pri,
    timeStart: tsStart,
    timeEnd: c === 45 ? tsStart : tsEnd,
    hostname: nil(parts[0]),
    appname: nil(parts[1]),
    procid: nil(parts[2]),
    msgid: nil(parts[3]),
    structuredData: sd,
    payloadStart: Math.min(i, s.length),
  };
}

/** End of a run of `[...]` SD elements (or of one, with `single`); quoted values may contain `]` and `\"`. */
export function skipStructuredData(s: string, at: number, single = false): number {
  let i = at;
  while (s.charCodeAt(i) === 91) {
    i++;
    let quoted = false;
    while (i < s.length) {
      const c = s.charCodeAt(i);
      if (quoted) {
        if (c === 92) i++;
        else if (c === 34) quoted = false;
      } else if (c === 34) quoted = true;
      else if (c === 93) break;
      i++;
    }
    if (i >= s.length) return s.length;
    i++;
    if (single) break;
  }
  return i;
}

/** RFC 3164 (and its many dialects) after PRI. */
function read3164(s: string, pri: number, at: number): SyslogHeader | undefined {
  let i = at;
  if (s.charCodeAt(i) === 58 && pri >= 0) i++; // Cisco `<166>:Jun 15 …`
  if (s.charCodeAt(i) === 32 && pri >= 0) i++;
  const tsStart = i;
  let tsLen = bsdTimeLength(s, i);
  if (tsLen === 0) tsLen = isoTimeLength(s, i);
  if (tsLen === 0) {
    // PRI alone (FortiGate `<189>date=…`): everything after it is content.
    if (pri < 0) return undefined;
    return header3164(pri, i, i, undefined, undefined, undefined, i);
  }
  const tsEnd = i + tsLen;
  i = tsEnd;
  let utc = false;
  if ((s.startsWith(' UTC', i) || s.startsWith(' GMT', i)) && (s.charCodeAt(i + 4) === 58 || s.charCodeAt(i + 4) === 32)) {
    utc = true;
    i += 4;
  }
  if (s.charCodeAt(i) === 58) i++; // `… 10:00:00: %ASA` style
  if (utc) {
    const h = read3164After(s, pri, tsStart, tsEnd, i);
    h.utc = true;
    return h;
  }
  return read3164After(s, pri, tsStart, tsEnd, i);
}

/** Host and tag after the timestamp (at `from`). */
function read3164After(s: string, pri: number, tsStart: number, tsEnd: number, from: number): SyslogHeader {
  let i = from;
  if (!isSpace(s.charCodeAt(i))) return header3164(pri, tsStart, tsEnd, undefined, undefined, undefined, i);
  while (isSpace(s.charCodeAt(i))) i++;
  let hostname: string | undefined;
  const hEnd = tokenEnd(s, i);
  let hostOk = hEnd > i && s.charCodeAt(hEnd - 1) !== 58;
  for (let k = i; hostOk && k < hEnd; k++) if (!isHostChar(s.charCodeAt(k))) hostOk = false;
  if (hostOk && hEnd < s.length) {
    hostname = s.slice(i, hEnd);
    i = hEnd + 1;
  }
  // TAG[PID]: — else the payload starts right here.
  let k = i;
  while (k < s.length && isTagChar(s.charCodeAt(k))) k++;
  const tagEnd = k;
  let procid: string | undefined;
  if (s.charCodeAt(k) === 91) {
    const close = s.indexOf(']', k);
    if (close > k && close - k < 40) {
      procid = s.slice(k + 1, close);
      k = close + 1;
    }
  }
  if (s.charCodeAt(k) === 58 && (k + 1 >= s.length || isSpace(s.charCodeAt(k + 1)))) {
    const appname = tagEnd > i ? s.slice(i, tagEnd) : undefined;
    k++;
    if (isSpace(s.charCodeAt(k))) k++;
    return header3164(pri, tsStart, tsEnd, hostname, appname, procid, k);
  }
  return header3164(pri, tsStart, tsEnd, hostname, undefined, undefined, i);
}

/** `2014-05-23T10:25:58.681222-04:00` or `2020-03-23 06:47:42.801612-0700` (rsyslog/journal dialects). */
function isoTimeLength(s: string, at: number): number {
  if (digits(s, at, 4) < 0 || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return 0;
  const sep = s.charCodeAt(at + 10);
  if (sep === 32 && digits(s, at + 11, 2) >= 0 && s.charCodeAt(at + 13) === 58) {
    const e = tokenEnd(s, at + 11);
    return e - at >= 19 ? e - at : 0;
  }
  if (sep !== 84) return 0;
  const e = tokenEnd(s, at);
  return e - at >= 19 ? e - at : 0;
}

function header3164(
  priority: number,
  timeStart: number,
  timeEnd: number,
  hostname: string | undefined,
  appname: string | undefined,
  procid: string | undefined,
  payloadStart: number,
): SyslogHeader {
  return {
    kind: 'rfc3164',
    priority,
    timeStart,
    timeEnd,
    hostname,
    appname,
    procid,
    msgid: undefined,
    structuredData: undefined,
    payloadStart,
  };
}

/** The syslog header of `line`, or undefined when it has none (a bare vendor payload). */
export function splitSyslogHeader(line: string): SyslogHeader | undefined {
  const c = line.charCodeAt(0);
  // Cheap rejection: headers start with `<`, a month letter or a digit.
  if (c !== 60 && c !== 32 && !(c >= 65 && c <= 90) && !(c >= 97 && c <= 122) && !(c >= 48 && c <= 57)) return undefined;
  const r = readPri(line);
  let end = r.end;
  // Relays and copy-paste leave leading blanks; the header starts after them.
  if (r.pri < 0) while (line.charCodeAt(end) === 32) end++;
  return read5424(line, r.pri, end) ?? read3164(line, r.pri, end);
}

/** Hostname from an RFC 3164 or RFC 5424 header, for routing before full parsing. */
export function extractSyslogHostname(line: string): string | undefined {
  return splitSyslogHeader(line)?.hostname;
}
