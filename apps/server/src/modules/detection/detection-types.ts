/** What the detection stage found in one event or one correlated burst, before it becomes (part of) an alert. */
export type AlertSeverity = 'low' | 'medium' | 'high' | 'critical';

export const ALERT_SEVERITIES: readonly AlertSeverity[] = ['low', 'medium', 'high', 'critical'];

export type DetectionKind = 'sigma' | 'correlation' | 'device' | 'indicator';

export interface Detection {
  kind: DetectionKind;
  /** Sigma rule id, `device:<ruleset>:<signature>` or `indicator:<type>`: what tuning disables. */
  ruleId: string;
  title: string;
  severity: AlertSeverity;
  /** The rule's own level (Sigma `level`, vendor severity text), kept as written. */
  level: string | undefined;
  /** Shown with every alert a SigmaHQ rule raises (Detection Rule License 1.1). */
  author: string | undefined;
  tags: readonly string[];
  /** Observables: who acted (source) and what was acted upon (target). Empty when unknown. */
  source: string;
  target: string;
  /** Event time, UTC epoch ms. */
  ts: number;
  deviceId: number | null;
  /** Position in the batch of the event that raised (or completed) it: its id once the batch is stored. */
  eventIndex: number;
  details: Record<string, unknown>;
}
