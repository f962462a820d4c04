/**
 * Build the web app (web/ → dist/web) with vite. `--if-stale` builds only when a source
 * is newer than the last build, so `npm start` pays for a build once, not on every start.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { WEB_DIST_DIR } from '../src/api/plugins/web.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONFIG = path.join(ROOT, 'web', 'vite.config.ts');
/** Everything the bundle is made from: the app, the shared taxonomy, and the installed packages. */
const INPUTS = ['web/src', 'web/index.html', 'web/vite.config.ts', 'src/content/taxonomy.ts', 'package-lock.json'];

function newest(p: string): number {
  let info;
  try {
    info = statSync(p);
  } catch {
    return 0;
  }
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(p).map((name) => newest(path.join(p, name))));
}

export function webBuildIsStale(): boolean {
  const built = newest(path.join(WEB_DIST_DIR, 'index.html'));
  return built === 0 || INPUTS.some((p) => newest(path.join(ROOT, p)) > built);
}

export async function buildWeb(opts: { ifStale?: boolean } = {}): Promise<{ built: boolean; ms: number }> {
  const t0 = Date.now();
  if (opts.ifStale && !webBuildIsStale()) return { built: false, ms: 0 };
  const { build } = await import('vite');
  // Vite takes NODE_ENV from the environment; the test runner's `test` would change the bundle.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: CONFIG, logLevel: 'warn', mode: 'production' });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  return { built: true, ms: Date.now() - t0 };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  buildWeb({ ifStale }).then(
    (r) => console.error(r.built ? `web app built into ${path.relative(ROOT, WEB_DIST_DIR)} in ${r.ms} ms` : 'web app is up to date'),
    (err: Error) => {
      console.error(`web build failed: ${err.message}`);
      process.exit(1);
    },
  );
}
