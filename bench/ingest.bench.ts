// npm run bench -- ingest
// End to end over TCP syslog on loopback: FortiGate key=value lines (~300 bytes) are framed, routed, parsed,
// normalised and stored with their raw line by a real `mamori serve`. The same stream goes through Debian's
// syslog-ng (kv-parser → JSON file) in the same run; the ratio is ours / syslog-ng.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, readSync, rmSync, statSync, writeFileSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fortigateLines } from './lib/fortigate-lines.ts';
import { MamoriProcess } from '../e2e/support/mamori-process.ts';
import { freePort, median, memoryOf, sendTcp, startProcess, waitFor } from '../e2e/support/processes.ts';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DISTINCT = 100_000;
const repeats = Math.ceil(EVENTS / DISTINCT);
const total = repeats * DISTINCT;
const payload = Buffer.from(fortigateLines(DISTINCT).join('\n') + '\n');

interface RunResult {
  eventsPerSecond: number;
  peakRssMb: number;
  rssAtQuarterMb: number;
  rssAtHalfMb: number;
  rssAtEndMb: number;
}

async function runMamori(): Promise<RunResult> {
  const server = await MamoriProcess.start();
  try {
    await server.api('POST', '/api/v1/tenants', { slug: 'bench' });
    await server.api('POST', '/api/v1/tenants/bench/devices', { name: 'fgt', format: 'fortigate', addresses: ['127.0.0.1'], timezone: 'Asia/Tokyo' });
    const pid = server.child.pid!;
    let rssAtQuarter = 0;
    let rssAtHalf = 0;
    const started = performance.now();
    const sending = sendTcp(server.syslogPort, payload, repeats);
    await waitFor(
      async () => {
        const stored = await server.metric('mamori_events_stored_total');
        if (!rssAtQuarter && stored >= total / 4) rssAtQuarter = memoryOf(pid).rssMb;
        if (!rssAtHalf && stored >= total / 2) rssAtHalf = memoryOf(pid).rssMb;
        return stored >= total;
      },
      600_000,
      'mamori to store every event',
    );
    const seconds = (performance.now() - started) / 1000;
    await sending;
    const failed = await server.metric('mamori_events_failed_total');
    if (failed > 0) throw new Error(`${failed} lines failed to parse: the benchmark would not measure parsing`);
    const mem = memoryOf(pid);
    return { eventsPerSecond: total / seconds, peakRssMb: mem.peakMb, rssAtQuarterMb: rssAtQuarter, rssAtHalfMb: rssAtHalf, rssAtEndMb: mem.rssMb };
  } finally {
    await server.stop();
  }
}

async function runSyslogNg(): Promise<RunResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'syslog-ng-bench-'));
  const port = await freePort();
  const out = path.join(dir, 'out.json');
  writeFileSync(
    path.join(dir, 'syslog-ng.conf'),
    `@version: 3.38
options { keep_hostname(yes); flush_lines(1000); log_fifo_size(200000); stats_freq(0); };
source s_tcp { network(ip("127.0.0.1") port(${port}) transport("tcp") log-iw-size(200000) max-connections(4)); };
parser p_kv { kv-parser(prefix(".kv.")); };
destination d_json { file("${out}" template("$(format-json --scope nv-pairs --key .kv.* --pair MESSAGE=$MESSAGE)\\n")); };
log { source(s_tcp); parser(p_kv); destination(d_json); };
`,
  );
  const child = startProcess('syslog-ng', [
    '-F',
    '-e', // without a log destination of its own, syslog-ng -F exits at once when not on a terminal
    '--no-caps',
    '-f',
    path.join(dir, 'syslog-ng.conf'),
    '-R',
    path.join(dir, 'persist'),
    '-p',
    path.join(dir, 'pid'),
    '-c',
    path.join(dir, 'ctl'),
  ]);
  try {
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const alive = () => {
      if (child.exitCode !== null) throw new Error(`syslog-ng exited (${child.exitCode}): ${stderr.slice(-2000)}`);
    };
    await waitFor(() => (alive(), sendProbe(port)), 20_000, 'syslog-ng to listen');
    const counter = new LineCounter(out);
    let rssAtQuarter = 0;
    let rssAtHalf = 0;
    const started = performance.now();
    const sending = sendTcp(port, payload, repeats);
    await waitFor(
      () => {
        alive();
        const lines = counter.count();
        if (!rssAtQuarter && lines >= total / 4) rssAtQuarter = memoryOf(child.pid!).rssMb;
        if (!rssAtHalf && lines >= total / 2) rssAtHalf = memoryOf(child.pid!).rssMb;
        return lines >= total;
      },
      600_000,
      'syslog-ng to write every event',
    );
    const seconds = (performance.now() - started) / 1000;
    await sending;
    counter.close();
    const mem = memoryOf(child.pid!);
    return { eventsPerSecond: total / seconds, peakRssMb: mem.peakMb, rssAtQuarterMb: rssAtQuarter, rssAtHalfMb: rssAtHalf, rssAtEndMb: mem.rssMb };
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sendProbe(port: number): Promise<boolean> {
  try {
    await sendTcp(port, Buffer.alloc(0), 0);
    return true;
  } catch {
    return false;
  }
}

/** Counts newlines appended to a growing file without re-reading it. */
class LineCounter {
  private fd: number | undefined;
  private offset = 0;
  private lines = 0;
  private readonly buf = Buffer.alloc(4 * 1024 * 1024);
  constructor(private readonly file: string) {}
  count(): number {
    try {
      this.fd ??= openSync(this.file, 'r');
    } catch {
      return 0;
    }
    while (this.offset < statSync(this.file).size) {
      const n = readSync(this.fd, this.buf, 0, this.buf.length, this.offset);
      if (n <= 0) break;
      for (let i = 0; i < n; i++) if (this.buf[i] === 0x0a) this.lines++;
      this.offset += n;
    }
    return this.lines;
  }
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
  }
}

const syslogNgAvailable = (() => {
  try {
    execFileSync('syslog-ng', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const ours: RunResult[] = [];
const anchor: RunResult[] = [];
for (let run = 1; run <= RUNS; run++) {
  const r = process.env.BENCH_ONLY === 'anchor' ? undefined : await runMamori();
  if (r) ours.push(r);
  if (r) console.log(`run ${run} mamori:    ${Math.round(r.eventsPerSecond)} events/s, peak RSS ${r.peakRssMb.toFixed(0)} MiB (RSS at 25% ${r.rssAtQuarterMb.toFixed(0)}, 50% ${r.rssAtHalfMb.toFixed(0)}, end ${r.rssAtEndMb.toFixed(0)})`);
  if (syslogNgAvailable && process.env.BENCH_ONLY !== 'ours') {
    const a = await runSyslogNg();
    anchor.push(a);
    console.log(`run ${run} syslog-ng: ${Math.round(a.eventsPerSecond)} events/s, peak RSS ${a.peakRssMb.toFixed(0)} MiB`);
  }
}
const oursRate = ours.length ? median(ours.map((r) => r.eventsPerSecond)) : NaN;
const result: Record<string, unknown> = {
  bench: 'ingest',
  events: total,
  runs: RUNS,
  events_per_s: Math.round(oursRate),
  peak_rss_mb: Math.round(Math.max(...ours.map((r) => r.peakRssMb))),
  rss_at_25pct_mb: Math.round(median(ours.map((r) => r.rssAtQuarterMb))),
  rss_at_50pct_mb: Math.round(median(ours.map((r) => r.rssAtHalfMb))),
  rss_at_end_mb: Math.round(median(ours.map((r) => r.rssAtEndMb))),
};
if (anchor.length) {
  const anchorRate = median(anchor.map((r) => r.eventsPerSecond));
  Object.assign(result, {
    anchor: 'syslog-ng 3.38 kv-parser to JSON file (Debian)',
    anchor_events_per_s: Math.round(anchorRate),
    ratio: Number((oursRate / anchorRate).toFixed(2)),
  });
}
console.log(JSON.stringify(result));
