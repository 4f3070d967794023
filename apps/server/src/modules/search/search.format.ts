import type { FastifyReply } from 'fastify';
import { csvRow } from '../events/csv.ts';
import type { SearchResult } from './search.service.ts';

export type SearchFormat = 'json' | 'ndjson' | 'csv';

/** A cell for line formats: times as ISO text (people and spreadsheets read them), the rest as is. */
function lineValue(type: string, v: unknown): unknown {
  if (type === 'time' && typeof v === 'number') return new Date(v).toISOString();
  return v;
}

function* ndjsonLines(r: SearchResult): Generator<string> {
  for (const row of r.rows) {
    const obj: Record<string, unknown> = {};
    r.columns.forEach((c, i) => (obj[c.name] = lineValue(c.type, row[i])));
    yield JSON.stringify(obj) + '\n';
  }
}

function* csvLines(r: SearchResult): Generator<string> {
  yield csvRow(r.columns.map((c) => c.name));
  // csvRow guards every cell against formula injection: log content is attacker-controlled.
  for (const row of r.rows) yield csvRow(r.columns.map((c, i) => lineValue(c.type, row[i])));
}

/** JSON {columns, rows, stats}; NDJSON one object per row; CSV with a header line. */
export function sendResult(reply: FastifyReply, r: SearchResult, format: SearchFormat, extra: Record<string, unknown> = {}): FastifyReply {
  const stats = { 'x-mamori-elapsed-ms': String(r.stats.elapsedMs), 'x-mamori-rows': String(r.stats.rows) };
  if (format === 'ndjson') return reply.headers(stats).type('application/x-ndjson').send([...ndjsonLines(r)].join(''));
  if (format === 'csv') return reply.headers(stats).type('text/csv; charset=utf-8').send([...csvLines(r)].join(''));
  return reply.type('application/json').send({ ...extra, columns: r.columns, shape: r.shape, rows: r.rows, stats: r.stats });
}
