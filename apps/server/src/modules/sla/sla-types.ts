/**
 * The SLA clocks' contract with the modules that move an alert or incident forward. The clocks start at
 * detection; notifications report `notified`, customer replies `acknowledged`, the incident workflow `closed`.
 */
export interface SlaSubject {
  kind: 'alert' | 'incident';
  id: number;
}

export type SlaMilestone = 'notified' | 'acknowledged' | 'closed';

export interface SlaMilestones {
  /** Idempotent: the first time a milestone is reached counts. */
  reach(tenantId: number, subject: SlaSubject, milestone: SlaMilestone, at: number): Promise<void>;
}
