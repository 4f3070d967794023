import { parseQuery } from '@mamori/query';
import { describe, expect, it } from 'vitest';
import { SEEDED_ANOMALY_TYPES } from './anomaly-types.seed.ts';
import { anomalyTypeDefinition } from './anomaly-types.schemas.ts';
import { fillQuery, mergeChecklist, searchPath, suggestTypes, type AlertFacts } from './triage-flow.ts';

const alert: AlertFacts = { id: 1, kind: 'sigma', ruleId: 'r1', title: 'Login from an unusual country', source: '198.51.100.7', target: 'taro', firstSeenAt: 0, lastSeenAt: 0 };
const types = Object.entries(SEEDED_ANOMALY_TYPES).map(([key, definition]) => ({ key, definition }));

describe('anomaly triage flow', () => {
  it('seeds valid definitions in both languages whose queries all parse', () => {
    for (const [key, def] of Object.entries(SEEDED_ANOMALY_TYPES)) {
      expect(anomalyTypeDefinition.safeParse(def).success, key).toBe(true);
      for (const item of def.checklist) if (item.query) expect(() => parseQuery(fillQuery(item.query!, alert)), `${key}/${item.id}`).not.toThrow();
    }
  });

  it('suggests types by rule, kind and title words', () => {
    expect(suggestTypes(alert, types)[0]).toBe('unusual_login_country');
    expect(suggestTypes({ ...alert, kind: 'log_silence', title: 'No logs from fw1' }, types)).toEqual(['log_silence']);
    expect(suggestTypes({ ...alert, title: 'nothing to see' }, types)).toEqual([]);
  });

  it('quotes observables so log content cannot change the query', () => {
    const evil = { source: 'x" OR * OR "', target: null };
    const q = fillQuery('source.ip:{source} user.name:{target}', evil);
    expect(q).toBe('source.ip:"x\\" OR * OR \\"" user.name:""');
    expect(() => parseQuery(q)).not.toThrow();
    expect(fillQuery('source.ip:{source}', { source: '10.0.0.1,10.0.0.2', target: null })).toBe('source.ip:"10.0.0.1"');
  });

  it('builds a search around the alert time', () => {
    const p = new URL(searchPath('acme', 'a b', { firstSeenAt: Date.UTC(2026, 0, 2), lastSeenAt: Date.UTC(2026, 0, 2) }), 'http://x');
    expect(Object.fromEntries(p.searchParams)).toEqual({ tenant: 'acme', q: 'a b', from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T01:00:00.000Z' });
  });

  it('merges checklist updates, records who ticked what, refuses unknown items', () => {
    const def = SEEDED_ANOMALY_TYPES.log_silence!;
    const merged = mergeChecklist(def, [], [{ id: 'availability', done: true, note: 'ping up' }], 'user:aiko', 5);
    expect(merged).toEqual([
      { id: 'availability', done: true, note: 'ping up', by: 'user:aiko', at: 5 },
      { id: 'last_events', done: false, note: null, by: null, at: null },
      { id: 'maintenance', done: false, note: null, by: null, at: null },
    ]);
    const again = mergeChecklist(def, merged as never, [{ id: 'availability', done: true }], 'user:ken', 9);
    expect((again as Array<{ by: string }>)[0]!.by).toBe('user:aiko');
    expect(mergeChecklist(def, [], [{ id: 'nope', done: true }], 'a', 1)).toEqual({ error: 'the checklist has no item nope' });
  });
});
