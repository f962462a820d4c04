/** A lesson: the idea, a worked example, common traps, a self-check; then practise the skill. */
import { call } from '../api/client.ts';
import { Link, query, usePath } from '../app/router.tsx';
import { useSession } from '../api/session.ts';
import { LessonRead } from '../components/LessonRead.tsx';
import { LessonSummary } from '../components/LessonSummary.tsx';
import { Markdown } from '../components/Markdown.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
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
  // The plan's Start link names the task (lib/tasks.ts taskLink), which marking the lesson read ticks off.
  const planTaskId = query(usePath()).get('task');
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
      {/* At the end, where the reading ends: only a student has a plan and points. */}
      {session?.user.role === 'student' && <LessonRead key={l.id} lessonId={l.id} planTaskId={planTaskId} />}
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

