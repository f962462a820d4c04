/**
 * Building the item bank: every skill generator, a balanced spread of difficulties, no
 * repeated stems, deterministic for a seed. Pure: returns items; writing them is store.ts.
 */
import { DIFFICULTIES } from '../db/enums.ts';
import { createRng } from '../lib/rng.ts';
import type { Item, SkillGenerator } from './item.ts';
import { generateVerified } from './items/build.ts';
import { GENERATORS } from './items/index.ts';
import { DEFAULT_PER_SKILL, DEFAULT_SEED } from './bank-defaults.ts';


export interface BuildOptions {
  seed?: string;
  perSkill?: number;
  generators?: readonly SkillGenerator[];
  /** Called after each skill with the number of items built so far. */
  onSkill?: (skill: string, built: number) => void;
}

/** Stems compared after collapsing whitespace and case: "the same stem" means the same words. */
const stemKey = (it: Item) => `${(it.passage ?? '').replace(/\s+/g, ' ').trim().toLowerCase()}|${it.stem.replace(/\s+/g, ' ').trim().toLowerCase()}`;

export function buildBank(opts: BuildOptions = {}): Item[] {
  const items: Item[] = [];
  for (const skillItems of buildBankBySkill(opts)) items.push(...skillItems);
  return items;
}

/** The same bank, one skill at a time, so an async caller can yield to the event loop between skills. */
export function* buildBankBySkill(opts: BuildOptions = {}): Generator<Item[]> {
  const seed = opts.seed ?? DEFAULT_SEED;
  const perSkill = opts.perSkill ?? DEFAULT_PER_SKILL;
  const generators = opts.generators ?? GENERATORS;
  const seenStems = new Set<string>();
  const seenIds = new Set<string>();
  let total = 0;
  for (const gen of generators) {
    const items: Item[] = [];
    let made = 0;
    // Draw until the quota is met with distinct stems; give up loudly rather than loop forever.
    for (let attempt = 0; made < perSkill; attempt++) {
      if (attempt > perSkill * 20) {
        throw new Error(`${gen.skill}: only ${made} distinct items after ${attempt} draws (wanted ${perSkill})`);
      }
      const difficulty = DIFFICULTIES[made % DIFFICULTIES.length];
      const item = generateVerified(gen, createRng(`${seed}/${gen.skill}/${attempt}`), difficulty);
      const key = stemKey(item);
      if (seenStems.has(key) || seenIds.has(item.id)) continue;
      seenStems.add(key);
      seenIds.add(item.id);
      items.push(item);
      made++;
    }
    total += items.length;
    opts.onSkill?.(gen.skill, total);
    yield items;
  }
}

/** One JSON object per line, keys in a fixed order: same items → same bytes. */
export function toJsonl(items: readonly Item[]): string {
  return items.map((it) => JSON.stringify(canonical(it))).join('\n') + (items.length ? '\n' : '');
}

const ITEM_KEYS = [
  'id', 'section', 'domain', 'skill', 'type', 'difficulty', 'family', 'stem', 'passage', 'options', 'answer',
  'acceptedAnswers', 'rationale', 'distractorReasons', 'irt', 'spec', 'generatorId', 'seed',
] as const;

function canonical(it: Item): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ITEM_KEYS) if (it[k] !== undefined) out[k] = sortKeys(it[k]);
  return out;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}

export interface BankStats {
  total: number;
  /** skill → difficulty → type → count */
  bySkill: Record<string, Record<string, Record<string, number>>>;
}

export function bankStats(items: readonly Item[]): BankStats {
  const bySkill: BankStats['bySkill'] = {};
  for (const it of items) {
    const d = ((bySkill[it.skill] ??= {})[it.difficulty] ??= {});
    d[it.type] = (d[it.type] ?? 0) + 1;
  }
  return { total: items.length, bySkill };
}
