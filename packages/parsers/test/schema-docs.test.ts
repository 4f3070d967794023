import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fieldCatalogue, findField, renderSchemaDocs } from '@mamori/schema';
import { parseLine, formatExamples } from '../src/index.ts';
import { fieldUsage } from './field-usage.ts';
import { schemaDocPaths } from './gen-schema-docs.ts';
import { hasCorpus } from './corpus-path.ts';
import { readWazuhLines } from './wazuh-corpus.ts';
import { join } from 'node:path';
import { deviceDocDirs, renderDeviceIndex, renderDevicePage } from './gen-device-docs.ts';
import { deviceGuides } from './device-guides.ts';

describe('schema docs', () => {
  it('are up to date (regenerate: node --import tsx packages/parsers/test/gen-schema-docs.ts)', () => {
    const usage = fieldUsage();
    expect(readFileSync(schemaDocPaths.en, 'utf8')).toBe(renderSchemaDocs('en', usage));
    expect(readFileSync(schemaDocPaths.ja, 'utf8')).toBe(renderSchemaDocs('ja', usage));
  });

  it('list every catalogue name once, with both languages', () => {
    const names = fieldCatalogue.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const f of fieldCatalogue) {
      expect(f.en.length, f.name).toBeGreaterThan(3);
      expect(f.ja.length, f.name).toBeGreaterThan(1);
    }
  });

  it('document every field a parser writes (examples and the Wazuh corpus)', () => {
    const ctx = { receivedAt: Date.UTC(2026, 0, 15), timezone: 'UTC' };
    const lines = [...Object.entries(formatExamples).filter(([f]) => f !== 'json').flatMap(([, l]) => l)];
    if (hasCorpus) lines.push(...readWazuhLines().map((l) => l.line));
    const missing = new Set<string>();
    for (const line of lines) {
      const r = parseLine('auto', line, ctx);
      if (r.format === 'json' || r.format === 'unknown') continue;
      for (const k of Object.keys(r.fields)) if (findField(k) === undefined) missing.add(`${r.format}: ${k}`);
    }
    expect([...missing].sort()).toEqual([]);
  });
});

describe('device docs', () => {
  it('are up to date (regenerate: node --import tsx packages/parsers/test/gen-device-docs.ts)', () => {
    for (const lang of ['en', 'ja'] as const) {
      expect(readFileSync(join(deviceDocDirs[lang], 'README.md'), 'utf8')).toBe(renderDeviceIndex(lang));
      for (const g of deviceGuides) expect(readFileSync(join(deviceDocDirs[lang], `${g.id}.md`), 'utf8'), g.id).toBe(renderDevicePage(g, lang));
    }
  });
});
