import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parseStream } from '../../../apps/cli/src/commands/parse.ts';

async function run(lines: string[], format = 'auto'): Promise<Array<Record<string, unknown>>> {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
  await parseStream(Readable.from([lines.join('\n')]), out, { format, timezone: 'Asia/Tokyo' });
  return chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('mamori parse', () => {
  it('writes one nested ECS document per line with event.original and ISO times', async () => {
    const [doc] = await run(['<189>date=2026-06-15 time=12:00:00 devname=fw devid=FG1 logid=13 type=traffic srcip=1.2.3.4 action=deny\r']);
    expect(doc).toMatchObject({
      '@timestamp': '2026-06-15T03:00:00.000Z',
      source: { ip: '1.2.3.4' },
      event: { action: 'deny', original: '<189>date=2026-06-15 time=12:00:00 devname=fw devid=FG1 logid=13 type=traffic srcip=1.2.3.4 action=deny' },
      observer: { vendor: 'Fortinet' },
    });
  });

  it('answers an unparsable line with error and event.original, and skips blank lines', async () => {
    const docs = await run(['nonsense', '', 'more nonsense']);
    expect(docs).toHaveLength(2);
    expect(docs[0]).toMatchObject({ error: 'no parser recognised the line', event: { original: 'nonsense' } });
  });
});
