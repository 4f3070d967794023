import { describe, expect, it } from 'vitest';
import { draftNotification, type DraftAlert } from './draft.ts';
import type { NotificationContent } from './notification-types.ts';
import { renderDigest, renderNotification } from './render.ts';

const alert: DraftAlert = {
  id: 7,
  kind: 'sigma',
  severity: 'high',
  title: 'Struts RCE',
  details: JSON.stringify({ url: '/index.action?x=<script>alert(1)</script>', references: ['https://example.org/advisory?a=1&b="2"'] }),
  first_seen_at: Date.parse('2026-12-01T01:00:00Z'),
  last_seen_at: Date.parse('2026-12-01T01:05:00Z'),
  occurrences: 3,
  rule_id: 'web-struts-rce',
  rule_title: 'Struts "OGNL" <injection>\r\nBcc: x@evil',
  rule_tags: JSON.stringify(['attack.initial_access', 'attack.t1190', 'cve.2017-5638']),
  source_observable: '203.0.113.9',
  target_observable: '192.0.2.10',
};

function content(lang: 'ja' | 'en'): NotificationContent {
  const d = draftNotification([alert], lang);
  return { id: 1, tenant: 'acme', lang, severity: d.severity, title: d.title, fields: d.fields, portalUrl: 'https://portal.example/x' };
}

describe('draft from alerts', () => {
  it('fills the five guideline fields in both languages', () => {
    const ja = draftNotification([alert], 'ja');
    const en = draftNotification([alert], 'en');
    expect(ja.fields.attackSource).toBe('203.0.113.9');
    expect(ja.fields.target).toContain('192.0.2.10');
    expect(ja.fields.target).toContain('/index.action');
    expect(ja.fields.analysis).toContain('3 件検知');
    expect(en.fields.analysis).toContain('Detected 3 events');
    expect(ja.fields.actions).toContain('遮断');
    expect(en.fields.actions).toContain('Block traffic');
    expect(en.fields.references).toEqual(
      expect.arrayContaining(['https://attack.mitre.org/techniques/T1190/', 'https://nvd.nist.gov/vuln/detail/CVE-2017-5638', 'https://example.org/advisory?a=1&b="2"', 'rule:web-struts-rce']),
    );
    expect(ja.severity).toBe('high');
  });
});

describe('rendering per channel', () => {
  it('emails carry no live markup and a one-line subject', () => {
    const r = renderNotification(content('en'), 'email');
    if (r.channel !== 'email') throw new Error('email');
    expect(r.email.subject).not.toMatch(/[\r\n]/);
    expect(r.email.html).not.toContain('<script>');
    expect(r.email.html).not.toContain('<injection>');
    expect(r.email.html).toContain('&lt;script&gt;');
    expect(r.email.html).toContain('href="https://example.org/advisory?a=1&amp;b=&quot;2&quot;"');
    for (const label of ['Attack source', 'Target (host/URI)', 'Analysis result and expected damage', 'Recommended actions', 'References']) {
      expect(r.email.text).toContain(label);
    }
  });

  it('Slack and Teams bodies are valid JSON with escaped markup', () => {
    const slack = JSON.stringify(renderNotification(content('ja'), 'slack'));
    expect(slack).not.toContain('<script>');
    expect(slack).toContain('&lt;script&gt;');
    expect(slack).toContain('攻撃元');
    const teams = JSON.stringify(renderNotification(content('en'), 'teams'));
    expect(teams).toContain('MessageCard');
    expect(teams).not.toContain('<script>');
  });

  it('a digest names how many notifications it carries', () => {
    const r = renderDigest([content('ja'), content('ja')], 'ja', 'email', '2026-12-03');
    if (r.channel !== 'email') throw new Error('email');
    expect(r.email.subject).toContain('2026-12-03');
    expect(r.email.text).toContain('2 件');
  });
});
