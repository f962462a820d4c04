import { as } from '../../helpers/app.ts';
import { badUuid, bodyCase, json, NUMBERS, req, text, universal, uuid, WRONG_TYPES, type BadInputPart, type Case } from './kit.ts';
import type { Rng } from '../../../src/lib/rng.ts';

/**
 * The full-length test's routes. Mine: `ftOpen` (module 0 open, default clock: it cannot
 * time out during the run), `ftDone` (finished); the victim's: `ftVictim`. Every request
 * is refused: a bad field, an id that is unknown or not mine, or a state conflict.
 */
export const part: BadInputPart = {
  async setup({ t, me, victim, ids }) {
    const start = async (who: typeof me, sections: string) => {
      const res = await as(t.app, who)({ method: 'POST', url: '/full_test/start', payload: { sections } });
      if (res.statusCode !== 201) throw new Error(`full-test part setup: ${res.statusCode} ${res.body}`);
      return res.json() as { sessionId: string; current: { questions: { id: string; type: string }[] } };
    };
    const open = await start(me, 'math');
    ids.ftOpen = open.sessionId;
    ids.ftQuestion = (open.current.questions.find((q) => q.type === 'mcq') ?? open.current.questions[0]).id;
    ids.ftDone = (await start(me, 'rw')).sessionId;
    await as(t.app, me)({ method: 'POST', url: `/full_test/${ids.ftDone}/finish` });
    ids.ftVictim = (await start(victim, 'rw')).sessionId;

    const on = (suffix: string, method: string, hasBody: boolean, extra: ((rng: Rng) => Case)[]) => ({
      auth: true,
      makers: [
        ...universal(method, (rng) => `/full_test/${rng.chance(0.5) ? uuid(rng) : ids.ftOpen}${suffix}`, true, hasBody),
        (rng: Rng) => req(method, `/full_test/${badUuid(rng)}${suffix}`),
        ...extra,
      ],
    });
    const valid = () => ({ questionId: ids.ftQuestion, answer: 'A', timeSpentMs: 1000 });
    const notBoolean = WRONG_TYPES.filter((v) => typeof v !== 'boolean');
    return {
      'POST /full_test/start': {
        auth: true,
        makers: [
          ...universal('POST', () => '/full_test/start', true),
          bodyCase('POST', () => '/full_test/start', () => ({ sections: 'math' }), { sections: [...WRONG_TYPES, '', 'all', 'RW', 'Math', 'rw,math'], planTaskId: [...WRONG_TYPES, '', 'no-such-task'] }, ['sections']),
        ],
      },
      'GET /full_test/active': { auth: true, makers: universal('GET', () => '/full_test/active', true) },
      'GET /full_test/:id': on('', 'GET', false, [
        (rng) => req('GET', `/full_test/${uuid(rng)}`), // unknown: 404
        () => req('GET', `/full_test/${ids.ftVictim}`), // another student's: 403
        () => req('GET', `/full_test/${ids.practiceOpen}`), // a practice session: 404
      ]),
      'POST /full_test/:id/answer': on('/answer', 'POST', true, [
        bodyCase('POST', () => `/full_test/${ids.ftOpen}/answer`, valid, {
          questionId: [...WRONG_TYPES, '', 'q'.repeat(201)],
          // null is no bad input here: it clears the answer.
          answer: [...WRONG_TYPES.filter((v) => v !== null), '', 'ABCDEFGHIJK', 'E', 'ZZ', '12345'],
          marked: notBoolean,
          timeSpentMs: NUMBERS,
          idempotencyKey: [...WRONG_TYPES, 'short', 'k'.repeat(101)],
        }, ['questionId', 'answer', 'timeSpentMs']),
        (rng) => json('POST', `/full_test/${uuid(rng)}/answer`, valid()), // unknown: 404
        () => json('POST', `/full_test/${ids.ftVictim}/answer`, valid()), // not mine: 403
        (rng) => json('POST', `/full_test/${ids.ftOpen}/answer`, { questionId: text(rng), answer: 'A', timeSpentMs: 5 }), // not in the open module: 409
        (rng) => json('POST', `/full_test/${ids.ftDone}/answer`, { ...valid(), marked: rng.chance(0.5) }), // finished: 409
        () => json('POST', `/full_test/${ids.ftOpen}/answer`, { questionId: ids.ftQuestion, timeSpentMs: 5 }), // neither answer nor mark: 400
        (rng) => json('POST', `/full_test/${ids.ftOpen}/answer`, valid(), { headers: { 'idempotency-key': rng.chance(0.5) ? 'short' : 'k'.repeat(rng.int(101, 5000)) } }),
      ]),
      'POST /full_test/:id/submit-module': on('/submit-module', 'POST', true, [
        bodyCase('POST', () => `/full_test/${ids.ftOpen}/submit-module`, () => ({ moduleIndex: 3 }), { moduleIndex: [...WRONG_TYPES.filter((v) => v !== 0), 4, 1e9, 0.5, '0'] }, ['moduleIndex']),
        (rng) => json('POST', `/full_test/${ids.ftOpen}/submit-module`, { moduleIndex: rng.int(1, 3) }), // not started yet: 409
        () => json('POST', `/full_test/${ids.ftVictim}/submit-module`, { moduleIndex: 0 }), // not mine: 403
        (rng) => json('POST', `/full_test/${uuid(rng)}/submit-module`, { moduleIndex: 0 }), // unknown: 404
      ]),
      'POST /full_test/:id/resume': on('/resume', 'POST', false, [
        () => req('POST', `/full_test/${ids.ftOpen}/resume`), // no break running: 409
        () => req('POST', `/full_test/${ids.ftDone}/resume`), // finished: 409
        () => req('POST', `/full_test/${ids.ftVictim}/resume`), // not mine: 403
        (rng) => req('POST', `/full_test/${uuid(rng)}/resume`), // unknown: 404
      ]),
      'POST /full_test/:id/finish': on('/finish', 'POST', false, [
        () => req('POST', `/full_test/${ids.ftVictim}/finish`), // not mine: 403
        (rng) => req('POST', `/full_test/${uuid(rng)}/finish`), // unknown: 404
        () => req('POST', `/full_test/${ids.practiceDone}/finish`), // a practice session: 404
      ]),
    };
  },
};
