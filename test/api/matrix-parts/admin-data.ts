import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { schema } from '../../../src/db/index.ts';
import type { MatrixPart } from './kit.ts';

/**
 * The data console's API (src/api/routes/admin-data.ts): admins only, every route. The
 * dataset and the language model the cells name are rows written here (a dataset with its
 * card, a model with one evaluation whose report.json sits in a temporary folder); the
 * promote cell promotes the active model, a 200 "already active" verdict that changes nothing.
 */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['GET /admin/data/overview',                          'D   D   D   D   D   D   D   A'],
    ['GET /admin/data/datasets',                          'D   D   D   D   D   D   D   A'],
    ['GET /admin/data/datasets/:id/card',                 'D   D   D   D   D   D   D   A'],
    ['GET /admin/data/datasets/:id/manifest',             'D   D   D   D   D   D   D   A'],
    ['GET /admin/data/models',                            'D   D   D   D   D   D   D   A'],
    ['GET /admin/data/models/:id/eval',                   'D   D   D   D   D   D   D   A'],
    ['POST /admin/data/models/:id/promote',               'D   D   D   D   D   D   D   A'],
    ['GET /admin/data/sel-runs',                          'D   D   D   D   D   D   D   A'],
  ],
  async setup(env) {
    const db = env.t.database.db;
    const name = `matrix-${randomBytes(4).toString('hex')}`;
    await db.insert(schema.datasets).values({ id: `${name}@v1`, name, version: 'v1', path: '/nowhere', manifest: { counts: { total: 3 } }, card: `# ${name}\n` });

    const [active] = await db.select().from(schema.models).where(and(eq(schema.models.kind, 'lm'), eq(schema.models.status, 'active')));
    const version = active?.version ?? randomBytes(6).toString('hex');
    const reports = mkdtempSync(path.join(tmpdir(), 'satprep-matrix-eval-'));
    process.once('exit', () => rmSync(reports, { recursive: true, force: true }));
    const key = '0123456789ab';
    mkdirSync(path.join(reports, key));
    writeFileSync(path.join(reports, key, 'report.json'), JSON.stringify({ createdAt: '2025-01-01T00:00:00.000Z', evalSet: {}, bleuSignature: '', systems: [] }));
    const summary = { key, at: '2025-01-01T00:00:00.000Z', evalFile: 'heldout.jsonl', evalSha256: '0', generated: 1, perplexity: 2, bytePerplexity: 1.2, passRate: 1, servableRate: 1, byTask: {}, bleu: 0, rougeL: 0, reportDir: path.join(reports, key) };
    if (active) {
      await db.update(schema.models).set({ metrics: { ...active.metrics, evals: { ...(active.metrics.evals as object), [key]: summary } } }).where(eq(schema.models.id, active.id));
    } else {
      await db.insert(schema.models).values({ id: `lm@${version}`, name: 'lm', version, kind: 'lm', status: 'active', path: '/nowhere', metrics: { evals: { [key]: summary } } });
    }
    return {
      'GET /admin/data/overview': async () => ({ method: 'GET', url: '/admin/data/overview' }),
      'GET /admin/data/datasets': async () => ({ method: 'GET', url: '/admin/data/datasets?limit=5' }),
      'GET /admin/data/datasets/:id/card': async () => ({ method: 'GET', url: `/admin/data/datasets/${name}@v1/card` }),
      'GET /admin/data/datasets/:id/manifest': async () => ({ method: 'GET', url: `/admin/data/datasets/${name}@v1/manifest` }),
      'GET /admin/data/models': async () => ({ method: 'GET', url: '/admin/data/models' }),
      'GET /admin/data/models/:id/eval': async () => ({ method: 'GET', url: `/admin/data/models/lm@${version}/eval?key=${key}` }),
      'POST /admin/data/models/:id/promote': async () => ({ method: 'POST', url: `/admin/data/models/lm@${version}/promote` }),
      'GET /admin/data/sel-runs': async () => ({ method: 'GET', url: '/admin/data/sel-runs' }),
    };
  },
};
