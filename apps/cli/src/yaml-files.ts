import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** `.yml` / `.yaml` files under a directory (recursively, sorted), or the one file given. */
export function yamlFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.ya?ml$/i.test(name)) out.push(full);
    }
  };
  walk(path);
  return out;
}
