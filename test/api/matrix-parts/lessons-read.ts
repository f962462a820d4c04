import { schema } from '../../../src/db/index.ts';
import type { MatrixPart } from './kit.ts';

/**
 * Marking a lesson read (plan/lesson-read.ts) is a student's own act on public material: any
 * student may, for themselves; tutors, parents and admins have no plan to pay and are refused.
 * A read writes only the caller's own event, so every student column may repeat it.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['POST /lessons/:id/read',                            'D   A   A   D   D   D   D   D'],
  ],
  async setup(env) {
    const [lesson] = await env.t.database.db.select({ id: schema.lessons.id }).from(schema.lessons).limit(1);
    return {
      'POST /lessons/:id/read': async () => ({ method: 'POST', url: `/lessons/${encodeURIComponent(lesson.id)}/read` }),
    };
  },
};
