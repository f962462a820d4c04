/** The question navigator: every question of the module as answered, unanswered, marked or current. */
import type { FullTestQuestion } from '../../api/types.ts';

export function Navigator({
  questions,
  answers,
  marked,
  current,
  onJump,
}: {
  questions: FullTestQuestion[];
  answers: Record<string, string | null>;
  marked: ReadonlySet<string>;
  current: number | null;
  onJump(i: number): void;
}) {
  return (
    <div className="navigator">
      <ul className="nav-legend" aria-hidden="true">
        <li>
          <span className="nav-swatch is-answered" /> Answered
        </li>
        <li>
          <span className="nav-swatch" /> Unanswered
        </li>
        <li>
          <span className="nav-swatch is-marked" /> For review
        </li>
      </ul>
      <ol className="nav-grid">
        {questions.map((q, i) => {
          const answered = Boolean(answers[q.id]);
          const flag = marked.has(q.id);
          const state = [answered ? 'answered' : 'unanswered', flag ? 'marked for review' : ''].filter(Boolean).join(', ');
          return (
            <li key={q.id}>
              <button
                type="button"
                className={`nav-q ${answered ? 'is-answered' : ''} ${flag ? 'is-marked' : ''} ${current === i ? 'is-current' : ''}`}
                aria-current={current === i ? 'step' : undefined}
                aria-label={`Question ${i + 1}, ${state}`}
                onClick={() => onJump(i)}
              >
                {i + 1}
              </button>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
