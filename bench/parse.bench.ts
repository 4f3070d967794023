// npm run bench -- parse
// Lines per second per format on one core: parseLine with the format named (as for a configured device),
// counted against this process's CPU time so that other load on the machine does not count against us;
// median of 3 runs after a warm-up. Also auto-detection on a mix of all formats. For FortiGate the same lines
// also go through Debian's syslog-ng kv-parser (→ JSON file, pinned to one core) in the same run;
// ratio = ours / syslog-ng.
import { parseLine, parsers } from '@mamori/parsers';
import { fortigateShortLines, fortigateTrafficLines, variedExampleLines } from './lib/parse-lines.ts';
import { measureSyslogNg, syslogNgVersion } from './lib/parse-syslog-ng.ts';

const RUNS = 3;
const RUN_MS = Number(process.env.BENCH_RUN_MS ?? 700);
const ctx = { receivedAt: Date.UTC(2026, 10, 22, 1), timezone: 'Asia/Tokyo' };
const JSON_FORMATS = new Set(['json', 'windows-event', 'suricata-eve']);
const KV_FORMATS = new Set(['fortigate', 'cef', 'leef', 'checkpoint', 'screenos']);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Parses `lines` round-robin for RUN_MS of wall time; returns lines per CPU second. */
function measure(format: string, lines: string[], serialise = false): number {
  let n = 0;
  let sink = 0;
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  while (performance.now() - start < RUN_MS) {
    for (let i = 0; i < 1000; i++) {
      const out = parseLine(format, lines[n % lines.length]!, ctx);
      if (out.error === undefined) sink++;
      if (serialise) sink += JSON.stringify(out.fields).length;
      n++;
    }
  }
  const cpu = process.cpuUsage(cpu0);
  if (sink < 0) console.log(sink);
  return n / ((cpu.user + cpu.system) / 1e6);
}

function rate(format: string, lines: string[], serialise = false): number {
  measure(format, lines, serialise); // warm-up: let V8 optimise
  return Math.round(median(Array.from({ length: RUNS }, () => measure(format, lines, serialise))));
}

const figures: Record<string, number> = {};
// Lines arrive as flat strings (decoded from socket buffers); template-built strings would be cons strings.
const flat = (lines: string[]) => lines.map((l) => JSON.parse(JSON.stringify(l)) as string);
const fortigate = flat(fortigateTrafficLines(100_000));
for (const p of parsers) {
  const lines = p.name === 'fortigate' ? fortigate.slice(0, 20_000) : flat(variedExampleLines(p.name, 2_000));
  const r = rate(p.name, lines);
  figures[`${p.name}_lines_per_s`] = r;
  const goal = JSON_FORMATS.has(p.name) ? 150_000 : KV_FORMATS.has(p.name) ? 300_000 : 100_000;
  console.log(`${p.name.padEnd(14)} ${String(r).padStart(9)} lines/s  (goal ${goal})${r < goal ? '  BELOW GOAL' : ''}`);
  if (p.name === 'fortigate') {
    figures.fortigate_auto_lines_per_s = rate('auto', fortigate.slice(0, 20_000));
    // Shorter FortiOS traffic lines (~20 pairs, ~330 bytes) as many deployments send them.
    figures.fortigate_short_lines_per_s = rate('fortigate', flat(fortigateShortLines(20_000)));
    // syslog-ng also serialises to JSON: the same work on our side, for a like-for-like comparison.
    figures.fortigate_with_json_lines_per_s = rate('fortigate', fortigate.slice(0, 20_000), true);
    console.log(`  fortigate by auto-detection ${figures.fortigate_auto_lines_per_s} lines/s; short lines ${figures.fortigate_short_lines_per_s} lines/s; parse + JSON.stringify ${figures.fortigate_with_json_lines_per_s} lines/s`);
  }
}
const mix = flat(parsers.flatMap((p) => variedExampleLines(p.name, 200)));
figures.auto_mix_lines_per_s = rate('auto', mix);
// Mixed traffic: every format through auto-detection, interleaved (the server's situation).
console.log(`${'auto (mix)'.padEnd(14)} ${String(figures.auto_mix_lines_per_s).padStart(9)} lines/s`);
const ours = figures.fortigate_lines_per_s!;

const version = syslogNgVersion();
let anchorRate: number | undefined;
if (version === undefined) console.log('syslog-ng not installed: no anchor in this run');
else {
  try {
    const runs = await measureSyslogNg(fortigate, RUNS);
    anchorRate = Math.round(median(runs.map((r) => r.cpu)));
    figures.syslog_ng_kv_wall_lines_per_s = Math.round(median(runs.map((r) => r.wall)));
    console.log(`syslog-ng kv-parser (${version}, same ${fortigate.length} FortiGate lines over TCP → JSON file): per CPU second ${runs.map((r) => Math.round(r.cpu)).join(', ')} (median ${anchorRate}); wall ${runs.map((r) => Math.round(r.wall)).join(', ')}`);
  } catch (e) {
    console.log(`syslog-ng anchor failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
console.log(
  JSON.stringify({
    bench: 'parse',
    ...figures,
    syslog_ng_kv_lines_per_s: anchorRate ?? null,
    ratio_with_json: anchorRate === undefined ? null : Math.round((figures.fortigate_with_json_lines_per_s! / anchorRate) * 100) / 100,
    anchor: 'syslog-ng kv-parser',
    ratio: anchorRate === undefined ? null : Math.round((ours / anchorRate) * 100) / 100,
  }),
);
