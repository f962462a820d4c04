/** The score report: total and section scores with bands, and how each domain went. */
import { useEffect, useState } from 'react';
import { plan, progress } from '../../api/endpoints.ts';
import { useSession } from '../../api/session.ts';
import type { FullTestResult, PlanTaskOutcome, Suggestion } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { scoreChange, type ScoreChange } from '../../lib/score-change.ts';
import { planDayDates, withDayDates } from '../../lib/tasks.ts';
import { TAXONOMY, domain as domainInfo, section as sectionInfo, type DomainId } from '../../../../src/content/taxonomy.ts';

type Section = NonNullable<FullTestResult['rw']>;

function SectionCard({ s }: { s: Section }) {
  return (
    <section className="card" aria-labelledby={`sec-${s.section}`}>
      <h2 id={`sec-${s.section}`}>{sectionInfo(s.section).name}</h2>
      <p className="score-value">{s.score}</p>
      <p className="score-band">
        likely {s.band[0]}–{s.band[1]} · {s.correct} of {s.scored} scored questions right{s.modulesTaken < 2 ? ' · one module not taken' : ''}
      </p>
      <h3>By domain</h3>
      <ul className="plain-list domain-bars">
        {s.domains.map((d) => {
          const pct = d.total ? Math.round((100 * d.correct) / d.total) : 0;
          return (
            <li key={d.domain}>
              <div className="domain-row">
                <span>{domainInfo(d.domain as DomainId).name}</span>
                <span>
                  {d.total ? `${d.correct}/${d.total}` : 'not in this test'}
                  {d.omitted ? ` (${d.omitted} blank)` : ''}
                </span>
              </div>
              {d.total > 0 && (
                <div className="meter" role="img" aria-label={`${pct}% correct`}>
                  <span style={{ width: `${pct}%` }} />
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ChangeNote({ change }: { change: ScoreChange }) {
  const tone = change.delta > 0 ? ' is-up' : change.delta < 0 ? ' is-down' : '';
  return (
    <p className={`score-change${tone}`} data-testid="score-change">
      {change.text}
    </p>
  );
}

/** `planTask`: the study-plan task this test was started from, as the call that finished it reported it. */
export function ScoreReport({ result, suggestion, planTask }: { result: FullTestResult; suggestion?: Suggestion | null; planTask?: PlanTaskOutcome | null }) {
  const { min, max } = TAXONOMY.sectionScale;
  // Only students take tests, and a student sees only their own: anyone else (a linked tutor or
  // parent) is reading someone else's report, which speaks of "the student" and has no plan advice.
  const own = useSession()?.user.role === 'student';
  // The advice speaks of plan days ("Day 2 already covers …"); the student reads dates, so the
  // plan is fetched for them. Without it (offline, no plan) the advice reads as written.
  const [dayDates, setDayDates] = useState<ReadonlyMap<number, string>>(new Map());
  const namesADay = /\bday \d+/i.test(suggestion?.reason ?? '');
  useEffect(() => {
    if (!namesADay) return;
    let live = true;
    plan
      .current()
      .then((c) => live && c.plan && setDayDates(planDayDates(c.plan)))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [namesADay]);
  // The change since the previous test comes from the score history; a first test has none.
  const [change, setChange] = useState<ScoreChange | null>(null);
  useEffect(() => {
    if (!own) return;
    let live = true;
    progress
      .mine(1)
      .then((p) => live && setChange(scoreChange(p.scores, result.testResultId)))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [result.testResultId, own]);
  return (
    <div className="page stack">
      <h1>{own ? 'Your score report' : 'Score report'}</h1>
      {result.total && (
        <section className="card total-score" aria-labelledby="total-title">
          <h2 id="total-title">Total score</h2>
          <p className="score-value big">{result.total.score}</p>
          <p className="score-band">
            likely {result.total.band[0]}–{result.total.band[1]} on the {2 * min}–{2 * max} scale
          </p>
          {change?.measure === 'total' && <ChangeNote change={change} />}
        </section>
      )}
      {change && change.measure !== 'total' && <ChangeNote change={change} />}
      {!result.complete && <p className="notice notice-info">This test ended early, so the unanswered questions count as wrong.</p>}
      <div className="summary-grid is-even">
        {result.rw && <SectionCard s={result.rw} />}
        {result.math && <SectionCard s={result.math} />}
      </div>
      <p className="points">{own ? 'You earned' : 'The student earned'} {result.points} points for this test.</p>
      {own && planTask?.status === 'completed' && (
        <p className="notice notice-success">
          Ticked off your study plan{planTask.points > 0 ? ` · +${planTask.points} points` : ''}. <Link to="/plan">See your plan</Link>
        </p>
      )}
      {own && suggestion?.reason && (
        <section className="card notice-info" aria-labelledby="adv-title">
          <h2 id="adv-title">What this means for your plan</h2>
          <p>{withDayDates(suggestion.reason, dayDates)}</p>
          <Link to="/plan">See the suggested change</Link>
        </section>
      )}
      <div className="row">
        <Link className="btn btn-primary" to={`/review/${result.sessionId}`}>
          Review answers
        </Link>
        {own && (
          <Link className="btn btn-quiet" to="/dashboard">
            Dashboard
          </Link>
        )}
      </div>
    </div>
  );
}
