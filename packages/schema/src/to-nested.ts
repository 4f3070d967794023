/**
 * Flat ECS map → ECS-shaped nested document, for export. A key that is both a leaf and a prefix of another
 * key (rare: `process.name` next to `process.name.text`) keeps the leaf under its full dotted name.
 */
import type { EventFields, FieldValue } from './event.ts';

export type NestedValue = FieldValue | NestedDocument;
export interface NestedDocument {
  [key: string]: NestedValue;
}

export function toNested(fields: EventFields): NestedDocument {
  const root: NestedDocument = {};
  for (const key of Object.keys(fields)) {
    const value = fields[key];
    if (value === undefined) continue;
    // `@timestamp` and keys without dots stay top-level.
    if (!key.includes('.')) {
      setOwn(root, key, value);
      continue;
    }
    const parts = key.split('.');
    let node = root;
    let ok = true;
    for (let i = 0; i < parts.length - 1; i++) {
      const p = parts[i]!;
      const next = Object.hasOwn(node, p) ? node[p] : undefined;
      if (next === undefined) {
        const child: NestedDocument = {};
        setOwn(node, p, child);
        node = child;
      } else if (typeof next === 'object' && !Array.isArray(next)) {
        node = next;
      } else {
        ok = false;
        break;
      }
    }
    const leaf = parts[parts.length - 1]!;
    if (ok && !Object.hasOwn(node, leaf)) setOwn(node, leaf, value);
    else setOwn(root, key, value);
  }
  return root;
}

/** defineProperty so that a key named `__proto__` is data, never a prototype change. */
function setOwn(o: NestedDocument, k: string, v: NestedValue): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}
