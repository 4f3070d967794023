import type { Command } from 'commander';
import { loadConfig, startServer } from '@mamori/server';
import path from 'node:path';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run Mamori: HTTP API, syslog listeners, pipeline and jobs on the embedded stores')
    .action(async () => {
      const config = loadConfig();
      const server = await startServer(config);
      const log = server.logger;
      log.info({ url: server.url, ports: server.ports, dataDir: config.dataDir }, 'Mamori is running');
      const tokenFile = path.join(config.dataDir, 'admin-token');
      if (server.createdAdminToken) {
        console.error(
          [
            '',
            `Mamori: created the local admin API token in ${tokenFile} (mode 0600).`,
            `  The CLI on this machine uses it by itself; for other clients: export MAMORI_TOKEN=$(cat ${tokenFile})`,
            `管理者 API トークンを ${tokenFile} に作成しました。このマシンの CLI は自動で使用します。`,
            '',
          ].join('\n'),
        );
      }
      if (server.tlsCertPath) log.info({ certificate: server.tlsCertPath }, 'syslog over TLS certificate');
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'shutting down: storing everything received');
        server.close().then(
          () => process.exit(0),
          (err: unknown) => {
            log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGTERM', () => stop('SIGTERM'));
      process.on('SIGINT', () => stop('SIGINT'));
    });
}
