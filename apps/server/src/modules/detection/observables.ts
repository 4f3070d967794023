/** The source and target observables of an event: what alert grouping and analysts key on. */
type Fields = Readonly<Record<string, unknown>>;

const SOURCE_FIELDS = ['source.ip', 'client.ip', 'source.user.name', 'source.domain'];
const TARGET_FIELDS = ['destination.ip', 'server.ip', 'destination.domain', 'url.domain', 'host.name', 'user.name'];

function first(fields: Fields, keys: readonly string[]): string {
  for (const k of keys) {
    const v = fields[k];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
  }
  return '';
}

export function sourceOf(fields: Fields): string {
  return first(fields, SOURCE_FIELDS);
}

export function targetOf(fields: Fields): string {
  return first(fields, TARGET_FIELDS);
}

/**
 * A correlation's group-by values as observables: source-side fields (src_ip, source.*, client.*) make the
 * source, every other field the target, joined with "," in group-by order.
 */
export function observablesOfGroup(group: Readonly<Record<string, string>>): { source: string; target: string } {
  const source: string[] = [];
  const target: string[] = [];
  for (const [field, value] of Object.entries(group)) {
    if (value === '') continue;
    const f = field.toLowerCase();
    if (f.startsWith('src') || f.startsWith('source') || f.startsWith('client') || f === 'c-ip') source.push(value);
    else target.push(value);
  }
  return { source: source.join(','), target: target.join(',') };
}
