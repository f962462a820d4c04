/**
 * What the student did after a `plan_adjust` suggestion, for the outcome fields of its pair:
 * the decision (plan_suggestions), the plan tasks completed and skipped in the window after
 * it (plan_actions on the plan it was about and the version it produced), and the change in
 * θ and mastery on the skills the advice named (proficiency_history: the last value in the
 * window minus the last one before). Two set-wise queries per page of suggestions, each
 * served by an index (plan_actions by plan, proficiency_history by user, skill and time).
 * A page's suggestions go to the server as one JSON parameter (`jsonb_to_recordset`), not
 * as a VALUES list of seven parameters a row: 14,000 bind parameters took the server longer
 * to parse and plan than the queries took to run.
 */
import { sql } from 'drizzle-orm';
import { rawRows, type Db } from '../db/client.ts';
import { planSuggestions } from '../db/schema/index.ts';
import { anyUuid } from './sql-ids.ts';
import type { PlanOutcome } from './types.ts';

/** Days after the advice (or after the decision) that count as "what happened next". */
export const OUTCOME_WINDOW_DAYS = 7;
const DAY_MS = 86_400_000;

interface Row { sid: string; aid: string; uid: string; p1: string; p2: string | null; t0: Date; t1: Date; skills: string; status: PlanOutcome['decision']; hours: number | null }

const iso = (d: Date) => d.toISOString();

/** Outcomes keyed by ai_outputs id, for the plan_adjust outputs among `aiOutputIds`. */
export async function planOutcomes(db: Db, aiOutputIds: readonly string[], windowDays = OUTCOME_WINDOW_DAYS): Promise<Map<string, PlanOutcome>> {
  const out = new Map<string, PlanOutcome>();
  if (!aiOutputIds.length) return out;
  const sugg = await db.select().from(planSuggestions).where(anyUuid(planSuggestions.aiOutputId, aiOutputIds));
  if (!sugg.length) return out;
  // One suggestion per advice (the first); a retried request could in principle store two.
  const seen = new Set<string>();
  const rows: Row[] = sugg
    .sort((a, b) => (a.createdAt.getTime() - b.createdAt.getTime()) || (a.id < b.id ? -1 : 1))
    .filter((s) => !seen.has(s.aiOutputId!) && seen.add(s.aiOutputId!))
    .map((s) => {
      const t0 = s.resolvedAt ?? s.createdAt;
      const ops = ((s.changes as { ops?: { skill?: string }[] }).ops ?? []).flatMap((o) => (o.skill ? [o.skill] : []));
      return {
        sid: s.id, aid: s.aiOutputId!, uid: s.userId, p1: s.planId, p2: s.appliedPlanId, t0, t1: new Date(t0.getTime() + windowDays * DAY_MS),
        skills: [...new Set(ops)].join(','), status: s.status, hours: s.resolvedAt ? (s.resolvedAt.getTime() - s.createdAt.getTime()) / 3_600_000 : null,
      };
    });
  const page = JSON.stringify(rows.map((r) => ({ sid: r.sid, uid: r.uid, p1: r.p1, p2: r.p2, t0: iso(r.t0), t1: iso(r.t1), skills: r.skills })));
  const values = sql`select * from jsonb_to_recordset(${page}::jsonb) as x(sid uuid, uid uuid, p1 uuid, p2 uuid, t0 timestamptz, t1 timestamptz, skills text)`;
  const actions = await rawRows<{ sid: string; completed: string; skipped: string; completed_on: string; skipped_on: string }>(db, sql`
    with s as (${values})
    select s.sid,
      count(a.id) filter (where a.action = 'completed') as completed,
      count(a.id) filter (where a.action = 'skipped') as skipped,
      count(a.id) filter (where a.action = 'completed' and regexp_replace(split_part(a.task_id, '/', 3), '~[0-9]+$', '') = any(string_to_array(s.skills, ','))) as completed_on,
      count(a.id) filter (where a.action = 'skipped' and regexp_replace(split_part(a.task_id, '/', 3), '~[0-9]+$', '') = any(string_to_array(s.skills, ','))) as skipped_on
    from s left join plan_actions a
      on a.plan_id in (s.p1, coalesce(s.p2, s.p1)) and a.user_id = s.uid and a.created_at > s.t0 and a.created_at <= s.t1
    group by s.sid`);
  const perf = await rawRows<{ sid: string; dtheta: number | string | null; dmastery: number | string | null }>(db, sql`
    with s as (${values})
    select s.sid, avg(aft.theta - bef.theta) as dtheta, avg(aft.mastery - bef.mastery) as dmastery
    from s cross join lateral unnest(string_to_array(s.skills, ',')) k(skill)
    join lateral (select h.theta, h.mastery from proficiency_history h where h.user_id = s.uid and h.skill = k.skill and h.created_at <= s.t0 order by h.created_at desc, h.id desc limit 1) bef on true
    join lateral (select h.theta, h.mastery from proficiency_history h where h.user_id = s.uid and h.skill = k.skill and h.created_at > s.t0 and h.created_at <= s.t1 order by h.created_at desc, h.id desc limit 1) aft on true
    group by s.sid`);
  const act = new Map(actions.map((a) => [a.sid, a]));
  const pf = new Map(perf.map((p) => [p.sid, p]));
  const round = (x: number | string | null | undefined) => (x === null || x === undefined ? null : Math.round(Number(x) * 1e4) / 1e4);
  for (const r of rows) {
    const a = act.get(r.sid);
    const p = pf.get(r.sid);
    out.set(r.aid, {
      decision: r.status,
      decidedAfterHours: r.hours === null ? null : Math.round(r.hours * 100) / 100,
      windowDays,
      completed: Number(a?.completed ?? 0),
      skipped: Number(a?.skipped ?? 0),
      completedOnSkill: Number(a?.completed_on ?? 0),
      skippedOnSkill: Number(a?.skipped_on ?? 0),
      thetaChange: round(p?.dtheta),
      masteryChange: round(p?.dmastery),
    });
  }
  return out;
}
