/**
 * `npm run bench -- sigma`: all SigmaHQ Windows rules against the OTRF Windows attack recordings repeated to
 * ≥1 M events, then a firewall stream through port-scan / brute-force correlations. One core, compiled rules.
 * Anchor: rsigma (fastest Rust engine, published 19k–99k events/s) — not run here, so no ratio is printed.
 */
import { compileRuleSet, loadRules, type RuleSet } from '@mamori/sigma';
import type { EventFields } from '@mamori/schema';
import { FIREWALL_RULES, firewallEvents, otrfWindowsEvents, windowsRuleTexts } from './sigma-fixtures.ts';

const TARGET_EVENTS = 1_000_000;
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeWindows(set: RuleSet, events: EventFields[], total: number): { rate: number; matches: number } {
  let matches = 0;
  const t0 = performance.now();
  for (let i = 0; i < total; i++) matches += set.match(events[i % events.length]!).length;
  const seconds = (performance.now() - t0) / 1000;
  return { rate: total / seconds, matches };
}

const loadStart = performance.now();
const loaded = loadRules(windowsRuleTexts());
const windowsSet = compileRuleSet(loaded.rules);
const loadMs = performance.now() - loadStart;
const base = otrfWindowsEvents();
const total = Math.ceil(TARGET_EVENTS / base.length) * base.length;
console.log(
  `windows: ${windowsSet.detectionRules.length} rules (${loaded.unsupported.length + windowsSet.unsupported.length} unsupported), ` +
    `loaded+compiled in ${Math.round(loadMs)} ms; ${base.length} OTRF events repeated to ${total}`,
);

timeWindows(windowsSet, base, Math.min(total, 200_000)); // warm-up: let the JIT settle
const windowsRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const { rate, matches } = timeWindows(windowsSet, base, total);
  windowsRuns.push(rate);
  console.log(`  run ${r + 1}: ${Math.round(rate).toLocaleString('en')} events/s, ${matches} matches`);
}

const fw = loadRules([{ source: 'bench/firewall', text: FIREWALL_RULES }]);
const fwSet = compileRuleSet(fw.rules);
const fwEvents = firewallEvents(TARGET_EVENTS);
const firewallRuns: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const engine = fwSet.correlationEngine();
  let alerts = 0;
  const t0 = performance.now();
  for (const e of fwEvents) alerts += engine.process(e, fwSet.match(e), e['@timestamp'] as number).length;
  const rate = fwEvents.length / ((performance.now() - t0) / 1000);
  firewallRuns.push(rate);
  console.log(
    `firewall run ${r + 1}: ${Math.round(rate).toLocaleString('en')} events/s, ${alerts} correlation alerts, groups held ${engine.stats().groups}`,
  );
}

console.log(
  JSON.stringify({
    bench: 'sigma',
    windows_events_per_s: Math.round(median(windowsRuns)),
    firewall_events_per_s: Math.round(median(firewallRuns)),
    peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
    rules: windowsSet.detectionRules.length,
    events: total,
  }),
);
