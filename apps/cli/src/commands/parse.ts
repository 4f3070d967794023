/**
 * `mamori parse` (stdin log lines → NDJSON normalised events) and `mamori parsers` (the formats this build
 * understands). Both work offline: no server, no data dir.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { Command } from 'commander';
import { parseLine, parsers, type ParseContext } from '@mamori/parsers';
import { toNested, type EventFields, type NestedDocument } from '@mamori/schema';

export interface ParseStreamOptions {
  format: string;
  timezone: string;
}

/** ECS export shape: nested document, times as ISO 8601, the raw line as event.original. */
export function eventDocument(fields: EventFields, line: string, error: string | undefined): Record<string, unknown> {
  const flat: EventFields = { ...fields };
  for (const k of ['@timestamp', 'event.created']) {
    const v = flat[k];
    if (typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < 8.64e15) flat[k] = new Date(v).toISOString();
  }
  flat['event.original'] = line;
  const doc: NestedDocument = toNested(flat);
  return error === undefined ? doc : { error, ...doc };
}

/** Reads lines from `input`, writes one JSON document per line to `output`. Resolves with the line count. */
export async function parseStream(input: Readable, output: Writable, opts: ParseStreamOptions): Promise<number> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let buffer = '';
  const flush = async (): Promise<void> => {
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    if (!output.write(chunk)) await new Promise<void>((resolve) => output.once('drain', resolve));
  };
  for await (const raw of rl) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.trim() === '') continue;
    const ctx: ParseContext = { receivedAt: Date.now(), timezone: opts.timezone };
    const out = parseLine(opts.format, line, ctx);
    buffer += `${JSON.stringify(eventDocument(out.fields, line, out.error))}\n`;
    n++;
    if (buffer.length > 64 * 1024) await flush();
  }
  await flush();
  return n;
}

function validZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A closed pipe (`mamori parse | head`) is a normal way to stop reading, not an error. */
function exitQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}

export function registerParseCommands(program: Command): void {
  program
    .command('parse')
    .description('parse log lines from stdin into normalised events (NDJSON on stdout)')
    .option('--format <parser|auto>', 'parser name, or auto to detect per line', 'auto')
    .option('--timezone <zone>', 'IANA zone of the device clock, for timestamps without zone', 'UTC')
    .action(async (opts: { format: string; timezone: string }) => {
      if (opts.format !== 'auto' && !parsers.some((p) => p.name === opts.format)) {
        console.error(`unknown format "${opts.format}"; known: auto, ${parsers.map((p) => p.name).join(', ')}`);
        process.exitCode = 2;
        return;
      }
      if (!validZone(opts.timezone)) {
        console.error(`unknown time zone "${opts.timezone}" (use an IANA name such as Asia/Tokyo)`);
        process.exitCode = 2;
        return;
      }
      exitQuietlyOnClosedPipe();
      await parseStream(process.stdin, process.stdout, { format: opts.format, timezone: opts.timezone });
    });

  program
    .command('parsers')
    .description('list the log formats this build understands')
    .option('--json', 'machine-readable output')
    .action((opts: { json?: boolean }) => {
      exitQuietlyOnClosedPipe();
      const rows = parsers.map((p) => ({ name: p.name, description: p.description }));
      if (opts.json) {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      const width = Math.max(...rows.map((r) => r.name.length), 4);
      console.log(`${'auto'.padEnd(width)}  detect the format of each line`);
      for (const r of rows) console.log(`${r.name.padEnd(width)}  ${r.description}`);
    });
}
