import type { TestUser } from '../../helpers/app.ts';
import { addDays, dayIn } from '../../../src/lib/days.ts';
import type { MatrixPart } from './kit.ts';

/**
 * Study plans and progress (src/plan, src/progress). A plan and its advice are the
 * student's own: only the student generates, acts and decides (other roles have no plan),
 * while reading a student's plan or progress follows the student-data rule — the victim,
 * linked tutors and parents, admins. `GET /study_plan` and `/progress/me` read the caller's
 * own; the badge catalogue is public. Every builder reads the victim's active plan when it
 * is called, since an allowed cell may have made a new version (generate, accept).
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['POST /study_plan',                                  'D   A   A   D   D   D   D   D'],
    ['GET /study_plan',                                   'D   A   A   A   A   A   A   A'],
    ['GET /study_plan/:user_id',                          'D   A   D   A   D   A   D   A'],
    ['POST /study_plan/action/:plan_id',                  'D   A   D   D   D   D   D   D'],
    ['POST /study_plan/suggestions/:id/accept',           'D   A   D   D   D   D   D   D'],
    ['POST /study_plan/suggestions/:id/dismiss',          'D   A   D   D   D   D   D   D'],
    ['GET /progress/badges',                              'A   A   A   A   A   A   A   A'],
    ['GET /progress/me',                                  'D   A   A   A   A   A   A   A'],
    ['GET /progress/:user_id',                            'D   A   D   A   D   A   D   A'],
    ['GET /progress/:user_id/sessions',                   'D   A   D   A   D   A   D   A'],
  ],
  async setup(env) {
    const { users, call } = env;
    const ok = async (who: TestUser, opts: Parameters<typeof call>[1]) => {
      const res = await call(who, opts);
      if (res.statusCode >= 300) throw new Error(`plan-progress part setup: ${opts.method} ${opts.url} → ${res.statusCode} ${res.body}`);
      return res.json();
    };
    const generate = { targetScore: 1300, testDate: addDays(dayIn(new Date()), 60) };
    env.addMarkers((await ok(users.own, { method: 'POST', url: '/study_plan', payload: generate })).id);

    /** The victim's active plan and the index of a task nobody has acted on yet. */
    const pendingTask = async (): Promise<{ planId: string; index: number }> => {
      const plan = (await ok(users.own, { method: 'GET', url: '/study_plan' })).plan;
      env.addMarkers(plan.id);
      const tasks = plan.phases.flatMap((p: { days: { tasks: { index: number; status: string }[] }[] }) => p.days.flatMap((d) => d.tasks));
      return { planId: plan.id, index: tasks.find((t: { status: string }) => t.status === 'pending').index };
    };
    /** A fresh pending suggestion of the victim's: skip a task, take the advice that follows. */
    const suggestion = async (): Promise<string> => {
      const { planId, index } = await pendingTask();
      const skipped = await ok(users.own, { method: 'POST', url: `/study_plan/action/${planId}`, payload: { task_index: index, action: 'skipped' } });
      if (!skipped.suggestion) throw new Error('plan-progress part setup: no suggestion after a skip');
      env.addMarkers(skipped.suggestion.id, skipped.suggestion.aiOutputId);
      return skipped.suggestion.id;
    };

    return {
      'POST /study_plan': async () => ({ method: 'POST', url: '/study_plan', payload: generate }),
      'GET /study_plan': async () => ({ method: 'GET', url: '/study_plan' }),
      'GET /study_plan/:user_id': async () => ({ method: 'GET', url: `/study_plan/${users.own.id}` }),
      'POST /study_plan/action/:plan_id': async () => {
        const { planId, index } = await pendingTask();
        return { method: 'POST', url: `/study_plan/action/${planId}`, payload: { task_index: index, action: 'completed' } };
      },
      'POST /study_plan/suggestions/:id/accept': async () => ({ method: 'POST', url: `/study_plan/suggestions/${await suggestion()}/accept` }),
      'POST /study_plan/suggestions/:id/dismiss': async () => ({ method: 'POST', url: `/study_plan/suggestions/${await suggestion()}/dismiss` }),
      'GET /progress/badges': async () => ({ method: 'GET', url: '/progress/badges' }),
      'GET /progress/me': async () => ({ method: 'GET', url: '/progress/me' }),
      'GET /progress/:user_id': async () => ({ method: 'GET', url: `/progress/${users.own.id}` }),
      'GET /progress/:user_id/sessions': async () => ({ method: 'GET', url: `/progress/${users.own.id}/sessions` }),
    };
  },
};
