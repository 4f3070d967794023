import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type { Command } from 'commander';
import { backupData, loadConfig, restoreData } from '@mamori/server';
import { CliError, apiJson, apiRequest } from '../api-client.ts';
import { withLocalStores } from '../local-stores.ts';
import { printJson } from '../output.ts';

const IMPORT_CHUNK_BYTES = 4 * 1024 * 1024;

interface VerifyReport {
  intact: boolean;
  batchesChecked: number;
  eventsChecked: number;
  batchesRemoved: number;
  headSha256: string;
  firstProblem?: { batchId: number | null; chainSeq: number | null; problem: string };
}

/** import, export, verify, backup, restore: moving evidence in and out (ING-3, STO-3/4/5). */
export function registerDataCommands(program: Command): void {
  program
    .command('import')
    .description('send a log file (plain or gzip, or - for stdin) to a device, e.g. evidence received from a customer')
    .requiredOption('--tenant <slug>')
    .requiredOption('--device <name>')
    .option('--format <parser>', "override the device's format for this file")
    .argument('<file>', 'file path or -')
    .action(async (file: string, opts: { tenant: string; device: string; format?: string }) => {
      let accepted = 0;
      for await (const chunk of lineChunks(file)) {
        const res = await apiJson<{ accepted: number }>('/api/v1/ingest', {
          method: 'POST',
          rawBody: chunk,
          contentType: 'text/plain',
          query: { tenant: opts.tenant, device: opts.device, format: opts.format },
        });
        accepted += res.accepted;
      }
      console.log(`${accepted} lines stored`);
    });

  program
    .command('export')
    .requiredOption('--tenant <slug>')
    .option('--device <name>')
    .option('--from <iso>')
    .option('--to <iso>')
    .option('--raw', 'the lines exactly as received')
    .option('--ndjson', 'normalised ECS documents')
    .option('--csv', 'normalised, spreadsheet-safe')
    .action(async (opts: { tenant: string; device?: string; from?: string; to?: string; raw?: boolean; ndjson?: boolean; csv?: boolean }) => {
      const format = opts.raw ? 'raw' : opts.csv ? 'csv' : 'ndjson';
      const res = await apiRequest(`/api/v1/tenants/${encodeURIComponent(opts.tenant)}/export`, {
        query: { format, device: opts.device, from: opts.from, to: opts.to },
      });
      await pipeline(Readable.fromWeb(res.body as import('node:stream/web').ReadableStream), process.stdout);
    });

  program
    .command('verify')
    .description('prove that a tenant’s stored lines are unaltered (exit 0 when intact)')
    .requiredOption('--tenant <slug>')
    .option('--from <iso>')
    .option('--to <iso>')
    .action(async (opts: { tenant: string; from?: string; to?: string }) => {
      const range = { from: opts.from ? Date.parse(opts.from) : undefined, to: opts.to ? Date.parse(opts.to) : undefined };
      const report =
        (await withLocalStores(async ({ control, events }) => {
          const t = await control.db.selectFrom('tenants').select('id').where('slug', '=', opts.tenant).executeTakeFirst();
          if (!t) throw new CliError(`no tenant ${opts.tenant}`);
          return events.verify(t.id, range);
        })) ??
        (await apiJson<VerifyReport>(`/api/v1/tenants/${encodeURIComponent(opts.tenant)}/verify`, {
          query: { from: opts.from, to: opts.to },
        }));
      if (report.intact) {
        console.log(
          `intact: ${report.batchesChecked} batches, ${report.eventsChecked} events re-hashed; ${report.batchesRemoved} removed by retention; head ${report.headSha256}`,
        );
        return;
      }
      const p = report.firstProblem!;
      console.log(`ALTERED: batch ${p.batchId ?? '-'} (chain position ${p.chainSeq ?? '-'}): ${p.problem}`);
      process.exitCode = 1;
    });

  program
    .command('backup <dir>')
    .description('consistent copy of the stores and TLS material into an empty folder')
    .action(async (dir: string) => {
      const done = await withLocalStores((stores, dataDir) => backupData(stores, dataDir, dir));
      const manifest = done ?? (await apiJson('/api/v1/admin/backup', { method: 'POST', body: { dir } }));
      printJson(manifest);
    });

  program
    .command('restore <dir>')
    .description('put a backup back into the data dir (with the server stopped)')
    .option('--force', 'replace the data that is there')
    .action(async (dir: string, opts: { force?: boolean }) => {
      const config = loadConfig();
      const manifest = await restoreData(dir, config.dataDir, { force: opts.force });
      console.log(`restored ${Object.keys(manifest.files).length} files from the backup of ${manifest.createdAt} into ${config.dataDir}`);
    });
}

/** Newline-aligned chunks of a file, so a request never splits a line. */
async function* lineChunks(file: string): AsyncGenerator<Buffer> {
  const source = file === '-' ? process.stdin : createReadStream(file);
  const head = await peek(source);
  const stream = head.gzip ? head.stream.pipe(createGunzip()) : head.stream;
  let carry: Buffer = Buffer.alloc(0);
  for await (const piece of stream as AsyncIterable<Buffer>) {
    carry = carry.length ? Buffer.concat([carry, piece]) : piece;
    if (carry.length < IMPORT_CHUNK_BYTES) continue;
    const cut = carry.lastIndexOf(0x0a);
    if (cut === -1) continue;
    yield carry.subarray(0, cut + 1);
    carry = Buffer.from(carry.subarray(cut + 1));
  }
  if (carry.length) yield carry;
}

async function peek(source: NodeJS.ReadableStream): Promise<{ gzip: boolean; stream: Readable }> {
  const iterator = (source as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  const first = await iterator.next();
  const firstChunk: Buffer = first.done ? Buffer.alloc(0) : first.value;
  const gzip = firstChunk.length >= 2 && firstChunk[0] === 0x1f && firstChunk[1] === 0x8b;
  async function* rest(): AsyncGenerator<Buffer> {
    if (firstChunk.length) yield firstChunk;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { gzip, stream: Readable.from(rest()) };
}
