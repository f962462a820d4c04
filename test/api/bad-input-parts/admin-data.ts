import { enc, NUMBERS, req, text, universal, WRONG_TYPES, type BadInputPart, type Case } from './kit.ts';
import type { Rng } from '../../../src/lib/rng.ts';

/**
 * The data console's API: admin-only, so a student, anonymous and forged callers are refused
 * whatever they send, and malformed ids and queries already at validation. An admin's 400s
 * and 404s (unknown dataset, model or eval key) are in test/api/admin-data.test.ts.
 */
const badLimit = (rng: Rng) => enc(String(rng.pick([...NUMBERS, ...WRONG_TYPES, 0, 101, 'all', text(rng)])));
const badDataset = (rng: Rng) =>
  enc(rng.pick(['ds', 'ds@1', 'ds@v0', 'ds@v', '@v1', '.ds@v1', '../ds@v1', `${'d'.repeat(65)}@v1`, 'ds@v1@v2', 'ds@v1234567890', text(rng)]));
const badModel = (rng: Rng) =>
  enc(rng.pick(['lm', 'lm@', 'lm@abc', 'lm@ABCDEF012345', 'lm@0123456789abc', 'sel@0123456789ab', 'active', '0123456789a', '../0123456789ab', text(rng)]));
const limited = (url: string) => [
  ...universal('GET', () => url, true),
  () => req('GET', url), // a student: 403
  (rng: Rng) => req('GET', `${url}?limit=${badLimit(rng)}`),
  (rng: Rng) => req('GET', `${url}?limit=5`, { who: rng.pick(['anon', 'student'] as const) }),
];

export const part: BadInputPart = {
  async setup() {
    const dataset = 'ds@v1';
    const model = 'lm@0123456789ab';
    const datasetRoute = (suffix: string) => ({
      auth: true,
      makers: [
        ...universal('GET', () => `/admin/data/datasets/${dataset}/${suffix}`, true),
        () => req('GET', `/admin/data/datasets/${dataset}/${suffix}`), // a student: 403
        (rng: Rng) => req('GET', `/admin/data/datasets/${badDataset(rng)}/${suffix}`),
        (rng: Rng) => req('GET', `/admin/data/datasets/${badDataset(rng)}/${suffix}`, { who: 'anon' }),
      ],
    });
    return {
      'GET /admin/data/overview': {
        auth: true,
        makers: [
          ...universal('GET', () => '/admin/data/overview', true),
          () => req('GET', '/admin/data/overview'),
          (rng: Rng): Case => req('GET', `/admin/data/overview?${enc(text(rng))}=${enc(text(rng))}`),
        ],
      },
      'GET /admin/data/datasets': { auth: true, makers: limited('/admin/data/datasets') },
      'GET /admin/data/datasets/:id/card': datasetRoute('card'),
      'GET /admin/data/datasets/:id/manifest': datasetRoute('manifest'),
      'GET /admin/data/models': { auth: true, makers: limited('/admin/data/models') },
      'GET /admin/data/models/:id/eval': {
        auth: true,
        makers: [
          ...universal('GET', () => `/admin/data/models/${model}/eval`, true),
          () => req('GET', `/admin/data/models/${model}/eval`),
          (rng: Rng) => req('GET', `/admin/data/models/${badModel(rng)}/eval`),
          (rng: Rng) => req('GET', `/admin/data/models/${model}/eval?key=${enc(rng.pick(['', 'abc', 'ABCDEF012345', '0123456789abc', '../report', text(rng)]))}`),
        ],
      },
      'POST /admin/data/models/:id/promote': {
        auth: true,
        makers: [
          ...universal('POST', () => `/admin/data/models/${model}/promote`, true, false),
          () => req('POST', `/admin/data/models/${model}/promote`), // a student: 403, nothing promoted
          (rng: Rng) => req('POST', `/admin/data/models/${badModel(rng)}/promote`),
          (rng: Rng) => req('POST', `/admin/data/models/${model}/promote`, { payload: { force: true, [text(rng)]: rng.pick(WRONG_TYPES) } as object }),
        ],
      },
      'GET /admin/data/sel-runs': { auth: true, makers: limited('/admin/data/sel-runs') },
    };
  },
};
