import { badUuid, CONTENT_TYPES, enc, forged, huge, NUMBERS, req, text, universal, WRONG_TYPES, type BadInputPart } from './kit.ts';

/**
 * Operations routes. /ready and /metrics read and never write, so whatever they are sent
 * they may answer (`any`); they must still never 5xx. The audit log is admin-only: every
 * caller here is refused, however well or badly formed the query.
 */
export const part: BadInputPart = {
  async setup() {
    const junkQuery = (rng: Parameters<typeof text>[0]) => `${enc(text(rng))}=${enc(rng.chance(0.2) ? huge(rng).slice(0, 4000) : text(rng))}`;
    return {
      'GET /ready': {
        auth: false,
        makers: [(rng) => req('GET', `/ready?${junkQuery(rng)}`, { expect: 'any', who: rng.pick(['anon', 'student', 'forged'] as const), headers: { authorization: rng.pick(forged.tokens), 'x-request-id': text(rng).replace(/[^\x20-\x7e]/g, '?') } })],
      },
      'GET /metrics': {
        auth: false,
        makers: [(rng) => req('GET', `/metrics?${junkQuery(rng)}`, { expect: 'any', who: 'forged', headers: { authorization: rng.pick(forged.tokens), 'content-type': rng.pick(CONTENT_TYPES) } })],
      },
      'GET /admin/audit': {
        auth: true,
        makers: [
          ...universal('GET', () => '/admin/audit', true),
          () => req('GET', '/admin/audit'), // a student: 403
          (rng) => req('GET', `/admin/audit?type=${enc(rng.pick([...WRONG_TYPES.map(String), 'account.signed_up', text(rng)]))}`),
          (rng) => req('GET', `/admin/audit?before=${enc(String(rng.pick([...NUMBERS, 0, 'abc', badUuid(rng)])))}`),
          (rng) => req('GET', `/admin/audit?limit=${enc(String(rng.pick([0, 501, -1, 2.5, 'all', 1e9])))}`, { who: rng.pick(['anon', 'forged', 'student'] as const), headers: { authorization: rng.pick(forged.tokens) } }),
        ],
      },
    };
  },
};
