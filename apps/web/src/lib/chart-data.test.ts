import { describe, expect, it } from 'vitest';
import { chartOf, splitAt } from './chart-data.ts';
import { sumByTenant } from './prometheus.ts';
import { match } from './router.tsx';

describe('chart data from search results', () => {
  it('draws stats rows as bars labelled by their group', () => {
    const c = chartOf({
      columns: [{ name: 'source.ip', type: 'string' }, { name: 'count', type: 'integer' }],
      shape: 'table',
      rows: [['10.0.0.1', 5], ['10.0.0.2', 3]],
      stats: { elapsedMs: 1, rows: 2 },
    });
    expect(c).toEqual({ kind: 'bars', bars: [{ label: '10.0.0.1', value: 5 }, { label: '10.0.0.2', value: 3 }] });
  });

  it('sums a timechart per bucket across its series', () => {
    const c = chartOf({
      columns: [{ name: '_time', type: 'timestamp' }, { name: 'deny', type: 'integer' }, { name: 'allow', type: 'integer' }],
      shape: 'timechart',
      rows: [['2026-12-01T00:00:00Z', 1, 2], ['2026-12-01T01:00:00Z', 4, 0]],
      stats: { elapsedMs: 1, rows: 2 },
    });
    expect(c).toEqual({ kind: 'time', points: [{ t: Date.parse('2026-12-01T00:00:00Z'), value: 3 }, { t: Date.parse('2026-12-01T01:00:00Z'), value: 4 }] });
  });

  it('draws nothing for plain events', () => {
    expect(chartOf({ columns: [{ name: 'raw', type: 'string' }], shape: 'events', rows: [['x']], stats: { elapsedMs: 1, rows: 1 } })).toBeUndefined();
  });

  it('marks the character a syntax error points at, even past the end', () => {
    expect(splitAt('a AND (b', 6)).toEqual({ before: 'a AND ', at: '(', after: 'b' });
    expect(splitAt('a AND', 5)).toEqual({ before: 'a AND', at: ' ', after: '' });
  });
});

describe('ingest health from /metrics', () => {
  it('sums a counter by tenant over its other labels', () => {
    const text = ['# HELP x', 'mamori_events_received_total{tenant="acme",format="syslog"} 10', 'mamori_events_received_total{tenant="acme",format="json"} 5', 'mamori_events_received_total{tenant="globex"} 1', 'mamori_events_received_totally 9'].join('\n');
    expect([...sumByTenant(text, 'mamori_events_received_total')]).toEqual([
      ['acme', 15],
      ['globex', 1],
    ]);
  });
});

describe('client routes', () => {
  it('matches named parts and decodes them', () => {
    expect(match('/console/alerts/:tenant/:id', '/console/alerts/acme%20x/42')).toEqual({ tenant: 'acme x', id: '42' });
    expect(match('/console/alerts', '/console/alerts/')).toEqual({});
    expect(match('/console/alerts/:tenant/:id', '/console/alerts/acme')).toBeNull();
  });
});
