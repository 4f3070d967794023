/**
 * Canned analyses (定型分析, SRC-2): named, parameterised queries written in the query language itself,
 * so they compile through the same compiler as ad-hoc searches and the UI can show the query behind
 * each chart ("open in search"). Parameters are numbers, spans and booleans only, validated here; no
 * free text is ever spliced into the query text.
 */
import { compileQuery, type CompiledQuery, type CompileOptions } from './compile.ts';
import type { Dialect } from './event-table-ddl.ts';
import { QueryError } from './errors.ts';
import type { QueryScope } from './scope.ts';

export type CannedParamValue = number | string | boolean;

export interface CannedParam {
  name: string;
  type: 'integer' | 'span' | 'boolean';
  default: CannedParamValue;
  description: string;
  min?: number;
  max?: number;
}

export interface CannedAnalysis {
  name: string;
  title: { en: string; ja: string };
  /** How the UI should draw it. */
  chart: 'line' | 'bar' | 'table' | 'number';
  params: CannedParam[];
  /** The query-language text for validated parameters. */
  query(params: Record<string, CannedParamValue>): string;
}

/** Traffic a device refused: ECS event.type "denied" or the usual firewall action words. */
export const BLOCKED_FILTER =
  '(event.type:denied OR event.action:(deny OR denied OR drop OR dropped OR block OR blocked OR reject OR rejected))';

const SPANS = ['auto', '5m', '15m', '1h', '3h', '6h', '12h', '1d', '7d'];

const top: CannedParam = { name: 'n', type: 'integer', default: 10, min: 1, max: 1000, description: 'how many rows' };
const blockedOnly: CannedParam = {
  name: 'blockedOnly',
  type: 'boolean',
  default: false,
  description: 'count only blocked traffic',
};
const span: CannedParam = { name: 'span', type: 'span', default: 'auto', description: `bucket width: ${SPANS.join(', ')}` };

const spanClause = (p: Record<string, CannedParamValue>) => (p.span === 'auto' ? '' : ` span=${String(p.span)}`);
const filter = (p: Record<string, CannedParamValue>) => (p.blockedOnly === true ? `${BLOCKED_FILTER} ` : '');

function topOf(name: string, field: string, en: string, ja: string): CannedAnalysis {
  return {
    name,
    title: { en, ja },
    chart: 'bar',
    params: [top, blockedOnly],
    query: (p) => `${filter(p)}| top ${Number(p.n)} ${field}`,
  };
}

export const cannedAnalyses: readonly CannedAnalysis[] = [
  {
    name: 'event-trend',
    title: { en: 'Events over time', ja: 'イベント数の推移' },
    chart: 'line',
    params: [span],
    query: (p) => `| timechart${spanClause(p)} count`,
  },
  {
    name: 'blocked-trend',
    title: { en: 'Blocked traffic over time', ja: 'ブロック通信数の推移' },
    chart: 'line',
    params: [span],
    query: (p) => `${BLOCKED_FILTER} | timechart${spanClause(p)} count`,
  },
  {
    name: 'event-totals',
    title: { en: 'Event totals', ja: 'イベント総数' },
    chart: 'number',
    params: [blockedOnly],
    query: (p) => `${filter(p)}| stats count, dc(device_id) as devices, dc(source.ip) as sources`,
  },
  topOf('top-source-ips', 'source.ip', 'Top source IPs', '送信元IP上位'),
  topOf('top-destination-ips', 'destination.ip', 'Top destination IPs', '宛先IP上位'),
  topOf('top-destination-ports', 'destination.port', 'Top destination ports', '宛先ポート上位'),
  topOf('top-source-countries', 'source.geo.country_iso_code', 'Top source countries', '送信元国上位'),
  topOf('top-destination-countries', 'destination.geo.country_iso_code', 'Top destination countries', '宛先国上位'),
  {
    name: 'top-signatures',
    title: { en: 'Top signatures', ja: 'シグネチャ上位' },
    chart: 'table',
    params: [top],
    query: (p) =>
      `event.kind:alert | stats count, dc(source.ip) as sources, max(event.severity) as max_severity by rule.name | sort -count | head ${Number(p.n)}`,
  },
  {
    name: 'device-volume',
    title: { en: 'Volume per device', ja: '機器別ログ量' },
    chart: 'table',
    params: [{ ...top, default: 100 }],
    query: (p) =>
      `| stats count, sum(raw_size) as bytes, min(@timestamp) as first_seen, max(@timestamp) as last_seen by device_id | sort -count | head ${Number(p.n)}`,
  },
  {
    name: 'daily-volume',
    title: { en: 'Log volume per day (capacity planning)', ja: '日別ログ量（容量計画）' },
    chart: 'bar',
    params: [{ name: 'byTenant', type: 'boolean', default: false, description: 'one series per tenant' }],
    query: (p) => `| timechart span=1d count, sum(raw_size) as bytes${p.byTenant === true ? ' by tenant_id' : ''}`,
  },
];

/**
 * The same-length period just before `scope`: run an analysis on both to show a trend
 * ("events +12% vs the previous 7 days").
 */
export function previousPeriod(scope: QueryScope): QueryScope {
  const length = scope.to - scope.from;
  return { ...scope, from: scope.from - length, to: scope.from };
}

function invalid(detail: string): never {
  throw new QueryError('invalid_parameter', -1, detail);
}

export function validateCannedParams(a: CannedAnalysis, given: Record<string, unknown>): Record<string, CannedParamValue> {
  const out: Record<string, CannedParamValue> = {};
  for (const key of Object.keys(given)) {
    if (!a.params.some((p) => p.name === key)) invalid(`${a.name} has no parameter '${key}'`);
  }
  for (const p of a.params) {
    const v = given[p.name] ?? p.default;
    switch (p.type) {
      case 'integer':
        if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < (p.min ?? 1) || v > (p.max ?? 10_000)) {
          invalid(`${p.name} must be a whole number from ${p.min ?? 1} to ${p.max ?? 10_000}`);
        }
        break;
      case 'span':
        if (typeof v !== 'string' || !SPANS.includes(v)) invalid(`${p.name} must be one of ${SPANS.join(', ')}`);
        break;
      case 'boolean':
        if (typeof v !== 'boolean') invalid(`${p.name} must be true or false`);
        break;
    }
    out[p.name] = v;
  }
  return out;
}

export interface BuiltAnalysis<D extends Dialect> {
  analysis: CannedAnalysis;
  /** The query-language text, for "open in search". */
  query: string;
  compiled: CompiledQuery<D>;
}

export function buildCannedAnalysis<D extends Dialect = 'duckdb'>(
  name: string,
  params: Record<string, unknown>,
  scope: QueryScope,
  options: CompileOptions<D> = {},
): BuiltAnalysis<D> {
  const analysis = cannedAnalyses.find((a) => a.name === name);
  if (analysis === undefined) {
    throw new QueryError('unknown_analysis', -1, `no canned analysis '${name}': expected one of ${cannedAnalyses.map((a) => a.name).join(', ')}`);
  }
  const query = analysis.query(validateCannedParams(analysis, params));
  return { analysis, query, compiled: compileQuery(query, scope, options) };
}
