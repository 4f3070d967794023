/**
 * Renders the field catalogue as Markdown (docs/schema.md, docs/ja/schema.md). Pure: the caller passes
 * which parsers fill each field, measured by running the parsers (packages/parsers/test/field-usage.ts).
 */
import { fieldCatalogue } from './field-catalogue.ts';
import type { FieldDefinition } from './field-types.ts';

export type DocLanguage = 'en' | 'ja';

const TEXT = {
  en: {
    title: '# Normalised event schema',
    intro: [
      'Every event Mamori stores is a flat map of [ECS](https://www.elastic.co/guide/en/ecs/current/index.html) field names to values',
      '(`source.ip`, not `source: {ip}`); exports and `mamori parse` give the nested ECS document. Besides these fields each',
      'event keeps its tenant, device, receive time and the raw line byte for byte (see `systemColumns` in `packages/schema`).',
      '',
      'Conventions: a firewall verdict is `event.type` `allowed`/`denied`, while `event.outcome` says whether the event itself',
      'succeeded (a failed login is `failure`); `event.severity` uses a 0–10 scale where higher is worse; times without a zone are',
      'read in the device\'s configured time zone (`event.timezone`). Fields ending in `*` are families of vendor keys kept',
      'under their original names.',
      '',
      'Generated from `packages/schema/src/field-catalogue*.ts` by `node --import tsx packages/parsers/test/gen-schema-docs.ts`; do not edit by hand.',
    ],
    head: '| field | type | meaning | filled by |',
    pipeline: 'ingest pipeline',
    none: '—',
    sections: { network: '## Event, network, observer, rule', host: '## User, host, process, Windows, web, DNS, file, syslog, vendor keys' },
  },
  ja: {
    title: '# 正規化イベントのスキーマ',
    intro: [
      'Mamori が保存するイベントは、[ECS](https://www.elastic.co/guide/en/ecs/current/index.html) のフィールド名（`source.ip` など）をキーとするフラットなマップです。',
      'エクスポートと `mamori parse` はネストした ECS ドキュメントを出力します。各イベントはこれらのフィールドのほかに、テナント、デバイス、',
      '受信時刻、生ログ（バイト単位でそのまま）を保持します（`packages/schema` の `systemColumns` を参照）。',
      '',
      '約束事: ファイアウォールの許可/拒否は `event.type` の `allowed` / `denied` で表し、`event.outcome` はイベント自体の成否を表します',
      '（ログイン失敗は `failure`）。`event.severity` は 0〜10 で大きいほど深刻です。タイムゾーンのない時刻はデバイスに設定したタイムゾーン',
      '（`event.timezone`）で解釈します。名前が `*` で終わるフィールドは、ベンダー固有キーを元の名前のまま格納するものです。',
      '',
      '`packages/schema/src/field-catalogue*.ts` から `node --import tsx packages/parsers/test/gen-schema-docs.ts` で生成しています。手で編集しないでください。',
    ],
    head: '| フィールド | 型 | 意味 | 設定するパーサー |',
    pipeline: '取り込みパイプライン',
    none: '—',
    sections: { network: '## イベント、ネットワーク、観測機器、ルール', host: '## ユーザー、ホスト、プロセス、Windows、Web、DNS、ファイル、syslog、ベンダーキー' },
  },
} as const;

function escapeCell(s: string): string {
  return s.replaceAll('|', '\\|');
}

function row(f: FieldDefinition, lang: DocLanguage, usage: ReadonlyMap<string, readonly string[]>): string {
  const t = TEXT[lang];
  const by = f.pipeline ? t.pipeline : (usage.get(f.name) ?? []).map((p) => `\`${p}\``).join(', ') || t.none;
  return `| \`${f.name}\` | ${f.type} | ${escapeCell(f[lang])} | ${by} |`;
}

export function renderSchemaDocs(lang: DocLanguage, usage: ReadonlyMap<string, readonly string[]>): string {
  const t = TEXT[lang];
  const split = fieldCatalogue.findIndex((f) => f.name === 'user.name');
  const parts = [t.title, '', ...t.intro, ''];
  for (const [heading, fields] of [[t.sections.network, fieldCatalogue.slice(0, split)], [t.sections.host, fieldCatalogue.slice(split)]] as const) {
    parts.push(heading, '', t.head, '|---|---|---|---|', ...fields.map((f) => row(f, lang, usage)), '');
  }
  return parts.join('\n');
}
