import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { EvidenceStore } from './evidence-store.ts';

describe('evidence store on a real directory', () => {
  const dirs: string[] = [];
  const store = (max?: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'mamori-evidence-'));
    dirs.push(dir);
    return { dir, store: new EvidenceStore(dir, max) };
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('hashes while streaming and gives the bytes back only while they still match', async () => {
    const { dir, store: s } = store();
    const chunks = [Buffer.from('first '), Buffer.from('second')];
    const saved = await s.save(1, 2, Readable.from(chunks));
    expect(saved.sha256).toBe(createHash('sha256').update(Buffer.concat(chunks)).digest('hex'));
    expect(saved.size).toBe(12);
    expect((await s.load(1, 2, saved.storedName, saved.sha256)).toString()).toBe('first second');
    writeFileSync(path.join(dir, '1', '2', saved.storedName), 'first secOnd');
    await expect(s.load(1, 2, saved.storedName, saved.sha256)).rejects.toThrow(/no longer matches/);
  });

  it('refuses a file over the limit and leaves nothing behind', async () => {
    const { dir, store: s } = store(10);
    await expect(s.save(1, 3, Readable.from([Buffer.alloc(6), Buffer.alloc(6)]))).rejects.toThrow(/limited to 10 bytes/);
    expect(readdirSync(path.join(dir, '1', '3'))).toEqual([]);
  });

  it('never leaves the incident folder, whatever name is asked for', () => {
    const { dir, store: s } = store();
    expect(s.pathOf(1, 2, '../../../etc/passwd')).toBe(path.join(dir, '1', '2', 'passwd'));
    expect(existsSync(path.join(dir, '1'))).toBe(false);
  });
});
