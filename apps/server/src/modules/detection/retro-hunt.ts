/**
 * DET-4 retro-hunt: when an indicator arrives, look for it in the tenant's stored events (promoted columns
 * where the field has one, the JSON document elsewhere), parameterised SQL only. Matching rows are checked
 * again with the live matcher, so retro-hunt and live matching agree on what a hit is.
 */
import { parseCidr } from '@mamori/query';
import { promotedColumns } from '@mamori/schema';
import type { EventStore } from '../../stores/events/event-store.ts';
import type { Detection } from './detection-types.ts';
import { INDICATOR_FIELDS, IndicatorMatcher, type IndicatorEntry } from './indicator-matcher.ts';
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

export function retroHuntQuery(tenantId: number, indicator: IndicatorEntry, sinceMs: number, limit = RETRO_HUNT_MAX_EVENTS): RetroHuntQuery {
  const params: unknown[] = [tenantId, BigInt(sinceMs)];
  const p = (v: unknown): string => {
    params.push(v);
    return `$${params.length}`;
  };
  let where: string;
  switch (indicator.type) {
    case 'ip': {
      const v = p(indicator.value);
      where = INDICATOR_FIELDS.ip.map((f) => `${column(f)} = ${v}`).join(' OR ');
      break;
    }
    case 'cidr': {
      const range = parseCidr(indicator.value);
      if (range === undefined || range === 'invalid-prefix') throw new Error(`bad CIDR ${indicator.value}`);
      // A JS bigint binds as signed HUGEINT, too small for IPv6 numbers: pass text, cast in SQL.
      const low = `CAST(${p(range.low.toString())} AS UHUGEINT)`;
      const high = `CAST(${p(range.high.toString())} AS UHUGEINT)`;
      where = `source_ip_num BETWEEN ${low} AND ${high} OR destination_ip_num BETWEEN ${low} AND ${high}`;
      break;
    }
    case 'domain': {
      const exact = p(indicator.value);
      const suffix = p(`.${indicator.value}`);
      where = INDICATOR_FIELDS.domain
        .map((f) => `lower(${column(f)}) = ${exact} OR ends_with(lower(${column(f)}), ${suffix})`)
        .join(' OR ');
      break;
    }
    case 'url': {
      const v = p(indicator.value);
      where = INDICATOR_FIELDS.url.map((f) => `${column(f)} = ${v}`).join(' OR ');
      break;
    }
    case 'hash':
    case 'account': {
      const v = p(indicator.value.toLowerCase());
      where = INDICATOR_FIELDS[indicator.type].map((f) => `lower(${column(f)}) = ${v}`).join(' OR ');
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

export async function retroHunt(
  store: EventStore,
  tenantId: number,
  indicator: IndicatorEntry,
  sinceMs: number,
): Promise<{ findings: RetroHuntFinding[]; truncated: boolean }> {
  const q = retroHuntQuery(tenantId, indicator, sinceMs);
  const result = await store.query(q.sql, q.params, { timeoutMs: 30_000 });
  const matcher = new IndicatorMatcher([indicator]);
  const findings: RetroHuntFinding[] = [];
  for (const row of result.rows) {
    const fields = JSON.parse(row[4] as string) as Record<string, unknown>;
    const hit = matcher.match(fields)?.[0];
    if (!hit) continue;
    findings.push({
      batchId: Number(row[0]),
      detection: {
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
      },
    });
  }
  return { findings, truncated: result.rows.length >= RETRO_HUNT_MAX_EVENTS };
}
