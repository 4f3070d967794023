/**
 * ALR-2 priority: a 0–100 score and a band P1–P4 from the alert's severity, the criticality of the device and
 * of the assets among its observables, its repeats, and the tenant's overrides; plus the auto-close decision.
 * Pure: the intake job and the criteria recompute both call it.
 */
import { ipToNumber, parseCidr } from '@mamori/query';
import type { TriageCriteria } from './triage-criteria.ts';

export interface PriorityInput {
  kind: string;
  severity: string;
  ruleId: string | null;
  ruleLevel: string | null;
  occurrences: number;
  source: string | null;
  target: string | null;
  device: { name: string; hostname: string | null; criticality: number } | null;
}

export interface Priority {
  score: number;
  band: 'P1' | 'P2' | 'P3' | 'P4';
  criticality: number;
  reasons: string[];
  /** The auto-close rule's reason when one matches. */
  autoClose: string | null;
}

const SEVERITY_ORDER = ['low', 'medium', 'high', 'critical'];
const NEUTRAL_CRITICALITY = 3;

/** The observables of an alert one by one (correlations join several with ","). */
export function observableValues(input: Pick<PriorityInput, 'source' | 'target'>): string[] {
  return [input.source, input.target].flatMap((v) => (v ? v.split(',') : [])).map((v) => v.trim()).filter((v) => v !== '');
}

export function assetMatches(asset: TriageCriteria['assets'][number], values: readonly string[]): boolean {
  if (asset.host) {
    const host = asset.host.toLowerCase();
    if (values.some((v) => v.toLowerCase() === host)) return true;
  }
  if (asset.cidr) {
    const range = parseCidr(asset.cidr);
    if (range === undefined || range === 'invalid-prefix') return false;
    return values.some((v) => {
      const n = ipToNumber(v);
      return n !== undefined && n >= range.low && n <= range.high;
    });
  }
  return false;
}

export function computePriority(input: PriorityInput, criteria: TriageCriteria): Priority {
  const reasons: string[] = [];
  const sev = SEVERITY_ORDER.includes(input.severity) ? (input.severity as keyof TriageCriteria['severityScores']) : 'medium';
  let score = criteria.severityScores[sev];
  reasons.push(`severity ${sev}: ${score}`);

  let criticality = NEUTRAL_CRITICALITY;
  let criticalityFrom = 'default';
  if (input.device) {
    criticality = input.device.criticality;
    criticalityFrom = `device ${input.device.name}`;
  }
  const values = observableValues(input);
  if (input.device?.hostname) values.push(input.device.hostname);
  for (const asset of criteria.assets) {
    if (assetMatches(asset, values) && (criticalityFrom === 'default' || asset.criticality > criticality)) {
      criticality = asset.criticality;
      criticalityFrom = `asset ${asset.label ?? asset.host ?? asset.cidr ?? ''}`;
    }
  }
  const fromCriticality = Math.round((criticality - NEUTRAL_CRITICALITY) * criteria.criticalityWeight);
  if (fromCriticality !== 0) {
    score += fromCriticality;
    reasons.push(`criticality ${criticality} (${criticalityFrom}): ${fromCriticality > 0 ? '+' : ''}${fromCriticality}`);
  }
  if (input.occurrences > 1 && criteria.repeatWeight > 0) {
    const fromRepeats = Math.min(10, Math.round(Math.log2(input.occurrences) * criteria.repeatWeight));
    score += fromRepeats;
    reasons.push(`${input.occurrences} occurrences: +${fromRepeats}`);
  }
  for (const o of criteria.overrides) {
    if ((o.rule === undefined || o.rule === input.ruleId) && (o.kind === undefined || o.kind === input.kind) && (o.rule ?? o.kind) !== undefined) {
      if (o.score !== undefined) {
        score = o.score;
        reasons.push(`override ${o.rule ?? o.kind}: ${o.score}`);
      } else if (o.adjust !== undefined) {
        score += o.adjust;
        reasons.push(`override ${o.rule ?? o.kind}: ${o.adjust > 0 ? '+' : ''}${o.adjust}`);
      }
    }
  }
  score = Math.max(0, Math.min(100, Math.round(score)));
  const band = score >= criteria.bands.p1 ? 'P1' : score >= criteria.bands.p2 ? 'P2' : score >= criteria.bands.p3 ? 'P3' : 'P4';
  return { score, band, criticality, reasons, autoClose: autoCloseReason(input, criteria) };
}

function autoCloseReason(input: PriorityInput, criteria: TriageCriteria): string | null {
  for (const r of criteria.autoClose) {
    if (r.kind !== undefined && r.kind !== input.kind) continue;
    if (r.rule !== undefined && r.rule !== input.ruleId) continue;
    if (r.level !== undefined && r.level !== input.ruleLevel) continue;
    if (r.device !== undefined && r.device !== input.device?.name) continue;
    if (r.maxSeverity !== undefined && SEVERITY_ORDER.indexOf(input.severity) > SEVERITY_ORDER.indexOf(r.maxSeverity)) continue;
    // A rule with no condition at all would close everything: never.
    if ([r.kind, r.rule, r.level, r.device, r.maxSeverity].every((c) => c === undefined)) continue;
    return r.reason;
  }
  return null;
}
