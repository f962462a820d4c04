/** "Retry your mistakes": the questions the student missed and has not got right since, retried by section. */
import { useState } from 'react';
import { mistakes } from '../api/endpoints.ts';
import { navigate } from '../app/router.tsx';
import { useAsync } from '../lib/use-async.ts';
import { TAXONOMY } from '../../../src/content/taxonomy.ts';
import type { SectionId } from '../api/types.ts';
import { ErrorBox } from './status.tsx';

/** A retry set is at most this long; the rest wait for the next one. */
const RETRY_COUNT = 10;

export function MistakesRetry() {
  const summary = useAsync(() => mistakes.summary(), []);
  const [busy, setBusy] = useState<SectionId | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Nothing to retry, or the count could not be read: the practice form is all the page needs.
  if (summary.status !== 'ready' || summary.data.total === 0) return null;
  const { total, bySection } = summary.data;
  const setSize = (section: SectionId) => Math.min(RETRY_COUNT, bySection[section]);

  const retry = async (section: SectionId) => {
    setBusy(section);
    setError(null);
    try {
      const s = await mistakes.start(section, setSize(section));
      navigate(`/practice/${s.sessionId}`);
    } catch (err) {
      setError(err);
      setBusy(null);
    }
  };

  return (
    <section className="card retry-card" aria-labelledby="retry-title">
      <h2 id="retry-title">Retry your mistakes</h2>
      <p>
        {total === 1 ? 'One question you missed has' : `${total} questions you missed have`} not been answered right since. Another try, after the
        explanation, is how they stick.
      </p>
      <div className="row">
        {TAXONOMY.sections
          .filter((s) => bySection[s.id] > 0)
          .map((s) => (
            <button key={s.id} type="button" className="btn" disabled={busy !== null} onClick={() => retry(s.id)}>
              {busy === s.id ? 'Starting…' : `Retry ${s.name} (${setSize(s.id)})`}
            </button>
          ))}
      </div>
      {error !== null && <ErrorBox error={error} title="Could not start the retry" />}
    </section>
  );
}
