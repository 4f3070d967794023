import { describe, expect, it } from 'vitest';
import { MAX_EVENT_IDS, groupDetections, groupKeyOf, joinsOpenAlert, mergeEventIds, type PendingDetection } from './alert-grouping.ts';
import type { Detection } from './detection-types.ts';

function pending(over: Partial<Detection>, eventId: string, tenantId = 1): PendingDetection {
  const detection: Detection = {
    kind: 'sigma',
    ruleId: 'r1',
    title: 'Rule one',
    severity: 'medium',
    level: 'medium',
    author: 'someone',
    tags: [],
    source: '10.0.0.1',
    target: '10.0.0.2',
    ts: 1000,
    deviceId: 1,
    eventIndex: 0,
    details: {},
    ...over,
  };
  return { tenantId, detection, eventId };
}

describe('alert grouping (ALR-1)', () => {
  it('groups the same rule, source and target of a tenant, with counts and first/last seen', () => {
    const groups = groupDetections([
      pending({ ts: 3000 }, '1:0'),
      pending({ ts: 1000, severity: 'high' }, '1:5'),
      pending({ ts: 2000, target: '10.0.0.3' }, '1:6'),
      pending({ ts: 2000 }, '2:0', 2),
    ]);
    expect(groups).toHaveLength(3);
    const g = groups.find((x) => x.tenantId === 1 && x.target === '10.0.0.2')!;
    expect(g).toMatchObject({ occurrences: 2, firstSeen: 1000, lastSeen: 3000, severity: 'high', eventIds: ['1:0', '1:5'] });
    expect(g.groupKey).toBe(groupKeyOf('r1', '10.0.0.1', '10.0.0.2'));
  });

  it('caps the event ids it keeps but counts every occurrence', () => {
    const many = Array.from({ length: MAX_EVENT_IDS + 10 }, (_, i) => pending({}, `1:${i}`));
    const [g] = groupDetections(many);
    expect(g!.occurrences).toBe(MAX_EVENT_IDS + 10);
    expect(g!.eventIds).toHaveLength(MAX_EVENT_IDS);
    expect(mergeEventIds(g!.eventIds, ['9:9'])).toHaveLength(MAX_EVENT_IDS);
    expect(mergeEventIds(['1:1'], ['2:2'])).toEqual(['1:1', '2:2']);
  });

  it('joins an open alert only within the window', () => {
    expect(joinsOpenAlert(1000, 1000 + 3_600_000, 3_600_000)).toBe(true);
    expect(joinsOpenAlert(1000, 1001 + 3_600_000, 3_600_000)).toBe(false);
  });
});
