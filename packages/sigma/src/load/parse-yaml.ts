import { parseAllDocuments, type Tags } from 'yaml';

/**
 * Numbers stay as their source text: Sigma compares values as strings, and `GrantedAccess: 0x1fffff`
 * must stay "0x1fffff" rather than become 2097151. Numeric contexts (timespan, thresholds, lt/gt)
 * convert explicitly.
 */
function keepNumbersAsText(tags: Tags): Tags {
  return tags.map((tag) => {
    const t = tag as { tag?: string };
    if (typeof tag === 'object' && (t.tag === 'tag:yaml.org,2002:int' || t.tag === 'tag:yaml.org,2002:float')) {
      return { ...tag, resolve: (source: string) => source } as typeof tag;
    }
    return tag;
  });
}

export interface YamlDocument {
  index: number;
  value?: unknown;
  error?: string;
}

/** Every YAML document of a text (correlation files bundle several with `---`). */
export function parseYamlDocuments(text: string): YamlDocument[] {
  const docs = parseAllDocuments(text, { schema: 'core', customTags: keepNumbersAsText, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  return list.map((doc, index) => {
    if (doc.errors.length > 0) {
      return { index, error: `YAML syntax: ${doc.errors[0]?.message.split('\n')[0] ?? 'unreadable'}` };
    }
    return { index, value: doc.toJS({ maxAliasCount: 100 }) as unknown };
  });
}
