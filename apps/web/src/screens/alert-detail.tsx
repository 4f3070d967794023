import { useState, type ReactNode } from 'react';
import { LoadState, ProblemMessage, SeverityBadge } from '../components/widgets.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { enc, type ApiError } from '../lib/api.ts';
import { clip, formatDateTime, formatNumber } from '../lib/format.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { VERDICTS, type AlertDetailView } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';
import { changeAlerts, escalate, type AlertChange } from './alert-actions.ts';
import { AlertRawEvents } from './alert-raw-events.tsx';

/** One alert: what fired on what, its enrichment, the triage controls, history and the raw events around it. */
export function AlertDetail(props: { params: Record<string, string> }): ReactNode {
  const { t, locale, timezone } = useI18n();
  const tenant = props.params.tenant!;
  const loaded = useApi<AlertDetailView>(`/api/v1/tenants/${enc(tenant)}/alerts/${enc(props.params.id!)}`);
  return (
    <LoadState loaded={loaded}>
      {(a) => (
        <article className="detail">
          <h1 className="wrap-anywhere" dir="auto">
            <SeverityBadge severity={a.severity} /> {a.title}
          </h1>
          <TriageControls alert={a} tenant={tenant} onChanged={loaded.reload} />
          <dl className="facts">
            <dt>{t('queue.triageStatus')}</dt>
            <dd>
              {t(`triage.${a.triageStatus}` as MessageKey)} {a.verdict && `· ${t(`verdict.${a.verdict}` as MessageKey)}`}
            </dd>
            <dt>{t('queue.assignee')}</dt>
            <dd>{a.assignee ?? t('queue.unassigned')}</dd>
            <dt>{t('queue.priority')}</dt>
            <dd>
              {a.priorityBand ?? '—'} ({a.priority}) <span className="muted">{a.priorityReasons.join(' · ')}</span>
            </dd>
            <dt>{t('queue.kind')}</dt>
            <dd>{a.kind}</dd>
            <dt>{t('queue.source')}</dt>
            <dd className="wrap-anywhere">{a.source ?? '—'}</dd>
            <dt>{t('alert.target')}</dt>
            <dd className="wrap-anywhere">{a.target ?? '—'}</dd>
            <dt>{t('alert.firstSeen')}</dt>
            <dd>{formatDateTime(a.firstSeenAt, locale, timezone)}</dd>
            <dt>{t('queue.lastSeen')}</dt>
            <dd>
              {formatDateTime(a.lastSeenAt, locale, timezone)} <span className="muted">×{formatNumber(a.occurrences, locale)}</span>
            </dd>
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
          <Facts record={{ ...a.details, ...(a.enrichment ?? {}) }} />
          {a.enrichment && (
            // The offline country/ASN data is CC BY 4.0 (DB-IP, RouteViews): its licence asks for this credit where results show.
            <p className="hint">
              {t('alert.ipDataCredit')} <a href="https://db-ip.com" rel="noopener noreferrer">IP Geolocation by DB-IP</a>, <a href="https://www.routeviews.org" rel="noopener noreferrer">RouteViews</a>
            </p>
          )}
          <h2>{t('alert.history')}</h2>
          <ul className="timeline">
            {[...a.history.map((h) => ({ ...h, text: `${h.action} ${clip(h.details, 300)}` })), ...a.comments.map((c) => ({ ...c, text: c.body }))]
              .sort((x, y) => x.at.localeCompare(y.at))
              .map((e, i) => (
                <li key={i}>
                  <span className="muted">{formatDateTime(e.at, locale, timezone)}</span> <strong>{e.actor}</strong> <span className="wrap-anywhere">{clip(e.text, 2000)}</span>
                </li>
              ))}
          </ul>
          <h2>{t('alert.rawEvents')}</h2>
          <AlertRawEvents tenant={tenant} alert={a} />
        </article>
      )}
    </LoadState>
  );
}

function Facts(props: { record: Record<string, unknown> }): ReactNode {
  return (
    <dl className="facts">
      {Object.entries(props.record).map(([k, v]) => (
        <div key={k} className="fact-row">
          <dt className="wrap-anywhere">{k}</dt>
          <dd className="wrap-anywhere" dir="auto">
            {clip(v, 2000)}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function TriageControls(props: { alert: AlertDetailView; tenant: string; onChanged: () => void }): ReactNode {
  const { t } = useI18n();
  const { user } = useSession();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ApiError>();
  const a = props.alert;
  const change = async (c: AlertChange) => {
    setError(undefined);
    try {
      await changeAlerts(props.tenant, [a.id], c);
      props.onChanged();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const doEscalate = async () => {
    try {
      const id = await escalate(props.tenant, [a.id], a.title.slice(0, 500));
      navigate(`/console/incidents/${enc(props.tenant)}/${id}`);
    } catch (err) {
      setError(err as ApiError);
    }
  };
  return (
    <div className="actions card">
      <button type="button" onClick={() => void change({ assignee: 'me', status: 'in_progress' })}>
        {t('queue.assignMe', { n: 1 })}
      </button>
      <label>
        {t('alert.verdict')}
        <select value={a.verdict ?? ''} onChange={(e) => void change({ verdict: e.target.value || null })}>
          <option value="">—</option>
          {VERDICTS.map((v) => (
            <option key={v} value={v}>
              {t(`verdict.${v}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" onClick={() => void change({ status: 'resolved' })}>
        {t('alert.resolve')}
      </button>
      {user.party === 'provider' && (
        <button type="button" className="primary" onClick={() => void doEscalate()}>
          {t('queue.escalate', { n: 1 })}
        </button>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (comment.trim()) void change({ comment: comment.trim() }).then(() => setComment(''));
        }}
      >
        <label>
          {t('alert.comment')}
          <input value={comment} onChange={(e) => setComment(e.target.value)} maxLength={20_000} size={30} />
        </label>
        <button type="submit">{t('alert.addComment')}</button>
      </form>
      <ProblemMessage error={error} />
    </div>
  );
}
