/**
 * Taking a full-length test: the open module (timer, navigator, mark for review), the break
 * between sections, and the score report. The server owns the clock: when a deadline passes
 * the page asks again and shows whatever the server moved the test on to.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { fullTest } from '../api/endpoints.ts';
import type { FullTestFinish, FullTestQuestion, FullTestView, PlanTaskOutcome, Suggestion } from '../api/types.ts';
import { QuestionView } from '../components/QuestionView.tsx';
import { Calculator } from '../components/Calculator.tsx';
import { Countdown } from '../components/test/Countdown.tsx';
import { Navigator } from '../components/test/Navigator.tsx';
import { ScoreReport } from '../components/test/ScoreReport.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import { useLeaveGuard } from '../app/router.tsx';
import { isSprResponse } from '../../../src/content/spr.ts';
import { section as sectionInfo } from '../../../src/content/taxonomy.ts';

export default function FullTest({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const [view, setView] = useState<FullTestView | null>(null);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const [planTask, setPlanTask] = useState<PlanTaskOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const offset = useRef(0);

  const load = useCallback(
    async (next?: Promise<FullTestView>) => {
      setError(null);
      try {
        const v = await (next ?? fullTest.get(id));
        offset.current = Date.parse(v.serverTime) - Date.now();
        // Only the call that finished the test reports the advice and the plan task; later reads do not.
        const finished = v.result as (FullTestView['result'] & { planSuggestion?: Suggestion | null; planTask?: PlanTaskOutcome | null }) | null;
        if (finished?.planSuggestion) setSuggestion(finished.planSuggestion);
        if (finished?.planTask) setPlanTask(finished.planTask);
        setView(v);
      } catch (err) {
        setError(err);
      }
    },
    [id],
  );
  useEffect(() => void load(), [load]);

  if (error) return <ErrorBox error={error} onRetry={() => load()} title="The test could not be loaded" />;
  if (!view) return <Loading label="Loading your test…" />;
  if (view.result) return <ScoreReport result={view.result} suggestion={suggestion} planTask={planTask} />;
  if (view.phase === 'break' && view.break) {
    const next = view.sections[1];
    return (
      <div className="narrow card break-screen">
        <h1>Break time</h1>
        <p className="lead">Stand up, stretch, have some water. {next ? `${sectionInfo(next).name} starts when the break ends.` : ''}</p>
        <Countdown deadline={view.break.endsAt} offset={offset.current} onExpire={() => load()} label="Break time left" hideable={false} />
        <button type="button" className="btn btn-primary" onClick={() => load(fullTest.resume(id))}>
          Resume testing now
        </button>
      </div>
    );
  }
  if (view.current) return <ModuleRunner key={view.current.index} id={id} view={view} offset={offset.current} reload={load} />;
  // Every module closed but not yet scored: finishing scores it.
  const finished = (r: FullTestFinish) => {
    if (r.planSuggestion) setSuggestion(r.planSuggestion as Suggestion);
    if (r.planTask) setPlanTask(r.planTask);
    void load();
  };
  return <Finishing id={id} onDone={finished} />;
}

function Finishing({ id, onDone }: { id: string; onDone(r: FullTestFinish): void }) {
  const [error, setError] = useState<unknown>(null);
  const done = useRef(onDone);
  done.current = onDone;
  const run = useCallback(() => {
    setError(null);
    fullTest.finish(id).then((r) => done.current(r), setError);
  }, [id]);
  useEffect(run, [run]);
  return error ? <ErrorBox error={error} onRetry={run} title="Could not score the test" /> : <Loading label="Scoring your test…" />;
}

/** A grid-in box left still this long has its answer sent, so a typed answer is never only on screen for long. */
const TYPING_PAUSE_MS = 700;
/** How long before the deadline a grid-in box still being typed in is sent, to reach the server in time. */
const LAST_CALL_MS = 1500;

/** The answer a question counts as having: a grid-in box that holds no gradable number is blank. */
const given = (q: FullTestQuestion, typed: string | null | undefined) => (typed && (q.type !== 'spr' || isSprResponse(typed)) ? typed : null);

/** Where the student is in a module, kept in this tab so a reload comes back to the same question. */
const posKey = (id: string, index: number) => `satprep.fullTest.${id}.${index}`;

/** The question this tab was last on in the module, or else the first one still blank. */
function startingPos(key: string, qs: FullTestQuestion[]): number {
  const kept = sessionStorage.getItem(key);
  const n = Number(kept);
  if (kept !== null && Number.isInteger(n) && n >= 0 && n < qs.length) return n;
  return Math.max(0, qs.findIndex((q) => !q.answer));
}

function ModuleRunner({ id, view, offset, reload }: { id: string; view: FullTestView; offset: number; reload(next?: Promise<FullTestView>): Promise<void> }) {
  const cur = view.current!;
  const qs = cur.questions;
  const key = posKey(id, cur.index);
  const [pos, setPos] = useState(() => startingPos(key, qs));
  const [reviewing, setReviewing] = useState(false);
  const [navOpen, setNavOpen] = useState(false);
  const [calcOpen, setCalcOpen] = useState(false);
  const [answers, setAnswers] = useState<Record<string, string | null>>(() => Object.fromEntries(qs.map((q) => [q.id, q.answer])));
  const [marked, setMarked] = useState<Set<string>>(() => new Set(qs.filter((q) => q.marked).map((q) => q.id)));
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const check = useRef<HTMLDivElement>(null);
  const since = useRef(Date.now());
  /** The answer last sent for each question (or being sent): what the server holds once the queue drains. */
  const sent = useRef<Record<string, string | null>>(Object.fromEntries(qs.map((x) => [x.id, given(x, x.answer)])));
  const queue = useRef<Promise<void>>(Promise.resolve());
  const moduleNo = cur.index + 1;
  const q = qs[pos];
  const counted = Object.fromEntries(qs.map((x) => [x.id, given(x, answers[x.id])]));
  const unanswered = qs.filter((x) => !counted[x.id]).length;
  useLeaveGuard('Leave the test? The clock keeps running on this module while you are away. You can come back to it from the Tests page or your dashboard.');
  useEffect(() => sessionStorage.setItem(key, String(pos)), [key, pos]);

  /** Saves go out one at a time, in order: typing 8 then clearing the box must reach the server as cleared. */
  const save = (qid: string, change: { answer?: string | null; marked?: boolean }) => {
    const timeSpentMs = Date.now() - since.current;
    since.current = Date.now();
    if (change.answer !== undefined) sent.current[qid] = change.answer;
    const send = async () => {
      try {
        await fullTest.answer(id, { questionId: qid, ...change, timeSpentMs });
        setError(null);
      } catch (err) {
        // Not saved: the next flush sends it again.
        if (change.answer !== undefined && sent.current[qid] === change.answer) delete sent.current[qid];
        setError(errorMessage(err));
        // A late answer means the module closed on the server: show where the test is now.
        if ((err as { status?: number }).status === 409) void reload();
      }
    };
    return (queue.current = queue.current.then(send));
  };

  /**
   * Grid-in answers are sent when the student pauses typing or leaves the question, not on
   * every keystroke; an emptied box is sent too (as null), so a cleared answer is not scored.
   */
  const flush = async () => {
    if (!q || q.type !== 'spr') return;
    const value = given(q, answers[q.id]);
    if (!(q.id in sent.current) || sent.current[q.id] !== value) await save(q.id, { answer: value });
  };
  const latestFlush = useRef(flush);
  latestFlush.current = flush;
  const typed = q?.type === 'spr' ? answers[q.id] : undefined;
  useEffect(() => {
    if (typed === undefined) return;
    const t = setTimeout(() => void latestFlush.current(), TYPING_PAUSE_MS);
    return () => clearTimeout(t);
  }, [q?.id, typed]);
  // The server takes no answer once the module's deadline has passed (answerableModule: a 409),
  // and the test's clock is the server's: sending the box when the clock here reads 0:00 would
  // always be too late. So whatever is still unsent goes out a moment before the deadline.
  useEffect(() => {
    const t = setTimeout(() => void latestFlush.current(), Date.parse(cur.deadline) - offset - Date.now() - LAST_CALL_MS);
    return () => clearTimeout(t);
  }, [cur.deadline, offset]);
  // Time is up: once the saves under way are answered, ask the server where the test is now.
  const expire = () => void queue.current.then(() => reload());

  const go = async (i: number) => {
    await flush();
    since.current = Date.now();
    setReviewing(false);
    setConfirming(false);
    setNavOpen(false);
    setPos(i);
  };
  const choose = (value: string) => {
    setAnswers((a) => ({ ...a, [q.id]: value }));
    if (q.type === 'mcq') void save(q.id, { answer: value });
  };
  const toggleMark = () => {
    const on = !marked.has(q.id);
    setMarked((m) => {
      const n = new Set(m);
      if (on) n.add(q.id);
      else n.delete(q.id);
      return n;
    });
    void save(q.id, { marked: on });
  };
  const submit = async () => {
    await flush();
    await queue.current;
    await reload(fullTest.submitModule(id, cur.index));
  };
  // A submitted module cannot be reopened, so blanks are named before they become final.
  const askToSubmit = () => (unanswered > 0 ? setConfirming(true) : void submit());
  // Centred, so the sticky bottom bar does not hide its buttons; focused, so the keyboard is where the question is.
  useEffect(() => {
    if (!confirming) return;
    check.current?.scrollIntoView({ block: 'center' });
    check.current?.focus({ preventScroll: true });
  }, [confirming]);

  const title = `${sectionInfo(cur.section).name} · Module ${cur.stage}`;
  return (
    <div className={`test-runner ${cur.section === 'math' ? 'is-math' : 'is-rw'}`}>
      <div className="test-bar">
        <h1 className="test-title">
          <span className="visually-hidden">Module {moduleNo} of {view.modules.length}: </span>
          {title}
        </h1>
        <Countdown deadline={cur.deadline} offset={offset} onExpire={expire} label="Time left in this module" />
        {cur.section === 'math' && (
          <button type="button" className="btn btn-quiet btn-small" aria-expanded={calcOpen} onClick={() => setCalcOpen((o) => !o)}>
            Calculator
          </button>
        )}
      </div>
      {calcOpen && (
        <div className="card calc-panel">
          <Calculator />
        </div>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}

      {reviewing ? (
        <section className="card" aria-labelledby="check-title">
          <h2 id="check-title">Check your work</h2>
          <p>
            {qs.length - unanswered} of {qs.length} answered
            {marked.size ? ` · ${marked.size} marked for review` : ''}. Choose a question to go back to it, or submit the module.
          </p>
          <Navigator questions={qs} answers={counted} marked={marked} current={null} onJump={go} />
          {confirming ? (
            <div className="notice notice-info" role="alert" tabIndex={-1} ref={check}>
              <p>
                <strong>{unanswered === 1 ? '1 question is' : `${unanswered} questions are`} unanswered.</strong> There is no penalty for guessing, and once
                you submit you cannot come back to this module.
              </p>
              <div className="row">
                <button type="button" className="btn btn-primary" onClick={submit}>
                  Submit anyway
                </button>
                <button type="button" className="btn btn-secondary" onClick={() => setConfirming(false)}>
                  Keep working
                </button>
              </div>
            </div>
          ) : (
            <div className="runner-actions">
              <button type="button" className="btn btn-primary" onClick={askToSubmit}>
                Submit module {cur.stage}
              </button>
            </div>
          )}
        </section>
      ) : (
        <>
          <div className="question-tools">
            <span className="question-count">Question {pos + 1}</span>
            <button type="button" className={`btn btn-small mark ${marked.has(q.id) ? 'is-on' : 'btn-quiet'}`} aria-pressed={marked.has(q.id)} onClick={toggleMark}>
              <span aria-hidden="true">⚑</span> {marked.has(q.id) ? 'Marked for review' : 'Mark for review'}
            </button>
          </div>
          <QuestionView key={q.id} question={q} number={pos + 1} answer={answers[q.id] ?? ''} onAnswer={choose} />
        </>
      )}

      <div className="test-footer">
        <button type="button" className="btn btn-secondary" disabled={pos === 0 && !reviewing} onClick={() => go(reviewing ? qs.length - 1 : pos - 1)}>
          Back
        </button>
        <button type="button" className="btn btn-quiet nav-toggle" aria-expanded={navOpen} aria-controls="nav-pop" onClick={() => setNavOpen((o) => !o)}>
          {reviewing ? (
            'Questions'
          ) : (
            <span>
              <span className="nav-toggle-word">Question </span>
              {pos + 1} of {qs.length}
            </span>
          )}{' '}
          <span aria-hidden="true">▴</span>
        </button>
        {reviewing ? (
          <span />
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => (pos === qs.length - 1 ? flush().then(() => setReviewing(true)) : go(pos + 1))}>
            {pos === qs.length - 1 ? 'Review' : 'Next'}
          </button>
        )}
      </div>
      {navOpen && (
        <div id="nav-pop" className="card nav-pop" role="region" aria-label="Question navigator">
          <Navigator questions={qs} answers={counted} marked={marked} current={reviewing ? null : pos} onJump={go} />
          <button type="button" className="btn btn-secondary btn-small" onClick={() => (flush().then(() => setReviewing(true)), setNavOpen(false))}>
            Go to review page
          </button>
        </div>
      )}
    </div>
  );
}
