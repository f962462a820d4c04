import type { MatrixPart } from './kit.ts';

/**
 * Safety alerts are for admins only: a student's words of self-harm, raised here by the victim
 * student's note. Nobody else — not the student, not their accepted tutor or parent — reads or
 * reviews them (the excerpt is marked so a refused caller never sees it).
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['GET /admin/safety-alerts',                          'D   D   D   D   D   D   D   A'],
    ['POST /admin/safety-alerts/:id/review',              'D   D   D   D   D   D   D   A'],
  ],
  async setup(env) {
    const { users, call } = env;
    const marker = 'matrix-safety-marker';
    const posted = await call(users.own, { method: 'POST', url: '/community/note', payload: { body: `${marker}: sometimes I want to kill myself`, visibility: 'private', aiReply: false } });
    if (posted.statusCode !== 201) throw new Error(`safety part setup: ${posted.body}`);
    const list = await call(users.admin, { method: 'GET', url: '/admin/safety-alerts' });
    const alert = (list.json() as { alerts: { id: string; excerpt: string }[] }).alerts.find((a) => a.excerpt.includes(marker));
    if (!alert) throw new Error(`safety part setup: no alert for the note (${list.body})`);
    env.addMarkers(marker);
    return {
      'GET /admin/safety-alerts': async () => ({ method: 'GET', url: '/admin/safety-alerts?status=all' }),
      'POST /admin/safety-alerts/:id/review': async () => ({ method: 'POST', url: `/admin/safety-alerts/${alert.id}/review` }),
    };
  },
};
