/**
 * DET-4 retro-hunt: when an indicator arrives, look for it in the tenant's stored events (promoted columns
 * where the field has one, the JSON document elsewhere), parameterised SQL only. Matching rows are checked
 * again with the live matcher, so retro-hunt and live matching agree on what a hit is.
 */
import { parseCidr } from '@mamori/query';
import { promotedColumns } from '@mamori/schema';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { Detection } from './detection-types.ts';
import { INDICATOR_FIELDS, IndicatorMatcher, type IndicatorEntry, type IndicatorHit } from './indicator-matcher.ts';
import { sourceOf } from './observables.ts';

export const RETRO_HUNT_MAX_EVENTS = 1000;

const PROMOTED = new Set(promotedColumns.map((c) => c.field));

/** A field as SQL text: its promoted column, else its value in the JSON document. Field names are our constants. */
function column(field: string): string {
  return PROMOTED.has(field) ? `"${field}"` : `json_extract_string(doc, '$."${field}"')`;
}

export interface RetroHuntQuery {
  sql: string;
  params: unknown[];
}

/** Indicators of one type per query; a feed of thousands goes in chunks of this many. */
export const RETRO_HUNT_CHUNK = 200;

export function retroHuntQuery(
  tenantId: number,
  indicators: readonly IndicatorEntry[],
  sinceMs: number,
  limit = RETRO_HUNT_MAX_EVENTS,
): RetroHuntQuery {
  const type = indicators[0]?.type;
  if (type === undefined || indicators.some((i) => i.type !== type)) throw new Error('one indicator type per retro-hunt query');
  const params: unknown[] = [tenantId, BigInt(sinceMs)];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  const list = (values: string[]): string => `(${values.map(p).join(', ')})`;
  let where: string;
  switch (type) {
    case 'ip': {
      const values = list(indicators.map((i) => i.value));
      where = INDICATOR_FIELDS.ip.map((f) => `${column(f)} IN ${values}`).join(' OR ');
      break;
    }
    case 'cidr': {
      const ranges: string[] = [];
      for (const i of indicators) {
        const range = parseCidr(i.value);
        if (range === undefined || range === 'invalid-prefix') throw new Error(`bad CIDR ${i.value}`);
        // A JS bigint binds as signed HUGEINT, too small for IPv6 numbers: pass text, cast in SQL.
        const low = `CAST(${p(range.low.toString())} AS UHUGEINT)`;
        const high = `CAST(${p(range.high.toString())} AS UHUGEINT)`;
        ranges.push(`source_ip_num BETWEEN ${low} AND ${high} OR destination_ip_num BETWEEN ${low} AND ${high}`);
      }
      where = ranges.join(' OR ');
      break;
    }
    case 'domain': {
      const exact = list(indicators.map((i) => i.value));
      const suffixes = indicators.map((i) => p(`.${i.value}`));
      where = INDICATOR_FIELDS.domain
        .map((f) => `lower(${column(f)}) IN ${exact} OR ${suffixes.map((s) => `ends_with(lower(${column(f)}), ${s})`).join(' OR ')}`)
        .join(' OR ');
      break;
    }
    case 'url': {
      const values = list(indicators.map((i) => i.value));
      where = INDICATOR_FIELDS.url.map((f) => `${column(f)} IN ${values}`).join(' OR ');
      break;
    }
    case 'hash':
    case 'account': {
      const values = list(indicators.map((i) => i.value.toLowerCase()));
      where = INDICATOR_FIELDS[type].map((f) => `lower(${column(f)}) IN ${values}`).join(' OR ');
      break;
    }
  }
  return {
    sql: `SELECT batch_id, seq, ts, device_id, doc FROM events WHERE tenant_id = $1 AND ts >= $2 AND (${where}) ORDER BY batch_id, seq LIMIT ${Math.trunc(limit)}`,
    params,
  };
}

export interface RetroHuntFinding {
  batchId: number;
  detection: Detection;
}

/**
 * Searches one tenant's events since `sinceMs` for any of these indicators (grouped by type, in chunks).
 * Stops at RETRO_HUNT_MAX_EVENTS findings and says so.
 */
export async function retroHunt(
  store: EventStore,
  tenantId: number,
  indicators: readonly IndicatorEntry[],
  sinceMs: number,
): Promise<{ findings: RetroHuntFinding[]; truncated: boolean }> {
  const findings: RetroHuntFinding[] = [];
  const byType = new Map<string, IndicatorEntry[]>();
  for (const i of indicators) byType.set(i.type, [...(byType.get(i.type) ?? []), i]);
  for (const list of byType.values()) {
    for (let c = 0; c < list.length; c += RETRO_HUNT_CHUNK) {
      const chunk = list.slice(c, c + RETRO_HUNT_CHUNK);
      const room = RETRO_HUNT_MAX_EVENTS - findings.length;
      if (room <= 0) return { findings, truncated: true };
      const q = retroHuntQuery(tenantId, chunk, sinceMs, room);
      const result = await store.query(q.sql, q.params, { timeoutMs: 30_000 });
      const matcher = new IndicatorMatcher(chunk);
      for (const row of result.rows) {
        const fields = JSON.parse(row[4] as string) as Record<string, unknown>;
        for (const hit of matcher.match(fields) ?? []) findings.push({ batchId: Number(row[0]), detection: toDetection(hit, fields, row) });
      }
      if (result.rows.length >= room) return { findings, truncated: true };
    }
  }
  return { findings, truncated: false };
}

function toDetection(hit: IndicatorHit, fields: Record<string, unknown>, row: unknown[]): Detection {
  const indicator = hit.indicator;
  return {
    kind: 'indicator',
    ruleId: `indicator:${indicator.type}`,
    title: `Indicator seen: ${indicator.type} ${indicator.value}`,
    severity: indicator.severity,
    level: undefined,
    author: undefined,
    tags: [],
    source: sourceOf(fields),
    target: hit.observed,
    ts: Number(row[2]),
    deviceId: row[3] === null ? null : Number(row[3]),
    eventIndex: Number(row[1]),
    details: { indicatorId: indicator.id, indicator: indicator.value, type: indicator.type, field: hit.field, description: indicator.description, retroHunt: true },
  };
}
