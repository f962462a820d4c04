/** A lesson: the idea, a worked example, common traps, a self-check; then practise the skill. */
import { useState } from 'react';
import { call, errorMessage } from '../api/client.ts';
import { plan as planApi } from '../api/endpoints.ts';
import { Link } from '../app/router.tsx';
import { useSession } from '../api/session.ts';
import { LessonSummary } from '../components/LessonSummary.tsx';
import { Markdown } from '../components/Markdown.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import { dateLabel, openLessonTask } from '../lib/tasks.ts';
import { useAsync } from '../lib/use-async.ts';
import { isSkillId, skill as skillInfo } from '../../../src/content/taxonomy.ts';

interface LessonRow {
  id: string;
  skill: string;
  title: string;
  body: string;
  minutes: number;
  videoUrl: string | null;
}

export default function Lesson({ params }: { params: Record<string, string> }) {
  const session = useSession();
  const lesson = useAsync(() => call<LessonRow>('GET', `/lessons/${encodeURIComponent(params.id)}`, { auth: false }), [params.id]);
  if (lesson.status === 'loading') return <Loading label="Loading the lesson…" />;
  if (lesson.status === 'error') return <ErrorBox error={lesson.error} onRetry={lesson.reload} title="Could not load this lesson" />;
  const l = lesson.data;
  const info = isSkillId(l.skill) ? skillInfo(l.skill) : null;
  return (
    <article className="page narrow-wide card lesson">
      <p className="hint">
        {info?.name ?? l.skill} · {l.minutes} min read
      </p>
      <h1>{l.title}</h1>
      {/* The summary is written for a signed-in reader, who may rate it. */}
      {session && <LessonSummary lessonId={l.id} />}
      <Markdown text={l.body} math={info?.section === 'math'} />
      {session?.user.role === 'student' && <PlanTaskDone skill={l.skill} />}
      {info && (
        <div className="row">
          <Link className="btn btn-primary" to={`/practice?skill=${info.id}`}>
            Practise {info.name}
          </Link>
        </div>
      )}
    </article>
  );
}

/**
 * Reading a lesson is the work of its plan task, so the lesson ticks the task off itself
 * rather than sending the student back to the plan to do it; with no open task for this
 * skill today or ahead, nothing shows.
 */
function PlanTaskDone({ skill }: { skill: string }) {
  const today = new Date().toLocaleDateString('en-CA');
  const current = useAsync(() => planApi.current(), []);
  const [done, setDone] = useState<{ points: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The plan as loaded with the page: not reloaded after marking, so the task stays found and its confirmation shows.
  const p = current.status === 'ready' ? current.data.plan : null;
  const open = p ? openLessonTask(p, skill, today) : null;
  if (!p || !open) return null;

  const markDone = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await planApi.act(p.id, open.task.id, 'completed');
      setDone({ points: r.pointsAwarded });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const when = open.date === today ? 'today’s study plan' : `your study plan for ${dateLabel(open.date)}`;
  return (
    <section className="notice notice-info" aria-label="Your study plan">
      <div aria-live="polite">
        {done ? (
          <p>
            <strong>Marked done.</strong> This lesson is ticked off {when}.{done.points > 0 ? ` +${done.points} points.` : ''}
          </p>
        ) : (
          <p>This lesson is on {when}. Done reading it and its self-check?</p>
        )}
      </div>
      {!done && (
        <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={markDone}>
          {busy ? 'Marking…' : 'Mark this plan task done'}
        </button>
      )}
      <Link to="/plan">Back to your plan</Link>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
