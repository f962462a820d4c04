/**
 * The item bank in memory, loaded once from the database per process: the full items
 * (for grading, help and review) and the engine's column pool (for selection). Reloaded
 * when the stored bank changes size (a content build ran).
 */
import { sql } from 'drizzle-orm';
import { Counter } from 'prom-client';
import { buildPool, type ItemPool } from '../assess/select.ts';
import { toAssessItem } from '../assess/types.ts';
import type { Item } from '../content/item.ts';
import { rowToItem } from '../content/store.ts';
import type { Db } from '../db/client.ts';
import { questions } from '../db/schema/index.ts';
import { notFound } from '../lib/errors.ts';
import { processRegistry } from '../lib/metrics.ts';

export interface LoadedBank {
  items: ReadonlyMap<string, Item>;
  pool: ItemPool;
  size: number;
}

const loaded = new WeakMap<object, { bank: Promise<LoadedBank>; checkedAt: number }>();

/**
 * The cache key of a database. A transaction is a new object each time, but Drizzle gives it
 * its database's dialect (one per database), so work inside a transaction (a /sync finish, a
 * review) finds the bank its database already holds instead of reading every item again
 * while it holds a connection — on the embedded database, the only one.
 */
const cacheKey = (db: Db): object => (db as unknown as { dialect?: object }).dialect ?? db;

const loads = new Counter({
  name: 'satprep_item_bank_loads_total',
  help: 'Times the whole item bank was read from the database (at start, after a content build; more means the cache is missed)',
  registers: [processRegistry],
});

/** How often a process re-counts the stored bank to notice a content build by another process. */
const RECHECK_MS = 30_000;

const servable = sql`${questions.status} <> 'retired'`;

async function load(db: Db): Promise<LoadedBank> {
  loads.inc();
  const rows = await db.select().from(questions).where(servable);
  const items = rows.map(rowToItem);
  return { items: new Map(items.map((i) => [i.id, i])), pool: buildPool(items.map(toAssessItem)), size: items.length };
}

export async function getBank(db: Db): Promise<LoadedBank> {
  const key = cacheKey(db);
  const entry = loaded.get(key);
  if (entry) {
    const bank = await entry.bank;
    if (Date.now() - entry.checkedAt < RECHECK_MS && bank.size > 0) return bank;
    // The same rows as `load` counts, or a bank with retired items would be reloaded at every check.
    const [{ n }] = await db.select({ n: sql<number>`count(*)::int` }).from(questions).where(servable);
    if (n === bank.size) {
      entry.checkedAt = Date.now();
      return bank;
    }
  }
  const bank = load(db);
  loaded.set(key, { bank, checkedAt: Date.now() });
  bank.catch(() => loaded.delete(key));
  return bank;
}

export function itemOrThrow(bank: LoadedBank, id: string): Item {
  const item = bank.items.get(id);
  if (!item) throw notFound(`no question ${id}`);
  return item;
}

/** What a student sees of a question: no key, no rationale, no parameters. */
export function publicQuestion(item: Item) {
  return {
    id: item.id,
    section: item.section,
    domain: item.domain,
    skill: item.skill,
    type: item.type,
    difficulty: item.difficulty,
    stem: item.stem,
    passage: item.passage ?? null,
    options: item.options ?? null,
  };
}
export type PublicQuestion = ReturnType<typeof publicQuestion>;
