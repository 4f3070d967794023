import type { ControlDb } from '../src/stores/control/control-store.ts';

export interface SeedAlert {
  tenantId: number;
  deviceId?: number | null;
  kind?: string;
  severity?: string;
  title?: string;
  ruleId?: string | null;
  ruleLevel?: string | null;
  source?: string;
  target?: string;
  at?: number;
  occurrences?: number;
}

/** Alert rows as the detection writer stores them (intake not yet run), for queue tests that need exact contents. */
export function alertRow(a: SeedAlert) {
  const at = a.at ?? Date.now();
  return {
    tenant_id: a.tenantId,
    device_id: a.deviceId ?? null,
    kind: a.kind ?? 'sigma',
    severity: a.severity ?? 'medium',
    status: 'open',
    title: a.title ?? 'Test alert',
    details: '{}',
    first_seen_at: at,
    last_seen_at: at,
    occurrences: a.occurrences ?? 1,
    resolved_at: null,
    rule_id: a.ruleId ?? 'rule-1',
    rule_title: a.title ?? 'Test alert',
    rule_level: a.ruleLevel ?? null,
    rule_tags: '[]',
    event_ids: '[]',
    source_observable: a.source ?? '',
    target_observable: a.target ?? '',
    group_key: null,
  };
}

export async function seedAlerts(db: ControlDb, alerts: readonly SeedAlert[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < alerts.length; i += 500) {
    const rows = await db.insertInto('alerts').values(alerts.slice(i, i + 500).map(alertRow)).returning('id').execute();
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export async function tenantId(db: ControlDb, slug: string): Promise<number> {
  return (await db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id;
}
