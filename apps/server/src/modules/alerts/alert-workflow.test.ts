import { describe, expect, it } from 'vitest';
import { planChange, type WorkflowState } from './alert-workflow.ts';

const fresh: WorkflowState = { id: 7, triageStatus: 'new', assignee: null, verdict: null, duplicateOf: null };

describe('planChange', () => {
  it('resolving closes the lifecycle and records what changed', () => {
    const r = planChange(fresh, { status: 'resolved', verdict: 'false_positive' }, 1000);
    expect(r).toEqual({
      patch: { updated_at: 1000, triage_status: 'resolved', status: 'resolved', resolved_at: 1000, verdict: 'false_positive' },
      changed: { status: { from: 'new', to: 'resolved' }, verdict: { from: null, to: 'false_positive' } },
    });
  });

  it('reopening a resolved alert clears resolved_at', () => {
    const r = planChange({ ...fresh, triageStatus: 'resolved' }, { status: 'in_progress' }, 5);
    expect('patch' in r && r.patch).toMatchObject({ triage_status: 'in_progress', status: 'open', resolved_at: null });
  });

  it('refuses to touch the status of an escalated alert', () => {
    expect(planChange({ ...fresh, triageStatus: 'escalated' }, { status: 'new' }, 1)).toEqual({ error: 'alert 7: escalated cannot become new' });
  });

  it('a duplicate needs an original that is not itself', () => {
    expect(planChange(fresh, { verdict: 'duplicate' }, 1)).toHaveProperty('error');
    expect(planChange(fresh, { verdict: 'duplicate', duplicateOf: 7 }, 1)).toHaveProperty('error');
    expect(planChange(fresh, { verdict: 'duplicate', duplicateOf: 3 }, 1)).toMatchObject({ patch: { verdict: 'duplicate', duplicate_of: 3 } });
    expect(planChange(fresh, { verdict: 'benign', duplicateOf: 3 }, 1)).toHaveProperty('error');
  });

  it('changing the verdict away from duplicate drops the link', () => {
    expect(planChange({ ...fresh, verdict: 'duplicate', duplicateOf: 3 }, { verdict: 'benign' }, 1)).toMatchObject({ patch: { verdict: 'benign', duplicate_of: null } });
  });

  it('assignment alone leaves the status as it is', () => {
    expect(planChange(fresh, { assignee: 'user:aiko' }, 1)).toEqual({ patch: { updated_at: 1, assignee: 'user:aiko' }, changed: { assignee: { from: null, to: 'user:aiko' } } });
  });
});
