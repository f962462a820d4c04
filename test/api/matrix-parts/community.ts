import type { TestUser } from '../../helpers/app.ts';
import type { MatrixPart } from './kit.ts';

/**
 * The community (src/community/README.md). Most rows act on the victim's PRIVATE note, so
 * they follow the student-data rule: the victim, linked tutors and parents, and admins see
 * it; then each action narrows by role — students post notes; students and tutors reply
 * (parents and admins do not); only the author asks for the AI's reply and marks a reply
 * helpful; nobody upvotes or reports their own post; only admins hide and unhide, and read
 * the moderation queue (which shows the victim's reported private notes). The
 * private note's id and text are markers: no other caller may ever see them. The victim's
 * community post is public by design, but its author id (the victim's id, a marker) is not.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['POST /community/note',                              'D   A   A   D   D   D   D   D'],
    ['GET /community/notes',                              'D   A   A   A   A   A   A   A'],
    ['GET /community/notes/:id',                          'D   A   D   A   D   A   D   A'],
    ['POST /community/notes/:id/replies',                 'D   A   D   A   D   D   D   D'],
    ['POST /community/notes/:id/ai_reply',                'D   A   D   D   D   D   D   D'],
    ['POST /community/notes/:id/upvote',                  'D   D   D   A   D   A   D   A'],
    ['DELETE /community/notes/:id/upvote',                'D   D   D   A   D   A   D   A'],
    ['POST /community/replies/:id/upvote',                'D   A   D   A   D   A   D   A'],
    ['DELETE /community/replies/:id/upvote',              'D   A   D   A   D   A   D   A'],
    ['POST /community/replies/:id/helpful',               'D   A   D   D   D   D   D   D'],
    ['POST /community/report',                            'D   D   D   A   D   A   D   A'],
    ['POST /community/:kind/:id/hide',                    'D   D   D   D   D   D   D   A'],
    ['POST /community/:kind/:id/unhide',                  'D   D   D   D   D   D   D   A'],
    ['GET /admin/reports',                                'D   D   D   D   D   D   D   A'],
  ],
  async setup(env) {
    const { users, call } = env;
    const ok = async (who: TestUser, opts: Parameters<typeof call>[1]) => {
      const res = await call(who, opts);
      if (res.statusCode >= 300) throw new Error(`community part setup: ${opts.method} ${opts.url} → ${res.statusCode} ${res.body}`);
      return res.json();
    };
    let n = 0;
    /** A fresh private note of the victim's, for cells that hide or report what they touch. */
    const privateNote = async (): Promise<string> => {
      const body = `Victim private community note ${++n}: weak on semicolons`;
      const id = (await ok(users.own, { method: 'POST', url: '/community/note', payload: { body, visibility: 'private' } })).note.id as string;
      env.addMarkers(id, body);
      return id;
    };
    const noteId = await privateNote();
    await ok(users.own, { method: 'POST', url: '/community/note', payload: { body: 'A public post of the victim about ratios', visibility: 'community' } });
    const aiReplyId = (await ok(users.own, { method: 'POST', url: `/community/notes/${noteId}/ai_reply` })).reply.id as string;
    const tutorReplyId = (await ok(users['tutor+'], { method: 'POST', url: `/community/notes/${noteId}/replies`, payload: { body: 'Check the clause on each side.' } })).reply.id as string;
    env.addMarkers(aiReplyId, tutorReplyId);

    return {
      'POST /community/note': async () => ({ method: 'POST', url: '/community/note', payload: { body: 'Matrix note: my own thoughts.', visibility: 'community' } }),
      'GET /community/notes': async () => ({ method: 'GET', url: `/community/notes?authorId=${users.own.id}&limit=50` }),
      'GET /community/notes/:id': async () => ({ method: 'GET', url: `/community/notes/${noteId}` }),
      'POST /community/notes/:id/replies': async () => ({ method: 'POST', url: `/community/notes/${noteId}/replies`, payload: { body: 'A reply in the matrix.' } }),
      'POST /community/notes/:id/ai_reply': async () => ({ method: 'POST', url: `/community/notes/${noteId}/ai_reply` }),
      'POST /community/notes/:id/upvote': async () => ({ method: 'POST', url: `/community/notes/${noteId}/upvote` }),
      'DELETE /community/notes/:id/upvote': async () => ({ method: 'DELETE', url: `/community/notes/${noteId}/upvote` }),
      'POST /community/replies/:id/upvote': async () => ({ method: 'POST', url: `/community/replies/${aiReplyId}/upvote` }),
      'DELETE /community/replies/:id/upvote': async () => ({ method: 'DELETE', url: `/community/replies/${aiReplyId}/upvote` }),
      'POST /community/replies/:id/helpful': async () => ({ method: 'POST', url: `/community/replies/${tutorReplyId}/helpful` }),
      'POST /community/report': async () => ({ method: 'POST', url: '/community/report', payload: { targetKind: 'note', targetId: await privateNote(), reason: 'matrix report' } }),
      'POST /community/:kind/:id/hide': async () => ({ method: 'POST', url: `/community/note/${await privateNote()}/hide` }),
      'POST /community/:kind/:id/unhide': async () => ({ method: 'POST', url: `/community/note/${await privateNote()}/unhide` }),
      'GET /admin/reports': async () => ({ method: 'GET', url: '/admin/reports?status=all&limit=100' }),
    };
  },
};
