import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.MAMORI_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** What a page must never show: script that ran, dialogs opened, content the CSP had to block. */
export interface Incidents {
  dialogs: string[];
  pageErrors: string[];
  cspViolations: () => Promise<string[]>;
  pwned: () => Promise<unknown>;
}

/**
 * A page that records every sign of injected code: a `window.__pwned` canary the hostile payloads try to
 * set, dialogs (alert/confirm/prompt), and Content-Security-Policy violations (blocked inline code or styles).
 */
export async function guardedPage(browser: Browser, options: { locale?: string } = {}): Promise<{ page: Page; incidents: Incidents }> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-US', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Browser-side code as text: the e2e project is typed for Node, not the DOM.
  await page.addInitScript({
    content: `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample));`,
  });
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return {
    page,
    incidents: {
      dialogs,
      pageErrors,
      cspViolations: () => page.evaluate<string[]>('window.__csp'),
      pwned: () => page.evaluate<unknown>('window.__pwned'),
    },
  };
}

/** True when the page body is wider than the window (a long value broke the layout). */
export async function overflowsHorizontally(page: Page): Promise<boolean> {
  return page.evaluate<boolean>('document.documentElement.scrollWidth > document.documentElement.clientWidth + 1');
}
