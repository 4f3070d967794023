/**
 * Firewall/IDS verdict words → ECS. Following ECS, the verdict goes to event.type ("allowed"/"denied"),
 * not event.outcome: a firewall that denies a packet did its job, the event did not fail.
 */
import type { EventFields } from '@mamori/schema';
import { addTo } from './field-helpers.ts';

const DENIED = new Set([
  'deny', 'denied', 'drop', 'dropped', 'block', 'blocked', 'reject', 'rejected', 'reset', 'reset-both',
  'reset-client', 'reset-server', 'reset-both', 'discard', 'discarded', 'prevent', 'prevented', 'blocked-url',
  'block-url', 'sinkhole', 'ip-conn', 'quarantine', 'deny-all', 'tcp_denied', 'tcp_miss_denied', 'intercepted',
]);
const ALLOWED = new Set(['accept', 'accepted', 'allow', 'allowed', 'permit', 'permitted', 'pass', 'passthrough', 'close', 'timeout', 'client-rst', 'server-rst', 'start', 'end', 'alert', 'detected', 'monitor', 'log']);

/** Adds event.type denied/allowed (+ connection) for a verdict word; returns true when it was one. */
export function applyVerdict(f: EventFields, action: string | undefined): boolean {
  if (action === undefined) return false;
  const a = action.toLowerCase();
  if (DENIED.has(a)) {
    addTo(f, 'event.type', 'denied');
    return true;
  }
  if (ALLOWED.has(a)) {
    addTo(f, 'event.type', 'allowed');
    return true;
  }
  return false;
}

export function isDenied(action: string): boolean {
  return DENIED.has(action.toLowerCase());
}
