import { describe, expect, it } from 'vitest';
import { buildCannedAnalysis, cannedAnalyses, previousPeriod } from '../src/canned.ts';
import { QueryError } from '../src/errors.ts';
import { pivotFields, pivotQuery } from '../src/pivot.ts';

const scope = { tenantIds: [1], from: 0, to: 86_400_000 };

describe('canned analyses', () => {
  it('every analysis compiles with its defaults in both dialects', () => {
    for (const a of cannedAnalyses) {
      for (const dialect of ['duckdb', 'clickhouse'] as const) {
        const b = buildCannedAnalysis(a.name, {}, scope, { dialect });
        expect(b.compiled.sql).toContain('tenant_id');
        expect(b.query.length).toBeGreaterThan(0);
      }
    }
  });

  it('has unique names and both titles', () => {
    expect(new Set(cannedAnalyses.map((a) => a.name)).size).toBe(cannedAnalyses.length);
    for (const a of cannedAnalyses) expect(a.title.ja.length * a.title.en.length).toBeGreaterThan(0);
  });

  it('puts parameters into the query text only after validating them', () => {
    expect(buildCannedAnalysis('top-destination-ports', { n: 5, blockedOnly: true }, scope).query).toBe(
      '(event.type:denied OR event.action:(deny OR denied OR drop OR dropped OR block OR blocked OR reject OR rejected)) | top 5 destination.port',
    );
    expect(buildCannedAnalysis('event-trend', { span: '1h' }, scope).compiled.spanMs).toBe(3_600_000);
    const bad: Array<[string, Record<string, unknown>]> = [
      ['top-source-ips', { n: '5 | stats count' }],
      ['top-source-ips', { n: 0 }],
      ['top-source-ips', { n: 2.5 }],
      ['top-source-ips', { blockedOnly: 'yes' }],
      ['top-source-ips', { extra: 1 }],
      ['event-trend', { span: '1h count | where x' }],
    ];
    for (const [name, params] of bad) {
      expect(() => buildCannedAnalysis(name, params, scope), JSON.stringify(params)).toThrow(QueryError);
    }
    expect(() => buildCannedAnalysis('nope', {}, scope)).toThrow(/no canned analysis 'nope'/);
  });
});

it('previousPeriod gives the same-length period just before, for trends', () => {
  expect(previousPeriod({ tenantIds: [1], from: 1000, to: 1600, limit: 5 })).toEqual({ tenantIds: [1], from: 400, to: 1000, limit: 5 });
});

describe('pivots', () => {
  it('searches every field of the observable kind around the moment', () => {
    const p = pivotQuery({ kind: 'user', value: 'alice', at: 1_000_000, windowMs: 60_000, tenantIds: [4] });
    expect(p.scope).toMatchObject({ tenantIds: [4], from: 940_000, to: 1_060_001 });
    expect(p.query).toBe(pivotFields.user.map((f) => `${f}:"alice"`).join(' OR '));
  });

  it('quotes hostile values so they stay one value', () => {
    const p = pivotQuery({ kind: 'url', value: 'http://x/" OR tenant_id:* OR "', at: 0, tenantIds: [1] });
    expect(p.query.startsWith('url.original:"http://x/\\" OR tenant_id:* OR \\""')).toBe(true);
    expect(p.compiled.params).toContain('http://x/" OR tenant_id:* OR "');
    expect(p.compiled.sql).not.toContain('tenant_id" IS NOT NULL');
  });

  it('normalises hashes to lower case and rejects values that are not the kind', () => {
    expect(pivotQuery({ kind: 'hash', value: 'ABCDEF', at: 0, tenantIds: [1] }).query).toContain('"abcdef"');
    expect(() => pivotQuery({ kind: 'ip', value: 'not-an-ip', at: 0, tenantIds: [1] })).toThrow(QueryError);
    expect(() => pivotQuery({ kind: 'user', value: '', at: 0, tenantIds: [1] })).toThrow(QueryError);
    expect(() => pivotQuery({ kind: 'user', value: 'a', at: 0, windowMs: 30 * 86_400_000, tenantIds: [1] })).toThrow(QueryError);
  });
});
