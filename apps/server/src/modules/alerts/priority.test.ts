import { describe, expect, it } from 'vitest';
import { computePriority, type PriorityInput } from './priority.ts';
import { DEFAULT_CRITERIA, triageCriteriaSchema } from './triage-criteria.ts';

const base: PriorityInput = { kind: 'sigma', severity: 'high', ruleId: 'r1', ruleLevel: 'high', occurrences: 1, source: '203.0.113.9', target: '10.0.0.5', device: null };

describe('computePriority', () => {
  it('orders by severity at neutral criticality', () => {
    const scores = (['low', 'medium', 'high', 'critical'] as const).map((severity) => computePriority({ ...base, severity }, DEFAULT_CRITERIA));
    expect(scores.map((s) => s.score)).toEqual([20, 45, 70, 90]);
    expect(scores.map((s) => s.band)).toEqual(['P4', 'P3', 'P2', 'P1']);
  });

  it('raises a medium alert on a crown-jewel device above a high alert on a lab box', () => {
    const crown = computePriority({ ...base, severity: 'medium', device: { name: 'dc1', hostname: null, criticality: 5 } }, DEFAULT_CRITERIA);
    const lab = computePriority({ ...base, severity: 'high', device: { name: 'lab', hostname: null, criticality: 0 } }, DEFAULT_CRITERIA);
    expect(crown.score).toBe(57);
    expect(lab.score).toBe(52);
    expect(crown.reasons.join(' ')).toContain('device dc1');
  });

  it('takes asset criticality from a CIDR or host among the observables when higher than the device', () => {
    const criteria = triageCriteriaSchema.parse({ assets: [{ cidr: '10.0.0.0/24', criticality: 5, label: 'DMZ' }, { host: 'db.example', criticality: 4 }] });
    const p = computePriority({ ...base, device: { name: 'fw', hostname: null, criticality: 2 } }, criteria);
    expect(p.criticality).toBe(5);
    expect(p.score).toBe(82);
    expect(p.band).toBe('P1');
    expect(computePriority({ ...base, target: 'DB.example' }, criteria).criticality).toBe(4);
    expect(computePriority({ ...base, target: '10.0.1.5' }, criteria).criticality).toBe(3);
  });

  it('adds points for repeats, capped', () => {
    expect(computePriority({ ...base, occurrences: 8 }, DEFAULT_CRITERIA).score).toBe(76);
    expect(computePriority({ ...base, occurrences: 1_000_000 }, DEFAULT_CRITERIA).score).toBe(80);
  });

  it('applies per-rule and per-kind overrides and clamps to 0–100', () => {
    const criteria = triageCriteriaSchema.parse({ overrides: [{ rule: 'r1', score: 10 }, { kind: 'log_silence', adjust: 60 }] });
    expect(computePriority(base, criteria).score).toBe(10);
    expect(computePriority({ ...base, kind: 'log_silence', ruleId: null, severity: 'critical' }, criteria).score).toBe(100);
  });

  it('auto-closes informational alerts from one device only', () => {
    const criteria = triageCriteriaSchema.parse({ autoClose: [{ level: 'informational', device: 'proxy1', reason: 'noise from the proxy' }] });
    const dev = { name: 'proxy1', hostname: null, criticality: 3 };
    expect(computePriority({ ...base, ruleLevel: 'informational', device: dev }, criteria).autoClose).toBe('noise from the proxy');
    expect(computePriority({ ...base, ruleLevel: 'informational', device: { ...dev, name: 'fw1' } }, criteria).autoClose).toBeNull();
    expect(computePriority({ ...base, device: dev }, criteria).autoClose).toBeNull();
  });

  it('ignores an auto-close rule without conditions', () => {
    const criteria = triageCriteriaSchema.parse({ autoClose: [{ reason: 'everything' }] });
    expect(computePriority(base, criteria).autoClose).toBeNull();
  });
});
