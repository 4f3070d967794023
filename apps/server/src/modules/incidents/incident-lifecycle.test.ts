import { describe, expect, it } from 'vitest';
import { INCIDENT_STATUSES, transitionProblem } from './incident-lifecycle.ts';

describe('incident lifecycle', () => {
  it('walks the guideline path from detection to closed', () => {
    for (let i = 0; i + 1 < INCIDENT_STATUSES.length; i++) {
      expect(transitionProblem(INCIDENT_STATUSES[i]!, INCIDENT_STATUSES[i + 1]!, undefined)).toBeNull();
    }
  });
  it('refuses skipping steps and moving a closed incident anywhere but a reopening', () => {
    expect(transitionProblem('detected', 'executing', 'x')).toMatch(/cannot go from detected to executing/);
    expect(transitionProblem('closed', 'verifying', 'x')).toMatch(/cannot/);
    expect(transitionProblem('executing', 'closed', 'x')).toMatch(/cannot/);
  });
  it('needs a reason to reopen or to close before the effectiveness check', () => {
    expect(transitionProblem('closed', 'investigating', undefined)).toMatch(/needs a note/);
    expect(transitionProblem('closed', 'investigating', '  ')).toMatch(/needs a note/);
    expect(transitionProblem('closed', 'investigating', 'miner came back')).toBeNull();
    expect(transitionProblem('investigating', 'closed', undefined)).toMatch(/needs a note/);
    expect(transitionProblem('verifying', 'closed', undefined)).toBeNull();
  });
});
