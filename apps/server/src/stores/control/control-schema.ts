import type { Generated } from 'kysely';

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

export interface ControlDatabase {
  tenants: TenantTable;
  devices: DeviceTable;
  device_addresses: DeviceAddressTable;
  api_tokens: ApiTokenTable;
  unassigned_sources: UnassignedSourceTable;
  alerts: AlertTable;
  retention_runs: RetentionRunTable;
  deletion_certificates: DeletionCertificateTable;
}
