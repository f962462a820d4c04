import { badUuid, enc, req, text, universal, uuid, WRONG_TYPES, type BadInputPart } from './kit.ts';

const LIMITS = ['0', '101', '-1', 'abc', '3.5', '', 'NaN', '9'.repeat(400)];

/**
 * Safety alerts are admin-only: every caller here is refused, however well or badly formed
 * the request, and no alert is ever marked reviewed.
 */
export const part: BadInputPart = {
  async setup({ tutor }) {
    return {
      'GET /admin/safety-alerts': {
        auth: true,
        makers: [
          ...universal('GET', () => '/admin/safety-alerts', true),
          () => req('GET', '/admin/safety-alerts'), // a student: 403
          () => req('GET', '/admin/safety-alerts?status=all', { headers: { authorization: `Bearer ${tutor.token}` } }), // a tutor: 403
          (rng) => req('GET', `/admin/safety-alerts?status=${enc(rng.pick(['closed', 'OPEN', 'reviewed', '', ...WRONG_TYPES.map(String), text(rng)]))}`),
          (rng) => req('GET', `/admin/safety-alerts?limit=${enc(rng.pick(LIMITS))}`),
          (rng) => req('GET', `/admin/safety-alerts?cursor=${rng.pick([badUuid(rng), `1_${badUuid(rng)}`, `x_${uuid(rng)}`, `1_note_${uuid(rng)}`, enc(text(rng))])}`),
        ],
      },
      'POST /admin/safety-alerts/:id/review': {
        auth: true,
        makers: [
          ...universal('POST', (rng) => `/admin/safety-alerts/${uuid(rng)}/review`, true, false),
          (rng) => req('POST', `/admin/safety-alerts/${uuid(rng)}/review`), // a student: 403
          (rng) => req('POST', `/admin/safety-alerts/${uuid(rng)}/review`, { headers: { authorization: `Bearer ${tutor.token}` } }), // a tutor: 403
          (rng) => req('POST', `/admin/safety-alerts/${badUuid(rng)}/review`),
        ],
      },
    };
  },
};
