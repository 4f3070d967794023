import type { Command } from 'commander';
import { apiJson, apiRequest } from '../api-client.ts';
import { printJson, printTable } from '../output.ts';

interface Tenant {
  slug: string;
  name: string;
  createdAt: string;
  retentionDays: number | null;
}

/** tenant / device / token: administrative commands that go through the running server's API. */
export function registerAdminCommands(program: Command): void {
  const tenant = program.command('tenant').description('customer organisations');
  tenant
    .command('create <slug>')
    .option('--name <text>', 'display name')
    .action(async (slug: string, opts: { name?: string }) => {
      const t = await apiJson<Tenant>('/api/v1/tenants', { method: 'POST', body: { slug, name: opts.name } });
      console.log(`tenant ${t.slug} created`);
    });
  tenant
    .command('list')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      const rows = await apiJson<Tenant[]>('/api/v1/tenants');
      if (opts.json) printJson(rows);
      else printTable(rows as unknown as Array<Record<string, unknown>>, ['slug', 'name', 'createdAt', 'retentionDays']);
    });
  tenant
    .command('delete <slug>')
    .description('delete all data of a tenant (contract end) and print the certificate of deletion')
    .requiredOption('--confirm <slug>', 'repeat the slug to confirm')
    .action(async (slug: string, opts: { confirm: string }) => {
      printJson(await apiJson(`/api/v1/tenants/${encodeURIComponent(slug)}`, { method: 'DELETE', query: { confirm: opts.confirm } }));
    });

  const device = program.command('device').description('devices that send logs');
  device
    .command('create')
    .requiredOption('--tenant <slug>')
    .requiredOption('--name <name>')
    .requiredOption('--format <parser|auto>')
    .option('--address <ip>', 'sender address (repeatable)', (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option('--hostname <name>', 'hostname in the syslog header')
    .option('--timezone <zone>', 'IANA zone of the device clock', 'UTC')
    .option('--kind <kind>', 'firewall, ips, utm, waf, proxy, server, endpoint, cloud, network, other', 'other')
    .option('--expected-interval <seconds>', 'raise a log-silence alert after this long without logs')
    .action(
      async (opts: {
        tenant: string;
        name: string;
        format: string;
        address: string[];
        hostname?: string;
        timezone: string;
        kind: string;
        expectedInterval?: string;
      }) => {
        await apiJson(`/api/v1/tenants/${encodeURIComponent(opts.tenant)}/devices`, {
          method: 'POST',
          body: {
            name: opts.name,
            format: opts.format,
            addresses: opts.address,
            hostname: opts.hostname,
            timezone: opts.timezone,
            kind: opts.kind,
            expectedIntervalSeconds: opts.expectedInterval ? Number(opts.expectedInterval) : undefined,
          },
        });
        console.log(`device ${opts.name} created in ${opts.tenant}`);
      },
    );
  device
    .command('list')
    .requiredOption('--tenant <slug>')
    .option('--json')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      const rows = await apiJson<Array<Record<string, unknown>>>(`/api/v1/tenants/${encodeURIComponent(opts.tenant)}/devices`);
      if (opts.json) printJson(rows);
      else printTable(rows, ['name', 'kind', 'format', 'addresses', 'hostname', 'timezone', 'lastSeenAt']);
    });

  const token = program.command('token').description('API tokens');
  token
    .command('create')
    .option('--tenant <slug>')
    .option('--device <name>')
    .requiredOption('--scope <scope>', 'ingest | read | admin')
    .option('--name <text>', 'what the token is for', 'api token')
    .action(async (opts: { tenant?: string; device?: string; scope: string; name: string }) => {
      const created = await apiJson<{ token: string }>('/api/v1/tokens', {
        method: 'POST',
        body: { tenant: opts.tenant, device: opts.device, scope: opts.scope, name: opts.name },
      });
      console.log(created.token);
    });
  token
    .command('list')
    .option('--tenant <slug>')
    .option('--json')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      const rows = await apiJson<Array<Record<string, unknown>>>('/api/v1/tokens', { query: { tenant: opts.tenant } });
      if (opts.json) printJson(rows);
      else printTable(rows, ['id', 'name', 'scope', 'prefix', 'tenantId', 'deviceId', 'lastUsedAt']);
    });
  token
    .command('revoke <id>')
    .action(async (id: string) => {
      await apiRequest(`/api/v1/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
      console.log(`token ${id} revoked`);
    });
}
