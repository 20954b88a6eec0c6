/** Builds packages/web when dist is missing or older than its sources (the web app or core's catalogues). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const web = join(repo, 'packages/web');
export const WEB_DIST = join(web, 'dist');

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return readdirSync(path)
    .filter((name) => name !== 'node_modules' && name !== 'dist')
    .reduce((max, name) => Math.max(max, newest(join(path, name))), s.mtimeMs);
}

export default function setup(): void {
  const built = join(WEB_DIST, 'index.html');
  const sources = Math.max(
    newest(join(web, 'src')), newest(join(web, 'index.html')), newest(join(web, 'vite.config.ts')),
    newest(join(repo, 'packages/core/src')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  console.log('e2e: building packages/web …');
  const r = spawnSync('npx', ['vite', 'build'], { cwd: web, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}
