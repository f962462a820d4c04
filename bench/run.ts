/**
 * `npm run bench -- NAME [args…]`: runs bench/NAME.ts or bench/NAME/index.ts.
 * `npm run bench` alone lists the benchmarks.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = path.dirname(new URL(import.meta.url).pathname);
const NOT_BENCHES = new Set(['run.ts', 'harness.ts']);

function list(): string[] {
  return readdirSync(dir)
    .filter((n) => !NOT_BENCHES.has(n))
    .filter((n) => (statSync(path.join(dir, n)).isDirectory() ? existsSync(path.join(dir, n, 'index.ts')) : n.endsWith('.ts')))
    .map((n) => n.replace(/\.ts$/, ''))
    .sort();
}

const name = process.argv[2];
if (!name) {
  console.log(`benchmarks: ${list().join(', ')}\nrun one with: npm run bench -- NAME`);
  process.exit(0);
}
const file = [path.join(dir, `${name}.ts`), path.join(dir, name, 'index.ts')].find(existsSync);
if (!file || NOT_BENCHES.has(path.basename(file))) {
  console.error(`no benchmark named ${JSON.stringify(name)}; available: ${list().join(', ')}`);
  process.exit(2);
}
process.argv.splice(2, 1);
console.log(`# bench ${name}  node ${process.version}  ${new Date().toISOString()}`);
await import(pathToFileURL(file).href);
