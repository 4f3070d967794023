import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { clip, formatNumber } from '../lib/format.ts';

export interface Bar {
  label: string;
  value: number;
}

const W = 640;

/** Horizontal bars for stats/top results: our own SVG, text nodes only, so labels from logs stay text. */
export function BarChart(props: { bars: Bar[]; title: string }): ReactNode {
  const { locale } = useI18n();
  const bars = props.bars.slice(0, 20);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const rowH = 22;
  const h = bars.length * rowH + 4;
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${h}`} role="img" aria-label={props.title}>
      {bars.map((b, i) => {
        const w = Math.max(1, (b.value / max) * (W - 260));
        const y = i * rowH + 2;
        return (
          <g key={i}>
            <text x={0} y={y + 15} className="chart-label">
              {clip(b.label, 28)}
            </text>
            <rect x={190} y={y + 3} width={w} height={rowH - 6} className="chart-bar" />
            <text x={196 + w} y={y + 15} className="chart-value">
              {formatNumber(b.value, locale)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export interface Point {
  t: number;
  value: number;
}

/** Columns over time for timechart results. */
export function TimeChart(props: { points: Point[]; title: string }): ReactNode {
  const { locale, timezone } = useI18n();
  const pts = [...props.points].sort((a, b) => a.t - b.t);
  const h = 180;
  const max = Math.max(1, ...pts.map((p) => p.value));
  const bw = pts.length > 0 ? (W - 40) / pts.length : 0;
  const fmt = new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-GB', { timeZone: timezone, month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${h + 24}`} role="img" aria-label={props.title}>
      <text x={0} y={12} className="chart-value">
        {formatNumber(max, locale)}
      </text>
      {pts.map((p, i) => {
        const bh = (p.value / max) * (h - 20);
        return <rect key={i} x={40 + i * bw} y={h - bh} width={Math.max(1, bw - 1)} height={bh} className="chart-bar" />;
      })}
      {pts.length > 0 && (
        <>
          <text x={40} y={h + 18} className="chart-label">
            {fmt.format(pts[0]!.t)}
          </text>
          <text x={W} y={h + 18} textAnchor="end" className="chart-label">
            {fmt.format(pts[pts.length - 1]!.t)}
          </text>
        </>
      )}
    </svg>
  );
}
