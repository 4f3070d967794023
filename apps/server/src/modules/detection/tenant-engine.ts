/**
 * One tenant's detection on the ingest hot path: its compiled Sigma rules (shared with tenants that selected
 * the same rules), its own correlation state, device signatures, indicators and suppressions. Synchronous
 * and allocation-light: an event that matches nothing costs the rule index walk and a few map lookups.
 */
import type { CorrelationEngine, CorrelationMatch, MatchedRule, RuleSet } from '@mamori/sigma';
import type { PreparedEvent } from '../../stores/events/event-batch.ts';
import { deviceSignature } from './device-alerts.ts';
import type { Detection } from './detection-types.ts';
import type { IndicatorMatcher } from './indicator-matcher.ts';
import { observablesOfGroup, sourceOf, targetOf } from './observables.ts';
import { severityFromSigmaLevel } from './severity.ts';
import { findSuppression, type CompiledSuppression } from './suppression.ts';

export interface TenantDetectionConfig {
  ruleSet: RuleSet;
  /** Rule ids this tenant turned off that are not compiled away: device signatures and indicator types. */
  disabled: ReadonlySet<string>;
  suppressions: readonly CompiledSuppression[];
  indicators: IndicatorMatcher;
}

type Fields = Record<string, unknown>;

/** How far ahead of its arrival an event's own time is believed. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60_000;

/**
 * The time correlation windows use: the event's own time, unless the device clock runs ahead of ours. One
 * event stamped years ahead would otherwise move the tenant's stream clock there, and idle correlation groups
 * would never expire again.
 */
export function correlationTime(ev: Pick<PreparedEvent, 'ts' | 'receivedAt'>): number {
  return ev.ts > ev.receivedAt + MAX_CLOCK_AHEAD_MS ? ev.receivedAt : ev.ts;
}

export class TenantEngine {
  private readonly correlation: CorrelationEngine;
  private readonly hasRules: boolean;
  private readonly hasCorrelations: boolean;
  /** suppression id → detections it swallowed since the last `takeSuppressed`. */
  private suppressed = new Map<number, number>();

  constructor(
    readonly config: TenantDetectionConfig,
    maxGroupsPerRule: number,
  ) {
    this.correlation = config.ruleSet.correlationEngine({ maxGroupsPerRule });
    this.hasRules = config.ruleSet.detectionRules.length > 0;
    this.hasCorrelations = config.ruleSet.correlationRules.length > 0;
  }

  inspect(events: readonly PreparedEvent[], now: number): Detection[] {
    const out: Detection[] = [];
    const { ruleSet, indicators, disabled } = this.config;
    for (let i = 0; i < events.length; i++) {
      const ev = events[i]!;
      const f = ev.fields as Fields;
      if (this.hasRules) {
        const matches = ruleSet.match(ev.fields);
        for (let m = 0; m < matches.length; m++) {
          const rule = matches[m]!;
          if (!rule.correlationOnly) this.raise(out, this.sigma(rule, ev, i), f, now);
        }
        if (this.hasCorrelations) {
          const hits = this.correlation.process(ev.fields, matches, correlationTime(ev));
          for (const hit of hits) {
            if (!hit.rule.correlationOnly) this.raise(out, this.correlated(hit, ev, i), { ...f, ...hit.group }, now);
          }
        }
      }
      if (f['event.kind'] === 'alert') {
        const sig = deviceSignature(f, ev.format);
        if (sig && !disabled.has(sig.ruleId)) {
          this.raise(
            out,
            {
              kind: 'device',
              ruleId: sig.ruleId,
              title: sig.title,
              severity: sig.severity,
              level: sig.level,
              author: undefined,
              tags: [],
              source: sourceOf(f),
              target: targetOf(f),
              ts: ev.ts,
              deviceId: ev.deviceId,
              eventIndex: i,
              details: { signature: f['rule.name'] ?? null, signatureId: f['rule.id'] ?? null, category: sig.category ?? null, action: f['event.action'] ?? null },
            },
            f,
            now,
          );
        }
      }
      if (indicators.size > 0) {
        const hits = indicators.match(f);
        if (hits) {
          for (const h of hits) {
            const ruleId = `indicator:${h.indicator.type}`;
            if (disabled.has(ruleId)) continue;
            this.raise(
              out,
              {
                kind: 'indicator',
                ruleId,
                title: `Indicator seen: ${h.indicator.type} ${h.indicator.value}`,
                severity: h.indicator.severity,
                level: undefined,
                author: undefined,
                tags: [],
                source: sourceOf(f),
                target: h.observed,
                ts: ev.ts,
                deviceId: ev.deviceId,
                eventIndex: i,
                details: { indicatorId: h.indicator.id, indicator: h.indicator.value, type: h.indicator.type, field: h.field, description: h.indicator.description },
              },
              f,
              now,
            );
          }
        }
      }
    }
    return out;
  }

  /** Correlation groups held and dropped by the memory cap. */
  stats(): { groups: number; evicted: number } {
    return this.correlation.stats();
  }

  takeSuppressed(): Map<number, number> {
    const s = this.suppressed;
    this.suppressed = new Map();
    return s;
  }

  private raise(out: Detection[], d: Detection, fields: Fields, now: number): void {
    if (this.config.suppressions.length > 0) {
      const s = findSuppression(this.config.suppressions, d.ruleId, fields, now);
      if (s) {
        this.suppressed.set(s.id, (this.suppressed.get(s.id) ?? 0) + 1);
        return;
      }
    }
    out.push(d);
  }

  private sigma(rule: MatchedRule, ev: PreparedEvent, index: number): Detection {
    const f = ev.fields as Fields;
    return {
      kind: 'sigma',
      ruleId: rule.id,
      title: rule.title,
      severity: severityFromSigmaLevel(rule.level),
      level: rule.level,
      author: rule.author,
      tags: rule.tags,
      source: sourceOf(f),
      target: targetOf(f),
      ts: ev.ts,
      deviceId: ev.deviceId,
      eventIndex: index,
      details: {},
    };
  }

  private correlated(hit: CorrelationMatch, ev: PreparedEvent, index: number): Detection {
    const { source, target } = observablesOfGroup(hit.group);
    return {
      kind: 'correlation',
      ruleId: hit.rule.id,
      title: hit.rule.title,
      severity: severityFromSigmaLevel(hit.rule.level),
      level: hit.rule.level,
      author: hit.rule.author,
      tags: hit.rule.tags,
      source,
      target,
      ts: ev.ts,
      deviceId: ev.deviceId,
      eventIndex: index,
      details: {
        correlation: hit.type,
        group: hit.group,
        value: hit.value,
        windowFirst: new Date(hit.firstMs).toISOString(),
        windowLast: new Date(hit.lastMs).toISOString(),
      },
    };
  }
}
