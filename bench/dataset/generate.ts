/**
 * Fills a fresh PostgreSQL database with N interaction rows for bench/dataset, fast: the
 * simulator (synth/pairs.ts, the same student model and task templates `synth generate`
 * uses) writes a pool of P check-passing prompt/output pairs, and SQL expands them with
 * `INSERT … SELECT … FROM generate_series` into N distinct AI outputs — each one a pool pair
 * with short neutral sentences appended to its prompt and output, picked so that no two rows
 * are the same or near-duplicates. Around them, also by INSERT … SELECT: students (a few
 * without consent or deleted), ratings on a quarter of the outputs, regenerated answers
 * rated far apart (preference pairs), and for every plan adjustment a suggestion, the plan
 * actions after it and proficiency history around it.
 */
import pg from 'pg';
import { renderPrompt, allPass, type AnyAiTask } from '../../src/ai/task.ts';
import { TASKS } from '../../src/ai/tasks/index.ts';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { SKILL_IDS } from '../../src/content/taxonomy.ts';
import { createRng } from '../../src/lib/rng.ts';
import { buildContext, BUILDERS } from '../../src/synth/pairs.ts';

const OPENERS = [
  'Read each question slowly', 'Check every step twice', 'Underline what the question asks', 'Write down the key facts',
  'Cross out choices you can rule out', 'Say the question in your own words', 'Sketch a quick picture first', 'Plan your time before you start',
];
const ENDINGS = [
  'before you answer.', 'and progress will follow.', 'on your next practice set.', 'when you feel stuck.',
  'to avoid easy slips.', 'as you review tonight.', 'during the next session.', 'and trust your reasoning.',
];
/** 64 short sentences with no digits, skill names or tone words, so appending them keeps every check passing. */
export const PHRASES = OPENERS.flatMap((o) => ENDINGS.map((e) => `${o} ${e}`));
const MIX = { feedback: 0.8, plan_adjust: 0.2 } as const;
export const USERS = 5000;

export interface GenCounts { [table: string]: number }

async function q(c: pg.Client, text: string, values?: unknown[]): Promise<number> {
  return (await c.query(text, values)).rowCount ?? 0;
}

/** Pool pairs whose output still passes every check with the two longest sentences appended. */
function pool(size: number): { task: string; promptVersion: string; input: unknown; prompt: string; output: string; skill: string }[] {
  const ctx = buildContext(buildBank({ perSkill: 20 }), loadLessons());
  const rng = createRng('bench-dataset-pool');
  const longest = [...PHRASES].sort((a, b) => b.length - a.length).slice(0, 2).join(' ');
  const out: ReturnType<typeof pool> = [];
  for (let i = 0; out.length < size; i++) {
    const task = i % 10 < MIX.feedback * 10 ? 'feedback' : 'plan_adjust';
    const t = TASKS[task] as AnyAiTask;
    const d = BUILDERS[task](rng, ctx, SKILL_IDS[i % SKILL_IDS.length]);
    const output = t.template(d.input, rng);
    if (!allPass(t.checks(d.input, `${output} ${longest}`))) continue;
    out.push({ task, promptVersion: t.promptVersion, input: d.input, prompt: renderPrompt(t.prompt(d.input)), output, skill: d.skill ?? SKILL_IDS[0] });
  }
  return out;
}

export async function generate(url: string, rows: number, log: (s: string) => void = () => {}): Promise<GenCounts> {
  const P = Math.min(20_000, Math.max(1000, Math.ceil(rows / 50)));
  if (rows / P > PHRASES.length) throw new Error('too many rows for the pool: raise P');
  const t0 = performance.now();
  const pairs = pool(P);
  log(`pool of ${P} simulated pairs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const counts: GenCounts = {};
  try {
    await q(c, 'create temp table bench_pool (k int primary key, task text, pv text, input jsonb, prompt text, output text, skill text)');
    await q(c, 'create temp table bench_phrases (k int primary key, text text)');
    await q(c, 'insert into bench_phrases select i - 1, t from unnest($1::text[]) with ordinality as x(t, i)', [PHRASES]);
    for (let i = 0; i < pairs.length; i += 2000) {
      const chunk = pairs.slice(i, i + 2000);
      await q(c, `insert into bench_pool select * from unnest($1::int[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::text[], $7::text[])`, [
        chunk.map((_, j) => i + j), chunk.map((p) => p.task), chunk.map((p) => p.promptVersion), chunk.map((p) => JSON.stringify(p.input)),
        chunk.map((p) => p.prompt), chunk.map((p) => p.output), chunk.map((p) => p.skill),
      ]);
    }
    // Students: ids derived from their number, so rows can name them without a lookup.
    counts.users = await q(c, `
      insert into users (id, email, password_hash, display_name, role, is_simulated, training_consent, deleted_at, created_at)
      select md5('bench-user-' || k)::uuid, 'sim-bench-' || k || '@sim.invalid', '!simulated', 'Simkid ' || k, 'student', true,
             k % 25 <> 0, case when k % 50 = 1 then timestamptz '2025-06-01' end, timestamptz '2025-01-01'
      from generate_series(0, ${USERS - 1}) k`);
    // 1 % of the rows are a second answer to the row before's prompt (a regeneration).
    const regen = Math.floor(rows / 101);
    const base = rows - regen;
    // Regenerated rows sit at k·step + 7: a student number that is neither a no-consent (≡ 0 mod 25) nor a deleted one (≡ 1 mod 50).
    const step = Math.floor((base - 8) / Math.max(1, regen));
    const texts = (g: string, salt: number) => `
      select md5('bench-out-${salt}-' || ${g})::uuid, p.task, p.pv, p.input,
             p.prompt || E'\\nNote: ' || c.text, p.output || ' ' || a.text || ' ' || b.text, 'template', 'bench', 0, '[]'::jsonb, true,
             md5('bench-user-' || (${g} % ${USERS}))::uuid, timestamptz '2025-01-06' + make_interval(secs => ${g} * 2 + ${salt})
      from bench_pool p, bench_phrases a, bench_phrases b, bench_phrases c
      where p.k = ${g} % ${P} and a.k = (${g} / ${P} + ${salt} * 17) % 64 and b.k = ((${g} / ${P}) * 5 + 3 + ${g} % ${P} + ${salt} * 29) % 64
        and c.k = ((${g} / ${P}) * 3 + 7 * (${g} % ${P}) + 11) % 64`;
    const cols = 'id, task, prompt_version, input, prompt, output, provider, model_version, latency_ms, checks, passed, user_id, created_at';
    const t1 = performance.now();
    counts.ai_outputs = await q(c, `insert into ai_outputs (${cols}) select r.* from generate_series(0, ${base - 1}) g, lateral (${texts('g', 0)}) r`);
    counts.ai_outputs += await q(c, `insert into ai_outputs (${cols}) select r.* from generate_series(0, ${regen - 1}) gs(n), lateral (${texts(`(gs.n * ${step} + 7)`, 1)}) r`);
    log(`${counts.ai_outputs} ai_outputs in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
    // The same rows without their text, for the rows that hang off them.
    await q(c, `create temp table bench_rows as
      select g, 0 as salt, md5('bench-out-0-' || g)::uuid as id, md5('bench-user-' || (g % ${USERS}))::uuid as user_id, p.task, p.skill,
             timestamptz '2025-01-06' + make_interval(secs => g * 2) as created_at
      from generate_series(0, ${base - 1}) g join bench_pool p on p.k = g % ${P}
      union all
      select gs.n * ${step} + 7, 1, md5('bench-out-1-' || (gs.n * ${step} + 7))::uuid, md5('bench-user-' || ((gs.n * ${step} + 7) % ${USERS}))::uuid, p.task, p.skill,
             timestamptz '2025-01-06' + make_interval(secs => (gs.n * ${step} + 7) * 2 + 1)
      from generate_series(0, ${regen - 1}) gs(n) join bench_pool p on p.k = (gs.n * ${step} + 7) % ${P}`);
    // Regenerations: the first answer 5 stars, the second 1 or 2. Then a quarter of the rest, mostly 4–5.
    counts.feedback_ratings = await q(c, `
      insert into feedback_ratings (ai_output_id, user_id, stars, created_at)
      select r.id, r.user_id, case when r.salt = 0 then 5 else 1 + (r.g / ${step}) % 2 end, r.created_at
      from bench_rows r where r.g % ${step} = 7 and r.g / ${step} < ${regen}`);
    counts.feedback_ratings += await q(c, `
      insert into feedback_ratings (ai_output_id, user_id, stars, created_at)
      select id, user_id, case when h < 40 then 5 when h < 70 then 4 when h < 80 then 3 when h < 90 then 2 else 1 end, created_at
      from (select *, abs(hashtext(id::text || 's')) % 100 as h from bench_rows) r
      where abs(hashtext(id::text)) % 4 = 0 on conflict do nothing`);
    // Plans, suggestions on every plan adjustment, actions after them, ability before and after.
    counts.study_plans = await q(c, `
      insert into study_plans (id, user_id, version, status, plan, created_at)
      select md5('bench-plan-' || v || '-' || k)::uuid, md5('bench-user-' || k)::uuid, v, case when v = 1 then 'superseded' else 'active' end,
             '{"phases":[]}'::jsonb, timestamptz '2025-01-01'
      from generate_series(0, ${USERS - 1}) k, generate_series(1, 2) v`);
    await q(c, `create temp table bench_sugg as
      select md5('bench-sugg-' || r.id)::uuid as id, r.id as ai_output_id, r.user_id, r.g % ${USERS} as k, r.skill, r.created_at,
             case when h < 50 then 'accepted' when h < 80 then 'dismissed' else 'pending' end as status,
             case when h < 80 then r.created_at + make_interval(hours => h % 48) end as resolved_at
      from (select *, abs(hashtext(id::text || 'p')) % 100 as h from bench_rows where task = 'plan_adjust') r`);
    counts.plan_suggestions = await q(c, `
      insert into plan_suggestions (id, plan_id, user_id, trigger, changes, ai_output_id, status, applied_plan_id, created_at, resolved_at)
      select s.id, md5('bench-plan-1-' || s.k)::uuid, s.user_id, 'skip',
             jsonb_build_object('ops', jsonb_build_array(jsonb_build_object('op', 'add_practice', 'day', 1, 'date', '2025-01-07', 'skill', s.skill, 'count', 10)),
                                'source', 'rule', 'trigger', 'skip', 'performance', '[]'::jsonb),
             s.ai_output_id, s.status, case when s.status = 'accepted' then md5('bench-plan-2-' || s.k)::uuid end, s.created_at, s.resolved_at
      from bench_sugg s`);
    counts.plan_actions = await q(c, `
      insert into plan_actions (plan_id, user_id, task_id, action, created_at)
      select md5('bench-plan-' || case when s.status = 'accepted' then 2 else 1 end || '-' || s.k)::uuid, s.user_id,
             '2025-01-0' || (1 + n) || '/practice/' || case when n = 0 then s.skill else 'math.alg.systems' end,
             case when abs(hashtext(s.id::text || n)) % 3 = 0 then 'skipped' else 'completed' end,
             coalesce(s.resolved_at, s.created_at) + make_interval(hours => 6 + n * 30)
      from bench_sugg s, generate_series(0, 1) n where abs(hashtext(s.id::text || 'a' || n)) % 4 <> 0`);
    counts.proficiency_history = await q(c, `
      insert into proficiency_history (user_id, skill, theta, se, mastery, created_at)
      select s.user_id, s.skill, (abs(hashtext(s.id::text || n)) % 200 - 100) / 100.0, 0.3, (abs(hashtext(s.id::text || 'm' || n)) % 100) / 100.0,
             coalesce(s.resolved_at, s.created_at) + make_interval(hours => case when n = 0 then -2 else 40 end)
      from bench_sugg s, generate_series(0, 1) n`);
    await q(c, 'analyze');
  } finally {
    await c.end();
  }
  return counts;
}
