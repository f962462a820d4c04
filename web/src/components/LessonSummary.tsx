/** "Sum it up for me" under a lesson's title: an AI summary of its idea, written for the reader and ratable. */
import { useId, useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { lessons } from '../api/endpoints.ts';
import type { LessonSummaryReply } from '../api/types.ts';
import { Stars } from './Stars.tsx';
import { useRating } from '../lib/use-rating.ts';
import { FieldError } from './status.tsx';

export function LessonSummary({ lessonId }: { lessonId: string }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reply, setReply] = useState<LessonSummaryReply | null>(null);
  const { stars, rated, rate: rateOutput } = useRating(setError);

  const ask = async () => {
    setBusy(true);
    setError(null);
    try {
      setReply(await lessons.summary(lessonId));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const rate = (n: number) => rateOutput(reply?.aiOutputId, n);

  return (
    <section className="lesson-summary" aria-labelledby={`${id}-title`} aria-live="polite">
      {reply ? (
        <div className="card notice-info">
          <h2 id={`${id}-title`}>Summary</h2>
          <p>{reply.summary}</p>
          <Stars legend="How helpful was this summary?" value={stars} onChange={rate} disabled={rated} />
          {rated && <p className="hint">Thanks: ratings help the tutor write better summaries.</p>}
        </div>
      ) : (
        <button type="button" className="btn btn-secondary" disabled={busy} onClick={ask}>
          <span id={`${id}-title`}>{busy ? 'Summing up…' : 'Sum it up for me'}</span>
        </button>
      )}
      <FieldError error={error} />
    </section>
  );
}
