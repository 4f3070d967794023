/**
 * ALR-3 workflow rules, pure: new → in_progress → resolved | escalated, with on_hold beside; resolved can be
 * reopened, escalated belongs to the incident. Turns a requested change into the row update and the history
 * entry, or says why it is refused.
 */
import type { AlertChange, TriageStatus } from './alerts.schemas.ts';

export interface WorkflowState {
  id: number;
  triageStatus: string;
  assignee: string | null;
  verdict: string | null;
  duplicateOf: number | null;
}

export interface WorkflowPatch {
  triage_status?: TriageStatus;
  status?: 'open' | 'resolved';
  resolved_at?: number | null;
  assignee?: string | null;
  verdict?: string | null;
  duplicate_of?: number | null;
  updated_at: number;
}

const ALLOWED: Record<string, readonly string[]> = {
  new: ['in_progress', 'on_hold', 'resolved'],
  in_progress: ['new', 'on_hold', 'resolved'],
  on_hold: ['new', 'in_progress', 'resolved'],
  resolved: ['in_progress'],
  escalated: [],
};

/** The same change for every alert of a bulk action; `assignee` already resolved from `me`. */
export function planChange(
  state: WorkflowState,
  change: Omit<AlertChange, 'comment'>,
  now: number,
): { patch: WorkflowPatch; changed: Record<string, { from: unknown; to: unknown }> } | { error: string } {
  const patch: WorkflowPatch = { updated_at: now };
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  if (change.status !== undefined && change.status !== state.triageStatus) {
    if (!ALLOWED[state.triageStatus]?.includes(change.status)) return { error: `alert ${state.id}: ${state.triageStatus} cannot become ${change.status}` };
    patch.triage_status = change.status;
    const closing = change.status === 'resolved';
    patch.status = closing ? 'resolved' : 'open';
    patch.resolved_at = closing ? now : null;
    changed.status = { from: state.triageStatus, to: change.status };
  }
  if (change.assignee !== undefined && change.assignee !== state.assignee) {
    patch.assignee = change.assignee;
    changed.assignee = { from: state.assignee, to: change.assignee };
  }
  if (change.verdict !== undefined && change.verdict !== state.verdict) {
    patch.verdict = change.verdict;
    changed.verdict = { from: state.verdict, to: change.verdict };
  }
  const verdict = change.verdict !== undefined ? change.verdict : state.verdict;
  if (verdict === 'duplicate') {
    const original = change.duplicateOf ?? state.duplicateOf;
    if (original == null) return { error: `alert ${state.id}: a duplicate names its original (duplicateOf)` };
    if (original === state.id) return { error: `alert ${state.id} cannot duplicate itself` };
    if (original !== state.duplicateOf) {
      patch.duplicate_of = original;
      changed.duplicateOf = { from: state.duplicateOf, to: original };
    }
  } else if (change.duplicateOf !== undefined) {
    return { error: 'duplicateOf goes with the verdict duplicate' };
  } else if (state.duplicateOf !== null && change.verdict !== undefined) {
    patch.duplicate_of = null;
  }
  return { patch, changed };
}
