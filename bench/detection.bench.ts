/**
 * `npm run bench -- detection`: the ingest pipeline's DetectionStage work for one tenant on one core —
 * built-in rules (Sigma single-event rules and correlations), device signatures, 10,000 IP and 1,000 CIDR
 * indicators — over parsed FortiGate forward-traffic events in batches of 1,000, as the pipeline hands them
 * over. Parsing happens before timing. No anchor runs here, so no ratio is printed.
 */
import { availableParallelism, loadavg } from 'node:os';
import { parseLine } from '@mamori/parsers';
import { compileRuleSet } from '@mamori/sigma';
import { loadBuiltinRules } from '../apps/server/src/modules/detection/builtin-rules.ts';
import { IndicatorMatcher, type IndicatorEntry } from '../apps/server/src/modules/detection/indicator-matcher.ts';
import { TenantEngine } from '../apps/server/src/modules/detection/tenant-engine.ts';
import type { PreparedEvent } from '../apps/server/src/stores/events/event-batch.ts';
import { fortigateTrafficLines } from './lib/parse-lines.ts';

const POOL = 200_000;
const LAPS = 5;
const BATCH = 1000;
const RUNS = 3;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Traffic lines plus, every 50th line, a denied probe of a scanner walking the ports of one server. */
function lines(count: number): string[] {
  const traffic = fortigateTrafficLines(count);
  let port = 1;
  return traffic.map((l, i) =>
    i % 50 === 0
      ? l.replace(/srcip=\S+/, 'srcip=198.51.100.66').replace(/dstip=\S+/, 'dstip=203.0.113.10').replace(/dstport=\d+/, `dstport=${port++}`).replace(/action="\w[\w-]*"/, 'action="deny"')
      : l,
  );
}

const ctx = { receivedAt: Date.UTC(2026, 10, 22, 1, 15), timezone: 'Asia/Tokyo' };
const events: PreparedEvent[] = lines(POOL).map((text) => {
  const o = parseLine('fortigate', text, ctx);
  const ts = o.fields['@timestamp'];
  return { deviceId: 1, receivedAt: ctx.receivedAt, ts: typeof ts === 'number' ? ts : ctx.receivedAt, format: o.format, parseError: null, sender: '192.0.2.1', raw: Buffer.from(text), text, fields: o.fields };
});

const indicators: IndicatorEntry[] = [];
for (let i = 0; i < 10_000; i++) indicators.push({ id: i, type: 'ip', value: `100.${(i >> 8) & 255}.${i & 255}.7`, severity: 'high', description: null });
for (let i = 0; i < 1_000; i++) indicators.push({ id: 10_000 + i, type: 'cidr', value: `100.${i & 255}.${(i >> 8) * 16}.0/${20 + (i % 5)}`, severity: 'high', description: null });
const builtin = loadBuiltinRules().documents.map((d) => d.rule);
const ruleSet = compileRuleSet(builtin);

console.log(`machine load average (1 min) at start: ${loadavg()[0]!.toFixed(2)} on ${availableParallelism()} cores`);
console.log(`${builtin.length} built-in rules (${ruleSet.unsupported.length} unsupported), ${indicators.length} indicators, ${POOL} parsed FortiGate events × ${LAPS} laps`);

function run(): { rate: number; cpuRate: number; detections: number; groups: number } {
  const engine = new TenantEngine({ ruleSet, disabled: new Set(), suppressions: [], indicators: new IndicatorMatcher(indicators) }, 10_000);
  let detections = 0;
  const lapMs = 3_600_000;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let lap = 0; lap < LAPS; lap++) {
    // Each lap an hour later, so correlation windows see a continuing stream rather than time going backwards.
    if (lap > 0) for (const e of events) e.ts += lapMs;
    for (let i = 0; i < events.length; i += BATCH) detections += engine.inspect(events.slice(i, i + BATCH), Date.now()).length;
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  for (const e of events) e.ts -= (LAPS - 1) * lapMs;
  const total = POOL * LAPS;
  return { rate: total / seconds, cpuRate: total / ((cpu.user + cpu.system) / 1e6), detections, groups: engine.stats().groups };
}

run(); // warm-up
const rates: number[] = [];
const cpuRates: number[] = [];
let last = { detections: 0, groups: 0 };
for (let r = 0; r < RUNS; r++) {
  const res = run();
  rates.push(res.rate);
  cpuRates.push(res.cpuRate);
  last = res;
  console.log(
    `run ${r + 1}: ${Math.round(res.rate).toLocaleString('en')} events/s (${Math.round(res.cpuRate).toLocaleString('en')} per CPU-second), ${res.detections} detections, ${res.groups} correlation groups held`,
  );
}
const rate = median(rates);
console.log(
  JSON.stringify({
    bench: 'detection',
    events_per_s: Math.round(rate),
    events_per_cpu_s: Math.round(median(cpuRates)),
    us_per_event: Number((1e6 / rate).toFixed(2)),
    // CPU time per event: steadier than wall time on a shared machine.
    cpu_us_per_event: Number((1e6 / median(cpuRates)).toFixed(2)),
    detections_per_run: last.detections,
    rules: builtin.length,
    indicators: indicators.length,
    events: POOL * LAPS,
  }),
);
