/** Writes docs/schema.md and docs/ja/schema.md: `node --import tsx packages/parsers/test/gen-schema-docs.ts`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderSchemaDocs } from '@mamori/schema';
import { fieldUsage } from './field-usage.ts';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const schemaDocPaths = { en: resolve(repoRoot, 'docs/schema.md'), ja: resolve(repoRoot, 'docs/ja/schema.md') } as const;

if (process.argv[1]?.endsWith('gen-schema-docs.ts')) {
  const usage = fieldUsage();
  for (const lang of ['en', 'ja'] as const) {
    mkdirSync(dirname(schemaDocPaths[lang]), { recursive: true });
    writeFileSync(schemaDocPaths[lang], renderSchemaDocs(lang, usage));
    console.log(`wrote ${schemaDocPaths[lang]}`);
  }
}
