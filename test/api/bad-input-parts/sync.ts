import { badUuid, bodyCase, json, NUMBERS, text, universal, uuid, WRONG_TYPES, type BadInputPart } from './kit.ts';
import type { Rng } from '../../../src/lib/rng.ts';

/** Malformed queues: the whole batch is refused before any action runs. */
export const part: BadInputPart = {
  async setup({ ids }) {
    const action = (rng: Rng) => ({ type: 'finish', seq: rng.int(0, 1000), key: `bad-${uuid(rng)}`, sessionId: ids.practiceDone });
    const broken = (rng: Rng): unknown => {
      const a: Record<string, unknown> = action(rng);
      const field = rng.pick(['type', 'seq', 'key', 'sessionId', 'extra']);
      if (field === 'type') a.type = rng.pick([...WRONG_TYPES, 'teleport', 'ANSWER', text(rng)]);
      // 1e15 is a fine seq (any safe integer ≥ 0 is): picking it would make a valid queue.
      else if (field === 'seq') a.seq = rng.pick(NUMBERS.filter((v) => v !== 1e15));
      else if (field === 'key') a.key = rng.pick([...WRONG_TYPES, 'short', 'k'.repeat(101)]);
      else if (field === 'sessionId') a.sessionId = rng.pick([...WRONG_TYPES, decodeURIComponent(badUuid(rng).replace(/%(?![0-9A-F]{2})/gi, ''))]);
      else return rng.pick([{ ...a, type: 'answer' }, { ...a, type: 'rate', stars: rng.pick([0, 6, 2.5, '5']) }, { ...a, type: 'plan_action', action: 'teleported' }]);
      return a;
    };
    return {
      'POST /sync': {
        auth: true,
        makers: [
          ...universal('POST', () => '/sync', true),
          bodyCase('POST', () => '/sync', () => ({ actions: [] as unknown[] }), { actions: [...WRONG_TYPES, [], 'actions'] }, ['actions']),
          (rng) => json('POST', '/sync', { actions: [action(rng), broken(rng)] }),
          (rng) => json('POST', '/sync', { actions: Array.from({ length: 501 }, (_, i) => ({ ...action(rng), seq: i, key: `many-${i}-${uuid(rng)}` })) }), // over the limit
          (rng) => {
            const a = action(rng);
            return json('POST', '/sync', { actions: [a, { ...a, key: `other-${uuid(rng)}` }] }); // two actions, one seq
          },
        ],
      },
    };
  },
};
