/**
 * Sensible SNMP defaults per device: what to read (OIDs) and how to turn raw values into the metrics the
 * capacity view understands (cpu_pct, mem_used_pct, interface bits per second).
 */
export const SYS_UPTIME = '1.3.6.1.2.1.1.3.0';

export interface OidSet {
  /** metric name → OID (scalar, ending in .0 or an index). */
  oids: Record<string, string>;
  /** Derived metrics from the raw ones (raw names starting with _ are dropped after this). */
  derive?: (raw: Record<string, number>) => Record<string, number>;
}

/** Net-SNMP agents (Linux servers, many appliances): UCD-SNMP-MIB. */
const UCD: OidSet = {
  oids: { _cpu_idle: '1.3.6.1.4.1.2021.11.11.0', _mem_total_kb: '1.3.6.1.4.1.2021.4.5.0', _mem_avail_kb: '1.3.6.1.4.1.2021.4.6.0' },
  derive: (r) => ({
    ...(r._cpu_idle !== undefined && { cpu_pct: 100 - r._cpu_idle }),
    ...(r._mem_total_kb && r._mem_avail_kb !== undefined && { mem_used_pct: round2(100 * (1 - r._mem_avail_kb / r._mem_total_kb)) }),
  }),
};

const FORTINET: OidSet = {
  oids: { cpu_pct: '1.3.6.1.4.1.12356.101.4.1.3.0', mem_used_pct: '1.3.6.1.4.1.12356.101.4.1.4.0', sessions: '1.3.6.1.4.1.12356.101.4.1.8.0' },
};

const CISCO: OidSet = {
  oids: { cpu_pct: '1.3.6.1.4.1.9.9.109.1.1.1.1.8.1', _mem_used: '1.3.6.1.4.1.9.9.48.1.1.1.5.1', _mem_free: '1.3.6.1.4.1.9.9.48.1.1.1.6.1' },
  derive: (r): Record<string, number> =>
    r._mem_used !== undefined && r._mem_free !== undefined ? { mem_used_pct: round2((100 * r._mem_used) / (r._mem_used + r._mem_free || 1)) } : {},
};

const NETWORK_KINDS = new Set(['firewall', 'ips', 'utm', 'waf', 'proxy', 'network']);

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The OIDs for a device: by vendor when known, else by kind; network gear also gets interface counters. */
export function defaultOidSet(kind: string | undefined, vendor: string | null | undefined, interfaces: number[] | undefined): OidSet {
  const v = (vendor ?? '').toLowerCase();
  const base = v.includes('fortinet') || v.includes('fortigate') ? FORTINET : v.includes('cisco') ? CISCO : UCD;
  const ifIndexes = interfaces ?? (kind && NETWORK_KINDS.has(kind) ? [1] : []);
  const oids: Record<string, string> = { ...base.oids };
  for (const i of ifIndexes) {
    // IF-MIB ifHCInOctets / ifHCOutOctets: 64-bit counters, turned into rates between checks.
    oids[`if${i}_in_octets`] = `1.3.6.1.2.1.31.1.1.1.6.${i}`;
    oids[`if${i}_out_octets`] = `1.3.6.1.2.1.31.1.1.1.10.${i}`;
  }
  return { oids, ...(base.derive && { derive: base.derive }) };
}

/** Counter values (names ending in _octets) become bits per second against the previous sample. */
export function counterRates(
  now: Record<string, number>,
  at: number,
  previous: { at: number; metrics: Record<string, number> } | undefined,
): Record<string, number> {
  const out: Record<string, number> = {};
  if (!previous) return out;
  const seconds = (at - previous.at) / 1000;
  if (seconds <= 0) return out;
  for (const [name, value] of Object.entries(now)) {
    if (!name.endsWith('_octets')) continue;
    const before = previous.metrics[name];
    // A counter that went back wrapped or the device restarted: no rate for this sample.
    if (before === undefined || value < before) continue;
    out[name.replace(/_octets$/, '_bps')] = round2(((value - before) * 8) / seconds);
  }
  return out;
}
