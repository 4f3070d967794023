import { describe, expect, it } from 'vitest';
import { formatExamples } from './examples.ts';
import { parseLine, parsers } from './index.ts';

const ctx = { receivedAt: Date.UTC(2026, 5, 15, 3, 0, 5), timezone: 'Asia/Tokyo' };

describe('format examples', () => {
  it('has examples for every parser', () => {
    for (const p of parsers) expect(formatExamples[p.name]?.length ?? 0, p.name).toBeGreaterThan(0);
  });

  it.each(Object.entries(formatExamples).flatMap(([f, lines]) => lines.map((l) => [f, l] as const)))('%s example parses cleanly and is auto-detected', (format, line) => {
    const named = parseLine(format, line, ctx);
    expect(named.error).toBeUndefined();
    const auto = parseLine('auto', line, ctx);
    expect(auto.format).toBe(format);
    expect(typeof auto.fields['@timestamp']).toBe('number');
  });
});
