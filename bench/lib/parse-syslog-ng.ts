/**
 * The anchor of `npm run bench -- parse`: Debian's syslog-ng with kv-parser, reading the same lines over TCP
 * on loopback and writing JSON to a file, pinned to one core. Measured from the first byte sent until
 * syslog-ng's own counter says every line was written.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function syslogNgVersion(): string | undefined {
  try {
    return execFileSync('syslog-ng', ['--version'], { encoding: 'utf8' }).split('\n')[0]?.trim();
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const c = createConnection({ host: '127.0.0.1', port }, () => {
      c.end();
      resolve(true);
    });
    c.once('error', () => resolve(false));
  });
}

function send(port: number, payload: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const c = createConnection({ host: '127.0.0.1', port }, () => c.end(payload));
    c.once('error', reject);
    c.once('close', () => resolve());
  });
}

function written(ctl: string): number {
  try {
    const out = execFileSync('syslog-ng-ctl', ['stats', '-c', ctl], { encoding: 'utf8', timeout: 5000 });
    let n = 0;
    for (const line of out.split('\n')) {
      if (line.includes(';d_file') && (line.includes(';written;') || line.includes(';processed;'))) {
        n = Math.max(n, Number(line.slice(line.lastIndexOf(';') + 1)) || 0);
      }
    }
    return n;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system, all threads) used so far by process `pid`, from /proc; NaN when unreadable. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    return ticks / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

export interface SyslogNgRun {
  /** Lines per wall-clock second, first byte sent → last line written. */
  wall: number;
  /** Lines per CPU second of syslog-ng (all its threads): the same basis as the Mamori figures. */
  cpu: number;
}

/** syslog-ng kv-parser → JSON file, one result per run. */
export async function measureSyslogNg(lines: string[], runs: number): Promise<SyslogNgRun[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-parse-bench-'));
  const port = await freePort();
  const ctl = path.join(dir, 'ctl');
  writeFileSync(
    path.join(dir, 'syslog-ng.conf'),
    `@version: 3.35
options { stats_freq(0); flush_lines(10000); log_msg_size(65536); log_fifo_size(200000); };
source s_tcp { network(ip("127.0.0.1") port(${port}) transport("tcp") flags(no-parse) log-iw-size(200000) log-fetch-limit(10000)); };
parser p_kv { kv-parser(prefix(".kv.")); };
destination d_file { file("${path.join(dir, 'out.json')}" template("$(format-json --key .kv.*)\\n")); };
log { source(s_tcp); parser(p_kv); destination(d_file); flags(flow-control); };
`,
  );
  const args = ['-F', '-e', '--no-caps', '-f', path.join(dir, 'syslog-ng.conf'), '-R', path.join(dir, 'persist'), '-p', path.join(dir, 'pid'), '-c', ctl];
  let child: ChildProcess | undefined;
  try {
    let hasTaskset = true;
    try {
      execFileSync('taskset', ['-c', '0', 'true']);
    } catch {
      hasTaskset = false;
    }
    child = hasTaskset ? spawn('taskset', ['-c', '1', 'syslog-ng', ...args], { stdio: 'ignore' }) : spawn('syslog-ng', args, { stdio: 'ignore' });
    const started = child;
    process.once('exit', () => started.kill('SIGTERM')); // never leave syslog-ng behind
    const ready = Date.now() + 15_000;
    while (!(await canConnect(port))) {
      if (Date.now() > ready) throw new Error('syslog-ng did not start listening');
      await sleep(100);
    }
    const payload = Buffer.from(lines.join('\n') + '\n');
    const rates: SyslogNgRun[] = [];
    for (let run = 1; run <= runs; run++) {
      const target = run * lines.length;
      const started = performance.now();
      const cpuStart = cpuSeconds(child.pid);
      await send(port, payload);
      const deadline = Date.now() + 120_000;
      while (written(ctl) < target) {
        if (Date.now() > deadline) throw new Error('syslog-ng did not write every line in time');
        await sleep(50);
      }
      const cpu = cpuSeconds(child.pid) - cpuStart;
      rates.push({ wall: lines.length / ((performance.now() - started) / 1000), cpu: lines.length / cpu });
      rmSync(path.join(dir, 'out.json'), { force: true });
    }
    return rates;
  } finally {
    child?.kill('SIGTERM');
    await sleep(200);
    rmSync(dir, { recursive: true, force: true });
  }
}
