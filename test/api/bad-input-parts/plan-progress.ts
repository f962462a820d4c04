import { eq } from 'drizzle-orm';
import { schema } from '../../../src/db/index.ts';
import { addDays, dayIn } from '../../../src/lib/days.ts';
import { as } from '../../helpers/app.ts';
import { badUuid, bodyCase, enc, json, req, text, universal, uuid, WRONG_TYPES, type BadInputPart, type Spec } from './kit.ts';

const NOT_TEXT = [...WRONG_TYPES.filter((v) => v !== 'NaN'), '', '   ', 'r'.repeat(501)];
const BAD_DAYS = ['0', '731', '-1', '3.5', 'abc', '', '9'.repeat(400)];
const BAD_TZ = ['Mars/Olympus', "UTC'; drop table users; --", 'utc ', '', 'x'.repeat(65), '../etc/zoneinfo', 'Europe/Paris\u0000'];

/**
 * Every request here is one the plan and progress routes must refuse: a malformed field or
 * query, an unknown or foreign id, a task already done, a plan version since replaced, a
 * decision already taken the other way, or a role that has no plan. Plan actions aim at a
 * task already completed, so a body that is accidentally valid is still a conflict.
 */
export const part: BadInputPart = {
  async setup({ t, me, victim, tutor, ids }) {
    const db = t.database.db;
    const today = dayIn(new Date());
    const ok = async (who: typeof me, method: 'POST' | 'GET', url: string, payload?: object) => {
      const res = await as(t.app, who)({ method, url, payload });
      if (res.statusCode >= 300) throw new Error(`plan-progress bad-input setup: ${url} → ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const generate = { targetScore: 1200, testDate: addDays(today, 30) };
    ids.planOld = (await ok(me, 'POST', '/study_plan', generate)).id;
    const plan = await ok(me, 'POST', '/study_plan', generate);
    ids.planMine = plan.id;
    const tasks = plan.phases.flatMap((p: { days: { tasks: { id: string }[] }[] }) => p.days.flatMap((d) => d.tasks));
    ids.planDoneTask = tasks[0].id;
    ids.planSkippedTask = tasks[1].id;
    await ok(me, 'POST', `/study_plan/action/${ids.planMine}`, { task_id: ids.planDoneTask, action: 'completed' });
    await ok(me, 'POST', `/study_plan/action/${ids.planMine}`, { task_id: ids.planSkippedTask, action: 'skipped' });
    ids.planVictim = (await ok(victim, 'POST', '/study_plan', generate)).id;
    // Decided and foreign suggestions, written directly: advice needs answers these users may not have.
    const suggestion = async (planId: string, userId: string, status: 'pending' | 'accepted' | 'dismissed') => {
      const [row] = await db
        .insert(schema.planSuggestions)
        .values({ planId, userId, trigger: 'skip', changes: { ops: [] }, status, resolvedAt: status === 'pending' ? null : new Date() })
        .returning({ id: schema.planSuggestions.id });
      return row.id;
    };
    ids.planSugAccepted = await suggestion(ids.planMine, me.id, 'accepted');
    ids.planSugDismissed = await suggestion(ids.planMine, me.id, 'dismissed');
    ids.planSugStale = await suggestion(ids.planOld, me.id, 'pending');
    ids.planSugVictim = await suggestion(ids.planVictim, victim.id, 'pending');
    const [mine] = await db.select().from(schema.studyPlans).where(eq(schema.studyPlans.id, ids.planMine));
    if (mine.status !== 'active') throw new Error('plan-progress bad-input setup: my plan is not active');

    const action = (planId: string) => `/study_plan/action/${planId}`;
    const doneBody = () => ({ task_id: ids.planDoneTask, action: 'completed' });
    const generateBad = {
      targetScore: [...WRONG_TYPES, 399, 1601, 1200.5, '1200'],
      testDate: [...WRONG_TYPES, today, addDays(today, -3), addDays(today, 400), '2031-02-30', '2030-1-1', 'tomorrow'],
      startDate: [...WRONG_TYPES, addDays(today, 5), addDays(today, -5), '2030-13-01'],
      minutesPerDay: [...WRONG_TYPES, 5, 241, 30.5],
    };
    const onSuggestion = (decision: 'accept' | 'dismiss', refused: string[]): Spec => ({
      auth: true,
      makers: [
        ...universal('POST', (rng) => `/study_plan/suggestions/${rng.pick([uuid(rng), ...refused])}/${decision}`, true, false),
        (rng) => req('POST', `/study_plan/suggestions/${badUuid(rng)}/${decision}`),
        (rng) => req('POST', `/study_plan/suggestions/${uuid(rng)}/${decision}`), // unknown: 404
        ...refused.map((id) => () => req('POST', `/study_plan/suggestions/${id}/${decision}`)),
      ],
    });
    const progressQuery = (path: string): Spec['makers'] => [
      (rng) => req('GET', `${path}?days=${enc(rng.pick(BAD_DAYS))}`),
      (rng) => req('GET', `${path}?tz=${enc(rng.pick(BAD_TZ))}`),
      (rng) => req('GET', `${path}?tz=${enc(text(rng))}`),
      () => req('GET', `${path}?days=1&days=2`),
    ];

    return {
      'POST /study_plan': {
        auth: true,
        makers: [
          ...universal('POST', () => '/study_plan', true),
          bodyCase('POST', () => '/study_plan', () => ({ ...generate }), generateBad, ['targetScore', 'testDate']),
          () => json('POST', '/study_plan', generate, { headers: { authorization: `Bearer ${tutor.token}` } }), // only students have plans
        ],
      },
      'GET /study_plan': { auth: true, makers: universal('GET', () => '/study_plan', true) },
      'GET /study_plan/:user_id': {
        auth: true,
        makers: [
          ...universal('GET', (rng) => `/study_plan/${rng.pick([victim.id, uuid(rng)])}`, true),
          (rng) => req('GET', `/study_plan/${badUuid(rng)}`),
          () => req('GET', `/study_plan/${victim.id}`), // not linked: 403
          (rng) => req('GET', `/study_plan/${uuid(rng)}`),
        ],
      },
      'POST /study_plan/action/:plan_id': {
        auth: true,
        makers: [
          ...universal('POST', (rng) => action(rng.pick([uuid(rng), ids.planMine, ids.planVictim])), true),
          bodyCase('POST', () => action(ids.planMine), doneBody, {
            task_id: [...WRONG_TYPES, '', 'x'.repeat(201)],
            task_index: [...WRONG_TYPES, -1, 1e9, 2.5],
            action: [...WRONG_TYPES, 'done', 'COMPLETED', ''],
            user_id: [...WRONG_TYPES, victim.id, 'user123'],
            reason: NOT_TEXT,
            idempotencyKey: [...WRONG_TYPES, 'short', 'k'.repeat(101)],
          }, ['action']),
          (rng) => req('POST', action(badUuid(rng)), { payload: doneBody() }),
          (rng) => json('POST', action(uuid(rng)), { task_index: 3, action: 'completed' }), // unknown plan: 404
          () => json('POST', action(ids.planVictim), { task_index: 3, action: 'completed' }), // not mine: 403
          () => json('POST', action(ids.planMine), { task_index: 3, action: 'completed', user_id: victim.id }), // someone else's user_id: 403
          () => json('POST', action(ids.planOld), { task_index: 3, action: 'completed' }), // replaced version: 409
          () => json('POST', action(ids.planMine), { task_id: 'no/such/task', action: 'skipped' }), // 404
          () => json('POST', action(ids.planMine), { task_index: 100_000, action: 'skipped' }), // 404
          () => json('POST', action(ids.planMine), { task_id: ids.planSkippedTask, action: 'skipped' }), // already skipped: 409
          () => json('POST', action(ids.planMine), { task_index: 3, task_id: ids.planDoneTask, action: 'completed' }), // both: 400
          (rng) => json('POST', action(ids.planMine), doneBody(), { headers: { 'idempotency-key': rng.pick(['short', 'k'.repeat(101)]) } }),
          (rng) => json('POST', action(ids.planMine), doneBody(), { headers: { 'idempotency-key': `plan-bad-${uuid(rng)}` } }), // done: 409, key not kept
        ],
      },
      'POST /study_plan/suggestions/:id/accept': onSuggestion('accept', [ids.planSugDismissed, ids.planSugStale, ids.planSugVictim]),
      'POST /study_plan/suggestions/:id/dismiss': onSuggestion('dismiss', [ids.planSugAccepted, ids.planSugVictim]),
      'GET /progress/badges': {
        auth: false,
        // Public and read-only: whatever the query, it may answer; it must never fail or write.
        makers: [
          (rng) => req('GET', `/progress/badges?${enc(text(rng))}=${enc(text(rng))}`, { who: 'anon', expect: 'any' }),
          (rng) => req('GET', '/progress/badges', { who: rng.pick(['anon', 'student', 'forged'] as const), expect: 'any' }),
        ],
      },
      'GET /progress/me': { auth: true, makers: [...universal('GET', () => '/progress/me', true), ...progressQuery('/progress/me')] },
      'GET /progress/:user_id': {
        auth: true,
        makers: [
          ...universal('GET', (rng) => `/progress/${rng.pick([victim.id, me.id])}`, true),
          (rng) => req('GET', `/progress/${badUuid(rng)}`),
          () => req('GET', `/progress/${victim.id}`), // not linked: 403
          (rng) => req('GET', `/progress/${uuid(rng)}`), // unknown: 403, nothing revealed
          ...progressQuery(`/progress/${me.id}`),
        ],
      },
      'GET /progress/:user_id/sessions': {
        auth: true,
        makers: [
          ...universal('GET', (rng) => `/progress/${rng.pick([victim.id, me.id])}/sessions`, true),
          (rng) => req('GET', `/progress/${badUuid(rng)}/sessions`),
          () => req('GET', `/progress/${victim.id}/sessions`), // not linked: 403
          (rng) => req('GET', `/progress/${me.id}/sessions?limit=${enc(rng.pick(['0', '-1', '101', '2.5', 'x', '']))}`),
          (rng) => req('GET', `/progress/${me.id}/sessions?cursor=${enc(rng.pick(['x', text(rng).slice(0, 40) || 'y', Buffer.from('not-a-date|id').toString('base64url')]))}`),
          () => req('GET', `/progress/${me.id}/sessions?limit=1&limit=2`),
        ],
      },
    };
  },
};
