import { badUuid, enc, req, text, universal, uuid, type BadInputPart } from './kit.ts';

const LIMITS = ['0', '101', '-1', 'abc', '3.5', '', 'NaN', '9'.repeat(400)];

/**
 * A student's help requests as their tutors and parents read them: every request here is
 * refused — a malformed id, limit or cursor, a student the caller is not linked to.
 */
export const part: BadInputPart = {
  async setup({ me, victim }) {
    const path = `/progress/${me.id}/help`;
    return {
      'GET /progress/:user_id/help': {
        auth: true,
        makers: [
          ...universal('GET', (rng) => `/progress/${rng.pick([victim.id, me.id])}/help`, true),
          (rng) => req('GET', `/progress/${badUuid(rng)}/help`),
          () => req('GET', `/progress/${victim.id}/help`), // not linked: 403
          (rng) => req('GET', `/progress/${uuid(rng)}/help`), // unknown: 403, nothing revealed
          (rng) => req('GET', `${path}?limit=${enc(rng.pick(LIMITS))}`),
          (rng) => req('GET', `${path}?cursor=${rng.pick([badUuid(rng), `1_${badUuid(rng)}`, `x_${uuid(rng)}`, `-1_${uuid(rng)}`, `${'9'.repeat(20)}_${uuid(rng)}`, enc(text(rng)), ''])}`),
          () => req('GET', `${path}?limit=1&limit=2`),
        ],
      },
    };
  },
};
