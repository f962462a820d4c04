/**
 * Reader of preference candidates: a student's rated AI outputs grouped by their exact
 * prompt (the same request answered twice — a regeneration), only groups whose mean ratings
 * are at least `margin` stars apart. Students are read in pages; for each page one query
 * groups the rated outputs by prompt hash in the database (through the outputs' user index
 * and the ratings' output index) and returns only the groups that qualify, and a second reads
 * their full rows, so memory holds one page's preference candidates, however many rated
 * outputs its students have.
 */
import { asc, gt, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../db/client.ts';
import type { AiTaskName } from '../db/enums.ts';
import { aiOutputs, users } from '../db/schema/index.ts';
import type { AiRow } from './read-db.ts';
import { anyUuid } from './sql-ids.ts';

const USERS_PER_PAGE = 500;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export interface PreferenceGroup {
  task: AiTaskName;
  rows: AiRow[];
}

export async function* readPreferenceGroups(db: Db, margin: number): AsyncIterable<PreferenceGroup> {
  let after = NIL_UUID;
  for (;;) {
    const page = await db.select({ id: users.id }).from(users).where(gt(users.id, after)).orderBy(asc(users.id)).limit(USERS_PER_PAGE);
    if (!page.length) return;
    after = page[page.length - 1].id;
    const ids = `{${page.map((u) => u.id).join(',')}}`;
    // Grouped in the database: only the groups that qualify come back, so a page's memory is
    // its preference candidates, not every rated output of its students.
    const qualifying = await rawRows<{ user_id: string; task: AiTaskName; h: string; ids: string[] }>(db, sql`
      select user_id, task, h, array_agg(id::text) as ids
      from (
        select o.id, o.user_id, o.task, md5(o.prompt) as h, avg(fr.stars)::float8 as s
        from ai_outputs o join feedback_ratings fr on fr.ai_output_id = o.id
        where o.user_id = any(${ids}::uuid[])
        group by o.id, o.user_id, o.task
      ) rated
      group by user_id, task, h
      having count(*) >= 2 and max(s) - min(s) >= ${margin}`);
    const keep = qualifying.map((g) => [`${g.user_id}/${g.h}/${g.task}`, g] as const).sort(([a], [b]) => (a < b ? -1 : 1));
    if (!keep.length) continue;
    const rows = await db
      .select({
        id: aiOutputs.id, task: aiOutputs.task, input: aiOutputs.input, prompt: aiOutputs.prompt, output: aiOutputs.output,
        userId: aiOutputs.userId, questionId: aiOutputs.questionId,
        rating: sql<string | null>`(select avg(fr.stars) from feedback_ratings fr where fr.ai_output_id = ai_outputs.id)`,
      })
      .from(aiOutputs)
      .where(anyUuid(aiOutputs.id, keep.flatMap(([, g]) => g.ids)));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const [, g] of keep) {
      const members = g.ids.map((id) => byId.get(id)!).sort((a, b) => (a.id < b.id ? -1 : 1));
      yield { task: members[0].task, rows: members };
    }
  }
}
