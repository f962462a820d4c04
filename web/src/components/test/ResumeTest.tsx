/** "Resume your test": the full-length test this student left mid-way, with where it stands, or nothing. */
import { fullTest } from '../../api/endpoints.ts';
import type { FullTestView } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { counted } from '../../lib/sentence.ts';
import { useAsync } from '../../lib/use-async.ts';
import { useNow } from '../Timer.tsx';
import { section as sectionInfo } from '../../../../src/content/taxonomy.ts';

/**
 * The server knows the test under way, wherever it was started: the dashboard's summary names it
 * (`sessionId`, null for none), elsewhere GET /full_test/active finds it. Reading it lets the
 * clock move it on, so a test whose time ran out shows nothing.
 */
export function ResumeTest({ sessionId }: { sessionId?: string | null }) {
  const test = useAsync(async () => {
    if (sessionId === null) return null;
    const v = sessionId ? await fullTest.get(sessionId) : (await fullTest.active()).test;
    return v && v.status === 'active' && !v.result ? { view: v, offset: Date.parse(v.serverTime) - Date.now() } : null;
  }, [sessionId]);
  if (test.status !== 'ready' || !test.data) return null;
  const { view, offset } = test.data;
  return (
    <section className="card resume-card" aria-labelledby="resume-title">
      <h2 id="resume-title">You have a test in progress</h2>
      <p>
        <Where view={view} offset={offset} />
      </p>
      <Link className="btn btn-primary" to={`/test/${view.sessionId}`}>
        Resume your test
      </Link>
    </section>
  );
}

function Where({ view, offset }: { view: FullTestView; offset: number }) {
  const now = useNow(15_000);
  const left = (deadline: string) => {
    const minutes = Math.ceil((Date.parse(deadline) - (now + offset)) / 60_000);
    return minutes > 0 ? `about ${counted(minutes, 'minute')} left` : 'its time is up';
  };
  if (view.current) {
    const m = view.current;
    return (
      <>
        {sectionInfo(m.section).name}, module {m.stage}: {m.answered} of {m.questions.length} answered, {left(m.deadline)}. The clock keeps running while you are away.
      </>
    );
  }
  if (view.break) return <>You are on the break before {sectionInfo(view.sections[1]).name}, {left(view.break.endsAt)}.</>;
  return <>Every module is done; open it to see your score.</>;
}
