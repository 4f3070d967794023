import { useState, type ReactNode } from 'react';
import { LoadState, ProblemMessage, SeverityBadge } from '../components/widgets.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { api, enc, type ApiError } from '../lib/api.ts';
import { clip, formatDateTime, formatNumber } from '../lib/format.ts';
import type { IncidentDetail as Incident } from '../lib/incident-types.ts';
import { Link } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { useApi } from '../lib/use-api.ts';
import { NotificationComposer } from './notification-composer.tsx';
import { ObservableForm, NoteForm } from './incident-forms.tsx';

/** One incident: lifecycle, SLA clocks, playbook tasks, timeline, observables, alerts, evidence, notification. */
export function IncidentDetail(props: { params: Record<string, string> }): ReactNode {
  const tenant = props.params.tenant!;
  const path = `/api/v1/tenants/${enc(tenant)}/incidents/${enc(props.params.id!)}`;
  const loaded = useApi<Incident>(path);
  return <LoadState loaded={loaded}>{(i) => <IncidentView incident={i} tenant={tenant} path={path} reload={loaded.reload} />}</LoadState>;
}

function IncidentView(props: { incident: Incident; tenant: string; path: string; reload: () => void }): ReactNode {
  const { t, locale, timezone } = useI18n();
  const { user } = useSession();
  const [error, setError] = useState<ApiError>();
  const [note, setNote] = useState('');
  const i = props.incident;
  const provider = user.party === 'provider';
  const act = async (work: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await work();
      props.reload();
    } catch (err) {
      setError(err as ApiError);
    }
  };
  const alertBase = provider ? '/console/alerts' : '/portal/alerts';
  return (
    <article className="detail">
      <h1 className="wrap-anywhere" dir="auto">
        <SeverityBadge severity={i.severity} /> #{i.id} {i.title}
      </h1>
      <p>
        <span className="badge status">{t(`incident.status.${i.status}` as MessageKey)}</span> · {i.type} · {i.assignee ?? t('queue.unassigned')} ·{' '}
        {formatDateTime(i.detectedAt, locale, timezone)}
      </p>
      {provider && i.allowedNext.length > 0 && (
        <div className="actions card" role="group" aria-label={t('incident.lifecycle')}>
          <label>
            {t('incident.transitionNote')}
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={5000} name="transition-note" />
          </label>
          <span className="muted">{t('incident.moveTo')}</span>
          {i.allowedNext.map((next) => (
            <button key={next} type="button" onClick={() => void act(() => api.post(`${props.path}/transitions`, { to: next, ...(note.trim() ? { note: note.trim() } : {}) }).then(() => setNote('')))}>
              {t(`incident.status.${next}` as MessageKey)}
            </button>
          ))}
        </div>
      )}
      <ProblemMessage error={error} />
      {i.summary && <p className="wrap-anywhere">{i.summary}</p>}
      <h2>{t('incident.sla')}</h2>
      <ul className="plain">
        {i.sla.map((c) => (
          <li key={c.clock} className={c.breached ? 'error' : undefined}>
            {c.clock}: {t('incident.due', { at: formatDateTime(c.dueAt, locale, timezone) })} {c.stoppedAt ? `· ${t('incident.met')}` : ''} {c.breached ? `· ${t('incident.breached')}` : ''}
          </li>
        ))}
      </ul>
      <h2>{t('incident.tasks')}</h2>
      <ul className="plain tasks">
        {i.tasks.map((task) => (
          <li key={task.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={task.done}
                disabled={!provider}
                onChange={(e) => void act(() => api.patch(`${props.path}/tasks/${task.id}`, { done: e.target.checked }))}
              />
              <span>{task.title[locale]}</span>
            </label>
            <div className="muted small">{task.detail[locale]}</div>
          </li>
        ))}
      </ul>
      <h2>{t('incident.timeline')}</h2>
      <ul className="timeline">
        {i.timeline.map((e, n) => (
          <li key={n}>
            <span className="muted">{formatDateTime(e.at, locale, timezone)}</span> <strong>{e.actor}</strong> <span className="wrap-anywhere">{clip(e.text, 2000)}</span>
          </li>
        ))}
      </ul>
      {provider && <NoteForm onAdd={(text) => act(() => api.post(`${props.path}/timeline`, { text }))} />}
      <h2>{t('incident.observables')}</h2>
      <ul className="plain">
        {i.observables.map((o, n) => (
          <li key={n} className="wrap-anywhere">
            <span className="muted">{o.type}</span> {o.value}
          </li>
        ))}
      </ul>
      {provider && <ObservableForm onAdd={(type, value) => act(() => api.post(`${props.path}/observables`, { items: [{ type, value }] }))} />}
      <h2>{t('incident.alerts')}</h2>
      <ul className="plain">
        {i.alerts.map((a) => (
          <li key={a.id}>
            <SeverityBadge severity={a.severity} />{' '}
            <Link to={`${alertBase}/${enc(props.tenant)}/${a.id}`} className="cell-text">
              {a.title}
            </Link>
          </li>
        ))}
      </ul>
      <h2>{t('incident.evidence')}</h2>
      <ul className="plain">
        {i.evidence.map((e) => (
          <li key={e.id} className="wrap-anywhere">
            {e.filename} <span className="muted">({formatNumber(e.size, locale)} B, SHA-256 {e.sha256.slice(0, 16)}…, {e.uploadedBy})</span>
          </li>
        ))}
      </ul>
      {provider && <NotificationComposer tenant={props.tenant} incidentId={i.id} />}
    </article>
  );
}
