import type { Command } from 'commander';
import { CliError, apiJson, apiRequest } from '../api-client.ts';
import { printTable } from '../output.ts';

interface SearchAnswer {
  columns: Array<{ name: string; type: string }>;
  shape: 'events' | 'table' | 'timechart';
  rows: unknown[][];
  stats: { elapsedMs: number; rows: number; truncated: boolean };
}

/** Columns of an event row that say little on a terminal (the JSON doc, storage bookkeeping). */
const HIDDEN_EVENT_COLUMNS = new Set(['tenant_id', 'device_id', 'batch_id', 'seq', 'received_at', 'format', 'sender', 'parse_error', 'doc']);
const RAW_WIDTH = 160;

interface SearchOptions {
  tenant?: string;
  tenants?: string;
  from?: string;
  to?: string;
  limit?: string;
  format: string;
}

/** `mamori search`: the analyst's query language (docs/query-language.md) through GET /api/v1/search. */
export function registerSearchCommands(program: Command): void {
  program
    .command('search')
    .description('search stored events with the query language, e.g. mamori search --tenant acme "event.action:deny | top 10 source.ip"')
    .option('--tenant <slug>', 'the tenant to search')
    .option('--tenants <a,b>', 'provider staff: several tenants at once')
    .option('--from <ISO>', 'start of the time range (default: 24 hours before --to)')
    .option('--to <ISO>', 'end of the time range (default: now)')
    .option('--limit <n>', 'most event rows (default 100)')
    .option('--format <format>', 'table, ndjson or csv', 'table')
    .argument('<query>', "query text; quote it for the shell: '...'")
    .action(async (query: string, opts: SearchOptions) => {
      if (!opts.tenant && !opts.tenants) throw new CliError('name a tenant: --tenant <slug>');
      if (!['table', 'ndjson', 'csv'].includes(opts.format)) throw new CliError(`--format must be table, ndjson or csv, not '${opts.format}'`);
      const q = {
        q: query,
        tenant: opts.tenant,
        tenants: opts.tenants,
        from: isoOption('--from', opts.from),
        to: isoOption('--to', opts.to),
        limit: opts.limit,
      };
      if (opts.format !== 'table') {
        // Lines are passed through as the server wrote them (CSV cells are already formula-safe).
        const res = await apiRequest('/api/v1/search', { query: { ...q, format: opts.format } });
        process.stdout.write(await res.text());
        return;
      }
      const answer = await apiJson<SearchAnswer>('/api/v1/search', { query: q });
      printAnswer(answer);
    });
}

/** Accepts any date Date.parse reads (2026-11-01, 2026-11-01T09:00+09:00) and sends it as ISO. */
function isoOption(flag: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CliError(`${flag} '${value}' is not a date/time (use ISO 8601, e.g. 2026-11-01T09:00:00+09:00)`);
  return new Date(ms).toISOString();
}

function printAnswer(a: SearchAnswer): void {
  const rows = a.rows.map((row) => {
    const obj: Record<string, unknown> = {};
    a.columns.forEach((c, i) => {
      const v = row[i];
      obj[c.name] = c.type === 'time' && typeof v === 'number' ? new Date(v).toISOString() : c.name === 'raw' && typeof v === 'string' && v.length > RAW_WIDTH ? v.slice(0, RAW_WIDTH) + '…' : v;
    });
    return obj;
  });
  let columns = a.columns.map((c) => c.name);
  if (a.shape === 'events') {
    // Only the fields these events carry, raw line last.
    columns = columns.filter((c) => !HIDDEN_EVENT_COLUMNS.has(c) && c !== 'raw' && rows.some((r) => r[c] !== null && r[c] !== undefined));
    columns.push('raw');
  }
  printTable(rows, columns);
  const cut = a.stats.truncated ? ' (limit reached: narrow the query or raise --limit)' : '';
  console.error(`${a.stats.rows} rows in ${a.stats.elapsedMs} ms${cut}`);
}
