/**
 * ALR-4 triage enrichment of one alert: its device and the assets among its observables, GeoIP/ASN of its
 * addresses, indicator hits, earlier alerts with the same observables (same tenant, 30 days) and the incidents
 * they went into. Stored as JSON on the alert by the caller.
 */
import { sql, type Selectable } from 'kysely';
import type { AlertTable } from '../../stores/control/control-schema.ts';
import type { ControlDb } from '../../stores/control/control-store.ts';
import { assetMatches, observableValues } from '../alerts/priority.ts';
import type { TriageCriteria } from '../alerts/triage-criteria.ts';
import { IndicatorMatcher, type IndicatorEntry } from '../detection/indicator-matcher.ts';
import type { AlertSeverity } from '../detection/detection-types.ts';
import type { IndicatorType } from '../detection/indicator-values.ts';
import { classifyIp } from './ip-class.ts';
import type { IpDatabases, IpFacts, IpIntel } from './ip-intel.ts';
import { looksLikeAccount, type UserBaseline, type UserBaselines } from './user-baseline.ts';

const RELATED_WINDOW_MS = 30 * 86_400_000;
const RELATED_LIMIT = 20;

export interface Enrichment {
  enrichedAt: string;
  device: {
    id: number;
    name: string;
    kind: string;
    vendor: string | null;
    product: string | null;
    hostname: string | null;
    criticality: number;
    monitors: Array<{ id: number; name: string; type: string; state: string; since: string }>;
  } | null;
  assets: Array<{ label: string | null; host: string | null; cidr: string | null; criticality: number }>;
  addresses: Array<IpFacts & { role: 'source' | 'target' }>;
  indicators: Array<{ id: number; type: string; value: string; severity: string; description: string | null; observed: string }>;
  relatedAlerts: Array<{ id: number; title: string; kind: string; severity: string; triageStatus: string; verdict: string | null; lastSeenAt: string }>;
  relatedIncidents: Array<{ incidentId: number; alertId: number }>;
  databases: IpDatabases | null;
  /** Asked for on demand only (it scans stored events). */
  userBaselines?: Array<UserBaseline | { account: string; error: string }>;
}

type AlertRow = Selectable<AlertTable>;

/** Which observable field an indicator of each type would read, so the shared matcher can check alerts too. */
function observableFields(values: readonly string[]): Array<Record<string, string>> {
  return values.map((v): Record<string, string> =>
    classifyIp(v) !== undefined
      ? { 'source.ip': v }
      : v.includes('://')
        ? { 'url.full': v }
        : /^[0-9a-f]{32,128}$/i.test(v)
          ? { 'file.hash.sha256': v, 'file.hash.md5': v, 'file.hash.sha1': v }
          : { 'url.domain': v, 'user.name': v },
  );
}

export class EnrichmentService {
  constructor(
    private readonly db: ControlDb,
    private readonly ipIntel: IpIntel,
    private readonly baselines: UserBaselines | undefined,
  ) {}

  async gather(alert: AlertRow, criteria: TriageCriteria, now: number, opts: { userBaselines?: boolean } = {}): Promise<Enrichment> {
    const source = observableValues({ source: alert.source_observable, target: null });
    const target = observableValues({ source: null, target: alert.target_observable });
    const all = [...source, ...target];
    const addresses: Enrichment['addresses'] = [];
    for (const [role, values] of [['source', source], ['target', target]] as const) {
      for (const v of values) {
        const facts = await this.ipIntel.lookup(v);
        if (facts) addresses.push({ ...facts, role });
      }
    }
    const relatedAlerts = await this.relatedAlerts(alert, now);
    return {
      enrichedAt: new Date(now).toISOString(),
      device: await this.device(alert),
      assets: criteria.assets
        .filter((a) => assetMatches(a, all))
        .map((a) => ({ label: a.label ?? null, host: a.host ?? null, cidr: a.cidr ?? null, criticality: a.criticality })),
      addresses,
      indicators: await this.indicatorHits(alert.tenant_id, all, now),
      relatedAlerts,
      relatedIncidents: await this.relatedIncidents(alert.tenant_id, [alert.id, ...relatedAlerts.map((r) => r.id)]),
      databases: addresses.some((a) => a.class === 'public') ? await this.ipIntel.databases() : null,
      ...(opts.userBaselines && this.baselines ? { userBaselines: await this.userBaselines(alert.tenant_id, all, now) } : {}),
    };
  }

  private async userBaselines(tenantId: number, values: readonly string[], now: number): Promise<NonNullable<Enrichment['userBaselines']>> {
    const out: NonNullable<Enrichment['userBaselines']> = [];
    for (const account of [...new Set(values.filter(looksLikeAccount))].slice(0, 3)) {
      // A slow or failing scan leaves a note instead of failing the whole enrichment.
      out.push(await this.baselines!.of(tenantId, account, now).catch((err: unknown) => ({ account, error: String(err) })));
    }
    return out;
  }

  private async device(alert: AlertRow): Promise<Enrichment['device']> {
    if (alert.device_id == null) return null;
    const d = await this.db.selectFrom('devices').selectAll().where('id', '=', alert.device_id).where('tenant_id', '=', alert.tenant_id).executeTakeFirst();
    if (!d) return null;
    const monitors = await this.db
      .selectFrom('monitors')
      .select(['id', 'name', 'type', 'state', 'state_since'])
      .where('tenant_id', '=', alert.tenant_id)
      .where('device_id', '=', d.id)
      .execute();
    return {
      id: d.id,
      name: d.name,
      kind: d.kind,
      vendor: d.vendor,
      product: d.product,
      hostname: d.hostname,
      criticality: d.criticality,
      monitors: monitors.map((m) => ({ id: m.id, name: m.name, type: m.type, state: m.state, since: new Date(Number(m.state_since)).toISOString() })),
    };
  }

  private async indicatorHits(tenantId: number, values: readonly string[], now: number): Promise<Enrichment['indicators']> {
    if (values.length === 0) return [];
    const rows = await this.db
      .selectFrom('indicators')
      .selectAll()
      .where((eb) => eb.or([eb('tenant_id', '=', tenantId), eb('tenant_id', 'is', null)]))
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
      .execute();
    const entries: IndicatorEntry[] = rows.map((r) => ({ id: r.id, type: r.type as IndicatorType, value: r.value, severity: r.severity as AlertSeverity, description: r.description }));
    const matcher = new IndicatorMatcher(entries);
    const hits = new Map<number, Enrichment['indicators'][number]>();
    for (const fields of observableFields(values)) {
      for (const h of matcher.match(fields) ?? []) {
        const i = h.indicator;
        hits.set(i.id, { id: i.id, type: i.type, value: i.value, severity: i.severity, description: i.description, observed: h.observed });
      }
    }
    return [...hits.values()];
  }

  private async relatedAlerts(alert: AlertRow, now: number): Promise<Enrichment['relatedAlerts']> {
    const src = alert.source_observable ?? '';
    const dst = alert.target_observable ?? '';
    if (src === '' && dst === '') return [];
    const rows = await this.db
      .selectFrom('alerts')
      .select(['id', 'title', 'kind', 'severity', 'triage_status', 'verdict', 'last_seen_at'])
      .where('tenant_id', '=', alert.tenant_id)
      .where('id', '!=', alert.id)
      .where('last_seen_at', '>=', now - RELATED_WINDOW_MS)
      .where((eb) => eb.or([...(src ? [eb('source_observable', '=', src)] : []), ...(dst ? [eb('target_observable', '=', dst)] : [])]))
      .orderBy('last_seen_at', 'desc')
      .limit(RELATED_LIMIT)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      severity: r.severity,
      triageStatus: r.triage_status,
      verdict: r.verdict,
      lastSeenAt: new Date(Number(r.last_seen_at)).toISOString(),
    }));
  }

  /** Incidents that took in this alert or its related ones; empty until the incident workflow's table exists. */
  private async relatedIncidents(tenantId: number, ids: number[]): Promise<Enrichment['relatedIncidents']> {
    try {
      const rows = await sql<{ incident_id: number; alert_id: number }>`select incident_id, alert_id from incident_alerts where tenant_id = ${tenantId} and alert_id in (${sql.join(ids)})`.execute(this.db);
      return rows.rows.map((r) => ({ incidentId: Number(r.incident_id), alertId: Number(r.alert_id) }));
    } catch (err) {
      if (/no such table|does not exist/i.test(String(err))) return [];
      throw err;
    }
  }
}
