/** A practice set: resumes where it was (GET), then the summary with AI feedback to rate. */
import { useState } from 'react';
import { sessions } from '../api/endpoints.ts';
import type { FinishReply } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { FeedbackCard } from '../components/FeedbackCard.tsx';
import { SessionRunner } from '../components/SessionRunner.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import { useAsync } from '../lib/use-async.ts';
import { isSkillId, skill as skillInfo } from '../../../src/content/taxonomy.ts';

export default function Practice({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const [finished, setFinished] = useState<FinishReply | null>(null);
  const [finishError, setFinishError] = useState<unknown>(null);
  const view = useAsync(async () => {
    const v = await sessions.get('practice', id);
    if (v.status !== 'active' || !v.question) setFinished(await sessions.finish('practice', id));
    return v;
  }, [id]);

  const finish = async () => {
    setFinishError(null);
    try {
      setFinished(await sessions.finish('practice', id));
    } catch (err) {
      setFinishError(err);
    }
  };

  if (view.status === 'loading') return <Loading label="Loading your set…" />;
  if (view.status === 'error') return <ErrorBox error={view.error} onRetry={view.reload} title="Could not load this set" />;
  if (finishError) return <ErrorBox error={finishError} onRetry={finish} title="Could not finish the set" />;
  if (finished) return <Summary result={finished} />;
  const v = view.data;
  if (!v.question) return <Loading label="Finishing…" />;
  return (
    <div className="page">
      <h1 className="visually-hidden">Practice</h1>
      <SessionRunner kind="practice" sessionId={id} question={v.question} answered={v.answered} length={v.length} reveal onDone={finish} />
    </div>
  );
}

function Summary({ result }: { result: FinishReply }) {
  const pct = Math.round((100 * result.correct) / Math.max(1, result.answered));
  return (
    <div className="page stack">
      <h1>Set complete</h1>
      <div className="summary-grid">
        <section className="card stat" aria-label="Score">
          <p className="big-number">
            {result.correct} <span>of {result.answered} correct</span>
          </p>
          <div className="meter" role="img" aria-label={`${pct}% correct`}>
            <span style={{ width: `${pct}%` }} />
          </div>
          <p className="points">+{result.points} points earned</p>
          {result.planTask?.status === 'completed' && (
            <p className="notice notice-success">
              Ticked off your study plan{result.planTask.points > 0 ? ` · +${result.planTask.points} points` : ''}. <Link to="/plan">See your plan</Link>
            </p>
          )}
        </section>
        <section className="card" aria-labelledby="by-skill">
          <h2 id="by-skill">By skill</h2>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">Skill</th>
                <th scope="col">Correct</th>
                <th scope="col">Avg. time</th>
              </tr>
            </thead>
            <tbody>
              {result.stats.map((s) => (
                <tr key={s.skill}>
                  <th scope="row">{isSkillId(s.skill) ? skillInfo(s.skill).name : s.skill}</th>
                  <td>
                    {s.correct}/{s.total}
                  </td>
                  <td>{s.avgTimeSec} s</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <FeedbackCard aiOutputId={result.feedback.aiOutputId} text={result.feedback.text} />
      <div className="row">
        <Link className="btn btn-primary" to={`/review/${result.sessionId}`}>
          Review answers
        </Link>
        <Link className="btn btn-secondary" to="/practice">
          Practise again
        </Link>
        <Link className="btn btn-quiet" to="/dashboard">
          Dashboard
        </Link>
      </div>
    </div>
  );
}
