import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SeverityBadge, LoadState, NeedTenant } from '../components/widgets.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { enc, withQuery } from '../lib/api.ts';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { navigate } from '../lib/router.tsx';
import { useSession } from '../lib/session.tsx';
import { SEVERITIES, type AlertView } from '../lib/types.ts';
import { useApi } from '../lib/use-api.ts';
import { loadViews, saveViews, type QueueFilter } from './queue-views.ts';

const ROW_HEIGHT = 40;

/** The Tier-1 queue: filters, saved views and a virtualised list driven by j/k/Enter. */
export function AlertQueue(): ReactNode {
  const { t } = useI18n();
  const { tenant, user } = useSession();
  const [filter, setFilter] = useState<QueueFilter>({ status: 'open' });
  const [views, setViews] = useState(() => loadViews());
  const path = tenant ? withQuery(`/api/v1/tenants/${enc(tenant)}/alerts`, { ...filter }) : null;
  const loaded = useApi<AlertView[]>(path);
  if (!tenant) return <NeedTenant />;
  const detailBase = user.party === 'customer' ? '/portal/alerts' : '/console/alerts';

  const saveView = () => {
    const name = prompt(t('queue.viewName'));
    if (!name) return;
    const next = [...views.filter((v) => v.name !== name), { name, filter }];
    setViews(next);
    saveViews(next);
  };

  return (
    <section className="queue">
      <h1>{t('queue.title')}</h1>
      <div className="toolbar" role="search">
        <label>
          {t('queue.status')}
          <select value={filter.status ?? ''} onChange={(e) => setFilter({ ...filter, status: e.target.value || undefined })}>
            <option value="">{t('common.all')}</option>
            <option value="open">{t('status.open')}</option>
            <option value="resolved">{t('status.resolved')}</option>
          </select>
        </label>
        <label>
          {t('queue.severity')}
          <select value={filter.severity ?? ''} onChange={(e) => setFilter({ ...filter, severity: e.target.value || undefined })}>
            <option value="">{t('common.all')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('queue.kind')}
          <input value={filter.kind ?? ''} onChange={(e) => setFilter({ ...filter, kind: e.target.value || undefined })} size={12} />
        </label>
        <label>
          {t('queue.views')}
          <select
            value=""
            onChange={(e) => {
              const v = views.find((x) => x.name === e.target.value);
              if (v) setFilter(v.filter);
            }}
          >
            <option value="">—</option>
            {views.map((v) => (
              <option key={v.name} value={v.name}>
                {v.name}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={saveView}>
          {t('queue.saveView')}
        </button>
      </div>
      <p className="muted hint">{t('queue.keys')}</p>
      <LoadState loaded={loaded}>{(alerts) => <AlertList alerts={alerts} tenant={tenant} detailBase={detailBase} />}</LoadState>
    </section>
  );
}

function AlertList(props: { alerts: AlertView[]; tenant: string; detailBase: string }): ReactNode {
  const { t, locale, timezone } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const alerts = props.alerts;
  const virtualizer = useVirtualizer({ count: alerts.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  useEffect(() => virtualizer.scrollToIndex(active, { align: 'auto' }), [active, virtualizer]);
  const open = (i: number) => {
    const a = alerts[i];
    if (a) navigate(`${props.detailBase}/${enc(props.tenant)}/${a.id}`);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.target instanceof HTMLInputElement || e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'j') setActive((i) => Math.min(i + 1, alerts.length - 1));
    else if (e.key === 'k') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') open(active);
    else if (e.key === 'x' || e.key === ' ') toggle(alerts[active]?.id);
    else return;
    e.preventDefault();
  };
  const toggle = (id: number | undefined) => {
    if (id === undefined) return;
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChecked(next);
  };
  const counts = useMemo(() => formatNumber(alerts.length, locale), [alerts.length, locale]);
  if (alerts.length === 0) return <p className="muted">{t('queue.empty')}</p>;
  return (
    <>
      <p className="muted" aria-live="polite">
        {t('queue.count', { n: counts })}
        {checked.size > 0 && ` · ${t('queue.selected', { n: checked.size })}`}
      </p>
      <div className="vlist-head" aria-hidden="true">
        <span />
        <span>{t('queue.severity')}</span>
        <span>{t('queue.alert')}</span>
        <span>{t('queue.source')}</span>
        <span>{t('queue.lastSeen')}</span>
        <span>{t('queue.occurrences')}</span>
      </div>
      <div
        ref={scroller}
        className="vlist"
        role="listbox"
        tabIndex={0}
        aria-label={t('queue.title')}
        aria-activedescendant={alerts[active] ? `alert-row-${alerts[active].id}` : undefined}
        onKeyDown={onKey}
        data-testid="alert-list"
      >
        {/* The virtualiser positions rows through the CSSOM (element.style), which the CSP allows; no style attributes are in the HTML. */}
        <div className="vlist-inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((v) => {
            const a = alerts[v.index]!;
            return (
              <div
                key={a.id}
                id={`alert-row-${a.id}`}
                role="option"
                aria-selected={v.index === active}
                className={`vrow${v.index === active ? ' active' : ''}`}
                style={{ transform: `translateY(${v.start}px)` }}
                onClick={() => setActive(v.index)}
                onDoubleClick={() => open(v.index)}
              >
                <input type="checkbox" tabIndex={-1} aria-label={t('queue.select')} checked={checked.has(a.id)} onChange={() => toggle(a.id)} />
                <SeverityBadge severity={a.severity} />
                <span className="cell-text" title={a.title.slice(0, 300)}>
                  {a.title}
                </span>
                <span className="cell-text">{a.source ?? '—'}</span>
                <span>{formatDateTime(a.lastSeenAt, locale, timezone)}</span>
                <span className="num">{formatNumber(a.occurrences, locale)}</span>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
