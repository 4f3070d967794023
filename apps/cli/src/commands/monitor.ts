import type { Command } from 'commander';
import { CliError, apiJson } from '../api-client.ts';
import { printJson, printTable } from '../output.ts';

const TYPES = ['ping', 'tcp', 'http', 'dns', 'snmp', 'heartbeat', 'logs'];

/** "60s", "5m", "1h", "500ms" or a bare number of seconds → milliseconds. */
export function parseDuration(flag: string, text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new CliError(`${flag} '${text}' is not a duration such as 30s, 5m or 1h`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  return Math.round(Number(m[1]) * unit);
}

/** A readable default name from the type and target: "http-example.com", "tcp-10.0.0.1-443". */
export function defaultMonitorName(type: string, target: string | undefined, device: string | undefined): string {
  let base = target ?? device ?? 'push';
  try {
    const url = new URL(base);
    if (url.protocol.startsWith('http')) base = url.host + (url.pathname === '/' ? '' : url.pathname);
  } catch {
    /* not a URL */
  }
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return `${type}-${cleaned}`.slice(0, 100);
}

interface CreateOptions {
  tenant: string;
  type: string;
  target?: string;
  name?: string;
  interval: string;
  timeout: string;
  retries?: string;
  device?: string;
}

interface MonitorRow {
  name: string;
  type: string;
  target: string;
  device: string | null;
  intervalSeconds: number;
  state: string;
  stateSince: string;
  lastLatencyMs: number | null;
  lastMessage: string | null;
  pushPath: string | null;
}

/** `mamori monitor create|list`: availability monitors through the API (docs/monitoring.md). */
export function registerMonitorCommands(program: Command): void {
  const monitor = program.command('monitor').description('availability monitors of customer devices and services');
  monitor
    .command('create')
    .description('add a monitor, e.g. mamori monitor create --tenant acme --type http --target https://portal.acme.example')
    .requiredOption('--tenant <slug>')
    .requiredOption('--type <type>', TYPES.join('|'))
    .option('--target <target>', 'host (ping, snmp), host:port (tcp), URL (http) or DNS name (dns)')
    .option('--name <name>', 'default: type and target')
    .option('--interval <duration>', 'time between checks', '60s')
    .option('--timeout <duration>', 'longest a check may take', '5s')
    .option('--retries <n>', 'failed checks tolerated before down (default 1)')
    .option('--device <name>', 'the device this monitor watches (alert severity, SNMP defaults, capacity)')
    .action(async (opts: CreateOptions) => {
      if (!TYPES.includes(opts.type)) throw new CliError(`--type must be one of ${TYPES.join(', ')}`);
      const intervalMs = parseDuration('--interval', opts.interval);
      if (intervalMs % 1000 !== 0) throw new CliError('--interval must be whole seconds');
      const body = {
        name: opts.name ?? defaultMonitorName(opts.type, opts.target, opts.device),
        type: opts.type,
        target: opts.target,
        device: opts.device,
        intervalSeconds: intervalMs / 1000,
        timeoutMs: parseDuration('--timeout', opts.timeout),
        ...(opts.retries !== undefined && { retries: Number(opts.retries) }),
      };
      const created = await apiJson<MonitorRow>(`/api/v1/tenants/${encodeURIComponent(opts.tenant)}/monitors`, { method: 'POST', body });
      console.log(`monitor ${created.name} created (${created.type} ${created.target}, every ${created.intervalSeconds}s): ${created.state}`);
      if (created.pushPath) console.log(`push URL: <server>${created.pushPath}`);
    });

  monitor
    .command('list')
    .requiredOption('--tenant <slug>')
    .option('--json')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const rows = await apiJson<MonitorRow[]>(`/api/v1/tenants/${encodeURIComponent(opts.tenant)}/monitors`);
      if (opts.json) return printJson(rows);
      printTable(
        rows.map((r) => ({ ...r, interval: `${r.intervalSeconds}s`, latency: r.lastLatencyMs === null ? '' : `${Math.round(r.lastLatencyMs)} ms` })),
        ['name', 'type', 'target', 'device', 'interval', 'state', 'stateSince', 'latency', 'lastMessage'],
      );
    });
}
