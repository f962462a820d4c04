/**
 * A new embedded database starts from a dump of an empty cluster rather than running initdb.
 * initdb inside PGlite's WebAssembly Postgres takes ~6 s on this machine (a new DATA_DIR's
 * first `serve`, every CLI test that starts one); loading the same empty cluster from a dump
 * takes ~1.4 s. The dump is made once per PGlite version — by `npm install` (postinstall,
 * scripts/pglite-template.ts) — from `new PGlite()`, i.e. exactly what initdb would produce,
 * and kept in node_modules/.cache, beside the PGlite it belongs to. Where it is missing (an
 * install with --ignore-scripts) a new cluster is simply made by initdb, as before.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { writeFileAtomic } from '../lib/atomic-file.ts';

/** PGlite's own folder (its package.json is not exported, so found upward from its entry point) and version. */
function pglitePackage(): { dir: string; version: string } {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (;;) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version: string };
      if (pkg.name === '@electric-sql/pglite') return { dir, version: pkg.version };
    }
    if (path.dirname(dir) === dir) throw new Error('cannot find the @electric-sql/pglite package folder');
    dir = path.dirname(dir);
  }
}
const pglite = pglitePackage();

/** Where this PGlite version's empty-cluster dump lives: node_modules/.cache/satprep/. */
export const TEMPLATE_FILE = path.join(pglite.dir, '..', '..', '.cache', 'satprep', `pglite-cluster-${pglite.version}.tar`);

/** Whether `dataDir` already holds a cluster (initdb writes PG_VERSION first thing). */
export const holdsCluster = (dataDir: string) => existsSync(path.join(dataDir, 'PG_VERSION'));

/** The empty-cluster dump for this PGlite version, or undefined when none has been made. */
export function clusterTemplate(file = TEMPLATE_FILE): Blob | undefined {
  return existsSync(file) ? new Blob([readFileSync(file)]) : undefined;
}

/** Makes the dump (initdb once, in memory) and writes it atomically; returns its size in bytes. */
export async function writeClusterTemplate(file = TEMPLATE_FILE): Promise<number> {
  const pg = new PGlite();
  await pg.waitReady;
  const dump = Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer());
  await pg.close();
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic(file, dump); // a reader never sees half a dump
  return dump.length;
}
