import { readdirSync } from 'node:fs';
import { WEB_DIST_DIR } from '../../../src/api/plugins/web.ts';
import type { MatrixPart } from './kit.ts';

/** The web app's files: public, read-only, the same for everyone. */
export const part: MatrixPart = {
  rows: [
    //  route                                              anon own stu t+  t-  p+  p-  adm
    ['GET /',                                             'A   A   A   A   A   A   A   A'],
    ['GET /app',                                          'A   A   A   A   A   A   A   A'],
    ['GET /app/',                                         'A   A   A   A   A   A   A   A'],
    ['GET /app/:page',                                    'A   A   A   A   A   A   A   A'],
    ['GET /app/:page/:id',                                'A   A   A   A   A   A   A   A'],
    ['GET /assets/:file',                                 'A   A   A   A   A   A   A   A'],
  ],
  async setup() {
    let asset: string | undefined;
    try {
      asset = readdirSync(`${WEB_DIST_DIR}assets`).find((f) => f.endsWith('.js'));
    } catch {
      /* no build: the asset route answers 404, which is not an authorization refusal */
    }
    return {
      'GET /': async () => ({ method: 'GET', url: '/' }),
      'GET /app': async () => ({ method: 'GET', url: '/app' }),
      'GET /app/': async () => ({ method: 'GET', url: '/app/' }),
      'GET /app/:page': async () => ({ method: 'GET', url: '/app/practice' }),
      'GET /app/:page/:id': async () => ({ method: 'GET', url: '/app/review/7b0d2c3e-1f00-4a00-8000-000000000000' }),
      'GET /assets/:file': async () => (asset ? { method: 'GET', url: `/assets/${asset}` } : { method: 'GET', url: '/assets/index.js', alsoAllowed: [404] }),
    };
  },
};
