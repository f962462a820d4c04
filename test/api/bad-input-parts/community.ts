import { ne } from 'drizzle-orm';
import { schema } from '../../../src/db/index.ts';
import type { Rng } from '../../../src/lib/rng.ts';
import { as } from '../../helpers/app.ts';
import { badUuid, bodyCase, enc, json, req, text, universal, uuid, WRONG_TYPES, type BadInputPart, type Case, type Spec } from './kit.ts';

/** Wrong types a text field refuses ('NaN' is a fine string). */
const NOT_TEXT = [...WRONG_TYPES.filter((v) => v !== 'NaN'), '', '   '];
const LIMITS = ['0', '51', '-1', 'abc', '3.5', '', 'NaN', '9'.repeat(400)];

/**
 * Every request here is one the community must refuse: a malformed field, an unknown or
 * invisible id, an action on one's own post (upvote, report, helpful), one reserved to the
 * note's author or to admins (the moderation queue among them), or a tutor posting a note.
 */
export const part: BadInputPart = {
  async setup({ t, me, victim, tutor, ids }) {
    const ok = async (who: typeof me, method: 'POST', url: string, payload?: object) => {
      const res = await as(t.app, who)({ method, url, payload });
      if (res.statusCode >= 300) throw new Error(`community bad-input setup: ${url} → ${res.statusCode} ${res.body}`);
      return res.json();
    };
    ids.communityMine = (await ok(me, 'POST', '/community/note', { body: 'My own note on commas.', visibility: 'community' })).note.id;
    ids.communityMyReply = (await ok(me, 'POST', `/community/notes/${ids.communityMine}/replies`, { body: 'A follow-up of mine.' })).reply.id;
    ids.communityVictimPrivate = (await ok(victim, 'POST', '/community/note', { body: 'Victim private note.', visibility: 'private' })).note.id;
    ids.communityVictimReply = (await ok(victim, 'POST', `/community/notes/${ids.communityVictimPrivate}/replies`, { body: 'Victim follow-up.' })).reply.id;
    ids.communityVictimPublic = (await ok(victim, 'POST', '/community/note', { body: 'Victim public note.', visibility: 'community' })).note.id;
    ids.communityMyReplyOnVictim = (await ok(me, 'POST', `/community/notes/${ids.communityVictimPublic}/replies`, { body: 'My answer to the victim.' })).reply.id;
    const q = schema.questions;
    const [question] = await t.database.db.select({ id: q.id, skill: q.skill }).from(q).limit(1);
    const [otherSkill] = await t.database.db.select({ skill: q.skill }).from(q).where(ne(q.skill, question.skill)).limit(1);

    /** Routes on one note or reply id: malformed, unknown, and the ids `refused` that must be refused whole. */
    const onId = (method: string, path: (id: string) => string, refused: string[], extra: ((rng: Rng) => Case)[] = [], hasBody = false): Spec => ({
      auth: true,
      makers: [
        ...universal(method, (rng) => path(rng.pick([uuid(rng), ...refused])), true, hasBody),
        (rng) => req(method, path(badUuid(rng))),
        (rng) => req(method, path(uuid(rng))), // unknown: 404
        ...refused.map((id) => () => req(method, path(id))),
        ...extra,
      ],
    });
    const noteBase = () => ({ body: 'A fine note.', visibility: 'community', questionId: question.id });
    const legacyBase = () => ({ user_id: me.id, question_id: question.id, note_text: 'A fine legacy note.' });
    const noteBad = {
      body: NOT_TEXT,
      visibility: [...WRONG_TYPES, 'public', 'PRIVATE'],
      questionId: [...WRONG_TYPES, '', 'no-such-question'],
      skill: [...WRONG_TYPES, 'not_a_skill', otherSkill.skill],
      aiReply: WRONG_TYPES.filter((v) => v !== true),
      lessonId: [...WRONG_TYPES, '', 'no-such-lesson'],
      user_id: [...WRONG_TYPES, victim.id],
    };
    const legacyBad = { user_id: [...WRONG_TYPES, victim.id, ''], question_id: [...WRONG_TYPES.filter((v) => v !== null), '', 'no-such-question'], note_text: NOT_TEXT };
    const feed = (q: string) => req('GET', `/community/notes?${q}`);

    return {
      'POST /community/note': {
        auth: true,
        makers: [
          ...universal('POST', () => '/community/note', true),
          bodyCase('POST', () => '/community/note', noteBase, noteBad, ['body']),
          bodyCase('POST', () => '/community/note', legacyBase, legacyBad, ['note_text']),
          () => json('POST', '/community/note', { body: 'both', note_text: 'both' }),
          () => json('POST', '/community/note', { note_text: 'both ids', question_id: question.id, questionId: question.id }),
          () => json('POST', '/community/note', noteBase(), { headers: { authorization: `Bearer ${tutor.token}` } }), // only students post
          (rng) => json('POST', '/community/note', noteBase(), { headers: { 'idempotency-key': rng.pick(['short', 'k'.repeat(101)]) } }),
        ],
      },
      'GET /community/notes': {
        auth: true,
        makers: [
          ...universal('GET', () => '/community/notes', true),
          (rng) => feed(`limit=${enc(rng.pick(LIMITS))}`),
          (rng) => feed(`skill=${enc(rng.pick(['not_a_skill', 'MATH', '', text(rng)]))}`),
          (rng) => feed(`${rng.pick(['authorId', 'cursor'])}=${badUuid(rng)}`),
          () => feed(`questionId=${'q'.repeat(201)}`),
          () => feed('limit=1&limit=2'),
        ],
      },
      'GET /community/notes/:id': onId('GET', (id) => `/community/notes/${id}`, [ids.communityVictimPrivate]),
      'POST /community/notes/:id/replies': onId(
        'POST',
        (id) => `/community/notes/${id}/replies`,
        [],
        [
          () => json('POST', `/community/notes/${ids.communityVictimPrivate}/replies`, { body: 'A valid reply.' }), // invisible: 403
          (rng) => json('POST', `/community/notes/${uuid(rng)}/replies`, { body: 'A valid reply.' }), // unknown: 404
          bodyCase('POST', () => `/community/notes/${ids.communityMine}/replies`, () => ({ body: 'A reply.' }), { body: NOT_TEXT }, ['body']),
          () => json('POST', `/community/notes/${ids.communityMine}/replies`, { body: 'A valid reply.' }, { headers: { 'idempotency-key': 'short' } }),
        ],
        true,
      ),
      'POST /community/notes/:id/ai_reply': onId('POST', (id) => `/community/notes/${id}/ai_reply`, [ids.communityVictimPrivate, ids.communityVictimPublic]),
      'POST /community/notes/:id/upvote': onId('POST', (id) => `/community/notes/${id}/upvote`, [ids.communityMine, ids.communityVictimPrivate]),
      'DELETE /community/notes/:id/upvote': onId('DELETE', (id) => `/community/notes/${id}/upvote`, [ids.communityMine, ids.communityVictimPrivate]),
      'POST /community/replies/:id/upvote': onId('POST', (id) => `/community/replies/${id}/upvote`, [ids.communityMyReply, ids.communityVictimReply]),
      'DELETE /community/replies/:id/upvote': onId('DELETE', (id) => `/community/replies/${id}/upvote`, [ids.communityMyReply, ids.communityVictimReply]),
      'POST /community/replies/:id/helpful': onId('POST', (id) => `/community/replies/${id}/helpful`, [ids.communityMyReply, ids.communityMyReplyOnVictim, ids.communityVictimReply]),
      'POST /community/report': {
        auth: true,
        makers: [
          ...universal('POST', () => '/community/report', true),
          bodyCase(
            'POST',
            () => '/community/report',
            () => ({ targetKind: 'note', targetId: ids.communityMine, reason: 'spam' }), // my own: refused whatever else
            { targetKind: [...WRONG_TYPES, 'user', 'notes'], targetId: [...WRONG_TYPES, ''], reason: NOT_TEXT },
            ['targetKind', 'targetId', 'reason'],
          ),
          (rng) => json('POST', '/community/report', { targetKind: rng.pick(['note', 'reply']), targetId: uuid(rng), reason: 'spam' }), // unknown: 404
          () => json('POST', '/community/report', { targetKind: 'note', targetId: ids.communityVictimPrivate, reason: 'spam' }), // invisible: 403
          () => json('POST', '/community/report', { targetKind: 'reply', targetId: ids.communityVictimPublic, reason: 'spam' }), // a note id as a reply: 404
          () => json('POST', '/community/report', { targetKind: 'reply', targetId: ids.communityMyReply, reason: 'spam' }), // my own reply
        ],
      },
      ...Object.fromEntries(
        (['hide', 'unhide'] as const).map((action) => [
          `POST /community/:kind/:id/${action}`,
          onId('POST', (id) => `/community/note/${id}/${action}`, [ids.communityMine, ids.communityVictimPublic], [
            (rng: Rng) => req('POST', `/community/${rng.pick(['notes', 'user', 'NOTE', enc(text(rng))])}/${ids.communityMine}/${action}`),
            () => req('POST', `/community/reply/${ids.communityMyReply}/${action}`), // a student: 403
          ]),
        ]),
      ),
      // Admins only: every caller here is refused, however well or badly formed the query.
      'GET /admin/reports': {
        auth: true,
        makers: [
          ...universal('GET', () => '/admin/reports', true),
          () => req('GET', '/admin/reports'), // a student: 403
          () => req('GET', '/admin/reports?status=all', { headers: { authorization: `Bearer ${tutor.token}` } }), // a tutor: 403
          (rng) => req('GET', `/admin/reports?status=${enc(rng.pick(['closed', 'OPEN', '', ...WRONG_TYPES.map(String), text(rng)]))}`),
          (rng) => req('GET', `/admin/reports?limit=${enc(rng.pick([...LIMITS, '101']))}`),
          (rng) => req('GET', `/admin/reports?cursor=${rng.pick([badUuid(rng), `1_note_${badUuid(rng)}`, `1_user_${uuid(rng)}`, enc(text(rng))])}`),
        ],
      },
    };
  },
};
