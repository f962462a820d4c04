import type { MatrixPart } from './kit.ts';

/**
 * Operations routes. /ready and /metrics are for load balancers and Prometheus, not people:
 * no user token is needed (in test, /metrics has no METRICS_TOKEN, so it is open; the
 * token and the production refusal are checked in test/api/ops.test.ts). The audit log is
 * for admins only; it lists the victim's consent changes by id.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['GET /ready',                                        'A   A   A   A   A   A   A   A'],
    ['GET /metrics',                                      'A   A   A   A   A   A   A   A'],
    ['GET /admin/audit',                                  'D   D   D   D   D   D   D   A'],
  ],
  async setup(env) {
    const { users, call } = env;
    const consent = await call(users['parent+'], { method: 'PUT', url: `/students/${users.own.id}/consent`, payload: { granted: false } });
    if (consent.statusCode !== 200) throw new Error(`ops part setup: ${consent.body}`);
    return {
      'GET /ready': async () => ({ method: 'GET', url: '/ready' }),
      'GET /metrics': async () => ({ method: 'GET', url: '/metrics' }),
      'GET /admin/audit': async () => ({ method: 'GET', url: '/admin/audit?type=consent.changed&limit=50' }),
    };
  },
};
