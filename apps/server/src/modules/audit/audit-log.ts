import { sql, type Selectable } from 'kysely';
import type { AuditLogTable } from '../../stores/control/control-schema.ts';
import type { ControlDb, ControlStore } from '../../stores/control/control-store.ts';
import { canonicalJson, entryHash, GENESIS_HASH, verifyPage, type ChainBreak, type ChainRow } from './audit-chain.ts';
import { redactSecrets } from './audit-redact.ts';
import type { AuditEvent, AuditRecorder } from './audit-types.ts';

export type AuditRow = Selectable<AuditLogTable>;

/** An event as written: the contract's fields plus the caller's side of the service contract. */
export interface AuditEntryInput extends AuditEvent {
  party?: 'provider' | 'customer' | null;
  at?: number;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  /** The last verified entry's hash; record it elsewhere to detect removal of the newest entries. */
  headHash: string;
  broken?: ChainBreak;
}

// Any constant shared by every Mamori node; pg_advisory_xact_lock serialises writers even on an empty table.
const PG_LOCK_KEY = 0x6d616d6f;
const VERIFY_PAGE = 1000;

/**
 * The hash-chained audit log. Writes are serialised — in-process by a promise queue, across PostgreSQL nodes by an
 * advisory transaction lock, and on top by the primary key on seq (a second writer's duplicate seq fails and is
 * retried) — so the chain never forks.
 */
export class AuditLog implements AuditRecorder {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: Pick<ControlStore, 'db' | 'engine'>) {}

  record(event: AuditEntryInput): Promise<void> {
    const job = this.tail.then(() => this.append(event));
    this.tail = job.catch(() => undefined);
    return job;
  }

  private async append(e: AuditEntryInput): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.exclusively(async (db) => {
          const last = await db
            .selectFrom('audit_log')
            .select(['seq', 'hash'])
            .orderBy('seq', 'desc')
            .limit(1)
            .executeTakeFirst();
          const row: ChainRow = {
            seq: (last ? Number(last.seq) : 0) + 1,
            at: e.at ?? Date.now(),
            actor: e.actor,
            party: e.party ?? null,
            tenant_id: e.tenantId,
            action: e.action,
            target: e.target ?? null,
            ip: e.ip ?? null,
            outcome: e.outcome,
            before: canonicalJson(redactSecrets(e.before)),
            after: canonicalJson(redactSecrets(e.after)),
            details: canonicalJson(redactSecrets(e.details)),
            prev_hash: last?.hash ?? GENESIS_HASH,
          };
          await db
            .insertInto('audit_log')
            .values({ ...row, hash: entryHash(row) })
            .execute();
        });
        return;
      } catch (err) {
        if (attempt >= 5 || !/unique|duplicate|primary key|locked|busy/i.test((err as Error).message)) throw err;
      }
    }
  }

  /**
   * Read-then-append with no other writer in between: PostgreSQL takes an advisory lock for the transaction;
   * SQLite takes the write lock up front (BEGIN IMMEDIATE), because a deferred transaction that reads first cannot
   * upgrade while another connection writes and fails with SQLITE_BUSY instead of waiting.
   */
  private async exclusively(work: (db: ControlDb) => Promise<void>): Promise<void> {
    const { db, engine } = this.store;
    if (engine === 'postgres') {
      await db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${PG_LOCK_KEY})`.execute(trx);
        await work(trx);
      });
      return;
    }
    await db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        await work(conn);
        await sql`commit`.execute(conn);
      } catch (err) {
        await sql`rollback`.execute(conn);
        throw err;
      }
    });
  }

  /** Recomputes the whole chain in pages and names the first entry that does not fit. */
  async verify(): Promise<VerifyResult> {
    let position = { seq: 0, hash: GENESIS_HASH };
    for (;;) {
      const rows = await this.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('seq', '>', position.seq)
        .orderBy('seq')
        .limit(VERIFY_PAGE)
        .execute();
      if (rows.length === 0) return { ok: true, entries: position.seq, headHash: position.hash };
      const result = verifyPage(rows.map(normalise), position);
      if ('broken' in result) {
        return { ok: false, entries: position.seq, headHash: position.hash, broken: result.broken };
      }
      position = result;
    }
  }
}

/** Engines differ in numeric types (pg int8 as text without a parser); the chain hashes numbers. */
function normalise(r: AuditRow): ChainRow & { hash: string } {
  return { ...r, seq: Number(r.seq), at: Number(r.at), tenant_id: r.tenant_id === null ? null : Number(r.tenant_id) };
}
