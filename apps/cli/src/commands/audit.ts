import path from 'node:path';
import type { Command } from 'commander';
import { AuditLog, CONTROL_FILE, loadConfig, openControlStore } from '@mamori/server';
import { apiJson } from '../api-client.ts';
import { printJson, printTable } from '../output.ts';

interface AuditPage {
  entries: Array<Record<string, unknown>>;
  nextBefore: number | null;
}

/** audit verify (the control store directly, so it works with the server stopped or running) and audit list (the API). */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the tamper-evident audit log (監査ログ)');
  audit
    .command('verify')
    .description('recompute the hash chain; exit 0 when intact, 1 naming the first broken entry')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      const store = await openControlStore({
        sqliteFile: path.join(config.dataDir, CONTROL_FILE),
        postgresUrl: config.controlStore.url,
      });
      try {
        const result = await new AuditLog(store).verify();
        if (opts.json) printJson(result);
        else if (result.broken) {
          console.log(
            `audit log BROKEN at entry ${result.broken.seq}: ${result.broken.reason} (${result.entries} entries before it are intact)`,
          );
        } else console.log(`audit log intact: ${result.entries} entries, head ${result.headHash}`);
        process.exitCode = result.ok ? 0 : 1;
      } finally {
        await store.close();
      }
    });
  audit
    .command('list')
    .option('--tenant <slug>')
    .option('--actor <actor>', 'user:<name> or token:<id>')
    .option('--action <action>', 'e.g. tenant.access, or a prefix such as devices')
    .option('--from <iso>')
    .option('--to <iso>')
    .option('--limit <n>', 'newest entries to show', '100')
    .option('--json')
    .action(
      async (opts: {
        tenant?: string;
        actor?: string;
        action?: string;
        from?: string;
        to?: string;
        limit: string;
        json?: boolean;
      }) => {
        const { json, ...query } = opts;
        const page = await apiJson<AuditPage>('/api/v1/audit', { query });
        if (json) printJson(page.entries);
        else printTable(page.entries, ['seq', 'at', 'actor', 'tenant', 'action', 'target', 'outcome', 'ip']);
      },
    );
}
