import type { Command } from 'commander';
import { apiJson } from '../api-client.ts';
import { printJson, printTable } from '../output.ts';

/** alerts, unassigned senders and retention: day-to-day operations through the API. */
export function registerOperationsCommands(program: Command): void {
  const alerts = program.command('alerts').description('alerts of a tenant');
  alerts
    .command('list')
    .requiredOption('--tenant <slug>')
    .option('--status <status>', 'open | resolved')
    .option('--kind <kind>', 'sigma | correlation | device | indicator | log_silence | availability')
    .option('--severity <severity>', 'low | medium | high | critical')
    .option('--json')
    .action(async (opts: { tenant: string; status?: string; kind?: string; severity?: string; json?: boolean }) => {
      const rows = await apiJson<Array<Record<string, unknown>>>(`/api/v1/tenants/${encodeURIComponent(opts.tenant)}/alerts`, {
        query: { status: opts.status, kind: opts.kind, severity: opts.severity },
      });
      if (opts.json) printJson(rows);
      else {
        // Sigma rules' authors are shown with their alerts (Detection Rule License).
        const withAuthor = rows.map((r) => ({ ...r, author: (r.rule as { author?: string | null } | null)?.author ?? '' }));
        printTable(withAuthor, ['id', 'severity', 'status', 'kind', 'title', 'source', 'target', 'lastSeenAt', 'occurrences', 'author']);
      }
    });

  const unassigned = program.command('unassigned').description('senders no device claims yet');
  unassigned
    .command('list')
    .option('--json')
    .action(async (opts: { json?: boolean }) => {
      const rows = await apiJson<Array<Record<string, unknown>>>('/api/v1/unassigned');
      if (opts.json) printJson(rows);
      else printTable(rows, ['sender', 'hostname', 'messages', 'firstSeenAt', 'lastSeenAt']);
    });
  unassigned
    .command('assign')
    .requiredOption('--sender <ip>')
    .option('--hostname <name>', 'assign only lines with this syslog hostname', '')
    .requiredOption('--tenant <slug>')
    .requiredOption('--device <name>')
    .action(async (opts: { sender: string; hostname: string; tenant: string; device: string }) => {
      const res = await apiJson<{ refiled: number }>('/api/v1/unassigned/assign', { method: 'POST', body: opts });
      console.log(`${opts.sender} now routes to ${opts.tenant}/${opts.device}; ${res.refiled} stored lines re-filed`);
    });

  program
    .command('retention')
    .description('apply every tenant’s retention now and report what was removed')
    .action(async () => printJson(await apiJson('/api/v1/admin/retention/run', { method: 'POST', body: {} })));
}
