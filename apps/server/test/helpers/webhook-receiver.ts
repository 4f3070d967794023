import { createServer, type IncomingHttpHeaders } from 'node:http';

/** One request as the receiver saw it. */
export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered with. */
  status: number;
}

export interface WebhookReceiver {
  /** Base URL, e.g. http://127.0.0.1:40123 — any path under it is accepted. */
  url: string;
  requests: ReceivedRequest[];
  /** The status to answer next requests with (default 200); a function decides per request. */
  respondWith(status: number | ((req: ReceivedRequest, index: number) => number)): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback that records every request and answers with a status the test chooses —
 * for signed webhooks, Slack and Teams incoming webhooks alike.
 */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters: Array<() => void> = [];
  let decide: (req: ReceivedRequest, index: number) => number = () => 200;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: ReceivedRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status: 0 };
      seen.status = decide(seen, requests.length);
      requests.push(seen);
      res.writeHead(seen.status, { 'content-type': 'text/plain' }).end(seen.status < 300 ? 'ok' : 'failure');
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    respondWith: (status) => {
      decide = typeof status === 'number' ? () => status : status;
    },
    waitFor: (count, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`expected ${count} requests, got ${requests.length}`)), timeoutMs);
        const check = () => {
          if (requests.length >= count) {
            clearTimeout(timer);
            resolve(requests.slice(0, count));
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
