import type { Bar, Point } from '../components/charts.tsx';
import type { SearchResult } from './types.ts';

const NUMERIC = new Set(['number', 'integer', 'bigint', 'double', 'float', 'count']);

function isNumeric(result: SearchResult, i: number): boolean {
  const c = result.columns[i]!;
  return NUMERIC.has(c.type) || result.rows.slice(0, 20).every((r) => typeof r[i] === 'number');
}

function cellText(v: unknown): string {
  if (v == null) return '—';
  if (typeof v === 'string') return v;
  return typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** What to draw for a result: a timechart sums every numeric column per bucket; stats/top draw the first number per group. */
export function chartOf(result: SearchResult): { kind: 'time'; points: Point[] } | { kind: 'bars'; bars: Bar[] } | undefined {
  if (result.rows.length === 0) return undefined;
  const numericCols = result.columns.map((_, i) => i).filter((i) => isNumeric(result, i));
  if (result.shape === 'timechart') {
    const timeCol = result.columns.findIndex((c) => c.name === '_time' || c.name === '@timestamp' || c.type === 'timestamp');
    if (timeCol < 0) return undefined;
    const sums = new Map<number, number>();
    for (const r of result.rows) {
      const t = Date.parse(String(r[timeCol]));
      if (Number.isNaN(t)) continue;
      const v = numericCols.filter((i) => i !== timeCol).reduce((s, i) => s + Number(r[i] ?? 0), 0);
      sums.set(t, (sums.get(t) ?? 0) + v);
    }
    return { kind: 'time', points: [...sums].map(([t, value]) => ({ t, value })) };
  }
  if (result.shape === 'table') {
    const valueCol = numericCols[0];
    const labelCols = result.columns.map((_, i) => i).filter((i) => !numericCols.includes(i));
    if (valueCol === undefined) return undefined;
    const bars = result.rows.map((r) => ({ label: labelCols.map((i) => cellText(r[i])).join(' · ') || '—', value: Number(r[valueCol] ?? 0) }));
    return { kind: 'bars', bars };
  }
  return undefined;
}

/** Splits a query at an error position so the console can mark the exact spot. */
export function splitAt(query: string, position: number | undefined): { before: string; at: string; after: string } {
  const p = Math.max(0, Math.min(position ?? query.length, query.length));
  return { before: query.slice(0, p), at: query.slice(p, p + 1) || ' ', after: query.slice(p + 1) };
}
