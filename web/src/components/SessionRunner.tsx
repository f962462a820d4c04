/**
 * A practice or diagnostic session, one question at a time: answer, see the result and
 * explanation (practice) or move straight on (diagnostic), with help, a note, a timer and,
 * for Math, a calculator. Calls `onDone` once the last answer is in.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError, errorMessage } from '../api/client.ts';
import { sessions, type SessionKind } from '../api/endpoints.ts';
import type { AnswerReply, Question } from '../api/types.ts';
import { recordAnswered } from '../lib/answered.ts';
import { Calculator } from './Calculator.tsx';
import { HelpPanel } from './HelpPanel.tsx';
import { NoteField } from './NoteField.tsx';
import { QuestionView } from './QuestionView.tsx';
import { RichText } from './RichText.tsx';
import { Timer } from './Timer.tsx';

interface Props {
  kind: SessionKind;
  sessionId: string;
  question: Question;
  answered: number;
  length: number;
  /** Practice shows the key and explanation after each answer; a diagnostic does not. */
  reveal: boolean;
  onDone(): void;
}

export function SessionRunner({ kind, sessionId, question: first, answered: answeredAtStart, length, reveal, onDone }: Props) {
  const [question, setQuestion] = useState(first);
  const [answered, setAnswered] = useState(answeredAtStart);
  const [answer, setAnswer] = useState('');
  const [result, setResult] = useState<AnswerReply | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  /** Why the page jumped to another question (the set moved on elsewhere); cleared by the next answer. */
  const [note, setNote] = useState<string | null>(null);
  const [since, setSince] = useState(() => Date.now());
  const [calcOpen, setCalcOpen] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  // Focus follows the step: a new question's heading, or the result just below the answer.
  useEffect(() => heading.current?.focus(), [question.id]);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!answer.trim()) return setError(question.type === 'mcq' ? 'Choose an answer first.' : 'Enter your answer first.');
    setBusy(true);
    setError(null);
    setNote(null);
    const timeSpentMs = Date.now() - since;
    try {
      const reply = await sessions.answer(kind, sessionId, { questionId: question.id, answer: answer.trim(), timeSpentMs });
      recordAnswered(sessionId, question, answer.trim(), reply, timeSpentMs);
      setAnswered(reply.answered);
      if (reveal) setResult(reply);
      else advance(reply);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && (await caughtUp())) return;
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  /**
   * A 409 on an answer means the session moved on without this page: the same set open in
   * another tab or window answered this question (or finished the set). Rather than the
   * server's words and a dead end, read where the session is now and carry on from there.
   * False when nothing moved (the conflict was something else), so the error shows as it is.
   */
  const caughtUp = async (): Promise<boolean> => {
    let now;
    try {
      now = await sessions.get(kind, sessionId);
    } catch {
      return false;
    }
    if (now.status !== 'active' || !now.question) {
      onDone();
      return true;
    }
    if (now.question.id === question.id && now.answered === answered) return false;
    setQuestion(now.question);
    setAnswered(now.answered);
    setAnswer('');
    setResult(null);
    setSince(Date.now());
    setNote('This set moved on in another tab or window, so here is where it is now.');
    return true;
  };

  const advance = (reply: AnswerReply) => {
    if (reply.done || !reply.next) return onDone();
    setQuestion(reply.next);
    setAnswer('');
    setResult(null);
    setSince(Date.now());
  };

  const number = result ? answered : answered + 1;
  return (
    <div className={`runner ${question.section === 'math' ? 'is-math' : 'is-rw'}`}>
      <div className="runner-bar">
        <h2 ref={heading} tabIndex={-1} className="runner-title">
          Question {number} of {length}
        </h2>
        <progress max={length} value={answered} aria-label="Questions answered">
          {answered} of {length}
        </progress>
        {!result && <Timer since={since} />}
      </div>

      <form onSubmit={submit} className="runner-form">
        <QuestionView question={question} number={number} answer={answer} onAnswer={setAnswer} disabled={busy || result !== null} result={result} />
        {note && (
          <p className="notice notice-info" role="status">
            {note}
          </p>
        )}
        {error && (
          <p className="notice notice-error" role="alert">
            {error}
          </p>
        )}
        {!result && (
          <div className="runner-actions">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Checking…' : reveal ? 'Check answer' : 'Next'}
            </button>
          </div>
        )}
      </form>

      {result && (
        <section className={`result ${result.correct ? 'is-correct' : 'is-incorrect'}`} aria-live="polite" aria-labelledby="result-title">
          <h3 id="result-title" ref={resultHeading} tabIndex={-1}>{result.correct ? 'Correct!' : `Not quite — the answer is ${result.correctAnswer}`}</h3>
          <RichText text={result.rationale} className="rationale" math={question.section === 'math'} />
          <div className="runner-actions">
            <button type="button" className="btn btn-primary" onClick={() => advance(result)}>
              {result.done ? 'See how you did' : 'Next question'}
            </button>
          </div>
        </section>
      )}

      <div className="runner-tools">
        {question.section === 'math' && (
          <div className="tool">
            <button type="button" className="btn btn-quiet" aria-expanded={calcOpen} onClick={() => setCalcOpen((o) => !o)}>
              {calcOpen ? 'Hide calculator' : 'Calculator'}
            </button>
            {calcOpen && <Calculator />}
          </div>
        )}
        {kind === 'practice' && (
          <>
            <HelpPanel key={`help-${question.id}`} sessionId={sessionId} questionId={question.id} />
            <NoteField key={`note-${question.id}`} questionId={question.id} />
          </>
        )}
      </div>
    </div>
  );
}
