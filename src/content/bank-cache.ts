/**
 * The built bank, kept on disk between runs. Building the default 5,800 verified items takes
 * 0.7–2 s (measured here); tools that only read the bank (synth, simulate, benches) load the same items from
 * a JSON file instead. The file's name is a hash of everything the items are a function of —
 * the seed, the items per skill, the Node version (Math.* results) and the sources of
 * src/content, src/lib and the difficulty list — so a change to any of them is a new name and
 * a stale file is never read. A file that cannot be read or parsed is rebuilt.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFileAtomic } from '../lib/atomic-file.ts';
import { buildBank } from './bank.ts';
import { DEFAULT_PER_SKILL, DEFAULT_SEED } from './bank-defaults.ts';
import type { Item } from './item.ts';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** What the generators import: their own folder, the shared helpers and the difficulty list. */
const INPUTS = ['content', 'lib', 'db/enums.ts'];

/** Where cached banks live: $SATPREP_CACHE_DIR, else .data/cache under the project. */
export const defaultCacheDir = (): string => process.env.SATPREP_CACHE_DIR ?? path.resolve(SRC, '../.data/cache');

/** The cache folder of a configured DATA_DIR (the CLI and the synth job share it). */
export const bankCacheDir = (dataDir: string): string => path.resolve(dataDir, 'cache');

function hashSources(h: ReturnType<typeof createHash>, rel: string): void {
  const abs = path.join(SRC, rel);
  if (rel.endsWith('.ts')) {
    h.update(rel).update('\0').update(readFileSync(abs)).update('\0');
    return;
  }
  for (const e of readdirSync(abs, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory()) hashSources(h, `${rel}/${e.name}`);
    else if (e.name.endsWith('.ts')) hashSources(h, `${rel}/${e.name}`);
  }
}

/** Banks kept at most: every change to the generators is a new file, so old ones are removed. */
const KEEP = 4;

function prune(dir: string): void {
  const banks = readdirSync(dir).filter((f) => /^bank-[0-9a-f]{16}\.json$/.test(f))
    .map((f) => ({ f, t: statSync(path.join(dir, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of banks.slice(KEEP)) rmSync(path.join(dir, f), { force: true });
}

/** The cache key of a bank: seed, size, Node version and the generators' sources. */
export function bankKey(seed: string, perSkill: number): string {
  const h = createHash('sha256').update(JSON.stringify({ seed, perSkill, node: process.version })).update('\0');
  for (const rel of INPUTS) hashSources(h, rel);
  return h.digest('hex').slice(0, 16);
}

export interface CachedBank {
  items: Item[];
  /** 'cache' when read from the file, 'built' when built (and then written) here. */
  from: 'cache' | 'built';
  file: string;
}

/** `buildBank({ seed, perSkill })` with the default generators, read from the cache when it holds it. */
export function cachedBank(opts: { seed?: string; perSkill?: number; dir?: string } = {}): CachedBank {
  const seed = opts.seed ?? DEFAULT_SEED;
  const perSkill = opts.perSkill ?? DEFAULT_PER_SKILL;
  const dir = opts.dir ?? defaultCacheDir();
  const file = path.join(dir, `bank-${bankKey(seed, perSkill)}.json`);
  try {
    const items = JSON.parse(readFileSync(file, 'utf8')) as Item[];
    if (Array.isArray(items) && items.length > 0) return { items, from: 'cache', file };
  } catch {
    // Missing or unreadable: build it below.
  }
  const items = buildBank({ seed, perSkill });
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, JSON.stringify(items)); // a reader never sees half a file
    prune(dir);
  } catch {
    // A read-only or full disk costs the next run a rebuild, nothing else.
  }
  return { items, from: 'built', file };
}
