/**
 * Suricata EVE JSON (`event_type` alert, flow, http, dns, tls, fileinfo, anomaly …). The common fields are
 * mapped to ECS as Elastic's Suricata module does; the rest of the record stays under suricata.eve.*.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import { flattenInto, payloadObject, jsonStart, obj, str, timeValue, type JsonObject } from '../lib/json-fields.ts';
import { addTo, setHost, setInt, setIp, setPort, setStr, setTransport, setUser } from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';
import { findStr } from '../lib/text-scan.ts';

/** Top-level EVE keys that land on ECS fields; everything else stays under suricata.eve.*. */
const MAPPED_TOP_LEVEL: ReadonlySet<string> = new Set(['timestamp', 'src_ip', 'src_port', 'dest_ip', 'dest_port', 'proto', 'app_proto', 'in_iface', 'community_id', 'alert', 'http']);
/** Keys of `alert` and `http` that land on ECS fields (the rest is flattened under suricata.eve.alert.* / .http.*). */
const MAPPED_ALERT: ReadonlySet<string> = new Set(['signature_id', 'signature', 'category', 'severity', 'action']);
const MAPPED_HTTP: ReadonlySet<string> = new Set(['hostname', 'url', 'http_method', 'status', 'http_user_agent', 'http_refer', 'length']);

/** Suricata alert severity 1 (high) … 3 (low) → Mamori's 0–10 scale. */
const SEVERITY = [0, 8, 5, 3, 2];

function mapAlert(f: EventFields, a: JsonObject): void {
  f['event.kind'] = 'alert';
  addTo(f, 'event.category', 'network');
  addTo(f, 'event.category', 'intrusion_detection');
  const action = str(a.action);
  if (action !== undefined) {
    f['event.action'] = action;
    if (!applyVerdict(f, action)) addTo(f, 'event.type', 'info');
  }
  setStr(f, 'rule.id', str(a.signature_id));
  setStr(f, 'rule.name', str(a.signature));
  setStr(f, 'rule.category', str(a.category));
  f['rule.ruleset'] = 'suricata';
  const sev = typeof a.severity === 'number' ? SEVERITY[a.severity] : undefined;
  if (sev !== undefined) f['event.severity'] = sev;
  const meta = obj(a.metadata);
  const technique = meta?.mitre_technique_id;
  if (Array.isArray(technique)) f['threat.technique.id'] = technique.map(String);
  const cve = meta?.cve;
  if (Array.isArray(cve)) f['vulnerability.id'] = cve.map(String);
}

function mapHttp(f: EventFields, h: JsonObject): void {
  setHost(f, 'url.domain', str(h.hostname));
  const url = str(h.url);
  if (url !== undefined) {
    f['url.original'] = url;
    const q = url.indexOf('?');
    f['url.path'] = q < 0 ? url : url.slice(0, q);
    if (q >= 0) f['url.query'] = url.slice(q + 1);
  }
  setStr(f, 'http.request.method', str(h.http_method));
  setInt(f, 'http.response.status_code', str(h.status));
  setStr(f, 'user_agent.original', str(h.http_user_agent));
  setStr(f, 'http.request.referrer', str(h.http_refer));
  setInt(f, 'http.response.body.bytes', str(h.length));
}

function mapDns(f: EventFields, d: JsonObject): void {
  const rr = str(d.rrname) ?? (Array.isArray(d.queries) ? str(obj(d.queries[0])?.rrname) : undefined);
  setStr(f, 'dns.question.name', rr);
  setStr(f, 'dns.question.type', str(d.rrtype));
  setStr(f, 'dns.response_code', str(d.rcode));
  setStr(f, 'dns.type', str(d.type));
}

export const suricataEve = defineFormat({
  name: 'suricata-eve',
  description: 'Suricata EVE JSON (alert, flow, http, dns, tls, fileinfo, anomaly …)',
  detect: (p) =>
    jsonStart(p) >= 0 && findStr(p, '"event_type"', 6) >= 0 && (findStr(p, '"src_ip"', 4) >= 0 || findStr(p, '"flow_id"', 5) >= 0 || findStr(p, '"in_iface"', 3) >= 0),
  parse(payload, _header, ctx, f) {
    const o = payloadObject(payload, f);
    if (o === undefined) return 'not a JSON object';
    flattenInto(f, o, 'suricata.eve.', MAPPED_TOP_LEVEL);
    f['observer.vendor'] = 'OISF';
    f['observer.product'] = 'Suricata';
    f['observer.type'] = 'ids';
    f['event.module'] = 'suricata';
    f['event.dataset'] = 'suricata.eve';
    f['event.kind'] = 'event';
    const t = timeValue(o.timestamp, ctx.timezone);
    if (!Number.isNaN(t)) f['@timestamp'] = t;
    setIp(f, 'source.ip', str(o.src_ip));
    setPort(f, 'source.port', str(o.src_port));
    setIp(f, 'destination.ip', str(o.dest_ip));
    setPort(f, 'destination.port', str(o.dest_port));
    setTransport(f, str(o.proto));
    setStr(f, 'network.protocol', str(o.app_proto));
    setStr(f, 'observer.ingress.interface.name', str(o.in_iface));
    setStr(f, 'network.community_id', str(o.community_id));
    const type = str(o.event_type);
    if (type === undefined) return 'EVE record without event_type';
    f['suricata.eve.event_type'] = type;
    if (type !== 'alert') {
      addTo(f, 'event.category', 'network');
      addTo(f, 'event.type', type === 'flow' ? 'connection' : 'protocol');
    }
    const alert = obj(o.alert);
    if (alert !== undefined) {
      flattenInto(f, alert, 'suricata.eve.alert.', MAPPED_ALERT);
      mapAlert(f, alert);
    }
    const http = obj(o.http);
    if (http !== undefined) {
      flattenInto(f, http, 'suricata.eve.http.', MAPPED_HTTP);
      mapHttp(f, http);
    }
    const dns = obj(o.dns);
    if (dns !== undefined) mapDns(f, dns);
    const tls = obj(o.tls);
    if (tls !== undefined) setHost(f, 'tls.client.server_name', str(tls.sni));
    const file = obj(o.fileinfo);
    if (file !== undefined) {
      setStr(f, 'file.name', str(file.filename));
      setStr(f, 'file.hash.sha256', str(file.sha256));
      setStr(f, 'file.hash.md5', str(file.md5));
    }
    const flow = obj(o.flow);
    if (flow !== undefined) {
      setInt(f, 'source.bytes', str(flow.bytes_toserver));
      setInt(f, 'destination.bytes', str(flow.bytes_toclient));
      setInt(f, 'source.packets', str(flow.pkts_toserver));
      setInt(f, 'destination.packets', str(flow.pkts_toclient));
    }
    setUser(f, str(obj(o.smb)?.ntlmssp !== undefined ? obj(obj(o.smb)?.ntlmssp)?.user : undefined));
    return undefined;
  },
});
