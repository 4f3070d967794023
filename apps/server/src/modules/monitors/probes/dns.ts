import { Resolver } from 'node:dns/promises';
import type { Probe } from './probe.ts';
import { elapsedMs, errorMessage, failure } from './probe.ts';

export const DNS_RECORD_TYPES = ['A', 'AAAA', 'CNAME', 'MX', 'NS', 'TXT', 'PTR', 'SOA', 'SRV'] as const;

export interface DnsSettings {
  /** The name server to ask, "host" or "host:port"; default the system's resolvers. */
  server?: string;
  recordType?: (typeof DNS_RECORD_TYPES)[number];
  /** Answers that must all be present (e.g. the expected address). */
  expected?: string[];
}

function answerText(rrtype: string, answers: unknown[]): string[] {
  return answers.map((a) => {
    if (typeof a === 'string') return a;
    if (Array.isArray(a)) return a.join('');
    const r = a as Record<string, unknown>;
    if (rrtype === 'MX') return `${String(r.priority)} ${String(r.exchange)}`;
    if (rrtype === 'SRV') return `${String(r.priority)} ${String(r.weight)} ${String(r.port)} ${String(r.name)}`;
    if (rrtype === 'SOA') return String(r.nsname);
    return JSON.stringify(a);
  });
}

/** DNS: the name resolves at the configured server, and the answers include the expected ones. */
export const dnsProbe: Probe<DnsSettings> = {
  type: 'dns',
  async check(target, settings, ctx) {
    const rrtype = settings.recordType ?? 'A';
    const resolver = new Resolver({ timeout: ctx.timeoutMs, tries: 1 });
    if (settings.server) resolver.setServers([settings.server]);
    const onAbort = () => resolver.cancel();
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const start = process.hrtime.bigint();
    try {
      const answers = answerText(rrtype, (await resolver.resolve(target, rrtype)) as unknown[]);
      const latencyMs = elapsedMs(start);
      const missing = (settings.expected ?? []).filter((e) => !answers.includes(e));
      if (missing.length > 0) return failure(`${rrtype} ${target}: ${answers.join(', ') || 'no answer'} (expected ${missing.join(', ')})`, latencyMs);
      return { ok: true, latencyMs, message: `${rrtype} ${answers.join(', ')}` };
    } catch (err) {
      return failure(`${rrtype} ${target}: ${errorMessage(err)}`);
    } finally {
      ctx.signal.removeEventListener('abort', onAbort);
    }
  },
};
