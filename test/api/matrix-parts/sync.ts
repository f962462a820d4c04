import { randomUUID } from 'node:crypto';
import type { MatrixPart } from './kit.ts';

/**
 * POST /sync acts as the caller on the caller's own sessions: only students sync; another
 * student's replay of the victim's actions is accepted as a batch but each action is
 * refused (test/api/sync.test.ts checks the per-action 403), and nothing of the victim's
 * comes back.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['POST /sync',                                        'D   A   A   D   D   D   D   D'],
  ],
  async setup(env) {
    const { users, call } = env;
    const start = await call(users.own, { method: 'POST', url: '/practice/start', payload: { section: 'math', count: 2, offline: true } });
    const { sessionId, questions } = start.json() as { sessionId: string; questions: { id: string; type: string }[] };
    const q = questions[0];
    const answered = await call(users.own, { method: 'POST', url: `/practice/${sessionId}/answer`, payload: { questionId: q.id, answer: q.type === 'mcq' ? 'C' : '3', timeSpentMs: 1000 } });
    if (answered.statusCode !== 200) throw new Error(`sync part setup: ${answered.body}`);
    env.addMarkers(sessionId);
    return {
      // Finishing is idempotent, so every allowed cell can send it again under a new key.
      'POST /sync': async () => ({ method: 'POST', url: '/sync', payload: { actions: [{ type: 'finish', seq: 0, key: `matrix-${randomUUID()}`, sessionId }] } }),
    };
  },
};
