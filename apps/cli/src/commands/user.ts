import type { Command } from 'commander';
import { apiJson, apiRequest, CliError } from '../api-client.ts';
import { printJson, printTable } from '../output.ts';

interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  tenant: string | null;
  totpEnabled: boolean;
  sso: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  temporaryPassword?: string;
}

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

async function userId(username: string): Promise<number> {
  const found = (await apiJson<User[]>('/api/v1/users')).find((u) => u.username === username);
  if (!found) throw new CliError(`no user ${username}`);
  return found.id;
}

function printTemporary(username: string, password: string): void {
  console.log(`temporary password for ${username} (shown once; it must be changed at the first sign-in):`);
  console.log(`${username} の仮パスワード（この一度だけ表示。初回サインイン時に変更が必要）:`);
  console.log(password);
}

/** mamori user create|list|reset-password|delete — through the running server's API, like tenant and token. */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('people who sign in: provider staff and customer users');
  user
    .command('create <username>')
    .requiredOption('--role <role>', 'admin, manager, engineer, analyst, operator, customer-admin, customer-viewer or ciso')
    .option('--tenant <slug>', 'the tenant of a customer user')
    .option('--display-name <text>')
    .option('--password-stdin', 'read the password from stdin (never from the command line, where ps would show it)')
    .option('--sso', 'signs in only through OpenID Connect: no password')
    .action(async (username: string, opts: { role: string; tenant?: string; displayName?: string; passwordStdin?: boolean; sso?: boolean }) => {
      const password = opts.passwordStdin ? await readStdinLine() : undefined;
      const created = await apiJson<User>('/api/v1/users', {
        method: 'POST',
        // A password typed by the person themselves need not be changed; a generated one must.
        body: { username, role: opts.role, tenant: opts.tenant, displayName: opts.displayName, password, sso: opts.sso, mustChangePassword: password === undefined },
      });
      console.log(`user ${created.username} created (${created.role}${created.tenant ? `, ${created.tenant}` : ''})`);
      if (created.temporaryPassword) printTemporary(created.username, created.temporaryPassword);
    });
  user
    .command('list')
    .option('--tenant <slug>')
    .option('--json', 'machine-readable output')
    .action(async (opts: { tenant?: string; json?: boolean }) => {
      const rows = await apiJson<User[]>('/api/v1/users', { query: { tenant: opts.tenant } });
      if (opts.json) printJson(rows);
      else printTable(rows as unknown as Array<Record<string, unknown>>, ['id', 'username', 'role', 'tenant', 'totpEnabled', 'sso', 'lockedUntil', 'lastLoginAt']);
    });
  user
    .command('reset-password <username>')
    .description('a temporary password, lifting any lockout; the user must change it at the next sign-in')
    .action(async (username: string) => {
      const r = await apiJson<{ temporaryPassword: string }>(`/api/v1/users/${await userId(username)}/reset-password`, { method: 'POST' });
      printTemporary(username, r.temporaryPassword);
    });
  user.command('delete <username>').action(async (username: string) => {
    await apiRequest(`/api/v1/users/${await userId(username)}`, { method: 'DELETE' });
    console.log(`user ${username} deleted`);
  });
}
