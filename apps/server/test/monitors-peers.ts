/**
 * Real peers for the monitor tests, all on 127.0.0.1: HTTP and HTTPS servers (the HTTPS certificate
 * expires in 3 days), a TCP listener, dnsmasq as a DNS server and snmpd as an SNMP v2c/v3 agent.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './helpers/test-server.ts';

export const SNMP_COMMUNITY = 'mamori-test';
export const SNMP_USER = { name: 'mamoriv3', authKey: 'authpass123', privKey: 'privpass123' };

const run = promisify(execFile);

export interface Peers {
  dir: string;
  http: string;
  https: string;
  tcpPort: number;
  closedPort: number;
  dnsPort: number;
  snmpPort: number;
  close(): Promise<void>;
}

function listen(server: HttpServer | net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

const handler = (req: { url?: string | undefined }, res: import('node:http').ServerResponse) => {
  switch (req.url ?? '') {
    case '/ok':
      return res.end('hello from mamori test peer');
    case '/redirect':
      res.writeHead(302, { location: '/ok' });
      return res.end();
    case '/loop':
      res.writeHead(302, { location: '/loop' });
      return res.end();
    case '/slow':
      return setTimeout(() => res.end('slow but fine'), 300);
    case '/hang':
      return; // never answers
    default:
      res.writeHead(404);
      return res.end('not here');
  }
};

function startDaemon(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

export async function startPeers(): Promise<Peers> {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-monitor-peers-'));
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '3', '-subj', '/CN=localhost']);
  const http = createHttpServer(handler);
  const https = createHttpsServer({ key: readFileSync(path.join(dir, 'key.pem')), cert: readFileSync(path.join(dir, 'cert.pem')) }, handler);
  const tcp = net.createServer((s) => s.end());
  const sockets = new Set<net.Socket>();
  for (const s of [http, https, tcp]) s.on('connection', (c: net.Socket) => (sockets.add(c), c.on('close', () => sockets.delete(c))));
  const [httpPort, httpsPort, tcpPort] = [await listen(http), await listen(https), await listen(tcp)];
  const closedPort = await freePort();

  const dnsPort = await freePort();
  const dnsmasq = startDaemon('dnsmasq', [
    '--no-daemon', `--port=${dnsPort}`, '--listen-address=127.0.0.1', '--bind-interfaces', '--no-resolv', '--no-hosts',
    '-C', '/dev/null', '--pid-file=', '--address=/test.example/127.0.0.1',
  ]);

  const snmpPort = await freePort();
  const conf = path.join(dir, 'snmpd.conf');
  writeFileSync(
    conf,
    [
      `rocommunity ${SNMP_COMMUNITY} 127.0.0.1`,
      `createUser ${SNMP_USER.name} SHA "${SNMP_USER.authKey}" AES "${SNMP_USER.privKey}"`,
      `rouser ${SNMP_USER.name} priv`,
      '',
    ].join('\n'),
  );
  const snmpd = startDaemon('snmpd', ['-f', '-Lo', '-C', '-c', conf, '-p', path.join(dir, 'snmpd.pid'), `udp:127.0.0.1:${snmpPort}`], {
    SNMP_PERSISTENT_DIR: path.join(dir, 'snmp-persist'),
    MIBS: '',
  });

  return {
    dir,
    http: `http://127.0.0.1:${httpPort}`,
    https: `https://127.0.0.1:${httpsPort}`,
    tcpPort,
    closedPort,
    dnsPort,
    snmpPort,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([http, https, tcp].map((s) => new Promise((r) => s.close(r))));
      for (const child of [dnsmasq, snmpd]) {
        if (child.exitCode === null) {
          const exited = new Promise((r) => child.once('exit', r));
          child.kill('SIGTERM');
          await exited;
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
