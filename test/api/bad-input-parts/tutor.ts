import { randomBytes } from 'node:crypto';
import { badUuid, enc, huge, NUMBERS, req, text, universal, uuid, WRONG_TYPES, type BadInputPart } from './kit.ts';
import type { Rng } from '../../../src/lib/rng.ts';

/**
 * The AI tutor's HTTP side. The chat route speaks WebSocket: without an upgrade it answers
 * 426 to a student and 401/400 to everyone else, never a 5xx. (Malformed WebSocket frames
 * are covered over a real socket in test/api/tutor-ws.test.ts.)
 */
/** Sent for the victim's history, so even a value that happens to be valid is refused (403). */
const badLimit = (rng: Rng) => enc(String(rng.pick([...NUMBERS, ...WRONG_TYPES, 0, 1001, 'ten', text(rng)])));

export const part: BadInputPart = {
  async setup({ victim }) {
    const upgradeHeaders = () => ({ connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': randomBytes(16).toString('base64') });
    return {
      'GET /ai_tutor/chat': {
        auth: true,
        makers: [
          ...universal('GET', () => '/ai_tutor/chat', true),
          () => req('GET', '/ai_tutor/chat'), // a student, no upgrade: 426
          () => req('GET', '/ai_tutor/chat', { headers: upgradeHeaders() }), // upgrade headers but no socket to upgrade: 426
          (rng) => req('GET', `/ai_tutor/chat?token=${enc(text(rng))}`, { who: 'anon' }), // forged or NUL-carrying token: 401/400
          (rng) => req('GET', `/ai_tutor/chat?token=${enc(huge(rng).slice(0, rng.int(4097, 20_000)))}`, { who: 'anon' }), // over-long token: 400
          (rng) => req('GET', `/ai_tutor/chat?token=${enc(text(rng))}`, { who: 'anon', headers: upgradeHeaders() }),
        ],
      },
      'GET /ai_tutor/interactions/:user_id': {
        auth: true,
        makers: [
          ...universal('GET', (rng) => `/ai_tutor/interactions/${rng.chance(0.5) ? victim.id : uuid(rng)}`, true),
          (rng) => req('GET', `/ai_tutor/interactions/${badUuid(rng)}`), // 400
          (rng) => req('GET', `/ai_tutor/interactions/${rng.chance(0.5) ? victim.id : uuid(rng)}`), // another student's, or nobody's: 403
          (rng) => req('GET', `/ai_tutor/interactions/${victim.id}?limit=${badLimit(rng)}`),
          (rng) => req('GET', `/ai_tutor/interactions/${victim.id}?conversation_id=${badUuid(rng)}`),
        ],
      },
      'GET /ai_tutor/conversations': {
        auth: true,
        // My own list: only an invalid limit may be sent (String([1]) from the shared pools would be a valid '1').
        makers: [...universal('GET', () => '/ai_tutor/conversations', true), (rng) => req('GET', `/ai_tutor/conversations?limit=${enc(String(rng.pick([-1, 0, 201, 3.5, 1e15, 'all', 'null', text(rng)])))}`)],
      },
    };
  },
};
