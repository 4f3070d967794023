import type { Principal } from '../../http/principal.ts';

/** What Tier-1 escalation needs from the incident workflow, so the alert queue does not depend on its internals. */
export interface OpenIncidentInput {
  title: string;
  /** A playbook type such as `web_framework_exploit`; unknown or absent types get the generic task list. */
  type?: string;
  severity?: string;
  summary?: string;
  alertIds: number[];
}

export interface IncidentOpener {
  openFromAlerts(p: Principal, tenantId: number, input: OpenIncidentInput): Promise<{ id: number }>;
}
