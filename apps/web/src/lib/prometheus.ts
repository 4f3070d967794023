/** Sums Prometheus counters by their `tenant` label (the server's /metrics text), for the ingest health table. */
export function sumByTenant(text: string, metric: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric + '{') && !line.startsWith(metric + ' ')) continue;
    const tenant = /tenant="((?:[^"\\]|\\.)*)"/.exec(line)?.[1] ?? '';
    const value = Number(line.slice(line.lastIndexOf(' ') + 1));
    if (Number.isFinite(value)) out.set(tenant, (out.get(tenant) ?? 0) + value);
  }
  return out;
}
