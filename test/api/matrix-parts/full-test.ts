import type { MatrixPart } from './kit.ts';

/**
 * The full-length test (src/practice/full-test.ts): only students start one; the test is
 * read like the rest of the student's data (the student, linked tutors and parents,
 * admins) and changed by the student alone. The victim's test ids are markers.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['POST /full_test/start',                             'D   A   A   D   D   D   D   D'],
    ['GET /full_test/active',                             'D   A   A   D   D   D   D   D'],
    ['GET /full_test/:id',                                'D   A   D   A   D   A   D   A'],
    ['POST /full_test/:id/answer',                        'D   A   D   D   D   D   D   D'],
    ['POST /full_test/:id/submit-module',                 'D   A   D   D   D   D   D   D'],
    ['POST /full_test/:id/resume',                        'D   A   D   D   D   D   D   D'],
    ['POST /full_test/:id/finish',                        'D   A   D   D   D   D   D   D'],
  ],
  async setup(env) {
    const { users, call } = env;
    const start = async (sections: 'rw' | 'math' | 'both') => {
      const res = await call(users.own, { method: 'POST', url: '/full_test/start', payload: { sections } });
      if (res.statusCode !== 201) throw new Error(`full-test part setup: start → ${res.statusCode} ${res.body}`);
      const view = res.json() as { sessionId: string; current: { questions: { id: string; type: string }[] } };
      env.addMarkers(view.sessionId);
      return view;
    };
    /** A both-section test whose Reading and Writing section is over: the break is running. */
    const onBreak = async () => {
      const { sessionId } = await start('both');
      for (const moduleIndex of [0, 1]) await call(users.own, { method: 'POST', url: `/full_test/${sessionId}/submit-module`, payload: { moduleIndex } });
      return sessionId;
    };
    const open = await start('math');
    const mcq = open.current.questions.find((q) => q.type === 'mcq');
    const answer = mcq ? { questionId: mcq.id, answer: 'B', timeSpentMs: 1000 } : { questionId: open.current.questions[0].id, marked: true, timeSpentMs: 1000 };
    // Submitting module 0 again after it closed is a no-op; finishing again returns the stored result.
    const submitting = (await start('rw')).sessionId;
    const finishing = (await start('rw')).sessionId;
    const sharedBreak = await onBreak();
    return {
      'POST /full_test/start': async () => ({ method: 'POST', url: '/full_test/start', payload: { sections: 'math' } }),
      // A student sees only their own test under way; the victim's id never reaches another.
      'GET /full_test/active': async () => ({ method: 'GET', url: '/full_test/active' }),
      'GET /full_test/:id': async () => ({ method: 'GET', url: `/full_test/${open.sessionId}` }),
      'POST /full_test/:id/answer': async () => ({ method: 'POST', url: `/full_test/${open.sessionId}/answer`, payload: answer }),
      'POST /full_test/:id/submit-module': async () => ({ method: 'POST', url: `/full_test/${submitting}/submit-module`, payload: { moduleIndex: 0 } }),
      // Resuming ends the break: the owner gets a break of their own; the refused callers share one.
      'POST /full_test/:id/resume': async (col) => ({ method: 'POST', url: `/full_test/${col === 'own' ? await onBreak() : sharedBreak}/resume` }),
      'POST /full_test/:id/finish': async () => ({ method: 'POST', url: `/full_test/${finishing}/finish` }),
    };
  },
};
