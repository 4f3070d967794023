import { describe, expect, it } from 'vitest';
import { MamoriProcess } from '../../../e2e/support/mamori-process.ts';

interface Ack {
  ids: string[];
}

async function postBatch(server: MamoriProcess, token: string, ids: string[]): Promise<boolean> {
  try {
    const res = await fetch(`${server.url}/api/v1/ingest`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: ids.map((id) => JSON.stringify({ id, msg: 'durability probe' })).join('\n'),
    });
    return res.status === 200;
  } catch {
    return false; // the server died mid-request: not acknowledged
  }
}

describe('durability under SIGKILL', () => {
  it('stores every acknowledged event exactly once after a crash at a random moment', async () => {
    const first = await MamoriProcess.start({ MAMORI_SYSLOG_UDP_PORT: '0' });
    await first.api('POST', '/api/v1/tenants', { slug: 'acme' });
    await first.api('POST', '/api/v1/tenants/acme/devices', { name: 'sensor', format: 'auto' });
    const { token } = (await first.api('POST', '/api/v1/tokens', { tenant: 'acme', device: 'sensor', scope: 'ingest' })) as { token: string };

    const acked: Ack = { ids: [] };
    let stop = false;
    const client = async (c: number) => {
      for (let r = 0; !stop; r++) {
        const ids = Array.from({ length: 50 }, (_, i) => `c${c}-r${r}-i${i}`);
        if (await postBatch(first, token, ids)) acked.ids.push(...ids);
        else return;
      }
    };
    const clients = Array.from({ length: 8 }, (_, c) => client(c));
    await new Promise((r) => setTimeout(r, 1000 + Math.random() * 2000));
    await first.stop('SIGKILL', true);
    stop = true;
    await Promise.all(clients);
    expect(acked.ids.length).toBeGreaterThan(0);

    const second = await MamoriProcess.start({ MAMORI_SYSLOG_UDP_PORT: '0' }, { dataDir: first.dataDir });
    try {
      const res = await fetch(`${second.url}/api/v1/tenants/acme/export?format=raw`, { headers: { authorization: `Bearer ${second.token}` } });
      const seen = new Map<string, number>();
      for (const line of (await res.text()).split('\n')) {
        if (!line) continue;
        const id = (JSON.parse(line) as { id: string }).id;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
      const missing = acked.ids.filter((id) => !seen.has(id));
      const duplicated = [...seen].filter(([, n]) => n > 1);
      expect(missing).toEqual([]);
      expect(duplicated).toEqual([]);
      const verify = (await second.api('GET', '/api/v1/tenants/acme/verify')) as { intact: boolean };
      expect(verify.intact).toBe(true);
    } finally {
      await second.stop();
    }
  });
});
