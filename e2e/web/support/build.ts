import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const WEB_DIR = path.resolve(import.meta.dirname, '../../../apps/web');

function newest(dir: string): number {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/** Builds the console when dist/ is missing or older than its sources, so the tests always see the current code. */
export function ensureConsoleBuilt(): void {
  const index = path.join(WEB_DIR, 'dist/index.html');
  const sources = Math.max(newest(path.join(WEB_DIR, 'src')), statSync(path.join(WEB_DIR, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.resolve(WEB_DIR, '../../node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: WEB_DIR, stdio: 'inherit' });
}
