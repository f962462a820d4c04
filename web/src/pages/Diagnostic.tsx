/**
 * The onboarding diagnostic: one short adaptive test per section, in the real test's order.
 * Session ids are kept in this tab so a reload resumes the section instead of restarting it.
 */
import { useEffect, useState } from 'react';
import { plan, sessions } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import type { FinishReply, SectionId, SessionView } from '../api/types.ts';
import { Link, navigate, query, usePath } from '../app/router.tsx';
import { FeedbackCard } from '../components/FeedbackCard.tsx';
import { SessionRunner } from '../components/SessionRunner.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import { readGoals, writeGoals } from '../lib/goals.ts';
import { TAXONOMY } from '../../../src/content/taxonomy.ts';

const ORDER = TAXONOMY.sections.map((s) => ({ id: s.id as SectionId, name: s.name }));
const KEY = 'satprep.diagnostic';

type Results = Partial<Record<SectionId, FinishReply>>;

interface Progress {
  count: number;
  sessions: Partial<Record<SectionId, string>>;
}

const load = (count: number): Progress => {
  try {
    const p = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Progress | null;
    if (p && p.count === count) return p;
  } catch {
    /* fall through to a fresh start */
  }
  return { count, sessions: {} };
};
const save = (p: Progress) => sessionStorage.setItem(KEY, JSON.stringify(p));

type Stage =
  | { kind: 'loading' }
  | { kind: 'intro'; index: number }
  | { kind: 'running'; index: number; view: Pick<SessionView, 'sessionId' | 'answered' | 'length' | 'question'> }
  | { kind: 'finishing'; index: number; sessionId: string }
  | { kind: 'section-done'; index: number; result: FinishReply }
  | { kind: 'error'; index: number; error: unknown };

export default function Diagnostic() {
  const session = useSession()!;
  const path = usePath();
  const count = Math.min(30, Math.max(6, Number(query(path).get('count')) || 12));
  const [stage, setStage] = useState<Stage>({ kind: 'loading' });
  // By section, not from the reply: a section finished before a reload comes back without its `diagnostic`.
  const [results, setResults] = useState<Results>({});

  // Resume: the first section without a finished session is the current one.
  useEffect(() => {
    let live = true;
    (async () => {
      const progress = load(count);
      for (let index = 0; index < ORDER.length; index++) {
        const id = progress.sessions[ORDER[index].id];
        if (!id) return live && setStage({ kind: 'intro', index });
        const view = await sessions.get('diagnostic', id);
        if (view.status === 'active' && view.question) return live && setStage({ kind: 'running', index, view });
        const result = await sessions.finish('diagnostic', id);
        if (live) setResults((r) => ({ ...r, [ORDER[index].id]: result }));
      }
      if (live) setStage({ kind: 'section-done', index: ORDER.length - 1, result: await sessions.finish('diagnostic', progress.sessions[ORDER[ORDER.length - 1].id]!) });
    })().catch((error: unknown) => live && setStage({ kind: 'error', index: 0, error }));
    return () => {
      live = false;
    };
  }, [count]);

  const start = async (index: number) => {
    setStage({ kind: 'loading' });
    try {
      const s = await sessions.startDiagnostic(ORDER[index].id, count);
      const progress = load(count);
      progress.sessions[ORDER[index].id] = s.sessionId;
      save(progress);
      setStage({ kind: 'running', index, view: s });
    } catch (error) {
      setStage({ kind: 'error', index, error });
    }
  };

  const finish = async (index: number, sessionId: string) => {
    setStage({ kind: 'finishing', index, sessionId });
    try {
      const result = await sessions.finish('diagnostic', sessionId);
      if (index === ORDER.length - 1) {
        const goals = readGoals(session.user.id);
        if (goals) {
          writeGoals(session.user.id, { ...goals, diagnosticDone: true });
          // The plan is built from the proficiency the diagnostic just measured; if this
          // fails the dashboard offers to build it again.
          await plan.generate(goals.targetScore, goals.testDate).catch(() => undefined);
        }
        sessionStorage.removeItem(KEY);
      }
      setResults((r) => ({ ...r, [ORDER[index].id]: result }));
      setStage({ kind: 'section-done', index, result });
    } catch (error) {
      setStage({ kind: 'error', index, error });
    }
  };

  const section = 'index' in stage ? ORDER[stage.index] : null;
  return (
    <div className={`page ${stage.kind === 'running' ? '' : 'narrow'}`}>
      <div className="page-head">
        <h1>Diagnostic{section ? `: ${section.name}` : ''}</h1>
        <ol className="steps" aria-label="Diagnostic sections">
          {ORDER.map((s) => (
            <li key={s.id} className={section?.id === s.id ? 'is-current' : results[s.id] ? 'is-done' : ''} aria-current={section?.id === s.id ? 'step' : undefined}>
              {s.name}
            </li>
          ))}
        </ol>
      </div>

      {stage.kind === 'loading' && <Loading />}
      {stage.kind === 'error' && <ErrorBox error={stage.error} onRetry={() => start(stage.index)} />}
      {stage.kind === 'intro' && (
        <section className="card">
          <h2>{ORDER[stage.index].name}</h2>
          <p>
            {count} questions that adapt to you as you go. There is no penalty for guessing, and you will not see answers until the end, when you can review every
            section’s answers — this is about finding your starting point, not about getting everything right.
          </p>
          <button type="button" className="btn btn-primary" onClick={() => start(stage.index)}>
            Begin {ORDER[stage.index].name}
          </button>
        </section>
      )}
      {stage.kind === 'running' && stage.view.question && (
        <SessionRunner
          key={stage.view.sessionId}
          kind="diagnostic"
          sessionId={stage.view.sessionId}
          question={stage.view.question}
          answered={stage.view.answered}
          length={stage.view.length}
          reveal={false}
          onDone={() => finish(stage.index, stage.view.sessionId)}
        />
      )}
      {stage.kind === 'finishing' && <Loading label="Scoring your answers…" />}
      {stage.kind === 'section-done' && (
        <SectionDone
          index={stage.index}
          result={stage.result}
          results={results}
          onNext={() => (stage.index + 1 < ORDER.length ? setStage({ kind: 'intro', index: stage.index + 1 }) : navigate('/dashboard'))}
        />
      )}
    </div>
  );
}

function SectionDone({ index, result, results, onNext }: { index: number; result: FinishReply; results: Results; onNext(): void }) {
  const last = index === ORDER.length - 1;
  return (
    <div className="stack">
      <section className="card" aria-live="polite">
        <h2>{ORDER[index].name}: done</h2>
        <p className="big-number">
          {result.correct} <span>of {result.answered} correct</span>
        </p>
        <p>
          {last
            ? 'That is your starting point. Your dashboard now shows your predicted scores, where to focus, and a study plan built from these answers.'
            : 'Take a breath — the next section is up when you are ready. You can review this section’s answers at the end.'}
        </p>
        <button type="button" className="btn btn-primary" onClick={onNext}>
          {last ? 'Go to my dashboard' : `Continue to ${ORDER[index + 1].name}`}
        </button>
      </section>
      <FeedbackCard key={result.feedback.aiOutputId} aiOutputId={result.feedback.aiOutputId} text={result.feedback.text} />
      {last && <ReviewLinks results={results} />}
    </div>
  );
}

/** At the end, every section's answers: the intro promises them, and each section is its own session to review. */
function ReviewLinks({ results }: { results: Results }) {
  const done = ORDER.filter((s) => results[s.id]);
  if (done.length === 0) return null;
  return (
    <nav className="hint" aria-label="Review your answers">
      Want the details? Review your answers:{' '}
      {done.map((s, i) => (
        <span key={s.id}>
          {i > 0 && ' · '}
          <Link to={`/review/${results[s.id]!.sessionId}`}>{s.name}</Link>
        </span>
      ))}
    </nav>
  );
}
