import type { AlertSeverity } from '../detection/detection-types.ts';
import { headerSafe } from './escape.ts';
import { LABELS, SEVERITY_WORDS, fill } from './i18n.ts';
import { asSeverity, severityRank, type Lang, type NotificationFields } from './notification-types.ts';
import { adviceForTags, referenceForTag } from './playbook.ts';

/** The alert columns a draft reads. */
export interface DraftAlert {
  id: number;
  kind: string;
  severity: string;
  title: string;
  details: string;
  first_seen_at: number;
  last_seen_at: number;
  occurrences: number;
  rule_id: string | null;
  rule_title: string | null;
  rule_tags: string | null;
  source_observable: string | null;
  target_observable: string | null;
}

export interface DraftIncident {
  id: number;
  title: string;
  severity: string;
  summary: string | null;
}

export interface Draft {
  title: string;
  severity: AlertSeverity;
  fields: NotificationFields;
}

const SOURCE_KEYS = ['src_ip', 'source_ip', 'srcip', 'source', 'client_ip', 'attacker'];
const TARGET_KEYS = ['dst_ip', 'destination_ip', 'dstip', 'host', 'hostname', 'url', 'uri', 'path', 'target'];
const DAMAGE_TEXT = {
  ja: '「{rule}」に該当する事象を {count} 件検知しました（重大度: {severity}、{first} 〜 {last} UTC）。',
  en: 'Detected {count} events matching "{rule}" (severity: {severity}, {first} to {last} UTC).',
};

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

function detailValues(details: Record<string, unknown>, keys: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of keys) {
    const v = details[key];
    if (typeof v === 'string' || typeof v === 'number') out.push(String(v));
  }
  return out;
}

function unique(values: Iterable<string>, max = 20): string[] {
  return [...new Set([...values].map((v) => v.trim()).filter((v) => v !== ''))].slice(0, max);
}

const when = (ms: number) => new Date(Number(ms)).toISOString().slice(0, 16).replace('T', ' ');

/**
 * The first draft of a notification from the alerts behind it (and the incident, when there is one): the
 * five guideline fields filled from observables, rule titles, ATT&CK tags and details, in the contact's
 * language. The analyst edits it before it is sent.
 */
export function draftNotification(alerts: readonly DraftAlert[], lang: Lang, incident?: DraftIncident): Draft {
  const L = LABELS[lang];
  const sources: string[] = [];
  const targets: string[] = [];
  const tags: string[] = [];
  const refs: string[] = [];
  const findings: string[] = [];
  let severity: AlertSeverity = incident ? asSeverity(incident.severity) : 'low';
  for (const a of alerts) {
    const details = parseJson<Record<string, unknown>>(a.details, {});
    if (a.source_observable) sources.push(a.source_observable);
    if (a.target_observable) targets.push(a.target_observable);
    sources.push(...detailValues(details, SOURCE_KEYS));
    targets.push(...detailValues(details, TARGET_KEYS));
    const alertTags = parseJson<unknown[]>(a.rule_tags, []).filter((t): t is string => typeof t === 'string');
    tags.push(...alertTags);
    const detailRefs = Array.isArray(details.references) ? details.references : [];
    refs.push(...detailRefs.filter((r): r is string => typeof r === 'string' && /^https?:\/\//.test(r)));
    if (severityRank(a.severity) > severityRank(severity)) severity = asSeverity(a.severity);
    findings.push(
      fill(DAMAGE_TEXT[lang], {
        rule: a.rule_title ?? a.title,
        count: a.occurrences,
        severity: SEVERITY_WORDS[lang][asSeverity(a.severity)],
        first: when(a.first_seen_at),
        last: when(a.last_seen_at),
      }),
    );
  }
  for (const tag of tags) {
    const url = referenceForTag(tag);
    if (url) refs.push(url);
  }
  const advice = adviceForTags(tags);
  const summary = incident?.summary ? [incident.summary] : [];
  // A title is one line: it becomes a mail subject and a Slack header.
  const title = headerSafe(incident?.title ?? alerts[0]?.rule_title ?? alerts[0]?.title ?? '', 300);
  return {
    title,
    severity,
    fields: {
      attackSource: unique(sources).join(', ') || L.none,
      target: unique(targets).join(', ') || L.none,
      analysis: [...summary, ...unique(findings, 10), advice.damage[lang]].join('\n'),
      actions: advice.actions[lang].map((a) => (lang === 'ja' ? `・${a}` : `- ${a}`)).join('\n'),
      references: unique([...refs, ...alerts.flatMap((a) => (a.rule_id ? [`rule:${a.rule_id}`] : []))]),
    },
  };
}
