/**
 * Calibrating the stored bank from stored answers: responses → a persons × items matrix →
 * MML/EM (assess/calibrate.ts) with the operational items anchored at their current
 * parameters (so the θ scale does not drift), pretest items estimated, fit reported, and
 * pretest items whose SE(b) is small enough graduated. Writes happen only with `apply`.
 */
import { eq, inArray } from 'drizzle-orm';
import { calibrate, graduates, type ItemCalibration } from '../assess/calibrate.ts';
import type { IrtParams } from '../assess/types.ts';
import type { Db } from '../db/client.ts';
import { questions, responses } from '../db/schema/index.ts';

export interface CalibrationReport {
  persons: number;
  itemsInMatrix: number;
  estimated: number;
  anchored: number;
  flagged: { id: string; rmsd: number; n: number }[];
  graduated: string[];
  iterations: number;
  converged: boolean;
  applied: boolean;
  items: (ItemCalibration & { id: string; status: string })[];
}

export interface CalibrateOptions {
  /** Items need at least this many answers to be estimated (default 30). */
  minResponses?: number;
  /** Re-estimate operational items too (the scale is then set by the N(0,1) population prior). */
  all?: boolean;
  apply?: boolean;
  maxSeB?: number;
}

export async function calibrateBank(db: Db, opts: CalibrateOptions = {}): Promise<CalibrationReport> {
  const minN = opts.minResponses ?? 30;
  const rows = await db.select({ user: responses.userId, q: responses.questionId, correct: responses.correct }).from(responses);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.q, (counts.get(r.q) ?? 0) + 1);
  const itemIds = [...counts.keys()].filter((id) => (counts.get(id) ?? 0) >= minN).sort();
  const empty: CalibrationReport = { persons: 0, itemsInMatrix: 0, estimated: 0, anchored: 0, flagged: [], graduated: [], iterations: 0, converged: true, applied: false, items: [] };
  if (itemIds.length === 0) return empty;

  const stored = await db.select().from(questions).where(inArray(questions.id, itemIds));
  const byId = new Map(stored.map((q) => [q.id, q]));
  const col = new Map(itemIds.map((id, j) => [id, j]));
  const persons = [...new Set(rows.filter((r) => col.has(r.q)).map((r) => r.user))];
  const row = new Map(persons.map((p, i) => [p, i]));
  const data = new Int8Array(persons.length * itemIds.length).fill(-1);
  for (const r of rows) {
    const j = col.get(r.q);
    if (j !== undefined) data[row.get(r.user)! * itemIds.length + j] = r.correct ? 1 : 0;
  }
  const anchors = new Map<number, IrtParams>();
  if (!opts.all) {
    itemIds.forEach((id, j) => {
      const q = byId.get(id)!;
      if (q.status === 'operational') anchors.set(j, { a: q.irtA, b: q.irtB, c: q.irtC });
    });
  }
  const result = calibrate({ persons: persons.length, items: itemIds.length, data }, { model: '3pl', anchors });
  const items = result.items.map((it, j) => ({ ...it, id: itemIds[j], status: byId.get(itemIds[j])!.status }));
  const graduated = items.filter((it) => it.status === 'pretest' && graduates(it, opts.maxSeB)).map((it) => it.id);

  if (opts.apply) {
    await db.transaction(async (tx) => {
      for (const it of items) {
        if (it.anchored) continue;
        await tx
          .update(questions)
          .set({ irtA: it.a, irtB: it.b, irtC: it.c, irtSeB: it.seB, ...(graduated.includes(it.id) ? { status: 'operational' as const } : {}) })
          .where(eq(questions.id, it.id));
      }
    });
  }
  return {
    persons: persons.length,
    itemsInMatrix: itemIds.length,
    estimated: items.filter((i) => !i.anchored).length,
    anchored: items.filter((i) => i.anchored).length,
    flagged: items.filter((i) => i.flagged).map((i) => ({ id: i.id, rmsd: i.rmsd, n: i.n })),
    graduated,
    iterations: result.iterations,
    converged: result.converged,
    applied: Boolean(opts.apply),
    items,
  };
}
