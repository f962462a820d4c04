import { chatTurn } from '../../../src/tutor/chat.ts';
import { createMemoryHub } from '../../../src/tutor/hub.ts';
import type { MatrixPart } from './kit.ts';

/**
 * The AI tutor (src/tutor/README.md). The chat is the student's own: only students open it
 * (over plain HTTP an allowed caller gets 426 Upgrade Required — past authorization); the
 * victim's history follows the student-data rule. The victim's conversation id and words
 * are markers: no other caller may ever see them.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['GET /ai_tutor/chat',                                'D   A   A   D   D   D   D   D'],
    ['GET /ai_tutor/interactions/:user_id',               'D   A   D   A   D   A   D   A'],
    ['GET /ai_tutor/conversations',                       'D   A   A   A   A   A   A   A'],
  ],
  async setup(env) {
    const victim = env.users.own;
    const words = `Victim tutor question ${victim.id.slice(0, 8)}: what is a semicolon for?`;
    const turn = await chatTurn(
      { db: env.t.database.db, ai: env.t.app.deps.ai, hub: createMemoryHub() },
      { userId: victim.id, role: 'student' },
      { text: words, inputMode: 'text' },
    );
    if (turn.error) throw new Error(`tutor part setup: ${String(turn.error)}`);
    env.addMarkers(turn.conversationId, words);
    return {
      'GET /ai_tutor/chat': async () => ({ method: 'GET', url: '/ai_tutor/chat', alsoAllowed: [426] }),
      'GET /ai_tutor/interactions/:user_id': async () => ({ method: 'GET', url: `/ai_tutor/interactions/${victim.id}` }),
      'GET /ai_tutor/conversations': async () => ({ method: 'GET', url: '/ai_tutor/conversations' }),
    };
  },
};
