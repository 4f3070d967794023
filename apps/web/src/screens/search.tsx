import { useState, type FormEvent, type ReactNode } from 'react';
import { BarChart, TimeChart } from '../components/charts.tsx';
import { NeedTenant, ProblemMessage } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { api, ApiError, withQuery } from '../lib/api.ts';
import { chartOf, splitAt } from '../lib/chart-data.ts';
import { formatNumber } from '../lib/format.ts';
import { useLocation } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import type { SearchResult } from '../lib/types.ts';
import { ResultTable } from './search-results.tsx';

const RANGES = { '15m': 15 * 60_000, '1h': 3_600_000, '24h': 86_400_000, '7d': 7 * 86_400_000, '30d': 30 * 86_400_000 } as const;
type Range = keyof typeof RANGES;

/** The query language over one tenant; a mistake is marked where it is in the query, not in a generic error. */
export function Search(): ReactNode {
  const { t, locale } = useI18n();
  const { tenant } = useSession();
  const initial = useLocation().query;
  const [q, setQ] = useState(initial.get('q') ?? '');
  const [range, setRange] = useState<Range>((initial.get('range') as Range | null) ?? '24h');
  const [result, setResult] = useState<SearchResult>();
  const [error, setError] = useState<ApiError>();
  const [ran, setRan] = useState<string>('');
  const [busy, setBusy] = useState(false);
  if (!tenant) return <NeedTenant />;

  const run = async (e?: FormEvent) => {
    e?.preventDefault();
    setBusy(true);
    setError(undefined);
    setRan(q);
    const to = Date.now();
    const path = withQuery('/api/v1/search', { tenant, q, from: new Date(to - RANGES[range]).toISOString(), to: new Date(to).toISOString(), limit: 10_000 });
    try {
      setResult(await api.get<SearchResult>(path));
    } catch (err) {
      setResult(undefined);
      setError(err instanceof ApiError ? err : new ApiError({ status: 0, title: 'Network error', detail: String(err) }));
    } finally {
      setBusy(false);
    }
  };
  const syntax = error?.problem.title === 'Invalid query' ? error.problem : undefined;
  const chart = result ? chartOf(result) : undefined;
  return (
    <section>
      <h1>{t('search.title')}</h1>
      <form className="search-form" onSubmit={(e) => void run(e)} role="search">
        <label className="grow">
          <span className="visually-hidden">{t('search.query')}</span>
          <textarea
            name="q"
            rows={2}
            spellCheck={false}
            value={q}
            placeholder={t('search.placeholder')}
            aria-invalid={syntax ? true : undefined}
            aria-describedby={syntax ? 'query-error' : 'query-help'}
            onChange={(e) => setQ(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey) void run(e);
            }}
          />
        </label>
        <label>
          {t('search.range')}
          <select value={range} onChange={(e) => setRange(e.target.value as Range)}>
            {Object.keys(RANGES).map((r) => (
              <option key={r} value={r}>
                {t(`range.${r as Range}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          {t('search.run')}
        </button>
      </form>
      <p id="query-help" className="muted hint">
        {t('search.help')}
      </p>
      {syntax && <QueryErrorMark query={ran} position={syntax.position} detail={syntax.detail} />}
      {error && !syntax && <ProblemMessage error={error} />}
      {result && (
        <>
          <p className="muted" aria-live="polite" data-testid="search-stats">
            {t('search.stats', { rows: formatNumber(result.stats.rows, locale), ms: formatNumber(result.stats.elapsedMs, locale) })}
          </p>
          {chart?.kind === 'time' && <TimeChart points={chart.points} title={t('search.chart')} />}
          {chart?.kind === 'bars' && <BarChart bars={chart.bars} title={t('search.chart')} />}
          <ResultTable result={result} />
        </>
      )}
    </section>
  );
}

function QueryErrorMark(props: { query: string; position: number | undefined; detail: string }): ReactNode {
  const { t } = useI18n();
  const { before, at, after } = splitAt(props.query, props.position);
  return (
    <div id="query-error" role="alert" className="query-error">
      <p>{t('search.syntaxError', { position: (props.position ?? 0) + 1 })}</p>
      <pre className="query-echo">
        {before}
        <mark data-testid="error-mark">{at}</mark>
        {after}
      </pre>
      <p className="muted">{props.detail}</p>
    </div>
  );
}
