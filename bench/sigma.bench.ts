/**
 * `npm run bench -- sigma`: all SigmaHQ Windows rules against the OTRF Windows attack recordings repeated to
 * ≥1 M events, then a firewall stream through port-scan / brute-force correlations. One core, compiled rules.
 * Anchor: rsigma (fastest Rust engine, published 19k–99k events/s) — not run here, so no ratio is printed.
 */
import { availableParallelism, loadavg } from 'node:os';
import { compileRuleSet, loadRules, type RuleSet } from '@mamori/sigma';
import type { EventFields } from '@mamori/schema';
import { FIREWALL_RULES, firewallEvents, otrfWindowsEvents, windowsRuleTexts } from './sigma-fixtures.ts';

const TARGET_EVENTS = 1_000_000;
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Events per wall-clock second and per second of this process's CPU time (steadier on a shared machine). */
function timeWindows(
  set: RuleSet,
  events: EventFields[],
  total: number,
): { rate: number; cpuRate: number; matches: number } {
  let matches = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < total; i++) matches += set.match(events[i % events.length]!).length;
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  return { rate: total / seconds, cpuRate: total / ((cpu.user + cpu.system) / 1e6), matches };
}

const loadStart = performance.now();
const loaded = loadRules(windowsRuleTexts());
const windowsSet = compileRuleSet(loaded.rules);
const loadMs = performance.now() - loadStart;
const base = otrfWindowsEvents();
const total = Math.ceil(TARGET_EVENTS / base.length) * base.length;
console.log(`machine load average (1 min) at start: ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`);
console.log(
  `windows: ${windowsSet.detectionRules.length} rules (${loaded.unsupported.length + windowsSet.unsupported.length} unsupported), ` +
    `loaded+compiled in ${Math.round(loadMs)} ms; ${base.length} OTRF events repeated to ${total}`,
);

timeWindows(windowsSet, base, Math.min(total, 200_000)); // warm-up: let the JIT settle
const windowsRuns: number[] = [];
const windowsCpuRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const { rate, cpuRate, matches } = timeWindows(windowsSet, base, total);
  windowsRuns.push(rate);
  windowsCpuRuns.push(cpuRate);
  console.log(
    `  run ${r + 1}: ${Math.round(rate).toLocaleString('en')} events/s (${Math.round(cpuRate).toLocaleString('en')} per CPU-second), ${matches} matches`,
  );
}

const windowsPeakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);

// The firewall stream replays a pool of 100k events ten times, each lap later in time, so that the pool and
// not a million event objects sits in memory.
const FIREWALL_POOL = 100_000;
const LAP_MS = FIREWALL_POOL * 2;
const fw = loadRules([{ source: 'bench/firewall', text: FIREWALL_RULES }]);
const fwSet = compileRuleSet(fw.rules);
const fwEvents = firewallEvents(FIREWALL_POOL);
const laps = Math.ceil(TARGET_EVENTS / FIREWALL_POOL);
const firewallRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const engine = fwSet.correlationEngine();
  let alerts = 0;
  const t0 = performance.now();
  for (let lap = 0; lap < laps; lap++) {
    for (const e of fwEvents) {
      alerts += engine.process(e, fwSet.match(e), (e['@timestamp'] as number) + lap * LAP_MS).length;
    }
  }
  const rate = (laps * fwEvents.length) / ((performance.now() - t0) / 1000);
  firewallRuns.push(rate);
  console.log(
    `firewall run ${r + 1}: ${Math.round(rate).toLocaleString('en')} events/s, ${alerts} correlation alerts, groups held ${engine.stats().groups}`,
  );
}

console.log(
  JSON.stringify({
    bench: 'sigma',
    windows_events_per_s: Math.round(median(windowsRuns)),
    windows_events_per_cpu_s: Math.round(median(windowsCpuRuns)),
    firewall_events_per_s: Math.round(median(firewallRuns)),
    peak_rss_mb: windowsPeakRssMb,
    rules: windowsSet.detectionRules.length,
    events: total,
  }),
);
