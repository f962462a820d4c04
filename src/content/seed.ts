/**
 * First-start content: when the database holds no items, build the default bank and
 * store it with the lessons. Later starts find the items and only refresh lessons.
 */
import type { Db } from '../db/client.ts';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { buildBankBySkill } from './bank.ts';
import { DEFAULT_PER_SKILL, DEFAULT_SEED } from './bank-defaults.ts';
import type { Item } from './item.ts';
import { loadLessons } from './lessons/index.ts';
import { countItems, writeItems, writeLessons } from './store.ts';

export interface SeedResult {
  itemsInserted: number;
  lessons: number;
  skipped: boolean;
}

export async function seedContent(
  db: Db,
  opts: { seed?: string; perSkill?: number; signal?: AbortSignal; onSkill?: (skill: string, built: number) => void } = {},
): Promise<SeedResult> {
  const lessons = await writeLessons(db, loadLessons());
  if ((await countItems(db)) > 0) return { itemsInserted: 0, lessons, skipped: true };
  const items: Item[] = [];
  const steps = buildBankBySkill({ seed: opts.seed ?? DEFAULT_SEED, perSkill: opts.perSkill ?? DEFAULT_PER_SKILL, onSkill: opts.onSkill });
  for (const skillItems of steps) {
    items.push(...skillItems);
    // Building is CPU work: let requests (and /health) through between skills.
    await yieldToLoop();
    opts.signal?.throwIfAborted();
  }
  return { itemsInserted: await writeItems(db, items), lessons, skipped: false };
}
