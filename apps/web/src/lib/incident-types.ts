/** Incident shapes as the incidents API returns them (incidents.schemas.ts on the server). */
export const INCIDENT_STATUSES = ['detected', 'investigating', 'planning', 'coordinating', 'executing', 'verifying', 'closed'] as const;

export interface IncidentSummary {
  id: number;
  title: string;
  type: string;
  severity: string;
  status: string;
  assignee: string | null;
  detectedAt: string;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface SlaClock {
  clock: string;
  severity: string;
  startedAt: string;
  targetMinutes: number;
  dueAt: string;
  stoppedAt: string | null;
  breached: boolean;
}

export interface IncidentDetail extends IncidentSummary {
  summary: string | null;
  impact: string | null;
  rootCause: string | null;
  lessonsLearned: string | null;
  createdBy: string;
  allowedNext: string[];
  tasks: { id: number; title: { ja: string; en: string }; detail: { ja: string; en: string }; done: boolean; doneBy: string | null; assignee: string | null }[];
  timeline: { at: string; actor: string; kind: string; text: string }[];
  observables: { type: string; value: string; role: string | null }[];
  alerts: { id: number; title: string; severity: string; kind: string; firstSeenAt: string; source: string | null }[];
  events: string[];
  evidence: { id: number; filename: string; contentType: string; size: number; sha256: string; uploadedAt: string; uploadedBy: string }[];
  sla: SlaClock[];
}
