/**
 * Retry your mistakes: the questions a student got wrong and has not got right since (their
 * latest answer to each is wrong), from practice, the diagnostic and full-length tests, newest
 * miss first. A retry is a practice set of exactly those questions, served one at a time in
 * that order; answering one right takes it off the list.
 */
import { desc, eq } from 'drizzle-orm';
import type { Actor } from '../accounts/access.ts';
import { SKILLS, skill as skillInfo, type SectionId, type SkillId } from '../content/taxonomy.ts';
import type { Db } from '../db/client.ts';
import { responses } from '../db/schema/index.ts';
import { conflict, forbidden } from '../lib/errors.ts';
import { getBank } from './bank.ts';
import { startSession } from './sessions.ts';

export interface MistakeFilter {
  section?: SectionId;
  skill?: SkillId;
}

interface Missed {
  questionId: string;
  skill: SkillId;
  missedAt: Date;
}

/** The student's open mistakes that are still in the bank, newest first, narrowed by `filter`. */
export async function openMistakes(db: Db, userId: string, filter: MistakeFilter = {}): Promise<Missed[]> {
  const latest = await db
    .selectDistinctOn([responses.questionId], { questionId: responses.questionId, correct: responses.correct, at: responses.createdAt })
    .from(responses)
    .where(eq(responses.userId, userId))
    .orderBy(responses.questionId, desc(responses.createdAt), desc(responses.id));
  const bank = await getBank(db);
  const out: Missed[] = [];
  for (const r of latest) {
    if (r.correct) continue;
    const item = bank.items.get(r.questionId);
    if (!item) continue; // retired since
    if (filter.skill && item.skill !== filter.skill) continue;
    if (filter.section && skillInfo(item.skill).section !== filter.section) continue;
    out.push({ questionId: r.questionId, skill: item.skill, missedAt: r.at });
  }
  // Newest miss first; the id breaks ties so the order does not depend on the scan.
  return out.sort((a, b) => b.missedAt.getTime() - a.missedAt.getTime() || a.questionId.localeCompare(b.questionId));
}

function studentOnly(actor: Actor) {
  if (actor.role !== 'student') throw forbidden('only students retry their own mistakes');
}

/** How many open mistakes the student has, per section and per skill (skills in taxonomy order, only those with any). */
export async function mistakesSummary(db: Db, actor: Actor, filter: MistakeFilter = {}) {
  studentOnly(actor);
  const missed = await openMistakes(db, actor.userId, filter);
  const bySkill = new Map<SkillId, number>();
  for (const m of missed) bySkill.set(m.skill, (bySkill.get(m.skill) ?? 0) + 1);
  const bySection = { rw: 0, math: 0 } as Record<SectionId, number>;
  for (const [id, n] of bySkill) bySection[skillInfo(id).section] += n;
  return {
    total: missed.length,
    bySection,
    bySkill: SKILLS.filter((s) => bySkill.has(s.id)).map((s) => ({ skill: s.id, count: bySkill.get(s.id)! })),
  };
}

/** A practice set of up to `count` open mistakes, newest miss first; 409 when there is none to retry. */
export async function startMistakesRetry(db: Db, actor: Actor, filter: MistakeFilter, count: number) {
  studentOnly(actor);
  const pack = (await openMistakes(db, actor.userId, filter)).slice(0, count);
  if (pack.length === 0) throw conflict('no missed questions to retry here: every question you got wrong has been answered right since, or there are none yet');
  const skills = [...new Set(pack.map((m) => m.skill))];
  return startSession(db, actor, 'practice', { by: 'skill', areas: skills }, pack.length, filter.section ?? null, {
    pack: pack.map((m) => m.questionId),
    ordered: true,
  });
}
