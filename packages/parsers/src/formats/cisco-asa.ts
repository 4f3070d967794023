/**
 * Cisco ASA / FTD / PIX / FWSM: `%ASA-6-302013: Built outbound TCP connection …`, bare or after a syslog
 * header. Messages are prose that differ per id, so addresses, ports, protocol, user and ACL are read with one
 * token walk that understands the few address notations Cisco uses (`if:ip/port`, `ip/port (natip/natport)`,
 * `if/ip(port)`), instead of hundreds of per-id patterns.
 */
import type { EventFields } from '@mamori/schema';
import { defineFormat } from '../lib/define-format.ts';
import {
  addTo, directionOf, looksLikeIp, setInt, setIp, setNatIp, setPort, setTransport, setUser, severityFromSyslogCode,
} from '../lib/field-helpers.ts';
import { applyVerdict } from '../lib/verdict.ts';
import { between, wordAfter } from '../lib/text-scan.ts';

const PRODUCTS: Record<string, string> = { ASA: 'ASA', FTD: 'Firepower Threat Defense', PIX: 'PIX', FWSM: 'FWSM' };
const TRANSPORTS = new Set(['tcp', 'udp', 'icmp', 'gre', 'esp', 'ah', 'sctp', 'icmp6']);

interface Address { iface?: string; ip: string; port?: string }

function trimPunct(t: string): string {
  let e = t.length;
  while (e > 0 && ',;.'.includes(t[e - 1]!)) e--;
  if (e > 0 && t[e - 1] === ':' && !t.includes('::')) e--;
  return t.slice(0, e);
}

/** `outside:1.2.3.4/80`, `1.2.3.4/80`, `inside/10.0.0.1(1234)`, `outside:2001:db8::1/443`, `1.2.3.4`. */
export function parseAddress(token: string): Address | undefined {
  let t = trimPunct(token);
  let port: string | undefined;
  const paren = t.indexOf('(');
  if (paren > 0 && t.endsWith(')')) {
    port = t.slice(paren + 1, -1);
    t = t.slice(0, paren);
  }
  let iface: string | undefined;
  let hostPart = t;
  const slash = t.lastIndexOf('/');
  if (port === undefined && slash > 0) {
    port = t.slice(slash + 1);
    hostPart = t.slice(0, slash);
  } else if (port !== undefined && slash > 0) {
    iface = t.slice(0, slash);
    hostPart = t.slice(slash + 1);
  }
  if (!looksLikeIp(hostPart)) {
    const colon = hostPart.indexOf(':');
    if (colon > 0 && looksLikeIp(hostPart.slice(colon + 1))) {
      iface = hostPart.slice(0, colon);
      hostPart = hostPart.slice(colon + 1);
    } else return undefined;
  }
  return { iface, ip: hostPart, port: port !== undefined && /^\d{1,5}$/.test(port) ? port : undefined };
}

function mapped(token: string | undefined): Address | undefined {
  if (token === undefined || !token.startsWith('(')) return undefined;
  let end = token.length;
  while (end > 1 && (token[end - 1] === ')' || token[end - 1] === ',')) end--;
  return parseAddress(token.slice(1, end));
}

/** Field names per side, as constants: names built with templates would be re-interned on every store. */
const SIDE_KEYS = {
  source: { ip: 'source.ip', port: 'source.port', natIp: 'source.nat.ip', natPort: 'source.nat.port', iface: 'observer.ingress.interface.name' },
  destination: { ip: 'destination.ip', port: 'destination.port', natIp: 'destination.nat.ip', natPort: 'destination.nat.port', iface: 'observer.egress.interface.name' },
} as const;

function setSide(f: EventFields, side: 'source' | 'destination', a: Address, nat: Address | undefined): void {
  const k = SIDE_KEYS[side];
  if (f[k.ip] !== undefined) return;
  setIp(f, k.ip, a.ip);
  setPort(f, k.port, a.port);
  if (a.iface !== undefined) f[k.iface] = a.iface;
  if (nat !== undefined && (nat.ip !== a.ip || nat.port !== a.port)) {
    setNatIp(f, k.natIp, nat.ip);
    setPort(f, k.natPort, nat.port);
  }
}

const FROM_WORDS = new Set(['from', 'src', 'SRC', 'laddr']);
const TO_WORDS = new Set(['to', 'dst', 'dest', 'DEST']);

function walkTokens(f: EventFields, msg: string, id: string): void {
  const tokens = msg.split(' ', 120);
  const forIsSource = id.startsWith('3020') || id.startsWith('3050');
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i]!;
    if (w.length <= 6 && f['network.transport'] === undefined) {
      const last = w.charCodeAt(w.length - 1);
      const lw = (last === 44 || last === 58 ? w.slice(0, -1) : w).toLowerCase();
      if (TRANSPORTS.has(lw)) setTransport(f, lw);
    }
    if (w.startsWith('protocol=')) setTransport(f, w.slice(9).replace(/,$/, ''));
    let side: 'source' | 'destination' | undefined;
    if (FROM_WORDS.has(w) || (forIsSource && w === 'for')) side = 'source';
    else if (TO_WORDS.has(w)) side = 'destination';
    else if (w === '->') side = 'destination';
    if (side === undefined) {
      // 106100 `inside/10.0.0.1(1234) -> outside/…`
      if (tokens[i + 1] === '->') {
        const a = parseAddress(w);
        if (a !== undefined) setSide(f, 'source', a, undefined);
      }
      continue;
    }
    let j = i + 1;
    if (tokens[j] === 'host' || tokens[j] === 'laddr' || tokens[j] === '=' || tokens[j] === 'IP') j++;
    const a = tokens[j] === undefined ? undefined : parseAddress(tokens[j]!);
    if (a !== undefined) setSide(f, side, a, mapped(tokens[j + 1]));
  }
}

function userOf(msg: string): string | undefined {
  const quoted = between(msg, "User '", "'") ?? between(msg, "user '", "'") ?? between(msg, 'user "', '"') ?? between(msg, 'User <', '>') ?? between(msg, 'Username = ', ',');
  if (quoted !== undefined) return quoted;
  return wordAfter(msg, 'user = ') ?? wordAfter(msg, 'User = ') ?? wordAfter(msg, 'Uname: ') ?? wordAfter(msg, 'for user ') ?? wordAfter(msg, 'Username: ');
}

function verbOf(msg: string): string | undefined {
  const first = msg.slice(0, msg.indexOf(' ') >>> 0).toLowerCase();
  if (first === 'deny' || first === 'denied') return 'deny';
  if (first === 'built' || first === 'teardown') return first;
  if (msg.includes(' permitted ')) return 'permitted';
  if (msg.includes(' denied') || msg.includes('Denied ')) return 'deny';
  if (msg.includes('drop') || msg.includes('Drop')) return 'drop';
  if (first === 'shunned') return 'drop';
  return undefined;
}

export function ciscoStart(p: string): number {
  if (p.charCodeAt(0) === 37) return 0;
  const i = p.indexOf('%');
  return i > 0 && i < 80 && (p.startsWith('%ASA-', i) || p.startsWith('%FTD-', i) || p.startsWith('%PIX-', i) || p.startsWith('%FWSM-', i)) ? i : -1;
}

export const ciscoAsa = defineFormat({
  name: 'cisco-asa',
  description: 'Cisco ASA, Firepower Threat Defense (FTD), PIX and FWSM syslog messages (%ASA-6-302013: …)',
  detect(p) {
    const i = ciscoStart(p);
    return i >= 0 && (p.startsWith('%ASA-', i) || p.startsWith('%FTD-', i) || p.startsWith('%PIX-', i) || p.startsWith('%FWSM-', i));
  },
  parse(payload, _header, _ctx, f) {
    const start = ciscoStart(payload);
    const dash1 = payload.indexOf('-', start);
    const dash2 = payload.indexOf('-', dash1 + 1);
    if (start < 0 || dash1 < 0 || dash2 < 0) return 'no %ASA-<level>-<id> tag';
    const product = payload.slice(start + 1, dash1);
    let idEnd = dash2 + 1;
    while (idEnd < payload.length && payload.charCodeAt(idEnd) >= 48 && payload.charCodeAt(idEnd) <= 57) idEnd++;
    const id = payload.slice(dash2 + 1, idEnd);
    const level = Number(payload.slice(dash1 + 1, dash2));
    f['observer.vendor'] = 'Cisco';
    f['observer.product'] = PRODUCTS[product] ?? product;
    f['observer.type'] = 'firewall';
    f['event.module'] = 'cisco';
    f['event.dataset'] = product === 'FTD' ? 'cisco.ftd' : 'cisco.asa';
    f['event.kind'] = 'event';
    if (id !== '') f['event.code'] = id;
    if (Number.isInteger(level) && level >= 0 && level <= 7) {
      f['log.level'] = String(level);
      f['event.severity'] = severityFromSyslogCode(level);
    }
    let m = payload.slice(payload.charCodeAt(idEnd) === 58 ? idEnd + 1 : idEnd).trim();
    if (m.startsWith('(Primary) ') || m.startsWith('(Secondary) ')) m = m.slice(m.indexOf(' ') + 1);
    if (m !== '') f.message = m;
    walkTokens(f, m, id);
    // 302013/302015 "Built outbound": the connection was opened from the second (inside) address.
    if ((id === '302013' || id === '302015') && m.startsWith('Built outbound')) swapSides(f);
    const verb = verbOf(m);
    if (verb !== undefined) {
      f['event.action'] = verb;
      if (f['source.ip'] !== undefined || f['destination.ip'] !== undefined || verb === 'deny') {
        addTo(f, 'event.category', 'network');
        addTo(f, 'event.type', 'connection');
      }
      if (verb === 'built') addTo(f, 'event.type', 'start');
      else if (verb === 'teardown') addTo(f, 'event.type', 'end');
      else applyVerdict(f, verb);
    }
    const dir = m.includes(' inbound ') || m.startsWith('Inbound ') ? 'inbound' : m.includes(' outbound ') ? 'outbound' : undefined;
    if (dir !== undefined) f['network.direction'] = directionOf(dir) ?? dir;
    const acl = between(m, 'access-group "', '"') ?? wordAfter(m, 'access-list ');
    if (acl !== undefined) f['rule.name'] = acl;
    const iface = wordAfter(m, 'on interface ');
    if (iface !== undefined) f['observer.ingress.interface.name'] = iface;
    const user = userOf(m);
    if (user !== undefined && user.length < 128) setUser(f, user);
    if (id.startsWith('1110') || id.startsWith('5021')) {
      addTo(f, 'event.category', 'configuration');
      addTo(f, 'event.type', 'change');
    } else if (id === '605004' || id === '605005' || id === '113004' || id === '113005' || id === '113015' || id === '611101' || id === '611102') {
      addTo(f, 'event.category', 'authentication');
      f['event.outcome'] = id === '605005' || id === '113004' || id === '611101' ? 'success' : 'failure';
    }
    const bytes = wordAfter(m, ' bytes ');
    if (bytes !== undefined) setInt(f, 'network.bytes', bytes);
    return undefined;
  },
});

const SWAP_PAIRS = [['source.ip', 'destination.ip'], ['source.port', 'destination.port'], ['source.nat.ip', 'destination.nat.ip'], ['source.nat.port', 'destination.nat.port']] as const;

function swapSides(f: EventFields): void {
  for (const [src, dst] of SWAP_PAIRS) {
    const s = f[src];
    const d = f[dst];
    if (d === undefined) delete f[src];
    else f[src] = d;
    if (s === undefined) delete f[dst];
    else f[dst] = s;
  }
  const i = f['observer.ingress.interface.name'];
  const e = f['observer.egress.interface.name'];
  if (e !== undefined) f['observer.ingress.interface.name'] = e;
  if (i !== undefined) f['observer.egress.interface.name'] = i;
}
