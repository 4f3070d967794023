import type { ReactNode } from 'react';
import { LoadState, SeverityBadge } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { enc, withQuery } from '../lib/api.ts';
import { clip, formatDateTime, formatNumber } from '../lib/format.ts';
import { useSession } from '../lib/session.tsx';
import type { AlertView, SearchResult } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';
import { ResultTable } from './search-results.tsx';

/** One alert: what fired, on what, enrichment details and the raw events around it. */
export function AlertDetail(props: { params: Record<string, string> }): ReactNode {
  const { t, locale, timezone } = useI18n();
  const tenant = props.params.tenant!;
  const loaded = useApi<AlertView>(`/api/v1/tenants/${enc(tenant)}/alerts/${enc(props.params.id!)}`);
  return (
    <LoadState loaded={loaded}>
      {(a) => (
        <article className="detail">
          <h1 className="wrap-anywhere">
            <SeverityBadge severity={a.severity} /> {a.title}
          </h1>
          <dl className="facts">
            <dt>{t('queue.status')}</dt>
            <dd>{a.status}</dd>
            <dt>{t('queue.kind')}</dt>
            <dd>{a.kind}</dd>
            <dt>{t('queue.source')}</dt>
            <dd className="wrap-anywhere">{a.source ?? '—'}</dd>
            <dt>{t('alert.target')}</dt>
            <dd className="wrap-anywhere">{a.target ?? '—'}</dd>
            <dt>{t('alert.firstSeen')}</dt>
            <dd>{formatDateTime(a.firstSeenAt, locale, timezone)}</dd>
            <dt>{t('queue.lastSeen')}</dt>
            <dd>{formatDateTime(a.lastSeenAt, locale, timezone)}</dd>
            <dt>{t('queue.occurrences')}</dt>
            <dd>{formatNumber(a.occurrences, locale)}</dd>
            {a.rule && (
              <>
                <dt>{t('alert.rule')}</dt>
                <dd className="wrap-anywhere">
                  {a.rule.title} <span className="muted">({a.rule.id})</span>
                  {a.rule.author && <span className="muted"> · {t('alert.author', { name: a.rule.author })}</span>}
                </dd>
                <dt>{t('alert.tags')}</dt>
                <dd className="wrap-anywhere">{a.rule.tags.join(', ') || '—'}</dd>
              </>
            )}
          </dl>
          <h2>{t('alert.enrichment')}</h2>
          <dl className="facts">
            {Object.entries(a.details).map(([k, v]) => (
              <div key={k} className="fact-row">
                <dt className="wrap-anywhere">{k}</dt>
                <dd className="wrap-anywhere">{clip(v, 2000)}</dd>
              </div>
            ))}
          </dl>
          <h2>{t('alert.rawEvents')}</h2>
          <RawEvents tenant={tenant} alert={a} />
        </article>
      )}
    </LoadState>
  );
}

function RawEvents(props: { tenant: string; alert: AlertView }): ReactNode {
  const { user } = useSession();
  const a = props.alert;
  // Customers may not hold a search scope; the alert's own fields are then all they see.
  const from = new Date(Date.parse(a.firstSeenAt) - 1000).toISOString();
  const to = new Date(Date.parse(a.lastSeenAt) + 1000).toISOString();
  const q = a.deviceId != null ? `device_id:${a.deviceId}` : '';
  const path = user.party === 'customer' ? null : withQuery('/api/v1/search', { tenant: props.tenant, q, from, to, limit: 50 });
  const loaded = useApi<SearchResult>(path);
  if (path === null) return null;
  return <LoadState loaded={loaded}>{(r) => <ResultTable result={r} />}</LoadState>;
}
