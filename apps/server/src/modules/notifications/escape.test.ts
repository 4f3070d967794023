import { describe, expect, it } from 'vitest';
import { escapeHtml, escapeSlack, escapeTeams, headerSafe } from './escape.ts';
import { LABELS } from './i18n.ts';

describe('escaping attacker-controlled alert text', () => {
  it('leaves no live HTML: tags, quotes and ampersands become entities', () => {
    expect(escapeHtml(`<script>alert("x")</script>&'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
  });

  it('flattens CR/LF so a subject cannot inject headers', () => {
    const s = headerSafe('Alert\r\nBcc: victim@example.com\u0000x');
    expect(s).not.toMatch(/[\r\n\u0000]/);
    expect(s).toBe('Alert Bcc: victim@example.com x');
  });

  it('keeps Slack from forming mentions, links or formatting', () => {
    const s = escapeSlack('<!channel> <https://evil|click> *bold* _it_ ~s~ `c` &');
    expect(s).not.toMatch(/<|>/);
    expect(s).toContain('&lt;!channel&gt;');
    expect(s).toContain('&amp;');
    expect(s).toContain('*\u200dbold*\u200d');
  });

  it('backslash-escapes Teams markdown and HTML-escapes tags', () => {
    expect(escapeTeams('[x](http://e) **b** <i>')).toBe('\\[x\\]\\(http://e\\) \\*\\*b\\*\\* &lt;i&gt;');
  });
});

describe('notification texts', () => {
  it('exist in Japanese and English with the same keys and placeholders', () => {
    expect(Object.keys(LABELS.ja).sort()).toEqual(Object.keys(LABELS.en).sort());
    for (const key of Object.keys(LABELS.ja) as Array<keyof typeof LABELS.ja>) {
      expect(LABELS.ja[key].match(/\{\w+\}/g) ?? []).toEqual(LABELS.en[key].match(/\{\w+\}/g) ?? []);
    }
  });
});
