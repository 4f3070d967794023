/** Shapes of the API answers the console reads (the server's zod views are the source of truth). */
export interface AlertView {
  id: number;
  kind: string;
  severity: string;
  status: string;
  title: string;
  deviceId: number | null;
  rule: { id: string; title: string; level: string | null; author: string | null; tags: string[] } | null;
  source: string | null;
  target: string | null;
  eventIds: string[];
  details: Record<string, unknown>;
  firstSeenAt: string;
  lastSeenAt: string;
  occurrences: number;
  resolvedAt: string | null;
  tenant: string;
  triageStatus: string;
  priority: number;
  priorityBand: string | null;
  priorityReasons: string[];
  assignee: string | null;
  verdict: string | null;
  duplicateOf: number | null;
  updatedAt: string | null;
}

export interface AlertDetailView extends AlertView {
  enrichment: Record<string, unknown> | null;
  comments: { id: number; at: string; actor: string; body: string }[];
  history: { id: number; at: string; actor: string; action: string; details: Record<string, unknown> }[];
}

export interface Counts {
  total: number;
  byTriageStatus: Record<string, number>;
  byPriority: Record<string, number>;
}

export const TRIAGE_STATUSES = ['new', 'in_progress', 'on_hold', 'resolved', 'escalated'] as const;
export const VERDICTS = ['true_positive', 'false_positive', 'benign', 'duplicate'] as const;
export const BANDS = ['P1', 'P2', 'P3', 'P4'] as const;

export interface DeviceView {
  id: number;
  name: string;
  kind: string;
  vendor: string | null;
  product: string | null;
  format: string;
  addresses: string[];
  hostname: string | null;
  timezone: string;
  criticality: number;
  expectedIntervalSeconds: number | null;
  lastSeenAt: string | null;
}

export interface SearchColumn {
  name: string;
  type: string;
}

export interface SearchResult {
  columns: SearchColumn[];
  shape: 'events' | 'table' | 'timechart';
  rows: unknown[][];
  stats: { elapsedMs: number; rows: number };
}

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
