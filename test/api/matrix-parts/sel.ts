import { randomUUID } from 'node:crypto';
import type { MatrixPart } from './kit.ts';

const behaviour = {
  session_minutes: 20, tasks_attempted: 10, tasks_completed: 7, help_requests: 1, help_given: 3,
  chat_messages: 25, resources_shared: 2, retries_after_failure: 2, frustration_events: 1,
};

/**
 * SEL game data in (src/sel/ingest.ts): only the student and admins submit. Linked tutors
 * and parents read the student's scores (POST /api/v1/inference/student/:id, in the main
 * matrix) but may not add to the data those scores come from. Every allowed cell files a
 * new round, so each one is a real 201.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['POST /api/v1/sel/students/:id/utterances',          'D   A   D   D   D   D   D   A'],
    ['POST /api/v1/sel/students/:id/telemetry',           'D   A   D   D   D   D   D   A'],
  ],
  async setup(env) {
    const victim = env.users.own.id;
    const round = () => `matrix-${randomUUID()}`;
    const at = () => new Date(Date.now() - 60_000).toISOString();
    const marker = `sel-matrix-${randomUUID()}`;
    const seeded = await env.call(env.users.own, {
      method: 'POST', url: `/api/v1/sel/students/${victim}/utterances`,
      payload: { utterances: [{ gameSessionId: marker, text: 'We shared the map and I helped Sam.', spokenAt: at() }] },
    });
    if (seeded.statusCode !== 201) throw new Error(`sel matrix part setup: ${seeded.body}`);
    env.addMarkers(marker);
    return {
      'POST /api/v1/sel/students/:id/utterances': async () => ({
        method: 'POST', url: `/api/v1/sel/students/${victim}/utterances`,
        payload: { utterances: [{ gameSessionId: round(), text: 'I asked my teammate what she meant.', spokenAt: at() }] },
      }),
      'POST /api/v1/sel/students/:id/telemetry': async () => ({
        method: 'POST', url: `/api/v1/sel/students/${victim}/telemetry`, payload: { gameSessionId: round(), endedAt: at(), behaviour },
      }),
    };
  },
};
