import type { MatrixPart } from './kit.ts';

/**
 * What a student's tutors and parents read beside progress: the help the student asked for in
 * practice (src/progress/help-requests.ts). It follows the student-data rule — the victim,
 * linked tutors and parents, admins; the victim's message is marked, so a refused caller never
 * sees it.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['GET /progress/:user_id/help',                       'D   A   D   A   D   A   D   A'],
  ],
  async setup(env) {
    const { users, call } = env;
    const marker = 'matrix-help-marker';
    const started = await call(users.own, { method: 'POST', url: '/practice/start', payload: { section: 'math', count: 2 } });
    if (started.statusCode !== 201) throw new Error(`adult-views part setup: ${started.body}`);
    const { sessionId, question } = started.json();
    const asked = await call(users.own, {
      method: 'POST',
      url: `/practice/help/${sessionId}/${encodeURIComponent(question.id)}`,
      payload: { user_query: `${marker}: where do I start?` },
    });
    if (asked.statusCode !== 200) throw new Error(`adult-views part setup: ${asked.body}`);
    env.addMarkers(marker, asked.json().helpRequestId);
    return {
      'GET /progress/:user_id/help': async () => ({ method: 'GET', url: `/progress/${users.own.id}/help` }),
    };
  },
};
