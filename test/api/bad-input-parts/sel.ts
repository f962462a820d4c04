import { as } from '../../helpers/app.ts';
import type { Rng } from '../../../src/lib/rng.ts';
import { FEATURE_TABLE } from '../../../src/sel/skills.ts';
import { badUuid, bodyCase, json, SCRIPT, SQL, universal, uuid, WRONG_TYPES, type BadInputPart } from './kit.ts';

/** Wrong types that are not strings: a string such as 'NaN' is valid text here. */
const NOT_STRINGS = WRONG_TYPES.filter((v) => typeof v !== 'string');
const BAD_ROUND_IDS = [...NOT_STRINGS, '', 'has space', 'r'.repeat(101), '-leading-dash', ...SQL, ...SCRIPT, '../../etc/passwd'];
const BAD_TIMES = [...NOT_STRINGS, 'NaN', 'yesterday', '2019-12-31T23:59:59Z', '2024-01-01T00:00:00', '2024-13-45T00:00:00Z', '2999-01-01T00:00:00Z', ...SQL];
const BAD_TEXTS = [...NOT_STRINGS, '', '   ', 'x'.repeat(2001)];

const behaviour = {
  session_minutes: 20, tasks_attempted: 10, tasks_completed: 7, help_requests: 1, help_given: 3,
  chat_messages: 25, resources_shared: 2, retries_after_failure: 2, frustration_events: 1,
};
type Behaviour = Record<keyof typeof behaviour, unknown>;

/** One behavioural count made invalid: a wrong type, outside its range, a fraction, or inconsistent with the others. */
function badBehaviour(rng: Rng): Behaviour {
  const b: Behaviour = { ...behaviour };
  const f = rng.pick(Object.keys(behaviour) as (keyof typeof behaviour)[]);
  const [lo, hi] = FEATURE_TABLE[f].range;
  const pool = f === 'session_minutes' ? [lo - 1, 0.5, hi + 1, '20', null, true, 1e15] : [lo - 1, hi + 1, 3.5, '3', null, true, [1], -1e12];
  if (rng.chance(0.15)) return { ...b, tasks_completed: 11 }; // more completed than attempted
  if (rng.chance(0.15)) return { ...b, retries_after_failure: 11 };
  if (rng.chance(0.1)) return { ...b, cheating: 1 } as Behaviour;
  b[f] = rng.pick(pool);
  return b;
}

/**
 * SEL game data in. `me` already has telemetry for one round and an utterance in another
 * (never both in one round, so the main file's inference request with an empty body stays
 * a 409); a different report for the stored round is a 409, another student's id a 403.
 */
export const part: BadInputPart = {
  async setup({ t, me, victim }) {
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const utterance = { gameSessionId: 'sel-bad-utterances', text: 'We won because we shared.', spokenAt: at };
    const stored = { gameSessionId: 'sel-bad-telemetry', endedAt: at, behaviour };
    const call = as(t.app, me);
    for (const [url, payload] of [[`/api/v1/sel/students/${me.id}/utterances`, { utterances: [utterance] }], [`/api/v1/sel/students/${me.id}/telemetry`, stored]] as const) {
      const res = await call({ method: 'POST', url, payload });
      if (res.statusCode !== 201) throw new Error(`sel bad-input part setup: ${res.statusCode} ${res.body}`);
    }
    const uUrl = (id: string) => `/api/v1/sel/students/${id}/utterances`;
    const tUrl = (id: string) => `/api/v1/sel/students/${id}/telemetry`;
    const fresh = (rng: Rng) => ({ ...utterance, gameSessionId: `sel-bad-${rng.int(0, 1e6)}`, text: `We talked it over ${rng.int(0, 1e6)}.` });
    const brokenUtterance = (rng: Rng) => {
      const u: Record<string, unknown> = fresh(rng);
      const field = rng.pick(['gameSessionId', 'text', 'spokenAt', 'extra', 'missing']);
      if (field === 'gameSessionId') u.gameSessionId = rng.pick(BAD_ROUND_IDS);
      else if (field === 'text') u.text = rng.pick(BAD_TEXTS);
      else if (field === 'spokenAt') u.spokenAt = rng.pick(BAD_TIMES);
      else if (field === 'extra') u.studentId = victim.id;
      else delete u[rng.pick(['gameSessionId', 'text', 'spokenAt'])];
      return u;
    };
    return {
      'POST /api/v1/sel/students/:id/utterances': {
        auth: true,
        makers: [
          ...universal('POST', (rng) => uUrl(rng.chance(0.5) ? me.id : uuid(rng)), true),
          bodyCase('POST', () => uUrl(me.id), () => ({ utterances: [utterance] }), { utterances: [...WRONG_TYPES, [], 'utterances', [[utterance]]] }, ['utterances']),
          // One bad utterance spoils the batch: nothing of it is stored.
          (rng) => json('POST', uUrl(me.id), { utterances: rng.shuffle([fresh(rng), brokenUtterance(rng)]) }),
          (rng) => json('POST', uUrl(me.id), { utterances: Array.from({ length: 51 }, () => fresh(rng)) }), // over the batch limit
          (rng) => json('POST', uUrl(rng.chance(0.5) ? victim.id : uuid(rng)), { utterances: [fresh(rng)] }), // not mine: 403
          (rng) => json('POST', uUrl(badUuid(rng)), { utterances: [fresh(rng)] }),
        ],
      },
      'POST /api/v1/sel/students/:id/telemetry': {
        auth: true,
        makers: [
          ...universal('POST', (rng) => tUrl(rng.chance(0.5) ? me.id : uuid(rng)), true),
          bodyCase('POST', () => tUrl(me.id), () => ({ gameSessionId: 'sel-bad-fresh', endedAt: at, behaviour }), {
            gameSessionId: BAD_ROUND_IDS,
            endedAt: BAD_TIMES,
            behaviour: [...WRONG_TYPES, { ...behaviour, tasks_completed: 11 }, { ...behaviour, help_given: -1 }],
          }, ['gameSessionId', 'endedAt', 'behaviour']),
          (rng) => json('POST', tUrl(me.id), { gameSessionId: `sel-bad-${rng.int(0, 1e6)}`, endedAt: at, behaviour: badBehaviour(rng) }),
          // The stored round reported again with other figures: a conflict, the stored row untouched.
          (rng) => json('POST', tUrl(me.id), { ...stored, ...(rng.chance(0.5) ? { endedAt: new Date(Date.now() - 7_200_000).toISOString() } : { behaviour: { ...behaviour, help_given: rng.int(4, 200) } }) }),
          (rng) => json('POST', tUrl(rng.chance(0.5) ? victim.id : uuid(rng)), { gameSessionId: `sel-bad-${rng.int(0, 1e6)}`, endedAt: at, behaviour }), // not mine: 403
          (rng) => json('POST', tUrl(badUuid(rng)), stored),
        ],
      },
    };
  },
};
