/**
 * INC-5: the incident report is one self-contained HTML file; incident data comes from logs (attacker-controlled),
 * so hostile titles, notes, observables and file names must come out as inert text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './helpers/test-server.ts';
import { alertsFromLines, STRUTS_IPS_LINE, tenantWithTokens, type Tokens } from './incidents-fixture.ts';

const HOSTILE = {
  title: '<script>alert("title")</script>',
  summary: `"><img src=x onerror=alert(1)> ' onmouseover='alert(2)`,
  note: '</pre></td></tr></table><iframe src="javascript:alert(3)"></iframe>',
  bidi: 'invoice\u202Egnp.exe \u2066isolate\u2069',
  observable: 'javascript:alert(document.cookie)//<svg/onload=alert(4)>',
  filename: '<svg onload=alert(5)>.txt',
};
const OUR_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'pre', 'span', 'br', 'code']);

describe('incident report (HTML)', () => {
  let t: TestServer;
  let tokens: Tokens;
  let id: number;
  const report = async (lang: string, token = t.token) => {
    const res = await fetch(`${t.server.url}/api/v1/tenants/acme/incidents/${id}/report?lang=${lang}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, headers: res.headers, html: await res.text() };
  };

  beforeAll(async () => {
    t = await startTestServer();
    tokens = await tenantWithTokens(t, 'acme', 'globex');
    const alertIds = await alertsFromLines(t, 'acme', tokens.ingest, [STRUTS_IPS_LINE()], 1);
    const opened = await t.api<{ id: number; tasks: { id: number }[] }>('POST', '/api/v1/tenants/acme/incidents', { title: HOSTILE.title, type: 'web_framework_exploit', summary: HOSTILE.summary, alertIds });
    id = opened.body.id;
    const base = `/api/v1/tenants/acme/incidents/${id}`;
    expect((await t.api('PATCH', base, { impact: HOSTILE.bidi, rootCause: HOSTILE.note, lessonsLearned: 'Patch\nframeworks & keep an inventory' })).status).toBe(200);
    expect((await t.api('POST', `${base}/timeline`, { text: HOSTILE.note })).status).toBe(201);
    expect((await t.api('POST', `${base}/observables`, { items: [{ type: 'url', value: HOSTILE.observable }] })).status).toBe(201);
    expect((await t.api('PATCH', `${base}/tasks/${opened.body.tasks[0]!.id}`, { done: true, note: HOSTILE.summary })).status).toBe(200);
    const up = await fetch(`${t.server.url}${base}/evidence?filename=${encodeURIComponent(HOSTILE.filename)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${t.token}`, 'content-type': 'application/octet-stream' },
      body: Buffer.from('evidence'),
    });
    expect(up.status).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is a self-contained document that forbids scripts by header and by meta', async () => {
    const r = await report('en');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(r.html).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src 'none'/);
    expect(r.html).not.toMatch(/<link|src="http|href="http/i);
    expect(r.html).toContain('<style>');
  });

  it('renders hostile values as text: only our own tags, no handlers, no raw bidi controls', async () => {
    for (const lang of ['ja', 'en']) {
      const { html } = await report(lang);
      const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9]*)/g)].map((m) => m[1]!.toLowerCase()));
      expect([...tags].filter((tag) => !OUR_TAGS.has(tag))).toEqual([]);
      expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(html).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
      expect(html).toContain('&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;');
      expect(html).toContain('invoice[U+202E]gnp.exe [U+2066]isolate[U+2069]');
      expect(html).toContain('&lt;svg onload=alert(5)&gt;.txt');
      expect(html).toContain('javascript:alert(document.cookie)//&lt;svg/onload=alert(4)&gt;');
    }
  });

  it('speaks the requested language', async () => {
    const ja = (await report('ja')).html;
    expect(ja).toContain('<html lang="ja">');
    expect(ja).toContain('インシデント報告書');
    expect(ja).toContain('攻撃元の通信を遮断する');
    const en = (await report('en')).html;
    expect(en).toContain('Incident report');
    expect(en).toContain('Block the attacking source (first aid)');
    expect((await report('fr')).status).toBe(400);
  });

  it('is readable by the customer and invisible to another tenant', async () => {
    expect((await report('ja', tokens.customer)).status).toBe(200);
    expect((await report('ja', tokens.foreign)).status).toBe(404);
  });
});
