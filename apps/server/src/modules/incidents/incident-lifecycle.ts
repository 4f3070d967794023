/**
 * The incident lifecycle of the MSS guideline §2.4: detection, cause investigation, countermeasure planning,
 * coordination with the customer, countermeasure execution, effectiveness check, then back to normal operations.
 */
export const INCIDENT_STATUSES = ['detected', 'investigating', 'planning', 'coordinating', 'executing', 'verifying', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const NEXT: Record<IncidentStatus, readonly IncidentStatus[]> = {
  // Investigation may find no real impact: the guideline lets the incident close there.
  detected: ['investigating', 'closed'],
  investigating: ['planning', 'closed'],
  // Coordination is skipped when the countermeasure needs nothing from the customer.
  planning: ['coordinating', 'executing'],
  coordinating: ['executing', 'planning'],
  executing: ['verifying'],
  // A countermeasure that did not work goes back to planning or execution.
  verifying: ['closed', 'executing', 'planning'],
  closed: ['investigating'],
};

export const STATUS_LABELS: Record<IncidentStatus, { ja: string; en: string }> = {
  detected: { ja: 'インシデント検知', en: 'Detected' },
  investigating: { ja: '原因の追求', en: 'Cause investigation' },
  planning: { ja: '対応策の検討', en: 'Countermeasure planning' },
  coordinating: { ja: '利用者との調整', en: 'Coordination with the customer' },
  executing: { ja: '対策の実施', en: 'Countermeasure execution' },
  verifying: { ja: '有効性の確認', en: 'Effectiveness check' },
  closed: { ja: 'クローズ', en: 'Closed' },
};

export function allowedNext(from: IncidentStatus): readonly IncidentStatus[] {
  return NEXT[from];
}

/** Why a transition is refused, or null when it may happen. Reopening and early closing need a reason. */
export function transitionProblem(from: IncidentStatus, to: IncidentStatus, note: string | undefined): string | null {
  if (!NEXT[from].includes(to)) return `an incident cannot go from ${from} to ${to}; allowed: ${NEXT[from].join(', ')}`;
  const needsReason = from === 'closed' || (to === 'closed' && from !== 'verifying');
  if (needsReason && !note?.trim()) return `going from ${from} to ${to} needs a note with the reason`;
  return null;
}
