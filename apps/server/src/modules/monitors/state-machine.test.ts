import { describe, expect, it } from 'vitest';
import { initialState, step, type Observation, type RuntimeState, type StatePolicy } from './state-machine.ts';

const policy: StatePolicy = { retries: 2, flapWindowMs: 600_000, flapThreshold: 4 };
const ok: Observation = { ok: true, inMaintenance: false, parentDown: false };
const fail: Observation = { ok: false, inMaintenance: false, parentDown: false };

function run(observations: Observation[], p = policy, start = initialState(0)) {
  let s: RuntimeState = start;
  const alerts: Array<string | null> = [];
  const states: string[] = [];
  observations.forEach((o, i) => {
    const r = step(s, o, p, (i + 1) * 60_000);
    s = r.next;
    alerts.push(r.alert);
    states.push(s.state);
  });
  return { s, alerts, states };
}

describe('monitor state machine', () => {
  it('goes down only after the retries are used up, and one alert opens', () => {
    const { states, alerts } = run([ok, fail, fail, fail, fail]);
    expect(states).toEqual(['up', 'pending', 'pending', 'down', 'down']);
    expect(alerts).toEqual([null, null, null, 'open', null]);
  });

  it('recovers on the first success and resolves the alert', () => {
    const { states, alerts } = run([fail, fail, fail, ok]);
    expect(states).toEqual(['pending', 'pending', 'down', 'up']);
    expect(alerts).toEqual([null, null, 'open', 'resolve']);
  });

  it('with no retries the first failure is down', () => {
    expect(run([ok, fail], { ...policy, retries: 0 }).states).toEqual(['up', 'down']);
  });

  it('is unreachable, without an alert, while a parent is down', () => {
    const behind: Observation = { ok: false, inMaintenance: false, parentDown: true };
    const { states, alerts } = run([ok, behind, behind, behind, behind]);
    expect(states).toEqual(['up', 'pending', 'pending', 'unreachable', 'unreachable']);
    expect(alerts.every((a) => a === null)).toBe(true);
  });

  it('is in maintenance inside a window and neither fails nor alerts', () => {
    const maint: Observation = { ok: false, inMaintenance: true, parentDown: false };
    const { s, states, alerts } = run([ok, maint, maint, ok]);
    expect(states).toEqual(['up', 'maintenance', 'maintenance', 'up']);
    expect(alerts.every((a) => a === null)).toBe(true);
    expect(s.failures).toBe(0);
  });

  it('holds alerts still while flapping and settles after a quiet window', () => {
    const p = { ...policy, retries: 0, flapThreshold: 4 };
    const { alerts, s } = run([ok, fail, ok, fail, ok, fail, ok, fail, ok], p);
    // transitions 1..3 alert; from the 4th the monitor is flapping and the alert stays as it was
    expect(alerts).toEqual([null, 'open', 'resolve', 'open', null, null, null, null, null]);
    expect(s.flapping).toBe(true);
    expect(s.alertOpen).toBe(true);
    // a whole window later without transitions: flapping ends and the alert follows the state again
    const later = step(s, ok, p, 9 * 60_000 + p.flapWindowMs + 1);
    expect(later.next.flapping).toBe(false);
    expect(later.alert).toBe('resolve');
  });
});
