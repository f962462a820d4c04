/**
 * Help and usage errors load no heavy module: the defaults help shows live in small modules of
 * their owners (content/bank-defaults.ts, synth/mix.ts, model/eval/defaults.ts,
 * model/promote-criteria.ts, jobs/kind-names.ts), and one import of a heavy module in a command
 * definition would undo that unnoticed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const dir = mkdtempSync(path.join(tmpdir(), 'satprep-startup-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** The project's own modules that `satprep ARGS` loads, as paths under src/. */
function loadedModules(args: string[]): string[] {
  const hooks = path.join(dir, 'hooks.mjs');
  writeFileSync(hooks, `export async function load(url, context, next) {
  if (url.startsWith('file:') && !url.includes('/node_modules/')) process.stderr.write('LOADED ' + url + '\\n');
  return next(url, context);
}`);
  const register = path.join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(new URL(`file://${hooks}`).href)});`);
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--import', register, 'src/cli/main.ts', ...args], {
    encoding: 'utf8', timeout: 60_000, env: { ...process.env, DATA_DIR: path.join(dir, 'data') },
  });
  const root = new URL('../../src/', import.meta.url).href;
  return res.stderr.split('\n').filter((l) => l.startsWith('LOADED ')).map((l) => l.slice('LOADED '.length)).filter((u) => u.startsWith(root)).map((u) => u.slice(root.length));
}

test('help and a usage error load no database, generator, model or job module', () => {
  for (const args of [['--help'], ['dataset', 'build', '--name', 'x', '--mixed-from', 'abc']]) {
    const loaded = loadedModules(args);
    assert.ok(loaded.includes('cli/main.ts'), `the hook saw the CLI load: ${loaded.join(', ')}`);
    const heavy = loaded.filter((m) => /^(db|api|jobs\/(?!kind-names)|synth\/(?!mix\.ts)|sel\/(?!skills)|model\/(?!config|eval\/defaults|promote-criteria)|content\/(?!taxonomy|bank-defaults)|accounts|cache|config\.ts)|^cli\/context\.ts/.test(m));
    assert.deepEqual(heavy, [], `satprep ${args.join(' ')} loaded ${heavy.join(', ')}`);
  }
});
