/**
 * Reader of preference candidates: a student's rated AI outputs grouped by their exact
 * prompt (the same request answered twice — a regeneration), only groups whose mean ratings
 * are at least `margin` stars apart. Students are read in pages; for each page one query
 * finds the rated outputs and their prompt hashes (through the outputs' user index and the
 * ratings' output index) and a second reads the full rows of the groups that qualify, so
 * memory holds one page of students' ratings, however many outputs there are.
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
    const rated = await rawRows<{ id: string; user_id: string; task: AiTaskName; h: string; s: number | string }>(db, sql`
      select o.id, o.user_id, o.task, md5(o.prompt) as h, avg(fr.stars)::float8 as s
      from ai_outputs o join feedback_ratings fr on fr.ai_output_id = o.id
      where o.user_id = any(${ids}::uuid[])
      group by o.id, o.user_id, o.task`);
    const groups = new Map<string, { ids: string[]; min: number; max: number }>();
    for (const r of rated) {
      const k = `${r.user_id}/${r.h}/${r.task}`;
      const g = groups.get(k) ?? { ids: [], min: Infinity, max: -Infinity };
      g.ids.push(r.id);
      g.min = Math.min(g.min, Number(r.s));
      g.max = Math.max(g.max, Number(r.s));
      groups.set(k, g);
    }
    const keep = [...groups].filter(([, g]) => g.ids.length >= 2 && g.max - g.min >= margin).sort(([a], [b]) => (a < b ? -1 : 1));
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
