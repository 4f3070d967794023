import { escapeHtml } from '../notifications/escape.ts';
import { STATUS_LABELS, type IncidentStatus } from './incident-lifecycle.ts';
import type { incidentDetail } from './incidents.schemas.ts';
import type { z } from 'zod';

export type ReportLang = 'ja' | 'en';
type Detail = z.infer<typeof incidentDetail>;

const L = {
  ja: {
    title: 'インシデント報告書',
    tenant: 'お客様',
    overview: '概要',
    status: '状態',
    severity: '重大度',
    type: '種別',
    detected: '検知日時',
    closed: 'クローズ日時',
    assignee: '担当',
    summary: '概要説明',
    impact: '影響',
    rootCause: '根本原因',
    lessons: '教訓',
    tasks: '対応タスク',
    done: '完了',
    open: '未完了',
    timeline: 'タイムライン',
    observables: '観測値 (IoC)',
    alerts: '関連アラート',
    assets: '影響を受けた資産',
    evidence: '証拠ファイル',
    sla: 'SLA',
    clock: { notify: '検知→通知', ack: '通知→受領確認', close: '検知→クローズ' } as Record<string, string>,
    target: '目標 (分)',
    elapsed: '経過 (分)',
    met: '遵守',
    breached: '違反',
    running: '計測中',
    none: 'なし',
    generated: '作成日時',
    note: 'この報告書の値はログに由来し、そのまま表示しています。',
  },
  en: {
    title: 'Incident report',
    tenant: 'Customer',
    overview: 'Overview',
    status: 'Status',
    severity: 'Severity',
    type: 'Type',
    detected: 'Detected',
    closed: 'Closed',
    assignee: 'Assignee',
    summary: 'Summary',
    impact: 'Impact',
    rootCause: 'Root cause',
    lessons: 'Lessons learned',
    tasks: 'Response tasks',
    done: 'done',
    open: 'open',
    timeline: 'Timeline',
    observables: 'Observables (IoC)',
    alerts: 'Linked alerts',
    assets: 'Affected assets',
    evidence: 'Evidence files',
    sla: 'SLA',
    clock: { notify: 'detection → notification', ack: 'notification → acknowledgement', close: 'detection → close' } as Record<string, string>,
    target: 'target (min)',
    elapsed: 'elapsed (min)',
    met: 'met',
    breached: 'breached',
    running: 'running',
    none: 'none',
    generated: 'Generated',
    note: 'Values in this report come from logs and are shown verbatim.',
  },
};

/** Bidi controls could reorder what a reader sees (e.g. a file name ending in "fdp.exe"); they are shown, not obeyed. */
const INVISIBLE = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
export function safeText(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  return escapeHtml(String(value)).replace(INVISIBLE, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`);
}

const CSS = `body{font-family:system-ui,"Hiragino Sans","Noto Sans JP",sans-serif;margin:2rem;color:#1a1a1a;line-height:1.5}
h1{font-size:1.5rem;border-bottom:3px solid #b00020;padding-bottom:.3rem}h2{font-size:1.15rem;margin-top:1.6rem}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;unicode-bidi:isolate;overflow-wrap:anywhere}
th{background:#f3f3f3;width:14rem}.muted{color:#666;font-size:.85rem}pre{white-space:pre-wrap;margin:0;font:inherit}
@media print{body{margin:0}}`;

const table = (head: string[], rows: string[][], none: string) =>
  rows.length === 0
    ? `<p>${safeText(none)}</p>`
    : `<table><thead><tr>${head.map((h) => `<th>${safeText(h)}</th>`).join('')}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</tbody></table>`;

/** The incident as a self-contained HTML document (INC-5): inline CSS, no scripts, a CSP that forbids them anyway. */
export function renderIncidentReport(d: Detail, tenantName: string, lang: ReportLang, generatedAt: Date): string {
  const t = L[lang];
  const status = STATUS_LABELS[d.status as IncidentStatus]?.[lang] ?? d.status;
  const field = (label: string, value: string | null) => `<tr><th>${safeText(label)}</th><td><pre>${safeText(value)}</pre></td></tr>`;
  const clockState = (c: Detail['sla'][number]) => (c.breached ? t.breached : c.stoppedAt ? t.met : t.running);
  const body = [
    `<h1>${safeText(t.title)}: #${d.id} ${safeText(d.title)}</h1>`,
    `<p class="muted">${safeText(t.tenant)}: ${safeText(tenantName)} · ${safeText(t.generated)}: ${safeText(generatedAt.toISOString())}</p>`,
    `<h2>${safeText(t.overview)}</h2><table>`,
    field(t.status, status),
    field(t.severity, d.severity),
    field(t.type, d.type),
    field(t.detected, d.detectedAt),
    field(t.closed, d.closedAt),
    field(t.assignee, d.assignee),
    field(t.summary, d.summary),
    field(t.impact, d.impact),
    field(t.rootCause, d.rootCause),
    field(t.lessons, d.lessonsLearned),
    `</table>`,
    `<h2>${safeText(t.sla)}</h2>`,
    table(
      ['', t.target, t.elapsed, ''],
      d.sla.map((c) => [safeText(t.clock[c.clock] ?? c.clock), safeText(c.targetMinutes), safeText(c.elapsedMinutes), safeText(clockState(c))]),
      t.none,
    ),
    `<h2>${safeText(t.tasks)}</h2>`,
    table(
      ['#', t.tasks, t.status, t.assignee],
      d.tasks.map((k) => [safeText(k.position), `${safeText(k.title[lang])}${k.note ? `<br><span class="muted">${safeText(k.note)}</span>` : ''}`, safeText(k.done ? `${t.done} ${k.doneAt ?? ''}` : t.open), safeText(k.assignee)]),
      t.none,
    ),
    `<h2>${safeText(t.timeline)}</h2>`,
    table(['', '', ''], d.timeline.map((e) => [safeText(e.at), safeText(e.actor), `<pre>${safeText(e.text)}</pre>`]), t.none),
    `<h2>${safeText(t.observables)}</h2>`,
    table(['', '', ''], d.observables.map((o) => [safeText(o.type), safeText(o.value), safeText(o.role)]), t.none),
    `<h2>${safeText(t.alerts)}</h2>`,
    table(['#', '', '', ''], d.alerts.map((a) => [safeText(a.id), safeText(a.firstSeenAt), safeText(a.severity), safeText(a.title)]), t.none),
    `<h2>${safeText(t.assets)}</h2>`,
    table(['', ''], d.assets.map((a) => [safeText(a.host), safeText(a.note)]), t.none),
    `<h2>${safeText(t.evidence)}</h2>`,
    table(['', 'SHA-256', ''], d.evidence.map((e) => [safeText(e.filename), `<code>${safeText(e.sha256)}</code>`, safeText(e.size)]), t.none),
    `<p class="muted">${safeText(t.note)}</p>`,
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">
<meta name="referrer" content="no-referrer">
<title>${safeText(t.title)} #${d.id}</title><style>${CSS}</style></head>
<body>${body}</body></html>`;
}
