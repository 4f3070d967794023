/** The control store on each engine: migrations, numbers as numbers, and two nodes writing one audit chain. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTROL_ENGINES, createTestDatabase } from '../../../test/helpers/postgres.ts';
import { AuditLog } from '../../modules/audit/audit-log.ts';
import { openControlStore, type ControlStore } from './control-store.ts';

describe.each(CONTROL_ENGINES)('control store on %s', (engine) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mamori-control-'));
  let target: { sqliteFile: string; postgresUrl?: string };
  let drop = () => Promise.resolve();
  let store: ControlStore;

  beforeAll(async () => {
    target = { sqliteFile: path.join(dir, 'control.sqlite') };
    if (engine === 'postgres') {
      const db = await createTestDatabase();
      target.postgresUrl = db.url;
      drop = db.drop;
    }
    store = await openControlStore(target);
  });
  afterAll(async () => {
    await store.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every migration once; opening again changes nothing', async () => {
    expect(store.engine).toBe(engine);
    const ran = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db);
    expect(ran.rows.map((r) => r.name)).toEqual(
      expect.arrayContaining(['0001-initial', '0004-detection', '0006-audit']),
    );
    const again = await openControlStore(target);
    const after = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(again.db);
    await again.close();
    expect(after.rows).toEqual(ran.rows);
  });

  it('returns epoch-millisecond times, ids and counts as numbers', async () => {
    const now = Date.now();
    const tenant = await store.db
      .insertInto('tenants')
      .values({ slug: `t-${engine}`, name: 'T', created_at: now, retention_days: null, retention_bytes: null })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(tenant.created_at).toBe(now);
    expect(typeof tenant.id).toBe('number');
    const { n } = await store.db
      .selectFrom('tenants')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(n).toBe(1);
  });

  // SQLite serves one node; two synchronous connections in one process would only wait on each other.
  it.runIf(engine === 'postgres')('keeps one audit chain when two nodes write at the same time', async () => {
    const other = await openControlStore(target);
    try {
      const nodes = [new AuditLog(store), new AuditLog(other)];
      await Promise.all(
        nodes.flatMap((node, i) =>
          Array.from({ length: 25 }, (_, n) =>
            node.record({
              actor: `system:node${i}`,
              tenantId: null,
              action: 'probe.nodes',
              target: `n:${n}`,
              outcome: 'success',
            }),
          ),
        ),
      );
      const result = await new AuditLog(other).verify();
      expect(result).toMatchObject({ ok: true, entries: 50 });
    } finally {
      await other.close();
    }
  });
});
