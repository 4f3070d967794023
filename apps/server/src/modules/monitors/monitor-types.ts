/** The vocabulary shared by probes, the scheduler, the state machine and the API. */
export const MONITOR_TYPES = ['ping', 'tcp', 'http', 'dns', 'snmp', 'heartbeat', 'logs'] as const;
export type MonitorType = (typeof MONITOR_TYPES)[number];

/**
 * pending: not yet checked, or failing but retries not yet exhausted;
 * unreachable: failing while a monitor it depends on is down (no alert of its own);
 * maintenance: inside a maintenance window (not checked, not counted in uptime).
 */
export const MONITOR_STATES = ['pending', 'up', 'down', 'maintenance', 'unreachable'] as const;
export type MonitorState = (typeof MONITOR_STATES)[number];

/** What one check found. Metrics are numbers worth keeping as a series (SNMP CPU, memory, counters, TLS days left). */
export interface ProbeResult {
  ok: boolean;
  latencyMs: number | null;
  message: string;
  metrics?: Record<string, number>;
}
