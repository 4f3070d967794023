import { useState, type ReactNode } from 'react';
import { NeedTenant, ProblemMessage } from '../components/widgets.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import { useAlertPages, type QueueFilter } from '../lib/alert-pages.ts';
import { enc, withQuery, type ApiError } from '../lib/api.ts';
import { formatNumber } from '../lib/format.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { BANDS, SEVERITIES, TRIAGE_STATUSES, type Counts } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';
import { changeAlerts, escalate } from './alert-actions.ts';
import { AlertList } from './alert-list.tsx';
import { saveView, VIEWS_PATH, type QueueView } from './queue-views.ts';

const OPEN_WORK = 'new,in_progress,on_hold';

/** The Tier-1 queue: filters, saved views, bulk actions and a virtualised list driven by j/k/Enter/a/e. */
export function AlertQueue(): ReactNode {
  const { t, locale } = useI18n();
  const { tenant, user } = useSession();
  const [filter, setFilter] = useState<QueueFilter>({ triageStatus: OPEN_WORK });
  const [viewName, setViewName] = useState('');
  const [actionError, setActionError] = useState<ApiError>();
  const [notice, setNotice] = useState('');
  const pages = useAlertPages(tenant, filter);
  const counts = useApi<Counts>(tenant ? withQuery(`/api/v1/tenants/${enc(tenant)}/alerts/counts`, filter) : null);
  const views = useApi<QueueView[]>(VIEWS_PATH);
  if (!tenant) return <NeedTenant />;
  const provider = user.party === 'provider';
  const detailBase = provider ? '/console/alerts' : '/portal/alerts';
  const set = (k: string, v: string) => {
    const next = { ...filter };
    if (v) next[k] = v;
    else delete next[k];
    setFilter(next);
  };
  const act = async (work: () => Promise<unknown>, done: MessageKey) => {
    setActionError(undefined);
    try {
      await work();
      setNotice(t(done));
      pages.reload();
      counts.reload();
    } catch (err) {
      setActionError(err as ApiError);
    }
  };
  const actions = {
    assign: (ids: number[]) => void act(() => changeAlerts(tenant, ids, { assignee: 'me', status: 'in_progress' }), 'queue.assigned'),
    resolve: (ids: number[]) => void act(() => changeAlerts(tenant, ids, { status: 'resolved', verdict: 'false_positive' }), 'queue.resolved'),
    escalate: provider
      ? (ids: number[], title: string) =>
          void act(async () => {
            const incident = await escalate(tenant, ids, title);
            navigate(`/console/incidents/${enc(tenant)}/${incident}`);
          }, 'queue.escalated')
      : undefined,
  };

  return (
    <section className="queue">
      <h1>{t('queue.title')}</h1>
      <div className="toolbar" role="search">
        <FilterSelect label="queue.triageStatus" value={filter.triageStatus ?? ''} onChange={(v) => set('triageStatus', v)} options={[[OPEN_WORK, t('queue.openWork')], ...TRIAGE_STATUSES.map((s) => [s, t(`triage.${s}`)] as [string, string])]} />
        <FilterSelect label="queue.priority" value={filter.priority ?? ''} onChange={(v) => set('priority', v)} options={BANDS.map((b) => [b, b])} />
        <FilterSelect label="queue.severity" value={filter.severity ?? ''} onChange={(v) => set('severity', v)} options={SEVERITIES.map((s) => [s, t(`severity.${s}`)])} />
        <FilterSelect label="queue.assignee" value={filter.assignee ?? ''} onChange={(v) => set('assignee', v)} options={[['me', t('queue.me')], ['none', t('queue.unassigned')]]} />
        <label>
          {t('queue.text')}
          <input type="search" value={filter.text ?? ''} onChange={(e) => set('text', e.target.value)} size={14} maxLength={200} />
        </label>
        <FilterSelect
          label="queue.views"
          value=""
          onChange={(v) => {
            const view = views.data?.find((x) => String(x.id) === v);
            if (view) setFilter(view.filters);
          }}
          options={(views.data ?? []).map((v) => [String(v.id), v.name])}
        />
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (viewName.trim()) void act(() => saveView(viewName.trim(), filter).then(views.reload), 'queue.viewSaved');
          }}
        >
          <label>
            {t('queue.viewName')}
            <input value={viewName} onChange={(e) => setViewName(e.target.value)} size={12} maxLength={200} />
          </label>
          <button type="submit">{t('queue.saveView')}</button>
        </form>
      </div>
      <p className="muted hint">{provider ? t('queue.keys') : t('queue.keysCustomer')}</p>
      <p className="muted" aria-live="polite" data-testid="queue-total">
        {counts.data ? t('queue.count', { n: formatNumber(counts.data.total, locale) }) : ''} {notice}
      </p>
      <ProblemMessage error={actionError ?? pages.error} />
      <AlertList pages={pages} tenant={tenant} detailBase={detailBase} actions={actions} />
    </section>
  );
}

function FilterSelect(props: { label: MessageKey; value: string; onChange: (v: string) => void; options: [string, string][] }): ReactNode {
  const { t } = useI18n();
  return (
    <label>
      {t(props.label)}
      <select value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t('common.all')}</option>
        {props.options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
