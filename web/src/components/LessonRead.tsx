/**
 * "I've read this" at the end of a lesson, for a student: reading the lesson is what its plan
 * task's points are paid for (src/plan/lesson-read.ts). Opened from the task (the plan's Start
 * link names it, `?task=`), marking it read ticks the task off and pays at once; opened any other
 * way, the task's Done on the plan pays from then on.
 */
import { useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { lessons } from '../api/endpoints.ts';
import type { LessonReadReply } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { Notices } from './status.tsx';

/** What marking it read did, in words. */
function readNotice({ planTask }: LessonReadReply): string {
  if (!planTask) return 'Marked as read. If this lesson is on your study plan, ticking its task off there now earns its points.';
  // `gone`: the plan changed while the page was open (a new goal, accepted advice).
  if (planTask.status !== 'completed') return 'Marked as read. This lesson is no longer a task on your current plan.';
  if (planTask.points > 0) return `Marked as read. This lesson is ticked off your study plan: +${planTask.points} points.`;
  return 'Marked as read. This lesson’s task on your study plan was already done.';
}

export function LessonRead({ lessonId, planTaskId }: { lessonId: string; planTaskId: string | null }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reply, setReply] = useState<LessonReadReply | null>(null);

  const markRead = async () => {
    setBusy(true);
    setError(null);
    try {
      setReply(await lessons.read(lessonId, planTaskId ?? undefined));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="lesson-read" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Done reading?</h2>
      {!reply && (
        <p>
          {planTaskId
            ? 'This lesson is a task on your study plan. Once you have read it through, self-check included, mark it read to tick the task off and earn its points.'
            : 'Once you have read it through, self-check included, mark it read.'}
        </p>
      )}
      <Notices notice={reply ? readNotice(reply) : null} error={error} />
      <div className="row">
        {!reply && (
          <button type="button" className="btn btn-primary" disabled={busy} onClick={markRead}>
            {busy ? 'Marking…' : 'I’ve read this'}
          </button>
        )}
        {planTaskId && <Link to="/plan">Back to your plan</Link>}
      </div>
    </section>
  );
}
