import { escapeHtml, escapeSlack, escapeTeams, headerSafe } from './escape.ts';
import { LABELS, SEVERITY_WORDS, fill } from './i18n.ts';
import type { ChannelKind, Lang, NotificationContent } from './notification-types.ts';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

/** Exactly what goes out on one channel: the preview shows this and the sender sends this. */
export type Rendered = { channel: 'email'; email: EmailMessage } | { channel: 'webhook' | 'slack' | 'teams'; json: unknown };

const SEVERITY_COLOURS = { low: '2E7D32', medium: 'F9A825', high: 'EF6C00', critical: 'C62828' } as const;

type Section = 'attackSource' | 'target' | 'analysis' | 'actions' | 'references';
const SECTIONS: readonly Section[] = ['attackSource', 'target', 'analysis', 'actions', 'references'];

function sectionText(n: NotificationContent, s: Section): string {
  if (s === 'references') return n.fields.references.length > 0 ? n.fields.references.join('\n') : LABELS[n.lang].none;
  return n.fields[s];
}

function subjectLine(n: NotificationContent): string {
  return `${LABELS[n.lang].subjectPrefix}[${SEVERITY_WORDS[n.lang][n.severity]}] ${n.title}`;
}

function emailText(n: NotificationContent): string {
  const L = LABELS[n.lang];
  const lines = [n.title, `${L.severity}: ${SEVERITY_WORDS[n.lang][n.severity]} / ${L.tenant}: ${n.tenant}`, ''];
  SECTIONS.forEach((s, i) => lines.push(`${i + 1}. ${L[s]}`, sectionText(n, s), ''));
  if (n.portalUrl) lines.push(`${L.portal}: ${n.portalUrl}`, '');
  return lines.join('\n');
}

function emailHtmlBody(n: NotificationContent): string {
  const L = LABELS[n.lang];
  const multiline = (text: string) => escapeHtml(text).replace(/\n/g, '<br>');
  const refs = n.fields.references.length
    ? `<ul>${n.fields.references.map((r) => (/^https?:\/\//.test(r) ? `<li><a href="${escapeHtml(r)}">${escapeHtml(r)}</a></li>` : `<li>${escapeHtml(r)}</li>`)).join('')}</ul>`
    : `<p>${escapeHtml(L.none)}</p>`;
  const rows = SECTIONS.map((s, i) => {
    const body = s === 'references' ? refs : `<p>${multiline(sectionText(n, s))}</p>`;
    return `<h3>${i + 1}. ${escapeHtml(L[s])}</h3>${body}`;
  }).join('');
  const portal = n.portalUrl ? `<p><a href="${escapeHtml(n.portalUrl)}">${escapeHtml(L.portal)}</a></p>` : '';
  return (
    `<h2 style="border-left:6px solid #${SEVERITY_COLOURS[n.severity]};padding-left:8px">${escapeHtml(n.title)}</h2>` +
    `<p>${escapeHtml(L.severity)}: ${escapeHtml(SEVERITY_WORDS[n.lang][n.severity])} / ${escapeHtml(L.tenant)}: ${escapeHtml(n.tenant)}</p>` +
    rows +
    portal
  );
}

function htmlDocument(lang: Lang, body: string): string {
  return `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"></head><body>${body}<hr><p><small>${escapeHtml(LABELS[lang].footer)}</small></p></body></html>`;
}

function slackBlocks(n: NotificationContent): unknown[] {
  const L = LABELS[n.lang];
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: headerSafe(n.title, 150), emoji: false } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeSlack(`${L.severity}: ${SEVERITY_WORDS[n.lang][n.severity]} / ${L.tenant}: ${n.tenant}`) }] },
  ];
  for (const s of SECTIONS) {
    // Section text is capped at 3,000 characters by Slack.
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `*${escapeSlack(L[s])}*\n${escapeSlack(sectionText(n, s)).slice(0, 2900)}` } });
  }
  if (n.portalUrl) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${n.portalUrl.replace(/[<>|]/g, '')}|${escapeSlack(L.portal)}>` } });
  blocks.push({ type: 'divider' });
  return blocks;
}

function teamsSection(n: NotificationContent): Record<string, unknown> {
  const L = LABELS[n.lang];
  return {
    activityTitle: escapeTeams(n.title),
    activitySubtitle: escapeTeams(`${L.severity}: ${SEVERITY_WORDS[n.lang][n.severity]} / ${L.tenant}: ${n.tenant}`),
    facts: SECTIONS.map((s) => ({ name: escapeTeams(L[s]), value: escapeTeams(sectionText(n, s)).replace(/\n/g, '<br>') })),
    markdown: true,
  };
}

function teamsCard(summary: string, colour: string, sections: Array<Record<string, unknown>>, portalUrl: string | undefined, lang: Lang): unknown {
  return {
    '@type': 'MessageCard',
    '@context': 'https://schema.org/extensions',
    summary: headerSafe(summary, 150),
    themeColor: colour,
    sections,
    ...(portalUrl ? { potentialAction: [{ '@type': 'OpenUri', name: LABELS[lang].portal, targets: [{ os: 'default', uri: portalUrl }] }] } : {}),
  };
}

function webhookItem(n: NotificationContent): Record<string, unknown> {
  return { id: n.id, tenant: n.tenant, lang: n.lang, severity: n.severity, title: n.title, fields: n.fields, portalUrl: n.portalUrl ?? null };
}

export function renderNotification(n: NotificationContent, channel: ChannelKind): Rendered {
  switch (channel) {
    case 'email':
      return { channel, email: { subject: headerSafe(subjectLine(n)), text: emailText(n), html: htmlDocument(n.lang, emailHtmlBody(n)) } };
    case 'slack':
      return { channel, json: { text: escapeSlack(subjectLine(n)), blocks: slackBlocks(n) } };
    case 'teams':
      return { channel, json: teamsCard(subjectLine(n), SEVERITY_COLOURS[n.severity], [teamsSection(n)], n.portalUrl, n.lang) };
    case 'webhook':
      return { channel, json: { type: 'notification', notification: webhookItem(n) } };
  }
}

/** One message carrying every notification routed to the daily digest for one contact and channel. */
export function renderDigest(items: readonly NotificationContent[], lang: Lang, channel: ChannelKind, day: string): Rendered {
  const L = LABELS[lang];
  const intro = fill(L.digestIntro, { count: items.length });
  const subject = `${L.digestSubject}${day}`;
  switch (channel) {
    case 'email':
      return {
        channel,
        email: {
          subject: headerSafe(subject),
          text: [intro, '', ...items.map((n) => `==== ${n.title}\n${emailText(n)}`)].join('\n'),
          html: htmlDocument(lang, `<p>${escapeHtml(intro)}</p>${items.map((n) => `<hr>${emailHtmlBody(n)}`).join('')}`),
        },
      };
    case 'slack':
      return { channel, json: { text: escapeSlack(subject), blocks: [{ type: 'section', text: { type: 'mrkdwn', text: escapeSlack(intro) } }, ...items.flatMap(slackBlocks)].slice(0, 50) } };
    case 'teams':
      return { channel, json: teamsCard(subject, '455A64', items.map(teamsSection), undefined, lang) };
    case 'webhook':
      return { channel, json: { type: 'digest', day, notifications: items.map(webhookItem) } };
  }
}
