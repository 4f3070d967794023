/**
 * A deterministic event set for the correctness tests, and its loading into a real in-memory DuckDB
 * through the same DDL and the Appender the server uses. The records stay available as plain objects so
 * the tests can compute expected answers in TypeScript without the compiler.
 */
import { DuckDBInstance, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { ipNumberColumns, promotedColumns } from '@mamori/schema';
import { duckdbEventTableDdl } from '../src/event-table-ddl.ts';
import { ipToNumber } from '../src/ip.ts';

export type Fields = Record<string, string | number | string[]>;

export interface TestEvent {
  tenant: number;
  device: number | null;
  seq: number;
  ts: number;
  raw: string;
  fields: Fields;
}

export const T0 = Date.UTC(2026, 10, 1, 0, 0, 0);
export const STEP = 60_000;

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateEvents(count = 3000, seed = 42): TestEvent[] {
  const r = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const ips = [
    '10.0.0.5',
    '10.1.2.3',
    '10.255.255.254',
    '11.0.0.1',
    '192.168.1.10',
    '192.168.1.200',
    '192.168.2.1',
    '203.0.113.7',
    '8.8.8.8',
    '2001:db8::1',
    '2001:db8:0:1::abcd',
    '2001:db9::1',
    'fe80::1',
    'ff02::1',
  ];
  const actions = ['allow', 'allow', 'allow', 'deny', 'drop', 'block'];
  const ports = [22, 53, 80, 443, 445, 3389, 8080, 51515];
  const users = ['alice', 'bob', 'Carol', 'svc_backup'];
  const urls = ['/index.html', '/tools/cmd.exe?x=1', '/WIN/CMD.EXE/run', '/api/v1_users%20', '/api/v1Xusers%20', '/api/v1_usersX20'];
  const signatures = ['ET SCAN Nmap', 'ET EXPLOIT SMB', 'ET POLICY curl UA', 'GPL ICMP ping'];
  const countries = ['JP', 'US', 'CN', 'DE'];
  const phrases = ['', '', '', ' msg="PowerShell -enc SQBFAFgA"', ' msg="mimikatz sekurlsa"', ' note=50%_off', ' note=50a_off'];
  const events: TestEvent[] = [];
  for (let i = 0; i < count; i++) {
    const tenant = 1 + Math.floor(r() * 4);
    const f: Fields = {};
    const src = r() < 0.93 ? pick(ips) : undefined;
    const dst = r() < 0.9 ? pick(ips) : undefined;
    if (src !== undefined) f['source.ip'] = src;
    if (dst !== undefined) f['destination.ip'] = dst;
    if (r() < 0.92) f['destination.port'] = pick(ports);
    f['source.port'] = 1024 + Math.floor(r() * 60000);
    if (r() < 0.95) f['event.action'] = pick(actions);
    const alert = r() < 0.12;
    f['event.kind'] = alert ? 'alert' : 'event';
    if (alert) {
      f['rule.name'] = pick(signatures);
      f['event.severity'] = 1 + Math.floor(r() * 5);
    }
    if (r() < 0.6) f['user.name'] = pick(users);
    if (r() < 0.35) f['url.original'] = pick(urls);
    f['event.category'] = alert ? ['network', 'intrusion_detection'] : ['network'];
    const related = [src, dst].filter((x): x is string => x !== undefined);
    if (related.length > 0) f['related.ip'] = related;
    if (r() < 0.8) f['source.geo.country_iso_code'] = pick(countries);
    if (r() < 0.85) f['network.bytes'] = Math.floor(r() * 10000);
    if (r() < 0.3) f['user.domain'] = pick(['corp', 'lab']);
    const phrase = pick(phrases);
    const raw = `<134>fw${tenant} action=${String(f['event.action'] ?? '-')} src=${src ?? '-'} dst=${dst ?? '-'} dport=${String(f['destination.port'] ?? '-')}${phrase}`;
    events.push({
      tenant,
      device: r() < 0.9 ? tenant * 10 + Math.floor(r() * 3) : null,
      seq: i,
      ts: T0 + i * STEP + Math.floor(r() * (STEP - 1)),
      raw,
      fields: f,
    });
  }
  return events;
}

const promotedNames = new Set(promotedColumns.map((c) => c.field));

function appendNullable(a: DuckDBAppender, v: Fields[string] | undefined, type: 'string' | 'integer'): void {
  if (v === undefined) a.appendNull();
  else if (type === 'integer') a.appendBigInt(BigInt(Number(v)));
  else a.appendVarchar(Array.isArray(v) ? JSON.stringify(v) : String(v));
}

export async function loadDuckDb(events: TestEvent[]): Promise<DuckDBConnection> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  await conn.run(duckdbEventTableDdl());
  const a = await conn.createAppender('events');
  for (const e of events) {
    a.appendInteger(e.tenant);
    if (e.device === null) a.appendNull();
    else a.appendInteger(e.device);
    a.appendBigInt(BigInt(e.tenant));
    a.appendInteger(e.seq);
    a.appendBigInt(BigInt(e.ts + 5));
    a.appendBigInt(BigInt(e.ts));
    a.appendVarchar(e.tenant % 2 === 0 ? 'fortigate' : 'cef');
    a.appendNull();
    a.appendVarchar(`198.51.100.${e.tenant}`);
    a.appendVarchar(e.raw);
    a.appendNull();
    // As the server stores them: promoted fields only in their columns, the rest in doc.
    a.appendVarchar(JSON.stringify(Object.fromEntries(Object.entries(e.fields).filter(([k]) => !promotedNames.has(k)))));
    for (const c of promotedColumns) appendNullable(a, e.fields[c.field], c.type);
    for (const field of Object.keys(ipNumberColumns)) {
      const v = e.fields[field];
      const n = typeof v === 'string' ? ipToNumber(v) : undefined;
      if (n === undefined) a.appendNull();
      else a.appendUHugeInt(n);
    }
    a.endRow();
  }
  a.flushSync();
  a.closeSync();
  return conn;
}

export type Row = Record<string, unknown>;


/** Runs compiled SQL; bigints become numbers (the test data stays far below 2^53). */
export async function runRows(conn: DuckDBConnection, sql: string, params: Array<string | number>): Promise<Row[]> {
  const reader = await conn.runAndReadAll(sql, params);
  return reader.getRowObjectsJS().map((row) => {
    const out: Row = {};
    for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
    return out;
  });
}
