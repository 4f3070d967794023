import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';

/** The syslog TLS pair: configured files, or a self-signed pair made in the data dir on first start. */
export async function loadOrCreateTlsPair(
  dataDir: string,
  certFile?: string,
  keyFile?: string,
): Promise<{ cert: Buffer; key: Buffer; certPath: string; created: boolean }> {
  if (certFile && keyFile) return { cert: await readFile(certFile), key: await readFile(keyFile), certPath: certFile, created: false };
  const dir = path.join(dataDir, 'tls');
  const certPath = path.join(dir, 'syslog-cert.pem');
  const keyPath = path.join(dir, 'syslog-key.pem');
  if (existsSync(certPath) && existsSync(keyPath)) {
    return { cert: await readFile(certPath), key: await readFile(keyPath), certPath, created: false };
  }
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const name = hostname();
  const pems = await generate([{ name: 'commonName', value: name }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: new Date(Date.now() + 825 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: name }, { type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
    ],
  });
  await writeFile(keyPath, pems.private, { mode: 0o600 });
  await writeFile(certPath, pems.cert, { mode: 0o644 });
  return { cert: Buffer.from(pems.cert), key: Buffer.from(pems.private), certPath, created: true };
}
