/**
 * ALR-4 "the user's usual behaviour": for an account among an alert's observables, where it usually signs in
 * from over the last 30 days of stored events (top source addresses with their country), so an analyst sees
 * at a glance whether this alert's address is one of them. Runs on demand only: it scans the event store.
 */
import { compileQuery, quoteValue } from '@mamori/query';
import type { EventStore } from '../../stores/events/event-store.ts';
import { classifyIp } from './ip-class.ts';
import type { IpIntel } from './ip-intel.ts';

const WINDOW_MS = 30 * 86_400_000;
const BUDGET_MS = 5000;

export interface UserBaseline {
  account: string;
  days: number;
  events: number;
  sources: Array<{ ip: string; events: number; country?: string }>;
}

/** An observable that names an account rather than an address or a host. */
export function looksLikeAccount(value: string): boolean {
  return value !== '' && classifyIp(value) === undefined && (value.includes('@') || value.includes('\\') || !value.includes('.'));
}

export class UserBaselines {
  constructor(
    private readonly events: EventStore,
    private readonly ipIntel: IpIntel,
  ) {}

  async of(tenantId: number, account: string, now: number): Promise<UserBaseline> {
    const compiled = compileQuery(`user.name:${quoteValue(account)} | stats count by source.ip | sort -count | head 10`, {
      tenantIds: [tenantId],
      from: now - WINDOW_MS,
      to: now,
      timeBudget: BUDGET_MS,
    });
    const result = await this.events.query(compiled.sql, compiled.params, { timeoutMs: BUDGET_MS });
    const ipAt = compiled.columns.findIndex((c) => c.name === 'source.ip');
    const countAt = compiled.columns.findIndex((c) => c.name === 'count');
    const sources: UserBaseline['sources'] = [];
    let events = 0;
    for (const row of result.rows) {
      const ip = row[ipAt];
      const n = Number(row[countAt]);
      events += n;
      if (typeof ip !== 'string' || ip === '') continue;
      const facts = await this.ipIntel.lookup(ip);
      sources.push({ ip, events: n, ...(facts?.country ? { country: facts.country } : {}) });
    }
    return { account, days: WINDOW_MS / 86_400_000, events, sources };
  }
}
