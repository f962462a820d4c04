/** Every answer of a session with its key, explanation and the AI's review of it — from any device. */
import { review } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import { Link } from '../app/router.tsx';
import { QuestionView } from '../components/QuestionView.tsx';
import { RichText } from '../components/RichText.tsx';
import { Empty, ErrorBox, Loading } from '../components/status.tsx';
import { clock } from '../components/Timer.tsx';
import { readAnswered } from '../lib/answered.ts';
import { useAsync } from '../lib/use-async.ts';
import { isSkillId, skill as skillInfo } from '../../../src/content/taxonomy.ts';

export default function Review({ params }: { params: Record<string, string> }) {
  const session = useSession()!;
  const id = params.id;
  // The student's own session: write the reviews now (once); others read what exists.
  const data = useAsync(() => (session.user.role === 'student' ? review.generate(id) : review.list(id)), [id, session.user.role]);

  if (data.status === 'loading') return <Loading label="Writing your review…" />;
  if (data.status === 'error') return <ErrorBox error={data.error} onRetry={data.reload} title="Could not load the review" />;
  const reviews = new Map(data.data.reviews.map((r) => [r.questionId, r]));
  // The server's record of the session; this tab's own record only if the server had none.
  const served = data.data.answers.map((a) => ({ ...a, answer: a.answer ?? '' }));
  const answered = served.length ? served : readAnswered(id);
  const items = answered.length
    ? answered.map((a) => ({ key: a.question.id, item: a, review: reviews.get(a.question.id) }))
    : data.data.reviews.map((r) => ({ key: r.aiOutputId, item: null, review: r }));

  return (
    <div className="page stack">
      <div className="page-head">
        <h1>Review</h1>
        {answered.length > 0 && (
          <p className="lead">
            {answered.filter((a) => a.correct).length} of {answered.length} correct. Read why — the wrong ones teach the most.
          </p>
        )}
      </div>
      {items.length === 0 && (
        <Empty title="Nothing to review yet">
          <p>Answer at least one question in this set, then come back.</p>
        </Empty>
      )}
      <ol className="review-list">
        {items.map(({ key, item, review: r }, i) => (
          <li key={key} className={`card review-item ${item ? (item.correct ? 'is-correct' : 'is-incorrect') : ''}`}>
            <div className="review-head">
              <h2>Question {i + 1}</h2>
              {item && (
                <p className="review-meta">
                  <span className={`badge ${item.correct ? 'badge-good' : 'badge-bad'}`}>{item.correct ? 'Correct' : 'Incorrect'}</span>
                  <span>{isSkillId(item.question.skill) ? skillInfo(item.question.skill).name : item.question.skill}</span>
                  <span>{clock(item.timeSpentMs)}</span>
                </p>
              )}
            </div>
            {item && (
              <>
                <QuestionView question={item.question} number={i + 1} answer={item.answer} onAnswer={() => undefined} disabled result={item} />
                <details className="explanation" open={!item.correct}>
                  <summary>Explanation</summary>
                  <RichText text={item.rationale} math={item.question.section === 'math'} />
                </details>
              </>
            )}
            {r ? (
              <div className="ai-reply">
                <p className="ai-label">Tutor’s review</p>
                <p className="ai-text">{r.text}</p>
              </div>
            ) : (
              <p className="hint">No AI review for this question.</p>
            )}
          </li>
        ))}
      </ol>
      {session.user.role === 'student' && (
        <div className="row">
          <Link className="btn btn-primary" to="/practice">
            Practise more
          </Link>
          <Link className="btn btn-quiet" to="/dashboard">
            Dashboard
          </Link>
        </div>
      )}
    </div>
  );
}
