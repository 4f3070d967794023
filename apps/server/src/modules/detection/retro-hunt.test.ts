import { describe, expect, it } from 'vitest';
import { retroHuntQuery } from './retro-hunt.ts';

const indicator = (type: 'ip' | 'cidr' | 'domain' | 'account', value: string) => ({ id: 1, type, value, severity: 'high' as const, description: null });

describe('retro-hunt SQL', () => {
  it('uses promoted columns for addresses and binds every value', () => {
    const q = retroHuntQuery(7, [indicator('ip', '192.0.2.1')], 1000);
    expect(q.sql).toContain('"source.ip" IN ($3) OR "destination.ip" IN ($3)');
    expect(q.params).toEqual([7, 1000n, '192.0.2.1']);
  });

  it('turns a CIDR into a range scan over the stored address numbers', () => {
    const q = retroHuntQuery(7, [indicator('cidr', '10.0.0.0/8')], 0);
    expect(q.sql).toContain('source_ip_num BETWEEN CAST($3 AS UHUGEINT) AND CAST($4 AS UHUGEINT)');
    expect(q.params.slice(2)).toEqual([(0xffff00000000n + 0x0a000000n).toString(), (0xffff00000000n + 0x0affffffn).toString()]);
  });

  it('takes a chunk of indicators of one type in one query, never mixed types', () => {
    expect(() => retroHuntQuery(7, [indicator('ip', '192.0.2.1'), indicator('cidr', '10.0.0.0/8')], 0)).toThrow(/one indicator type/);
  });

  it('reads other fields from the JSON document and never splices values into SQL', () => {
    const q = retroHuntQuery(7, [indicator('domain', "x'; DROP TABLE events; --.example")], 0);
    expect(q.sql).toContain(`json_extract_string(doc, '$."dns.question.name"')`);
    expect(q.sql).not.toContain('DROP');
    const a = retroHuntQuery(7, [indicator('account', 'Admin'), indicator('account', 'root')], 0);
    expect(a.sql).toContain('lower("user.name") IN ($3, $4)');
    expect(a.params.slice(2)).toEqual(['admin', 'root']);
  });
});
