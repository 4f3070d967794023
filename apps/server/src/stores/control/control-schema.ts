import type { ColumnType, Generated } from 'kysely';

/** Tables of the control store. Times are UTC epoch milliseconds; booleans are 0/1 for SQLite and PostgreSQL alike. */
export interface TenantTable {
  id: Generated<number>;
  slug: string;
  name: string;
  created_at: number;
  /** null falls back to the configured default; 0 keeps forever. */
  retention_days: number | null;
  retention_bytes: number | null;
}

export interface DeviceTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  kind: string;
  vendor: string | null;
  product: string | null;
  format: string;
  timezone: string;
  hostname: string | null;
  criticality: number;
  /** Log silence (ING-5): raise an alert when nothing arrived for this long; null disables it. */
  expected_interval_seconds: number | null;
  last_seen_at: number | null;
  created_at: number;
}

export interface DeviceAddressTable {
  address: string;
  device_id: number;
  tenant_id: number;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  tenant_id: number | null;
  device_id: number | null;
  scope: string;
  token_hash: string;
  prefix: string;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
  /** The user the token belongs to (migration 0005); its scope never exceeds that user's role. */
  user_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The creator's party (migration 0005); null on older rows, which derive it from tenant_id. */
  party: ColumnType<string | null, string | null | undefined, string | null>;
}

/** Identity (migration 0005): provider staff have no tenant; customer users belong to one. */
export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  tenant_id: number | null;
  /** argon2id PHC string; null for users who sign in only through OIDC. */
  password_hash: string | null;
  must_change_password: number;
  totp_secret: string | null;
  totp_pending_secret: string | null;
  locale: string;
  timezone: string;
  failed_logins: number;
  locked_until: number | null;
  oidc_subject: string | null;
  created_at: number;
  updated_at: number;
  last_login_at: number | null;
}

export interface SessionTable {
  /** SHA-256 of the session id: a copy of the store does not hand out live sessions. */
  id_hash: string;
  user_id: number;
  created_at: number;
  last_seen_at: number;
  ip: string | null;
}

export interface RecoveryCodeTable {
  user_id: number;
  code_hash: string;
  used_at: number | null;
}

export interface UnassignedSourceTable {
  sender: string;
  hostname: string;
  first_seen_at: number;
  last_seen_at: number;
  message_count: number;
  assigned_device_id: number | null;
}

export interface AlertTable {
  id: Generated<number>;
  tenant_id: number;
  device_id: number | null;
  kind: string;
  severity: string;
  status: string;
  title: string;
  details: string;
  first_seen_at: number;
  last_seen_at: number;
  occurrences: number;
  resolved_at: number | null;
  // Detection alerts (migration 0004); null for device-health alerts.
  rule_id: OptionalText;
  rule_title: OptionalText;
  rule_level: OptionalText;
  rule_author: OptionalText;
  /** JSON list (ATT&CK tags kept). */
  rule_tags: OptionalText;
  /** JSON list of "batchId:seq", capped. */
  event_ids: OptionalText;
  source_observable: OptionalText;
  target_observable: OptionalText;
  /** rule + source + target: repeats within the grouping window bump one alert. */
  group_key: OptionalText;
  // Tier-1 triage (migration 0008).
  /** new | in_progress | on_hold | resolved | escalated */
  triage_status: ColumnType<string, string | undefined, string>;
  /** 0–100; 0 until the intake job scored the alert. */
  priority: ColumnType<number, number | undefined, number>;
  /** P1 … P4 */
  priority_band: OptionalText;
  /** JSON list of why the score is what it is. */
  priority_reasons: OptionalText;
  assignee: OptionalText;
  /** true_positive | false_positive | benign | duplicate */
  verdict: OptionalText;
  duplicate_of: ColumnType<number | null, number | null | undefined, number | null>;
  /** JSON enrichment gathered at intake or on demand. */
  enrichment: OptionalText;
  intake_at: ColumnType<number | null, number | null | undefined, number | null>;
  updated_at: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A nullable column that inserts may leave out. */
type OptionalText = ColumnType<string | null, string | null | undefined, string | null>;

export interface DetectionRuleTable {
  id: Generated<number>;
  /** null: the provider's library, offered to every tenant. */
  tenant_id: number | null;
  rule_uid: string;
  kind: string;
  title: string;
  level: string | null;
  author: string | null;
  tags: string;
  description: string | null;
  source: string;
  text: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  updated_by_token: number | null;
}

export interface DetectionRuleSettingTable {
  tenant_id: number;
  rule_uid: string;
  /** null: the rule's own default. */
  enabled: number | null;
  /** JSON threshold overrides ({ threshold, timespan }) or null. */
  params: string | null;
  reason: string | null;
  updated_at: number;
  updated_by_token: number | null;
}

export interface SuppressionTable {
  id: Generated<number>;
  tenant_id: number;
  /** null: any rule. */
  rule_uid: string | null;
  conditions: string;
  reason: string;
  /** active | requested (by a customer, waiting for staff) | rejected */
  status: ColumnType<string, string | undefined, string>;
  requested_by: string | null;
  created_by_token: number | null;
  created_at: number;
  expires_at: number | null;
  removed_at: number | null;
}

export interface IndicatorTable {
  id: Generated<number>;
  /** null: provider-wide. */
  tenant_id: number | null;
  type: string;
  value: string;
  severity: string;
  description: string | null;
  created_by_token: number | null;
  created_at: number;
  expires_at: number | null;
}

export interface DetectionAuditTable {
  id: Generated<number>;
  tenant_id: number | null;
  at: number;
  token_id: number | null;
  action: string;
  target: string;
  details: string;
}

export interface DetectionHitTable {
  tenant_id: number;
  rule_uid: string;
  /** UTC day number (epoch ms / 86,400,000). */
  day: number;
  hits: number;
}

export interface RetentionRunTable {
  id: Generated<number>;
  tenant_id: number;
  ran_at: number;
  reason: string;
  removed_batches: number;
  removed_events: number;
  removed_bytes: number;
  oldest_kept_at: number | null;
}

export interface DeletionCertificateTable {
  id: Generated<number>;
  tenant_slug: string;
  tenant_name: string;
  deleted_at: number;
  certificate: string;
  sha256: string;
}

/** An analyst's named query of one tenant (SRC-1). */
export interface SavedSearchTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  query: string;
  description: string | null;
  created_by_token: number | null;
  created_at: number;
  updated_at: number;
}

/** An availability monitor (MON-1/2): definition, then its last known state (written in batches). */
export interface MonitorTable {
  id: Generated<number>;
  tenant_id: number;
  device_id: number | null;
  name: string;
  type: string;
  target: string;
  interval_s: number;
  timeout_ms: number;
  retries: number;
  flap_threshold: number;
  enabled: number;
  /** JSON: the type's own settings (HTTP keyword, SNMP community …). */
  settings: string;
  /** JSON list of maintenance windows. */
  maintenance: string;
  /** JSON list of monitor ids this one sits behind. */
  depends_on: string;
  push_token: string | null;
  created_at: number;
  updated_at: number;
  state: string;
  state_since: number;
  failures: number;
  flapping: number;
  open_alert_id: number | null;
  last_check_at: number | null;
  last_latency_ms: number | null;
  last_message: string | null;
  last_metrics: string | null;
}

export interface MonitorStateTable {
  id: Generated<number>;
  monitor_id: number;
  at: number;
  state: string;
  message: string;
  flapping: number;
}

/** Response times per monitor and 5-minute bucket. */
export interface MonitorLatencyTable {
  monitor_id: number;
  bucket: number;
  checks: number;
  failures: number;
  sum_ms: number;
  max_ms: number;
}

/** Probe metrics (SNMP CPU, memory, traffic; TLS days left) per monitor, hour and name. */
export interface MonitorMetricTable {
  monitor_id: number;
  bucket: number;
  name: string;
  samples: number;
  sum: number;
  max: number;
  last: number;
}

/** Tier-1 triage (migration 0008): per-tenant criteria, per-alert history and comments, saved views, anomaly triage. */
export interface TriageCriteriaTable {
  tenant_id: number;
  /** JSON, validated by triageCriteriaSchema. */
  criteria: string;
  updated_at: number;
  updated_by: string;
}

export interface AlertHistoryTable {
  id: Generated<number>;
  tenant_id: number;
  alert_id: number;
  at: number;
  actor: string;
  action: string;
  details: string;
}

export interface AlertCommentTable {
  id: Generated<number>;
  tenant_id: number;
  alert_id: number;
  at: number;
  author: string;
  body: string;
}

export interface AlertViewTable {
  id: Generated<number>;
  owner: string;
  name: string;
  filters: string;
  created_at: number;
}

export interface AnomalyTypeTable {
  key: string;
  definition: string;
  updated_at: number;
  updated_by: string;
}

export interface AlertTriageTable {
  alert_id: number;
  tenant_id: number;
  anomaly_type: string | null;
  /** JSON list of { id, done, note, by, at }. */
  checklist: string;
  /** confirmed | refuted | undetermined */
  outcome: string | null;
  note: string | null;
  watch_until: number | null;
  reminder_alert_id: number | null;
  updated_at: number;
  updated_by: string;
}

/** One hash-chained audit entry (migration 0006); JSON columns hold canonical text. */
export interface AuditLogTable {
  seq: number;
  at: number;
  actor: string;
  party: string | null;
  tenant_id: number | null;
  action: string;
  target: string | null;
  ip: string | null;
  outcome: string;
  before: string | null;
  after: string | null;
  details: string | null;
  prev_hash: string;
  hash: string;
}

/** Incidents, contracts and SLA clocks (migration 0007). JSON columns are validated by their module's zod schema. */
export interface ContractTable {
  tenant_id: number;
  contract: string;
  updated_at: number;
  updated_by: string;
}

export interface PlaybookTable {
  type: string;
  definition: string;
  updated_at: number;
  updated_by: string;
}

export interface IncidentTable {
  id: Generated<number>;
  tenant_id: number;
  title: string;
  type: string;
  severity: string;
  /** detected | investigating | planning | coordinating | executing | verifying | closed */
  status: string;
  summary: string | null;
  assignee: string | null;
  impact: string | null;
  root_cause: string | null;
  lessons_learned: string | null;
  detected_at: number;
  created_at: number;
  created_by: string;
  updated_at: number;
  closed_at: number | null;
}

export interface IncidentTimelineTable {
  id: Generated<number>;
  tenant_id: number;
  incident_id: number;
  at: number;
  actor: string;
  kind: string;
  text: string;
  details: string | null;
}

export interface IncidentTaskTable {
  id: Generated<number>;
  tenant_id: number;
  incident_id: number;
  position: number;
  title_ja: string;
  title_en: string;
  detail_ja: string;
  detail_en: string;
  done: number;
  done_at: number | null;
  done_by: string | null;
  assignee: string | null;
  note: string | null;
}

export interface IncidentObservableTable {
  id: Generated<number>;
  tenant_id: number;
  incident_id: number;
  type: string;
  value: string;
  role: string | null;
}

export interface IncidentAlertTable {
  tenant_id: number;
  incident_id: number;
  alert_id: number;
}

export interface IncidentEventTable {
  tenant_id: number;
  incident_id: number;
  ref: string;
}

export interface IncidentAssetTable {
  id: Generated<number>;
  tenant_id: number;
  incident_id: number;
  device_id: number | null;
  host: string;
  note: string | null;
}

export interface IncidentEvidenceTable {
  id: Generated<number>;
  tenant_id: number;
  incident_id: number;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  stored_name: string;
  uploaded_at: number;
  uploaded_by: string;
}

export interface SlaClockTable {
  id: Generated<number>;
  tenant_id: number;
  subject_kind: string;
  subject_id: number;
  /** notify | ack | close */
  clock: string;
  severity: string;
  started_at: number;
  target_minutes: number;
  due_at: number;
  stopped_at: number | null;
  /** Contract minutes from start to stop, set when the clock stops. */
  elapsed_minutes: number | null;
  breached_at: number | null;
  warned_steps: number;
}

export interface SlaEventTable {
  id: Generated<number>;
  tenant_id: number;
  clock_id: number;
  /** warning | breach */
  kind: string;
  at: number;
  step: number;
  percent: number;
  /** JSON list of roles/names the ladder step escalates to. */
  escalate_to: string;
  alert_id: number | null;
}

/** Notifications and the inquiry desk (migration 0009). */
export interface NotificationContactTable {
  id: Generated<number>;
  tenant_id: number;
  name: string;
  /** ja | en */
  lang: string;
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  slack_url: string | null;
  teams_url: string | null;
  /** 24h | business_hours */
  reachability: string;
  min_severity: string;
  created_at: number;
  updated_at: number;
}

export interface NotificationPolicyTable {
  tenant_id: number;
  /** JSON: routing rules, digest time, fallback business hours. */
  policy: string;
  updated_at: number;
}

export interface NotificationTable {
  id: Generated<number>;
  tenant_id: number;
  /** alert | incident */
  subject_kind: string;
  subject_id: number;
  /** JSON list of alert ids the draft was made from. */
  alert_ids: string;
  lang: string;
  severity: string;
  title: string;
  /** JSON: the five guideline fields. */
  fields: string;
  /** draft | sent */
  status: string;
  created_by: string;
  created_at: number;
  updated_at: number;
  sent_at: number | null;
}

export interface NotificationDeliveryTable {
  id: Generated<number>;
  notification_id: number;
  tenant_id: number;
  contact_id: number | null;
  contact_name: string;
  channel: string;
  /** queued | digest | sent | failed */
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  failure_alert_id: number | null;
}

export interface InquiryTable {
  id: Generated<number>;
  tenant_id: number;
  /** acknowledge | question | signature_disable | config_change */
  kind: string;
  /** open | answered | approved | rejected | closed */
  status: string;
  title: string;
  notification_id: number | null;
  incident_id: number | null;
  rule_uid: string | null;
  assignee: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
  tuning_ref: string | null;
}

export interface InquiryMessageTable {
  id: Generated<number>;
  inquiry_id: number;
  author: string;
  party: string;
  body: string;
  at: number;
}

export interface ControlDatabase {
  tenants: TenantTable;
  devices: DeviceTable;
  device_addresses: DeviceAddressTable;
  api_tokens: ApiTokenTable;
  users: UserTable;
  sessions: SessionTable;
  recovery_codes: RecoveryCodeTable;
  unassigned_sources: UnassignedSourceTable;
  alerts: AlertTable;
  retention_runs: RetentionRunTable;
  deletion_certificates: DeletionCertificateTable;
  detection_rules: DetectionRuleTable;
  detection_rule_settings: DetectionRuleSettingTable;
  suppressions: SuppressionTable;
  indicators: IndicatorTable;
  detection_audit: DetectionAuditTable;
  detection_hits: DetectionHitTable;
  saved_searches: SavedSearchTable;
  monitors: MonitorTable;
  monitor_states: MonitorStateTable;
  monitor_latency: MonitorLatencyTable;
  monitor_metrics: MonitorMetricTable;
  triage_criteria: TriageCriteriaTable;
  alert_history: AlertHistoryTable;
  alert_comments: AlertCommentTable;
  alert_views: AlertViewTable;
  anomaly_types: AnomalyTypeTable;
  alert_triage: AlertTriageTable;
  audit_log: AuditLogTable;
  contracts: ContractTable;
  playbooks: PlaybookTable;
  incidents: IncidentTable;
  incident_timeline: IncidentTimelineTable;
  incident_tasks: IncidentTaskTable;
  incident_observables: IncidentObservableTable;
  incident_alerts: IncidentAlertTable;
  incident_events: IncidentEventTable;
  incident_assets: IncidentAssetTable;
  incident_evidence: IncidentEvidenceTable;
  sla_clocks: SlaClockTable;
  sla_events: SlaEventTable;
  notification_contacts: NotificationContactTable;
  notification_policies: NotificationPolicyTable;
  notifications: NotificationTable;
  notification_deliveries: NotificationDeliveryTable;
  inquiries: InquiryTable;
  inquiry_messages: InquiryMessageTable;
}
