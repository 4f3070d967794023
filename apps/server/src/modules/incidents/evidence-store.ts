import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ConflictError, InputError } from '../../errors.ts';

export const EVIDENCE_MAX_BYTES = 100 * 1024 * 1024;

/**
 * Evidence files under `<data dir>/evidence/<tenant>/<incident>/`, named by a random id (never by the uploaded
 * name, which is attacker-influenced). The SHA-256 is taken while the upload streams to disk and checked again
 * on every download, so a file altered on disk is refused rather than handed out as evidence.
 */
export class EvidenceStore {
  constructor(
    private readonly dir: string,
    private readonly maxBytes = EVIDENCE_MAX_BYTES,
  ) {}

  async save(tenantId: number, incidentId: number, body: Readable): Promise<{ storedName: string; size: number; sha256: string }> {
    const folder = path.join(this.dir, String(tenantId), String(incidentId));
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const storedName = `${randomUUID()}.bin`;
    const file = path.join(folder, storedName);
    const hash = createHash('sha256');
    let size = 0;
    const max = this.maxBytes;
    const meter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > max) return done(new InputError(`evidence files are limited to ${max} bytes`));
        hash.update(chunk);
        done(null, chunk);
      },
    });
    try {
      await pipeline(body, meter, createWriteStream(file, { mode: 0o600 }));
    } catch (err) {
      await rm(file, { force: true });
      throw err;
    }
    if (size === 0) {
      await rm(file, { force: true });
      throw new InputError('the evidence file is empty');
    }
    return { storedName, size, sha256: hash.digest('hex') };
  }

  /** The file's bytes, only if they still hash to what was recorded at upload. */
  async load(tenantId: number, incidentId: number, storedName: string, sha256: string): Promise<Buffer> {
    const bytes = await readFile(this.pathOf(tenantId, incidentId, storedName));
    if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
      throw new ConflictError('the evidence file no longer matches its recorded SHA-256');
    }
    return bytes;
  }

  pathOf(tenantId: number, incidentId: number, storedName: string): string {
    return path.join(this.dir, String(tenantId), String(incidentId), path.basename(storedName));
  }
}
