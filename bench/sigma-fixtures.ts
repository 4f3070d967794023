/** Inputs of the Sigma benchmark: corpus rules and datasets (read once, before timing) and a synthetic firewall stream. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventFields } from '@mamori/schema';
import { parseLine } from '@mamori/parsers';

const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));

function walk(dir: string, pattern: RegExp, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, pattern, out);
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

/** Every SigmaHQ rule file whose logsource is Windows (product: windows, or the Defender antivirus category). */
export function windowsRuleTexts(): Array<{ source: string; text: string }> {
  const root = join(CORPUS, 'sigma');
  return ['rules', 'rules-emerging-threats', 'rules-threat-hunting']
    .flatMap((d) => walk(join(root, d), /\.ya?ml$/))
    .map((f) => ({ source: relative(root, f), text: readFileSync(f, 'utf8') }))
    .filter((r) => /^\s+product:\s*windows\s*$/m.test(r.text) || /^\s+category:\s*antivirus\s*$/m.test(r.text));
}

/** The OTRF Windows attack recordings, parsed by the real Windows parser. */
export function otrfWindowsEvents(): EventFields[] {
  const ctx = { receivedAt: Date.UTC(2026, 0, 1), timezone: 'UTC' };
  const events: EventFields[] = [];
  for (const file of walk(join(CORPUS, 'otrf', 'windows'), /\.json$/)) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line.trim() !== '') events.push(parseLine('windows-event', line, ctx).fields);
    }
  }
  return events;
}

/** Base rules and correlations a firewall stream needs: port scan (distinct ports) and brute force (denied logons). */
export const FIREWALL_RULES = `
title: Firewall connection denied
id: 6a1f0c2e-0b7a-4c3e-9d51-1f2f9e3c0a01
name: fw_denied
logsource:
  category: firewall
detection:
  selection:
    action: deny
  condition: selection
level: low
---
title: Firewall connection to a remote-login port
id: 6a1f0c2e-0b7a-4c3e-9d51-1f2f9e3c0a02
name: fw_login_port
logsource:
  category: firewall
detection:
  selection:
    dst_port:
      - 22
      - 3389
      - 5900
  condition: selection
level: low
---
title: Port scan (one source, 50+ destination ports on one host in 1 minute)
id: 6a1f0c2e-0b7a-4c3e-9d51-1f2f9e3c0a03
correlation:
  type: value_count
  rules:
    - fw_denied
  group-by:
    - src_ip
    - dst_ip
  timespan: 1m
  condition:
    field: dst_port
    gte: 50
level: high
---
title: Brute force (20+ remote-login connections from one source to one host in 1 minute)
id: 6a1f0c2e-0b7a-4c3e-9d51-1f2f9e3c0a04
correlation:
  type: event_count
  rules:
    - fw_login_port
  group-by:
    - src_ip
    - dst_ip
  timespan: 1m
  condition:
    gte: 20
level: high
`;

/**
 * Deterministic synthetic firewall events: mostly allowed traffic from many hosts, plus 3% denied port scans
 * (four scanners walking the ports of one server) and 2% SSH logon bursts (two sources against one server).
 */
export function firewallEvents(count: number): EventFields[] {
  let seed = 42;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const start = Date.UTC(2026, 0, 1);
  const nextPort = [1, 1, 1, 1];
  const events: EventFields[] = [];
  for (let i = 0; i < count; i++) {
    const kind = rand(100);
    let src = `10.${rand(4)}.${rand(256)}.${rand(256)}`;
    let dst = `192.0.2.${rand(64)}`;
    let port = [80, 443, 53][rand(3)]!;
    let action = rand(10) === 0 ? 'deny' : 'allow';
    if (kind < 3) {
      const scanner = rand(4);
      src = `10.9.9.${scanner}`;
      dst = '192.0.2.10';
      port = nextPort[scanner]!;
      nextPort[scanner] = (port % 65535) + 1;
      action = 'deny';
    } else if (kind < 5) {
      src = `10.8.8.${rand(2)}`;
      dst = '192.0.2.20';
      port = 22;
    }
    events.push({
      '@timestamp': start + i * 2,
      'event.category': ['network'],
      'observer.type': 'firewall',
      'observer.vendor': 'Mamori',
      'source.ip': src,
      'destination.ip': dst,
      'destination.port': port,
      'network.transport': 'tcp',
      'event.action': action,
    });
  }
  return events;
}
