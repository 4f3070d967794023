import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { chmod, copyFile, cp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError, InputError } from '../../errors.ts';
import type { ControlStore } from '../../stores/control/control-store.ts';
import type { EventStore } from '../../stores/events/event-store.ts';

export const EVENTS_FILE = 'events.duckdb';
export const CONTROL_FILE = 'control.sqlite';
const MANIFEST = 'manifest.json';

interface Manifest {
  format: 'mamori-backup-1';
  createdAt: string;
  files: Record<string, { bytes: number; sha256: string }>;
}

/** An online, consistent copy of both stores and the TLS material, with a manifest of SHA-256 digests (STO-5). */
export async function backupData(stores: { control: ControlStore; events: EventStore }, dataDir: string, target: string): Promise<Manifest> {
  const dir = path.resolve(target);
  if (existsSync(dir) && (await readdir(dir)).length > 0) throw new ConflictError(`backup folder ${dir} is not empty`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await stores.events.backupTo(path.join(dir, EVENTS_FILE));
  await stores.control.backupTo(path.join(dir, CONTROL_FILE));
  for (const extra of ['tls', 'admin-token']) {
    const from = path.join(dataDir, extra);
    if (existsSync(from)) await cp(from, path.join(dir, extra), { recursive: true });
  }
  const manifest: Manifest = { format: 'mamori-backup-1', createdAt: new Date().toISOString(), files: {} };
  for (const file of await listFiles(dir)) manifest.files[file] = await digest(path.join(dir, file));
  await writeFile(path.join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  await chmod(dir, 0o700);
  return manifest;
}

/** Puts a backup back into an empty data dir, after checking every file against the manifest. Offline only. */
export async function restoreData(source: string, dataDir: string, options: { force?: boolean } = {}): Promise<Manifest> {
  const dir = path.resolve(source);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    throw new InputError(`${dir} holds no Mamori backup (manifest.json missing or unreadable)`);
  }
  for (const [file, expected] of Object.entries(manifest.files)) {
    const actual = await digest(path.join(dir, file)).catch(() => undefined);
    if (!actual || actual.sha256 !== expected.sha256) throw new InputError(`backup file ${file} is missing or damaged`);
  }
  if (existsSync(path.join(dataDir, EVENTS_FILE)) && !options.force) {
    throw new ConflictError(`${dataDir} already holds data; restore into an empty data dir or pass --force`);
  }
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  for (const file of Object.keys(manifest.files)) {
    const to = path.join(dataDir, file);
    await mkdir(path.dirname(to), { recursive: true, mode: 0o700 });
    await copyFile(path.join(dir, file), to);
  }
  // Logs of the replaced stores would be replayed onto the restored files.
  for (const stale of [`${EVENTS_FILE}.wal`, `${CONTROL_FILE}-wal`, `${CONTROL_FILE}-shm`]) {
    await rm(path.join(dataDir, stale), { force: true });
  }
  return manifest;
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const rel = path.join(prefix, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else if (entry.name !== MANIFEST) out.push(rel);
  }
  return out.sort();
}

function digest(file: string): Promise<{ bytes: number; sha256: string }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    let bytes = 0;
    createReadStream(file)
      .on('data', (chunk: Buffer | string) => {
        bytes += chunk.length;
        hash.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolve({ bytes, sha256: hash.digest('hex') }));
  });
}
