/**
 * Conformance report on the Wazuh corpus: `node --import tsx packages/parsers/test/wazuh-report.ts [--failures]`.
 * Prints, per expected format, how many lines auto-detection sent to that format and parsed without error.
 */
import { parseLine } from '../src/index.ts';
import { expectedFormat, readWazuhLines } from './wazuh-corpus.ts';

export interface FormatCount { total: number; passed: number; failures: string[] }

export function conformance(): Map<string, FormatCount> {
  const ctx = { receivedAt: Date.UTC(2026, 0, 15), timezone: 'UTC' };
  const counts = new Map<string, FormatCount>();
  for (const l of readWazuhLines()) {
    const want = expectedFormat(l);
    if (want === undefined) continue;
    const c = counts.get(want) ?? { total: 0, passed: 0, failures: [] };
    counts.set(want, c);
    c.total++;
    const r = parseLine('auto', l.line, ctx);
    if (r.format === want && r.error === undefined) c.passed++;
    else c.failures.push(`${l.file} [${l.section}] got ${r.format}${r.error === undefined ? '' : ` (${r.error})`}: ${l.line.slice(0, 160)}`);
  }
  return counts;
}

if (process.argv[1]?.endsWith('wazuh-report.ts')) {
  const showFailures = process.argv.includes('--failures');
  let total = 0;
  let passed = 0;
  for (const [format, c] of [...conformance()].sort()) {
    console.log(`${format.padEnd(14)} ${c.passed}/${c.total}`);
    total += c.total;
    passed += c.passed;
    if (showFailures) for (const f of c.failures) console.log(`   ${f}`);
  }
  console.log(`${'all'.padEnd(14)} ${passed}/${total}`);
}
