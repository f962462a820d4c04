/**
 * The bank and lessons in the database: idempotent writes (same seed → no changes) and
 * re-verification of every stored item with its generator's independent verifier.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { lessons, questions } from '../db/schema/index.ts';
import { itemSchema, type Item, type SkillGenerator, type VerifyResult } from './item.ts';
import { generatorFor } from './items/index.ts';
import { contentHash } from './items/build.ts';
import type { SkillId } from './taxonomy.ts';

type QuestionRow = typeof questions.$inferInsert;

export function itemToRow(it: Item): QuestionRow {
  return {
    id: it.id,
    section: it.section,
    domain: it.domain,
    skill: it.skill,
    type: it.type,
    difficulty: it.difficulty,
    stem: it.stem,
    passage: it.passage ?? null,
    options: it.options ?? null,
    answer: it.answer,
    acceptedAnswers: it.acceptedAnswers ?? null,
    rationale: it.rationale,
    distractorReasons: it.distractorReasons ?? null,
    irtA: it.irt.a,
    irtB: it.irt.b,
    irtC: it.irt.c,
    spec: it.spec,
    origin: 'generated',
    generatorId: it.generatorId,
    family: it.family,
    seed: it.seed,
    contentHash: contentHash(it.stem, it.passage, it.options),
  };
}

export function rowToItem(r: typeof questions.$inferSelect): Item {
  return itemSchema.parse(withoutUndefined({
    id: r.id,
    section: r.section,
    domain: r.domain,
    skill: r.skill,
    type: r.type,
    difficulty: r.difficulty,
    family: r.family ?? 'unknown',
    stem: r.stem,
    passage: r.passage ?? undefined,
    options: r.options ?? undefined,
    answer: r.answer,
    acceptedAnswers: r.acceptedAnswers ?? undefined,
    rationale: r.rationale,
    distractorReasons: r.distractorReasons ?? undefined,
    irt: { a: r.irtA, b: r.irtB, c: r.irtC },
    spec: r.spec,
    generatorId: r.generatorId ?? 'unknown',
    seed: r.seed ?? '',
  }));
}

const withoutUndefined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

/** Insert items that are not stored yet (by id); existing rows are left untouched. Returns how many were new. */
export async function writeItems(db: Db, items: readonly Item[], batch = 250): Promise<number> {
  let inserted = 0;
  await db.transaction(async (tx) => {
    for (let i = 0; i < items.length; i += batch) {
      const rows = items.slice(i, i + batch).map(itemToRow);
      const res = await tx.insert(questions).values(rows).onConflictDoNothing().returning({ id: questions.id });
      inserted += res.length;
    }
  });
  return inserted;
}

export interface LessonRow {
  id: string;
  skill: string;
  title: string;
  body: string;
  minutes: number;
  videoUrl: string | null;
}

/** Upsert lessons by id (a lesson edited in the repo replaces the stored text). */
export async function writeLessons(db: Db, rows: readonly LessonRow[]): Promise<number> {
  if (rows.length === 0) return 0;
  await db
    .insert(lessons)
    .values([...rows])
    .onConflictDoUpdate({
      target: lessons.id,
      set: {
        title: sql`excluded.title`,
        body: sql`excluded.body`,
        minutes: sql`excluded.minutes`,
        videoUrl: sql`excluded.video_url`,
        skill: sql`excluded.skill`,
      },
    });
  return rows.length;
}

export async function countItems(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(questions);
  return row.n;
}

export interface CheckReport {
  checked: number;
  failed: { id: string; reason: string }[];
  /** skill → difficulty → type → count */
  counts: Record<string, Record<string, Record<string, number>>>;
}

/** Re-verify every stored item (or those of one skill) with its generator's verifier. */
export async function checkStoredItems(
  db: Db,
  opts: { skill?: SkillId; onProgress?: (n: number) => void; generators?: readonly SkillGenerator[] } = {},
): Promise<CheckReport> {
  const verifierOf = (s: SkillId) => (opts.generators ? opts.generators.find((g) => g.skill === s) : generatorFor(s));
  const rows = await (opts.skill ? db.select().from(questions).where(eq(questions.skill, opts.skill)) : db.select().from(questions));
  const report: CheckReport = { checked: 0, failed: [], counts: {} };
  for (const r of rows) {
    let result: VerifyResult;
    try {
      const item = rowToItem(r);
      const gen = verifierOf(item.skill);
      result = gen ? gen.verify(item) : { ok: false, reason: `no verifier for skill ${item.skill}` };
    } catch (err) {
      result = { ok: false, reason: `unreadable row: ${(err as Error).message}` };
    }
    report.checked++;
    if (!result.ok) report.failed.push({ id: r.id, reason: result.reason ?? 'failed' });
    const d = ((report.counts[r.skill] ??= {})[r.difficulty] ??= {});
    d[r.type] = (d[r.type] ?? 0) + 1;
    opts.onProgress?.(report.checked);
  }
  return report;
}
