import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SeverityBadge } from '../components/widgets.tsx';
import { useI18n, type MessageKey } from '../i18n/i18n.tsx';
import type { AlertPages } from '../lib/alert-pages.ts';
import { enc } from '../lib/api.ts';
import { formatDateTime, formatNumber } from '../lib/format.ts';
import { navigate } from '../lib/router.tsx';

const ROW_HEIGHT = 40;

export interface QueueActions {
  assign: (ids: number[]) => void;
  resolve: (ids: number[]) => void;
  escalate: ((ids: number[], title: string) => void) | undefined;
}

/** Only the rows in view exist in the DOM; j/k move, Enter opens, x selects, a assigns, e escalates. */
export function AlertList(props: { pages: AlertPages; tenant: string; detailBase: string; actions: QueueActions }): ReactNode {
  const { t, locale, timezone } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [checked, setChecked] = useState<ReadonlySet<number>>(new Set());
  const { alerts, more, loadMore } = props.pages;
  const virtualizer = useVirtualizer({ count: alerts.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (more && lastIndex > alerts.length - 50) loadMore();
  }, [lastIndex, alerts.length, more, loadMore]);
  useEffect(() => virtualizer.scrollToIndex(active, { align: 'auto' }), [active, virtualizer]);

  const targets = () => (checked.size > 0 ? [...checked] : alerts[active] ? [alerts[active].id] : []);
  const escalateTitle = (ids: number[]) => {
    const first = alerts.find((a) => a.id === ids[0]);
    return ids.length === 1 ? (first?.title ?? '') : t('queue.escalateTitle', { n: ids.length, title: first?.title ?? '' });
  };
  const run = (what: 'assign' | 'resolve' | 'escalate') => {
    const ids = targets();
    if (ids.length === 0) return;
    if (what === 'escalate') props.actions.escalate?.(ids, escalateTitle(ids).slice(0, 500));
    else props.actions[what](ids);
    setChecked(new Set());
  };
  const open = (i: number) => {
    const a = alerts[i];
    if (a) navigate(`${props.detailBase}/${enc(props.tenant)}/${a.id}`);
  };
  const toggle = (id: number | undefined) => {
    if (id === undefined) return;
    const next = new Set(checked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setChecked(next);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    if (e.key === 'j' || e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, alerts.length - 1));
    else if (e.key === 'k' || e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') open(active);
    else if (e.key === 'x' || e.key === ' ') toggle(alerts[active]?.id);
    else if (e.key === 'a') run('assign');
    else if (e.key === 'e' && props.actions.escalate) run('escalate');
    else return;
    e.preventDefault();
  };

  if (alerts.length === 0) return <p className="muted">{props.pages.loading ? t('common.loading') : t('queue.empty')}</p>;
  const n = checked.size || 1;
  return (
    <>
      <div className="bulkbar" role="toolbar" aria-label={t('queue.bulk')}>
        <span className="muted">{checked.size > 0 ? t('queue.selected', { n: checked.size }) : t('queue.activeOnly')}</span>
        <button type="button" onClick={() => run('assign')}>
          {t('queue.assignMe', { n })}
        </button>
        <button type="button" onClick={() => run('resolve')}>
          {t('queue.resolveFp', { n })}
        </button>
        {props.actions.escalate && (
          <button type="button" className="primary" onClick={() => run('escalate')}>
            {t('queue.escalate', { n })}
          </button>
        )}
      </div>
      <div className="vlist-head" aria-hidden="true">
        <span />
        <span>{t('queue.priority')}</span>
        <span>{t('queue.alert')}</span>
        <span>{t('queue.source')}</span>
        <span>{t('queue.triageStatus')}</span>
        <span>{t('queue.lastSeen')}</span>
      </div>
      <div
        ref={scroller}
        className="vlist"
        role="listbox"
        tabIndex={0}
        aria-label={t('queue.title')}
        aria-multiselectable="true"
        aria-activedescendant={alerts[active] ? `alert-row-${alerts[active].id}` : undefined}
        onKeyDown={onKey}
        data-testid="alert-list"
      >
        {/* Row offsets go through the CSSOM (element.style), which the CSP allows; the HTML has no style attributes. */}
        <div className="vlist-inner" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((v) => {
            const a = alerts[v.index]!;
            return (
              <div
                key={a.id}
                id={`alert-row-${a.id}`}
                role="option"
                aria-selected={checked.has(a.id)}
                aria-current={v.index === active ? 'true' : undefined}
                className={`vrow${v.index === active ? ' active' : ''}${checked.has(a.id) ? ' checked' : ''}`}
                style={{ transform: `translateY(${v.start}px)` }}
                onClick={() => setActive(v.index)}
                onDoubleClick={() => open(v.index)}
                data-alert-id={a.id}
              >
                {/* A drawn box, not an <input>: an option may not contain another control (x or a click toggles it). */}
                <span
                  className={`tick${checked.has(a.id) ? ' on' : ''}`}
                  aria-hidden="true"
                  onClick={(e) => {
                    e.stopPropagation();
                    toggle(a.id);
                  }}
                />
                <span className="prio">
                  <span className="band">{a.priorityBand ?? '—'}</span> <SeverityBadge severity={a.severity} />
                </span>
                <span className="cell-text" dir="auto">
                  {a.title}
                </span>
                <span className="cell-text" dir="auto">
                  {a.source ?? '—'}
                </span>
                <span className="cell-text">
                  {t(`triage.${a.triageStatus}` as MessageKey)}
                  {a.assignee ? ` · ${a.assignee}` : ''}
                </span>
                <span>
                  {formatDateTime(a.lastSeenAt, locale, timezone)} <span className="muted">×{formatNumber(a.occurrences, locale)}</span>
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
