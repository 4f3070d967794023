import type { EventFields } from '@mamori/schema';
import { describe, expect, it } from 'vitest';
import { loadRules } from '../src/index.ts';
import { MINUTE, T0, correlate, ruleSetOf, specExample } from './helpers/correlation-stream.ts';

const security = (eventId: string, user: string, at: number): EventFields => ({
  'winlog.channel': 'Security',
  'winlog.event_id': eventId,
  'winlog.event_data.User': user,
  '@timestamp': at,
});

describe('chained temporal_ordered → event_count (spec "Failed Logins Followed by Successful Login")', () => {
  const set = ruleSetOf([
    specExample('extracted-from-spec/correlation_spec_L665-L724_full_example_temporal_ordered_chained_multidoc.yml'),
  ]);
  const fired = (events: EventFields[]): string[] => correlate(set, events).map((m) => m.rule.id);
  const failures = (n: number, user: string, from: number): EventFields[] =>
    Array.from({ length: n }, (_, i) => security('4625', user, from + i * 1000));
  const OUTER = 'b180ead8-d58f-40b2-ae54-c8940995b9b6';
  const INNER = 'a8418a5a-5fc4-46b5-b23b-6c73beb19d41';

  it('fires after 10 failed logons and then a success of the same user within 10 minutes', () => {
    const ids = fired([...failures(10, 'bob', T0), security('4624', 'bob', T0 + 2 * MINUTE)]);
    expect(ids).toContain(INNER);
    expect(ids).toContain(OUTER);
  });

  it('does not fire after only 9 failures', () => {
    expect(fired([...failures(9, 'bob', T0), security('4624', 'bob', T0 + MINUTE)])).not.toContain(OUTER);
  });

  it('does not fire when the success is another user', () => {
    expect(fired([...failures(10, 'bob', T0), security('4624', 'alice', T0 + MINUTE)])).not.toContain(OUTER);
  });

  it('does not fire when the success comes first (order matters)', () => {
    expect(fired([security('4624', 'bob', T0), ...failures(10, 'bob', T0 + 1000)])).not.toContain(OUTER);
  });

  it('does not fire when the success comes after the timespan', () => {
    expect(fired([...failures(10, 'bob', T0), security('4624', 'bob', T0 + 11 * MINUTE)])).not.toContain(OUTER);
  });

  it('marks the inner rules as correlation-only (no generate) and keeps the outer level', () => {
    const matches = set.match(security('4625', 'bob', T0));
    expect(matches.map((m) => [m.name, m.correlationOnly])).toEqual([['failed_login', true]]);
    const all = correlate(set, [...failures(10, 'bob', T0), security('4624', 'bob', T0 + 1000)]);
    expect(all.find((m) => m.rule.id === INNER)?.rule.correlationOnly).toBe(true);
    const outer = all.find((m) => m.rule.id === OUTER)!;
    expect(outer).toMatchObject({
      type: 'temporal_ordered',
      group: { User: 'bob' },
      rule: { level: 'high', correlationOnly: false },
    });
  });
});

const failedLoginRule = `title: failed login
id: 5638f7c0-ac70-491d-8465-2a65075e0d86
logsource: {category: test}
detection: {s: {action: failed}, condition: s}
`;
const event = (fields: Record<string, string>, at: number): EventFields => ({
  'event.category': 'test',
  action: 'failed',
  ...fields,
  '@timestamp': at,
});

describe('event_count', () => {
  const set = ruleSetOf([failedLoginRule, specExample('tests/schema/correlation/event_count.yml')]);
  it('fires at the 100th event of one ComputerName within 1h, once per burst', () => {
    const events = Array.from({ length: 150 }, (_, i) => event({ ComputerName: 'pc1' }, T0 + i * 1000));
    const hits = correlate(set, events);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ value: 100, group: { ComputerName: 'pc1' }, lastMs: T0 + 99_000 });
  });
  it('does not fire for 99 events, events spread over more than 1h, or events split across hosts', () => {
    expect(
      correlate(
        set,
        Array.from({ length: 99 }, (_, i) => event({ ComputerName: 'pc1' }, T0 + i)),
      ),
    ).toHaveLength(0);
    expect(
      correlate(
        set,
        Array.from({ length: 120 }, (_, i) => event({ ComputerName: 'pc1' }, T0 + i * MINUTE)),
      ),
    ).toHaveLength(0);
    expect(
      correlate(
        set,
        Array.from({ length: 150 }, (_, i) => event({ ComputerName: `pc${i % 2}` }, T0 + i)),
      ),
    ).toHaveLength(0);
  });
});

describe('value_count', () => {
  const set = ruleSetOf([failedLoginRule, specExample('tests/schema/correlation/value_count.yml')]);
  it('counts distinct User values per ComputerName + WorkstationName', () => {
    const many = Array.from({ length: 100 }, (_, i) =>
      event({ ComputerName: 'dc', WorkstationName: 'ws', User: `u${i}` }, T0 + i),
    );
    expect(correlate(set, many)).toHaveLength(1);
    const same = Array.from({ length: 200 }, (_, i) =>
      event({ ComputerName: 'dc', WorkstationName: 'ws', User: 'u' }, T0 + i),
    );
    expect(correlate(set, same)).toHaveLength(0);
  });
});

const recon = (name: string): string =>
  `title: ${name}\nname: ${name}\nlogsource: {category: test}\ndetection: {s: {cmd: ${name}}, condition: s}\n`;
const reconEvent = (cmd: string, at: number, user = 'bob'): EventFields => ({
  'event.category': 'test',
  cmd,
  ComputerName: 'pc',
  User: user,
  '@timestamp': at,
});

describe('temporal and temporal_ordered', () => {
  const bases = ['recon_cmd_a', 'recon_cmd_b', 'recon_cmd_c'].map(recon);
  const temporal = ruleSetOf([...bases, specExample('tests/schema/correlation/temporal.yml')]);
  const ordered = ruleSetOf([...bases, specExample('tests/schema/correlation/temporal_ordered.yml')]);

  it('temporal fires when all rules matched within 5 minutes in any order, per ComputerName + User', () => {
    const seq = [
      reconEvent('recon_cmd_c', T0),
      reconEvent('recon_cmd_a', T0 + 1000),
      reconEvent('recon_cmd_b', T0 + 2000),
    ];
    expect(correlate(temporal, seq)).toHaveLength(1);
    expect(correlate(temporal, seq.slice(0, 2))).toHaveLength(0);
    const slow = [
      reconEvent('recon_cmd_a', T0),
      reconEvent('recon_cmd_b', T0 + MINUTE),
      reconEvent('recon_cmd_c', T0 + 6 * MINUTE),
    ];
    expect(correlate(temporal, slow)).toHaveLength(0);
    const users = [reconEvent('recon_cmd_a', T0), reconEvent('recon_cmd_b', T0, 'eve'), reconEvent('recon_cmd_c', T0)];
    expect(correlate(temporal, users)).toHaveLength(0);
  });

  it('temporal_ordered needs the listed order', () => {
    const inOrder = ['a', 'b', 'c'].map((x, i) => reconEvent(`recon_cmd_${x}`, T0 + i * 1000));
    const outOfOrder = ['b', 'a', 'c'].map((x, i) => reconEvent(`recon_cmd_${x}`, T0 + i * 1000));
    expect(correlate(ordered, inOrder)).toHaveLength(1);
    expect(correlate(ordered, outOfOrder)).toHaveLength(0);
    // a, b, a, c still completes a → b → c.
    const repeated = ['a', 'b', 'a', 'c'].map((x, i) => reconEvent(`recon_cmd_${x}`, T0 + i * 1000));
    expect(correlate(ordered, repeated)).toHaveLength(1);
  });
});

describe('aliases', () => {
  it('groups on differently named fields of each referenced rule (spec example)', () => {
    const internalError =
      'title: internal error\nname: internal_error\nlogsource: {category: test}\ndetection: {s: {http.response.status_code: 500}, condition: s}\n';
    const newConnection =
      'title: new connection\nname: new_network_connection\nlogsource: {category: test}\ndetection: {s: {event.type: connection, event.outcome: success}, condition: s}\n';
    const set = ruleSetOf([
      internalError,
      newConnection,
      specExample('extracted-from-spec/correlation_spec_L632-L649_aliases_temporal_correlation.yml'),
    ]);
    const web: EventFields = {
      'event.category': 'test',
      'http.response.status_code': 500,
      'destination.ip': '10.0.0.5',
      'source.ip': '203.0.113.9',
      '@timestamp': T0,
    };
    const conn = (src: string, at: number): EventFields => ({
      'event.category': 'test',
      'event.type': 'connection',
      'event.outcome': 'success',
      'source.ip': src,
      'destination.ip': '203.0.113.9',
      '@timestamp': at,
    });
    expect(correlate(set, [web, conn('10.0.0.5', T0 + 5000)])).toHaveLength(1);
    expect(correlate(set, [web, conn('10.0.0.6', T0 + 5000)])).toHaveLength(0);
    expect(correlate(set, [web, conn('10.0.0.5', T0 + 11_000)])).toHaveLength(0);
  });
});

describe('value_sum, value_avg, upper-bound conditions and limits', () => {
  it('value_sum and value_avg aggregate the condition field', () => {
    const site =
      'title: web\nid: website_access\nname: website_access\nlogsource: {category: test}\ndetection: {s: {kind: web}, condition: s}\n';
    const sum = ruleSetOf([site, specExample('tests/schema/correlation/value_sum.yml')]);
    const ev = (bytes: number, i: number): EventFields => ({
      'event.category': 'test',
      kind: 'web',
      SourceIP: '1.2.3.4',
      User: 'u',
      bytes_sent: bytes,
      '@timestamp': T0 + i,
    });
    expect(correlate(sum, [ev(600_000, 0), ev(600_000, 1)])).toHaveLength(1);
    expect(correlate(sum, [ev(400_000, 0), ev(500_000, 1)])).toHaveLength(0);
    const avgRule =
      'title: avg\ncorrelation: {type: value_avg, rules: [website_access], group-by: [User], timespan: 1h, condition: {field: bytes_sent, gt: 500}}\n';
    const avg = ruleSetOf([site, avgRule]);
    expect(correlate(avg, [ev(400, 0), ev(700, 1)])).toHaveLength(1);
  });

  it('an upper-bound-only condition is judged when the window closes', () => {
    const base = 'title: hb\nname: heartbeat\nlogsource: {category: test}\ndetection: {s: {kind: hb}, condition: s}\n';
    const rare =
      'title: too few heartbeats\ncorrelation: {type: event_count, rules: [heartbeat], group-by: [host], timespan: 10m, condition: {lt: 3}}\n';
    const set = ruleSetOf([base, rare]);
    const hb = (host: string, at: number): EventFields => ({
      'event.category': 'test',
      kind: 'hb',
      host,
      '@timestamp': at,
    });
    const hits = correlate(set, [hb('quiet', T0), hb('busy', T0), hb('busy', T0 + 1000), hb('busy', T0 + 2000)]);
    expect(hits.map((h) => h.group['host'])).toEqual(['quiet']);
  });

  it('keeps at most maxGroupsPerRule groups and drops idle groups after the timespan', () => {
    const set = ruleSetOf([failedLoginRule, specExample('tests/schema/correlation/event_count.yml')]);
    const engine = set.correlationEngine({ maxGroupsPerRule: 100 });
    for (let i = 0; i < 5000; i++) {
      const e = event({ ComputerName: `pc${i}` }, T0 + i);
      engine.process(e, set.match(e), T0 + i);
    }
    expect(engine.stats()).toEqual({ groups: 100, evicted: 4900 });
    const later = event({ ComputerName: 'late' }, T0 + 2 * 3_600_000);
    engine.process(later, set.match(later), T0 + 2 * 3_600_000);
    expect(engine.stats().groups).toBe(1);
  });

  it('reports value_percentile, unknown references and missing fields as unsupported with a reason', () => {
    expect(loadRules([specExample('tests/schema/correlation/value_percentile.yml')]).unsupported[0]?.reason).toMatch(
      /value_percentile is not supported/,
    );
    expect(() => ruleSetOf([specExample('tests/schema/correlation/temporal.yml')])).toThrow(
      /refers to "recon_cmd_a", which is not loaded/,
    );
    expect(
      loadRules([specExample('extracted-from-spec/correlation_spec_L461-L470_temporal_fragment.yml')]).unsupported[0]
        ?.reason,
    ).toMatch(/"title" is required/);
    expect(
      loadRules([
        'title: x\ncorrelation: {type: value_count, rules: [a], group-by: [b], timespan: 1h, condition: {gte: 2}}\n',
      ]).unsupported[0]?.reason,
    ).toMatch(/requires "condition.field"/);
    expect(
      loadRules(['title: x\ncorrelation: {type: event_count, rules: [a], timespan: 1 hour, condition: {gte: 2}}\n'])
        .unsupported[0]?.reason,
    ).toMatch(/timespan/);
  });
});
