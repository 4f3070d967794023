import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { TypedApp } from './typed.ts';

/** Where `npm run build -w @mamori/web` puts the console. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../../web/dist');

/**
 * The browser may run only our own files: log content shown in the console is attacker-controlled, so an
 * injected <script>, inline handler or style must have no effect even if escaping were ever missed.
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Client-side routes of the single-page application; everything else stays with the API and the 404 handler. */
const SPA_PATHS = ['/', '/signin', '/console', '/console/*', '/portal', '/portal/*'];

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mamori</title></head><body>
<h1>Mamori</h1><p>The web console is not built. Run <code>npm run build -w @mamori/web</code> and reload.</p>
<p lang="ja">Web コンソールがビルドされていません。<code>npm run build -w @mamori/web</code> を実行してから再読み込みしてください。</p>
</body></html>`;

function htmlHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('x-frame-options', 'DENY')
    .header('cross-origin-opener-policy', 'same-origin')
    .header('cache-control', 'no-cache')
    .type('text/html; charset=utf-8');
}

/**
 * Serves the built console: hashed assets cached for a year (their names change with their content), and
 * index.html for every client-side route, always revalidated so a new build is picked up at once.
 */
export async function webConsoleRoutes(app: TypedApp, distDir: string = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, {
    root: path.join(distDir, 'assets'),
    prefix: '/assets/',
    // Files are looked up per request, so a build made after the server started is served too.
    wildcard: true,
    index: false,
    decorateReply: false,
    immutable: true,
    maxAge: '365d',
    setHeaders: (res) => {
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });

  // Read per request while missing, cached once found: a first start before the build still works later.
  let indexHtml: string | undefined;
  const loadIndex = async () => (indexHtml ??= await readFile(path.join(distDir, 'index.html'), 'utf8').catch(() => undefined));

  for (const url of SPA_PATHS) {
    app.get(url, { schema: { hide: true } }, async (_req, reply) => {
      const html = await loadIndex();
      return htmlHeaders(reply)
        .status(html ? 200 : 503)
        .send(html ?? NOT_BUILT);
    });
  }
}
