import type { MonitorState } from './monitor-types.ts';

/** A monitor's state between checks; kept in memory by the runner and persisted in batches. */
export interface RuntimeState {
  state: MonitorState;
  since: number;
  /** Consecutive failed checks. */
  failures: number;
  /** Times of recent transitions into and out of "down", newest last, within the flap window. */
  flips: number[];
  flapping: boolean;
  /** An availability alert is open for this monitor. */
  alertOpen: boolean;
}

export interface StatePolicy {
  /** Failed checks tolerated before "down" (0: the first failure is down). */
  retries: number;
  flapWindowMs: number;
  /** This many up/down transitions within the window mark the monitor flapping: alerts hold still. */
  flapThreshold: number;
}

export interface Observation {
  ok: boolean;
  inMaintenance: boolean;
  /** A monitor this one depends on is down or unreachable. */
  parentDown: boolean;
}

export interface Step {
  next: RuntimeState;
  changed: boolean;
  alert: 'open' | 'resolve' | null;
}

export function initialState(now: number): RuntimeState {
  return { state: 'pending', since: now, failures: 0, flips: [], flapping: false, alertOpen: false };
}

function nextState(prev: RuntimeState, obs: Observation, failures: number, retries: number): MonitorState {
  if (obs.inMaintenance) return 'maintenance';
  if (obs.ok) return 'up';
  // Retries only delay the first "down"; a monitor already down or unreachable stays so on the next failure.
  const confirmed = failures > retries || prev.state === 'down' || prev.state === 'unreachable';
  if (!confirmed) return 'pending';
  return obs.parentDown ? 'unreachable' : 'down';
}

/** One check's effect: the new state, whether it changed, and what happens to the monitor's alert. */
export function step(prev: RuntimeState, obs: Observation, policy: StatePolicy, now: number): Step {
  const failures = obs.inMaintenance || obs.ok ? 0 : prev.failures + 1;
  const state = nextState(prev, obs, failures, policy.retries);
  const changed = state !== prev.state;
  const flips = prev.flips.filter((t) => now - t < policy.flapWindowMs);
  if (changed && (state === 'down' || prev.state === 'down')) flips.push(now);
  // Flapping ends only after a whole window without transitions: hysteresis, so alerts do not chatter.
  const flapping = flips.length >= policy.flapThreshold || (prev.flapping && flips.length > 0);
  let alert: Step['alert'] = null;
  let alertOpen = prev.alertOpen;
  if (!flapping) {
    if (state === 'down' && !alertOpen) {
      alert = 'open';
      alertOpen = true;
    } else if (state === 'up' && alertOpen) {
      alert = 'resolve';
      alertOpen = false;
    }
  }
  return { next: { state, since: changed ? now : prev.since, failures, flips, flapping, alertOpen }, changed, alert };
}
