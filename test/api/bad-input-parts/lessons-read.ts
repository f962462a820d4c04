import { schema } from '../../../src/db/index.ts';
import { addDays, dayIn } from '../../../src/lib/days.ts';
import { as } from '../../helpers/app.ts';
import { enc, huge, json, req, text, universal, uuid, WRONG_TYPES, type BadInputPart } from './kit.ts';

/**
 * Marking a lesson read writes an event (and may tick a plan task off), so every request here
 * names something that makes it refused before anything is written: an unknown or over-long
 * lesson, a `planTaskId` that is malformed or is not this lesson's task on the caller's plan
 * (a practice task, another lesson's), or a caller who is not a student. The student's plan is
 * made here and never acted on, so the plan part's tasks stay as it expects.
 */
export const part: BadInputPart = {
  async setup({ t, me, tutor, ids }) {
    const res = await as(t.app, me)({ method: 'POST', url: '/study_plan', payload: { targetScore: 1250, testDate: addDays(dayIn(new Date()), 30) } });
    if (res.statusCode !== 201) throw new Error(`lessons-read bad-input setup: ${res.statusCode} ${res.body}`);
    const tasks: { id: string; kind: string; lessonId?: string }[] = res.json().phases.flatMap((p: { days: { tasks: unknown[] }[] }) => p.days.flatMap((d) => d.tasks));
    const [lessonTask, otherLessonTask] = tasks.filter((x) => x.kind === 'lesson');
    ids.lessonsReadLesson = lessonTask.lessonId!;
    ids.lessonsReadOtherTask = otherLessonTask.id;
    ids.lessonsReadPracticeTask = tasks.find((x) => x.kind === 'practice')!.id;
    const [known] = await t.database.db.select({ id: schema.lessons.id }).from(schema.lessons).limit(1);
    if (!known) throw new Error('lessons-read bad-input setup: no lessons');

    const url = (id = ids.lessonsReadLesson) => `/lessons/${enc(id)}/read`;
    const badTaskIds = (): unknown[] => [...WRONG_TYPES, '', 'x'.repeat(201), 'no/such/task', ids.lessonsReadOtherTask, ids.lessonsReadPracticeTask];
    return {
      'POST /lessons/:id/read': {
        auth: true,
        makers: [
          ...universal('POST', (rng) => url(rng.chance(0.5) ? ids.lessonsReadLesson : known.id), true),
          // Unknown (404) or over-long (400) lesson ids, with or without a body.
          (rng) => req('POST', url(rng.chance(0.2) ? 'l'.repeat(rng.int(101, 3000)) : `${text(rng)}${uuid(rng)}`), { payload: rng.chance(0.5) ? { planTaskId: lessonTask.id } : undefined }),
          // A planTaskId that is malformed, or names no task of this lesson on my plan: 400.
          (rng) => json('POST', url(), { planTaskId: rng.pick(badTaskIds()) }),
          (rng) => json('POST', url(), { planTaskId: rng.chance(0.5) ? text(rng) : huge(rng), [rng.pick(['extra', '__proto__', 'role'])]: text(rng) }),
          (rng) => json('POST', url(), rng.pick([[{ planTaskId: lessonTask.id }], 42, 'read', true])),
          // Not a student: 403, however good the request.
          (rng) => json('POST', url(), rng.chance(0.5) ? { planTaskId: lessonTask.id } : {}, { headers: { authorization: `Bearer ${tutor.token}` } }),
        ],
      },
    };
  },
};
