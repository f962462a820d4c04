import { randomUUID } from 'node:crypto';
import { schema } from '../../../src/db/index.ts';
import { badUuid, bodyCase, enc, json, NUMBERS, req, text, universal, uuid, WRONG_TYPES, type BadInputPart } from './kit.ts';

/**
 * Background jobs: admin-only, so every caller here (a student, anonymous, a forged token)
 * is refused whatever the request — and a malformed one already at validation. The body
 * and query checks an admin meets are in test/api/jobs.test.ts.
 */
export const part: BadInputPart = {
  async setup({ t, ids }) {
    const [job] = await t.database.db.insert(schema.jobs).values({ kind: 'probe', params: { note: `bad-input-${randomUUID()}` } }).returning({ id: schema.jobs.id });
    ids.jobsQueued = job.id;
    const kinds = ['export', 'dataset_build', 'sel_pipeline', 'synth'];
    return {
      'POST /admin/jobs': {
        auth: true,
        makers: [
          ...universal('POST', () => '/admin/jobs', true),
          () => json('POST', '/admin/jobs', { kind: 'export', params: {} }), // a student: 403
          bodyCase('POST', () => '/admin/jobs', () => ({ kind: 'dataset_build', params: { name: 'ds' } }), { kind: [...WRONG_TYPES, 'training', 'EXPORT', ''], params: [...WRONG_TYPES.filter((v) => v !== null && typeof v !== 'object'), [], 'params'] }, ['kind']),
          (rng) => json('POST', '/admin/jobs', { kind: rng.pick(kinds), params: { name: rng.pick([...WRONG_TYPES, '../etc', '.hidden', 'x'.repeat(65), text(rng)]), count: rng.pick(NUMBERS), synth: rng.pick([['../../secrets'], 'all', [1]]) } }),
        ],
      },
      'GET /jobs': {
        auth: true,
        makers: [
          ...universal('GET', () => '/jobs', true),
          () => req('GET', '/jobs'), // a student: 403
          (rng) => req('GET', `/jobs?status=${enc(rng.pick([...WRONG_TYPES.map(String), 'done', text(rng)]))}`),
          (rng) => req('GET', `/jobs?limit=${enc(String(rng.pick([0, 201, -1, 2.5, 'all', 1e9])))}`),
          (rng) => req('GET', `/jobs?before=${badUuid(rng)}&kind=${enc(text(rng))}`),
        ],
      },
      'POST /jobs/:id/cancel': {
        auth: true,
        makers: [
          ...universal('POST', (rng) => `/jobs/${rng.chance(0.5) ? ids.jobsQueued : uuid(rng)}/cancel`, true, false),
          () => req('POST', `/jobs/${ids.jobsQueued}/cancel`), // a student: 403, and the job stays queued
          (rng) => req('POST', `/jobs/${badUuid(rng)}/cancel`),
        ],
      },
    };
  },
};
