import { Command } from 'commander';
import { CliError } from './api-client.ts';
import { registerAdminCommands } from './commands/admin.ts';
import { registerAuditCommands } from './commands/audit.ts';
import { registerDataCommands } from './commands/data.ts';
import { registerIncidentCommands } from './commands/incident.ts';
import { registerMonitorCommands } from './commands/monitor.ts';
import { registerOperationsCommands } from './commands/operations.ts';
import { registerParseCommands } from './commands/parse.ts';
import { registerRulesCommands } from './commands/rules.ts';
import { registerSearchCommands } from './commands/search.ts';
import { registerServeCommand } from './commands/serve.ts';
import { registerSigmaCommands } from './commands/sigma.ts';
import { registerUserCommands } from './commands/user.ts';

const program = new Command('mamori')
  .description('Mamori — security operations platform (守り). Logs in, alerts out, incidents to closure.')
  .showHelpAfterError();

registerServeCommand(program);
registerAdminCommands(program);
registerAuditCommands(program);
registerDataCommands(program);
registerOperationsCommands(program);
registerParseCommands(program);
registerSearchCommands(program);
registerMonitorCommands(program);
registerIncidentCommands(program);
registerUserCommands(program);
// Before sigma.ts, which adds `rules test` to the same `rules` command.
registerRulesCommands(program);
registerSigmaCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof CliError || err instanceof Error ? err.message : String(err);
  console.error(`mamori: ${message}`);
  process.exit(err instanceof CliError ? 2 : 1);
});
