/**
 * `mamori rules import|list|enable|disable|delete|threshold`, `mamori indicator add|import|list` and `mamori suppression
 * add|list|approve|reject`: detection management through the running server's API. `mamori rules test` (offline) lives in
 * sigma.ts and shares the same `rules` command.
 */
import { readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { apiJson, apiRequest, CliError } from '../api-client.ts';
import { printJson, printTable } from '../output.ts';
import { yamlFiles } from '../yaml-files.ts';

interface ImportResult {
  imported: Array<{ id: string; title: string; kind: string; level: string | null; replaced: boolean }>;
  rejected: Array<{ source: string; id?: string; reason: string }>;
}

/** Files sent per request: keeps each body far below the server's limit even for the whole SigmaHQ corpus. */
const FILES_PER_REQUEST = 200;

const tenantPath = (slug: string) => `/api/v1/tenants/${encodeURIComponent(slug)}`;

async function importCommand(path: string, opts: { tenant?: string; disabled?: boolean; json?: boolean }): Promise<void> {
  const base = statSync(path).isDirectory() ? path : '.';
  const files = yamlFiles(path).map((f) => ({ name: relative(base, f) || f, text: readFileSync(f, 'utf8') }));
  if (files.length === 0) throw new CliError(`no .yml or .yaml files under ${path}`);
  const total: ImportResult = { imported: [], rejected: [] };
  for (let i = 0; i < files.length; i += FILES_PER_REQUEST) {
    const chunk = files.slice(i, i + FILES_PER_REQUEST);
    try {
      const r = await apiJson<ImportResult>('/api/v1/rules/import', {
        method: 'POST',
        body: { files: chunk, tenant: opts.tenant, enabled: !opts.disabled },
      });
      total.imported.push(...r.imported);
      total.rejected.push(...r.rejected);
    } catch (err) {
      // A chunk where nothing loads is a 400; report it with the others instead of stopping.
      if (!(err instanceof CliError) || !err.message.startsWith('400 ')) throw err;
      total.rejected.push({ source: chunk.length === 1 ? chunk[0]!.name : `${chunk[0]!.name} …`, reason: err.message.slice(4) });
    }
  }
  if (opts.json) printJson(total);
  else {
    for (const r of total.rejected) console.error(`rejected: ${r.source}${r.id ? ` (${r.id})` : ''}: ${r.reason}`);
    const replaced = total.imported.filter((r) => r.replaced).length;
    console.log(
      `${total.imported.length} rules imported into ${opts.tenant ? `tenant ${opts.tenant}` : 'the library'} (${replaced} replaced), ${total.rejected.length} rejected`,
    );
  }
  if (total.rejected.length > 0) process.exitCode = 1;
}

export function registerRulesCommands(program: Command): void {
  const rules = program.commands.find((c) => c.name() === 'rules') ?? program.command('rules').description('detection rules');
  rules
    .command('import <file|dir>')
    .description('store Sigma rules (.yml, recursively) in the library, or as one tenant’s own rules')
    .option('--tenant <slug>', 'import as this tenant’s own rules')
    .option('--disabled', 'store the rules switched off (enable them per tenant)')
    .option('--json')
    .action(importCommand);
  rules
    .command('list')
    .description('the rule library, or with --tenant the rules that tenant runs')
    .option('--tenant <slug>')
    .option('--json')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      const rows = await apiJson<Array<Record<string, unknown>>>(opts.tenant ? `${tenantPath(opts.tenant)}/rules` : '/api/v1/rules');
      if (opts.json) printJson(rows);
      else printTable(rows, ['id', 'enabled', 'level', 'kind', 'owner', 'title', 'author']);
    });
  for (const action of ['enable', 'disable'] as const) {
    rules
      .command(`${action} <id>`)
      .description(`${action} a rule or device signature (device:<ruleset>:<id>) for one tenant`)
      .requiredOption('--tenant <slug>')
      .option('--reason <text>')
      .action(async (id: string, opts: { tenant: string; reason?: string }) => {
        await apiRequest(`${tenantPath(opts.tenant)}/rules/${encodeURIComponent(id)}/${action}`, { method: 'POST', body: { reason: opts.reason } });
        console.log(`${id} ${action}d for ${opts.tenant}`);
      });
  }
  rules
    .command('delete <id>')
    .description('remove a stored rule from the library, or with --tenant from that tenant’s own rules')
    .option('--tenant <slug>')
    .action(async (id: string, opts: { tenant?: string }) => {
      await apiRequest(`${opts.tenant ? `${tenantPath(opts.tenant)}/rules` : '/api/v1/rules'}/${encodeURIComponent(id)}`, { method: 'DELETE' });
      console.log(`${id} deleted`);
    });
  rules
    .command('threshold <id>')
    .description('override a correlation rule’s threshold and/or timespan for one tenant')
    .requiredOption('--tenant <slug>')
    .option('--threshold <n>', 'new lower bound (gte)', (v) => Number.parseInt(v, 10))
    .option('--timespan <span>', 'e.g. 5m, 30s, 1h')
    .option('--reason <text>')
    .action(async (id: string, opts: { tenant: string; threshold?: number; timespan?: string; reason?: string }) => {
      await apiRequest(`${tenantPath(opts.tenant)}/rules/${encodeURIComponent(id)}/params`, {
        method: 'PUT',
        body: { threshold: opts.threshold, timespan: opts.timespan, reason: opts.reason },
      });
      console.log(`${id} tuned for ${opts.tenant}`);
    });

  const indicator = program.command('indicator').description('indicators of compromise (IP, CIDR, domain, URL, hash, account)');
  indicator
    .command('add')
    .description('add an indicator (provider-wide without --tenant) and retro-hunt stored events')
    .option('--tenant <slug>')
    .requiredOption('--type <type>', 'ip | cidr | domain | url | hash | account')
    .requiredOption('--value <value>')
    .option('--severity <severity>', 'low | medium | high | critical')
    .option('--description <text>')
    .option('--retro-hunt-days <n>', 'days of stored events to search (0: none)', (v) => Number.parseInt(v, 10))
    .action(async (opts: { tenant?: string; type: string; value: string; severity?: string; description?: string; retroHuntDays?: number }) => {
      const { tenant, ...body } = opts;
      const r = await apiJson<{ indicator: { id: number }; retroHunt: { events: number; truncated: boolean } }>(
        tenant ? `${tenantPath(tenant)}/indicators` : '/api/v1/indicators',
        { method: 'POST', body },
      );
      console.log(`indicator ${r.indicator.id} added; retro-hunt found ${r.retroHunt.events} events${r.retroHunt.truncated ? ' (stopped at the limit)' : ''}`);
    });
  indicator
    .command('import <file>')
    .description('add a feed: one value per line (# comments), all of one --type, then one retro-hunt for all')
    .option('--tenant <slug>')
    .requiredOption('--type <type>', 'ip | cidr | domain | url | hash | account')
    .option('--severity <severity>', 'low | medium | high | critical')
    .option('--description <text>')
    .option('--retro-hunt-days <n>', 'days of stored events to search (0: none)', (v) => Number.parseInt(v, 10))
    .action(async (file: string, opts: { tenant?: string; type: string; severity?: string; description?: string; retroHuntDays?: number }) => {
      const values = readFileSync(file, 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#'));
      const r = await apiJson<{ created: number; rejected: Array<{ value: string; reason: string }>; retroHunt: { events: number; truncated: boolean } }>(
        opts.tenant ? `${tenantPath(opts.tenant)}/indicators/bulk` : '/api/v1/indicators/bulk',
        {
          method: 'POST',
          body: {
            indicators: values.map((value) => ({ type: opts.type, value, severity: opts.severity, description: opts.description })),
            retroHuntDays: opts.retroHuntDays,
          },
        },
      );
      for (const x of r.rejected) console.error(`rejected: ${x.value}: ${x.reason}`);
      console.log(`${r.created} indicators added, ${r.rejected.length} rejected; retro-hunt found ${r.retroHunt.events} events${r.retroHunt.truncated ? ' (stopped at the limit)' : ''}`);
    });
  indicator
    .command('list')
    .option('--tenant <slug>')
    .option('--json')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      const rows = await apiJson<Array<Record<string, unknown>>>(opts.tenant ? `${tenantPath(opts.tenant)}/indicators` : '/api/v1/indicators');
      if (opts.json) printJson(rows);
      else printTable(rows, ['id', 'scope', 'type', 'value', 'severity', 'expiresAt', 'description']);
    });

  const suppression = program.command('suppression').description('per-tenant alert suppressions (tuning)');
  suppression
    .command('add')
    .requiredOption('--tenant <slug>')
    .option('--rule <id>', 'only this rule (default: any rule)')
    .option('--where <field=value>', 'condition; repeat for several fields (value may be a CIDR or use * and ?)', (v: string, acc: string[]) => [...acc, v], [])
    .requiredOption('--reason <text>')
    .option('--requested-by <who>')
    .option('--expires <ISO date>')
    .action(async (opts: { tenant: string; rule?: string; where: string[]; reason: string; requestedBy?: string; expires?: string }) => {
      const conditions: Record<string, string[]> = {};
      for (const w of opts.where) {
        const eq = w.indexOf('=');
        if (eq <= 0) throw new CliError(`--where ${w}: expected field=value`);
        (conditions[w.slice(0, eq)] ??= []).push(w.slice(eq + 1));
      }
      const r = await apiJson<{ id: number; status: string }>(`${tenantPath(opts.tenant)}/suppressions`, {
        method: 'POST',
        body: { rule: opts.rule, conditions, reason: opts.reason, requestedBy: opts.requestedBy, expiresAt: opts.expires },
      });
      console.log(r.status === 'requested' ? `suppression ${r.id} requested; provider staff will decide` : `suppression ${r.id} added`);
    });
  for (const decision of ['approve', 'reject'] as const) {
    suppression
      .command(`${decision} <id>`)
      .description(`${decision} a customer's suppression request (provider staff)`)
      .requiredOption('--tenant <slug>')
      .option('--reason <text>')
      .action(async (id: string, opts: { tenant: string; reason?: string }) => {
        await apiJson(`${tenantPath(opts.tenant)}/suppressions/${encodeURIComponent(id)}/${decision}`, { method: 'POST', body: { reason: opts.reason } });
        console.log(`suppression ${id} ${decision === 'approve' ? 'approved' : 'rejected'}`);
      });
  }
  suppression
    .command('list')
    .requiredOption('--tenant <slug>')
    .option('--json')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const rows = await apiJson<Array<Record<string, unknown>>>(`${tenantPath(opts.tenant)}/suppressions`);
      if (opts.json) printJson(rows);
      else printTable(rows, ['id', 'status', 'rule', 'conditions', 'reason', 'requestedBy', 'expiresAt', 'hits']);
    });
}
