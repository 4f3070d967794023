import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { ProbeResult } from '../monitor-types.ts';
import type { Probe } from './probe.ts';
import { elapsedMs, errorMessage, failure } from './probe.ts';

export interface HttpSettings {
  method?: 'GET' | 'HEAD';
  /** Accepted final status codes; default any 2xx. */
  expectedStatus?: number[];
  /** Text the body must contain (or must not, with invertKeyword). */
  keyword?: string;
  invertKeyword?: boolean;
  /** Redirects followed; 0 makes a 3xx the final answer. */
  maxRedirects?: number;
  /** Accept certificates that do not verify (self-signed devices); expiry is still measured. */
  ignoreTls?: boolean;
  /** Down when the certificate expires within this many days (default 7; 0 turns it off). */
  tlsExpiryDays?: number;
  /** Down when slower than this. */
  maxLatencyMs?: number;
}

const BODY_LIMIT = 1 << 20;
const DAY_MS = 86_400_000;

interface Hop {
  res: IncomingMessage;
  body: string;
  certExpiresAt: number | null;
}

function fetchOnce(url: URL, settings: HttpSettings, signal: AbortSignal, readBody: boolean): Promise<Hop> {
  return new Promise((resolve, reject) => {
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    // A fresh connection per check: the TLS handshake (and its certificate) is part of what is measured.
    const req = request(url, {
      method: settings.method ?? 'GET',
      agent: false,
      signal,
      rejectUnauthorized: !settings.ignoreTls,
      headers: { 'user-agent': 'Mamori-Monitor/1', accept: '*/*', connection: 'close' },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      // Settles the promise if the connection dies mid-body (after 'end' this is a no-op).
      res.once('close', () => reject(new Error('connection closed before the response ended')));
      let certExpiresAt: number | null = null;
      const socket = res.socket as TLSSocket | null;
      if (socket && typeof socket.getPeerCertificate === 'function') {
        const cert = socket.getPeerCertificate();
        if (cert?.valid_to) certExpiresAt = Date.parse(cert.valid_to);
      }
      if (!readBody) {
        res.resume();
        res.once('end', () => resolve({ res, body: '', certExpiresAt }));
        res.once('error', reject);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < BODY_LIMIT) chunks.push(c);
        size += c.length;
      });
      res.once('end', () => resolve({ res, body: Buffer.concat(chunks).toString('utf8').slice(0, BODY_LIMIT), certExpiresAt }));
      res.once('error', reject);
    });
    req.end();
  });
}

/** HTTP(S): final status after redirects, optional keyword, latency limit and TLS certificate expiry. */
export const httpProbe: Probe<HttpSettings> = {
  type: 'http',
  async check(target, settings, ctx): Promise<ProbeResult> {
    const start = process.hrtime.bigint();
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return failure(`'${target}' is not a URL`);
    }
    const maxRedirects = settings.maxRedirects ?? 5;
    let hop: Hop;
    let redirects = 0;
    let certExpiresAt: number | null = null;
    try {
      for (;;) {
        hop = await fetchOnce(url, settings, ctx.signal, settings.keyword !== undefined);
        certExpiresAt ??= hop.certExpiresAt;
        const location = hop.res.headers.location;
        const status = hop.res.statusCode ?? 0;
        if (status < 300 || status >= 400 || !location || maxRedirects === 0) break;
        if (++redirects > maxRedirects) return failure(`more than ${maxRedirects} redirects`, elapsedMs(start));
        url = new URL(location, url);
      }
    } catch (err) {
      return failure(ctx.signal.aborted ? `no answer within ${ctx.timeoutMs} ms` : errorMessage(err), null);
    }
    const latencyMs = elapsedMs(start);
    const status = hop.res.statusCode ?? 0;
    const metrics: Record<string, number> = { status };
    if (certExpiresAt !== null) metrics.tls_days_left = Math.round(((certExpiresAt - Date.now()) / DAY_MS) * 100) / 100;
    const result = (ok: boolean, message: string): ProbeResult => ({ ok, latencyMs, message, metrics });

    const expected = settings.expectedStatus;
    if (expected ? !expected.includes(status) : status < 200 || status >= 300) return result(false, `status ${status}`);
    if (settings.keyword !== undefined) {
      const found = hop.body.includes(settings.keyword);
      if (found === Boolean(settings.invertKeyword)) {
        return result(false, settings.invertKeyword ? `keyword '${settings.keyword}' present` : `keyword '${settings.keyword}' missing`);
      }
    }
    if (settings.maxLatencyMs !== undefined && latencyMs > settings.maxLatencyMs) {
      return result(false, `slow: ${Math.round(latencyMs)} ms > ${settings.maxLatencyMs} ms`);
    }
    const expiryDays = settings.tlsExpiryDays ?? 7;
    if (metrics.tls_days_left !== undefined && expiryDays > 0 && metrics.tls_days_left < expiryDays) {
      return result(false, `TLS certificate expires in ${metrics.tls_days_left.toFixed(1)} days`);
    }
    return result(true, `status ${status}${redirects ? ` after ${redirects} redirect(s)` : ''}`);
  },
};
