/**
 * ModSecurity: the one-line message it writes to the Apache/Nginx error log
 * (`[client 1.2.3.4] ModSecurity: Access denied with code 403 (phase 2). … [id "960015"] [msg "…"] …`),
 * the JSON audit log (v2 `SecAuditLogFormat JSON` and libmodsecurity v3), and a native multi-part audit
 * record (`--abcd-A--` … sections) when the whole record is passed as one string.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { addTo, setHost, setInt, setIp, setPort, setStr, severityFromName } from '../lib/field-helpers.ts';
import { jsonStart, obj, parseJsonObject, str, timeValue, type JsonObject } from '../lib/json-fields.ts';
import { between, findStr } from '../lib/text-scan.ts';
import { readBsdTime, readClfTime } from '../time/timestamps.ts';
import type { ParseContext } from '../parser.ts';

function setUrl(f: EventFields, uri: string | undefined): void {
  if (uri === undefined || uri === '') return;
  f['url.original'] = uri;
  const q = uri.indexOf('?');
  f['url.path'] = q < 0 ? uri : uri.slice(0, q);
  if (q >= 0) f['url.query'] = uri.slice(q + 1);
}

/** `[key "value"]` tags of the error-log form; several `[tag …]` collect into a list. */
function bracketTags(s: string, f: EventFields): void {
  let i = s.indexOf(' [');
  const tags: string[] = [];
  while (i >= 0) {
    const sp = s.indexOf(' "', i + 2);
    if (sp < 0) break;
    const key = s.slice(i + 2, sp);
    const end = s.indexOf('"]', sp + 2);
    if (end < 0) break;
    const v = s.slice(sp + 2, end);
    if (key.length < 20) {
      switch (key) {
        case 'id': f['rule.id'] = v; break;
        case 'msg': f['rule.name'] = v; break;
        case 'severity': { f['log.level'] = v; const n = severityFromName(v); if (n !== undefined) f['event.severity'] = n; break; }
        case 'file': f['modsecurity.rule_file'] = v; break;
        case 'line': f['modsecurity.rule_line'] = v; break;
        case 'data': f['modsecurity.data'] = v; break;
        case 'ver': f['rule.ruleset'] = v; break;
        case 'tag': tags.push(v); break;
        case 'hostname': setHost(f, 'url.domain', v); break;
        case 'uri': setUrl(f, v); break;
        case 'unique_id': f['transaction.id'] = v; break;
        default: break;
      }
    }
    i = s.indexOf(' [', end + 2);
  }
  if (tags.length > 0) f.tags = tags;
}

function applyOutcome(f: EventFields, text: string): void {
  const code = text.indexOf('Access denied with code ');
  if (code >= 0) {
    f['event.action'] = 'blocked';
    addTo(f, 'event.type', 'denied');
    setInt(f, 'http.response.status_code', text.slice(code + 24, code + 27));
  } else if (text.includes('ModSecurity: Warning')) {
    f['event.action'] = 'detected';
    addTo(f, 'event.type', 'info');
  }
}

function parseErrorLog(p: string, f: EventFields): string | undefined {
  const client = between(p, '[client ', ']');
  if (client !== undefined) {
    const colon = client.lastIndexOf(':');
    if (colon > 0 && client.indexOf(':') === colon) {
      setIp(f, 'source.ip', client.slice(0, colon));
      setPort(f, 'source.port', client.slice(colon + 1));
    } else setIp(f, 'source.ip', client);
  }
  const start = p.indexOf('ModSecurity: ');
  const text = start < 0 ? p : p.slice(start);
  const firstTag = text.indexOf(' [');
  f.message = firstTag < 0 ? text : text.slice(0, firstTag);
  applyOutcome(f, text);
  bracketTags(text, f);
  return undefined;
}

function parseJsonAudit(o: JsonObject, f: EventFields, ctx: ParseContext): string | undefined {
  const tx = obj(o.transaction);
  if (tx === undefined) return 'no transaction object';
  setIp(f, 'source.ip', str(tx.client_ip ?? tx.remote_address));
  setPort(f, 'source.port', str(tx.client_port ?? tx.remote_port));
  setIp(f, 'destination.ip', str(tx.host_ip ?? tx.local_address));
  setPort(f, 'destination.port', str(tx.host_port ?? tx.local_port));
  setStr(f, 'transaction.id', str(tx.unique_id ?? tx.transaction_id));
  const t = timeValue(tx.time_stamp ?? tx.time, ctx.timezone);
  if (!Number.isNaN(t)) f['@timestamp'] = t;
  const req = obj(tx.request) ?? obj(o.request);
  if (req !== undefined) {
    setStr(f, 'http.request.method', str(req.method));
    setUrl(f, str(req.uri));
    const line = str(req.request_line);
    if (line !== undefined) {
      const parts = line.split(' ');
      setStr(f, 'http.request.method', parts[0]);
      setUrl(f, parts[1]);
    }
    const headers = obj(req.headers);
    if (headers !== undefined) {
      setHost(f, 'url.domain', str(headers.Host ?? headers.host));
      setStr(f, 'user_agent.original', str(headers['User-Agent'] ?? headers['user-agent']));
    }
  }
  const res = obj(tx.response) ?? obj(o.response);
  if (res !== undefined) setInt(f, 'http.response.status_code', str(res.http_code ?? res.status));
  const auditMessages = obj(o.audit_data)?.messages;
  const messages: unknown[] = Array.isArray(tx.messages) ? (tx.messages as unknown[]) : Array.isArray(auditMessages) ? (auditMessages as unknown[]) : [];
  const first: unknown = messages[0];
  const m = obj(first);
  if (m !== undefined) {
    setStr(f, 'message', str(m.message));
    const d = obj(m.details);
    if (d !== undefined) {
      setStr(f, 'rule.id', str(d.ruleId));
      setStr(f, 'rule.name', str(m.message));
      setStr(f, 'log.level', str(d.severity));
    }
  } else if (typeof first === 'string') {
    f.message = first;
    applyOutcome(f, first);
    bracketTags(first, f);
  }
  return undefined;
}

/** Native audit log: `--id-A--` then `[date] uid client_ip client_port server_ip server_port`, B request, F response, H messages. */
function parseNative(p: string, f: EventFields): string | undefined {
  const a = p.indexOf('-A--');
  const afterA = p.indexOf('\n', a);
  if (a < 0 || afterA < 0) return 'no section A';
  const lineA = p.slice(afterA + 1, p.indexOf('\n', afterA + 1) >>> 0);
  if (lineA.startsWith('[')) {
    const t = readClfTime(lineA, 1);
    if (t !== undefined) f['@timestamp'] = t.ms;
    const parts = lineA.slice(lineA.indexOf(']') + 2).split(' ');
    setStr(f, 'transaction.id', parts[0]);
    setIp(f, 'source.ip', parts[1]);
    setPort(f, 'source.port', parts[2]);
    setIp(f, 'destination.ip', parts[3]);
    setPort(f, 'destination.port', parts[4]);
  }
  const b = p.indexOf('-B--');
  if (b >= 0) {
    const nl = p.indexOf('\n', b);
    const req = p.slice(nl + 1, p.indexOf('\n', nl + 1) >>> 0).split(' ');
    setStr(f, 'http.request.method', req[0]);
    setUrl(f, req[1]);
    const host = between(p, '\nHost: ', '\n', b);
    setHost(f, 'url.domain', host?.trim());
    setStr(f, 'user_agent.original', between(p, '\nUser-Agent: ', '\n', b)?.trim());
  }
  const fsec = p.indexOf('-F--');
  if (fsec >= 0) {
    const nl = p.indexOf('\n', fsec);
    setInt(f, 'http.response.status_code', p.slice(nl + 1).split(' ')[1]);
  }
  const h = p.indexOf('-H--');
  if (h >= 0) {
    const nl = p.indexOf('\n', h);
    const msg = p.slice(nl + 1, p.indexOf('\n', nl + 1) >>> 0);
    applyOutcome(f, msg);
    bracketTags(msg, f);
    f.message = msg.includes(' [') ? msg.slice(0, msg.indexOf(' [')) : msg;
  }
  return undefined;
}

export const modsecurity = defineFormat({
  name: 'modsecurity',
  description: 'ModSecurity WAF: error-log messages, JSON audit log (v2/v3) and native multi-part audit records',
  detect: (p) =>
    // The error-log prefix (date, level, pid, client) is short: look in the first 400 characters only.
    findStr(p, 'ModSecurity: ', 0, 0, 400) >= 0 ||
    // JSON audit records (v2 and v3) open with their "transaction" object.
    (jsonStart(p) >= 0 && p.startsWith('{"transaction"', jsonStart(p))) ||
    (p.startsWith('--') && findStr(p, '-A--', 1) >= 0),
  parse(payload, _header, ctx, f) {
    f['observer.vendor'] = 'Trustwave';
    f['observer.product'] = 'ModSecurity';
    f['observer.type'] = 'waf';
    f['event.module'] = 'modsecurity';
    f['event.dataset'] = 'modsecurity.audit';
    f['event.kind'] = 'alert';
    addTo(f, 'event.category', 'web');
    addTo(f, 'event.category', 'intrusion_detection');
    const js = jsonStart(payload);
    if (js >= 0) {
      const o = parseJsonObject(js === 0 ? payload : payload.slice(js));
      return o === undefined ? 'not a JSON object' : parseJsonAudit(o, f, ctx);
    }
    if (payload.startsWith('--') && payload.includes('-A--')) return parseNative(payload, f);
    if (payload.startsWith('[')) {
      // Apache error log prefix `[Mon Feb 09 16:47:55.974089 2015]`
      const t = readBsdTime(payload, 5, ctx.timezone, ctx.receivedAt);
      if (t !== undefined && !Number.isNaN(t.ms)) {
        f['@timestamp'] = t.ms;
        f['event.timezone'] = ctx.timezone;
      }
    }
    return parseErrorLog(payload, f);
  },
});
