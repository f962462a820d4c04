import { schema } from '../../../src/db/index.ts';
import type { MatrixPart } from './kit.ts';

/**
 * Background jobs (src/jobs): admins only. GET /jobs/:id sits in the main matrix (part 1).
 * The cancel cell cancels a fresh queued row of a kind no worker runs; the enqueue cell
 * starts a real `export` job, the cheapest kind.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['POST /admin/jobs',                                  'D   D   D   D   D   D   D   A'],
    ['GET /jobs',                                         'D   D   D   D   D   D   D   A'],
    ['POST /jobs/:id/cancel',                             'D   D   D   D   D   D   D   A'],
  ],
  async setup(env) {
    const db = env.t.database.db;
    return {
      'POST /admin/jobs': async () => ({ method: 'POST', url: '/admin/jobs', payload: { kind: 'export', params: {} } }),
      'GET /jobs': async () => ({ method: 'GET', url: '/jobs?limit=10' }),
      'POST /jobs/:id/cancel': async () => {
        const [job] = await db.insert(schema.jobs).values({ kind: 'probe' }).returning({ id: schema.jobs.id });
        return { method: 'POST', url: `/jobs/${job.id}/cancel` };
      },
    };
  },
};
