import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { clip, formatDateTime, formatNumber } from '../lib/format.ts';
import type { SearchColumn, SearchResult } from '../lib/types.ts';

const ROW_HEIGHT = 32;

function Cell(props: { column: SearchColumn; value: unknown }): ReactNode {
  const { locale, timezone } = useI18n();
  const v = props.value;
  if (v == null) return <span className="muted">—</span>;
  if (props.column.type === 'timestamp' || props.column.name === '@timestamp') return <>{formatDateTime(v as string, locale, timezone)}</>;
  if (typeof v === 'number') return <>{formatNumber(v, locale)}</>;
  return <>{clip(v, 400)}</>;
}

/** Search rows in a virtualised grid: 10,000 rows cost what one screenful costs. */
export function ResultTable(props: { result: SearchResult }): ReactNode {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const { columns, rows } = props.result;
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  if (rows.length === 0) return <p className="muted">{t('search.noRows')}</p>;
  const template = columns.map((c) => (c.name === 'raw' ? 'minmax(20rem, 3fr)' : 'minmax(8rem, 1fr)')).join(' ');
  return (
    <div ref={scroller} className="grid-scroll" tabIndex={0} role="table" aria-label={t('search.results')} aria-rowcount={rows.length + 1} data-testid="result-table">
      {/* Grid columns and row offsets are set through the CSSOM, which the CSP allows. */}
      <div className="grid-row grid-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <span key={c.name} role="columnheader" className="cell-text">
            {c.name}
          </span>
        ))}
      </div>
      <div className="grid-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          return (
            <div key={v.index} role="row" aria-rowindex={v.index + 2} className="grid-row" style={{ gridTemplateColumns: template, transform: `translateY(${v.start}px)` }}>
              {columns.map((c, i) => (
                <span key={c.name} role="cell" className="cell-text" dir="auto">
                  <Cell column={c} value={row[i]} />
                </span>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
