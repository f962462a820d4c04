/**
 * The plan's pending advice (after a skipped task or a test): why, what would change, accept or
 * dismiss. Only the student decides: their tutor or parent (`student`, the student's name) reads
 * the same advice, quoted as the student was shown it, and whose decision it waits for.
 */
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { plan } from '../../api/endpoints.ts';
import type { Suggestion } from '../../api/types.ts';
import { possessive } from '../../lib/sentence.ts';
import { describeOp, withDayDates } from '../../lib/tasks.ts';
import { FieldError } from '../status.tsx';

type Props = { dayDates: ReadonlyMap<number, string> } & ({ student?: undefined; onDecided(): void } | { student: string; onDecided?: undefined });

/** `dayDates`: the plan's day numbers and their dates, so advice that names "day 22" also gives its date. */
export function Suggestions({ items, ...props }: { items: Suggestion[] } & Props) {
  if (items.length === 0) return null;
  return (
    <section className="card suggestions" aria-labelledby="suggest-title">
      <h2 id="suggest-title">Suggested changes to {props.student ? `${possessive(props.student)} plan` : 'your plan'}</h2>
      <ul className="plain-list">
        {items.map((s) => (
          <SuggestionItem key={s.id} s={s} {...props} />
        ))}
      </ul>
    </section>
  );
}

function SuggestionItem({ s, dayDates, student, onDecided }: { s: Suggestion } & Props) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ops = ((s.changes as { ops?: Parameters<typeof describeOp>[0][] } | null)?.ops ?? []).map(describeOp);
  const decide = async (d: 'accept' | 'dismiss') => {
    setBusy(true);
    setError(null);
    try {
      await plan.decide(s.id, d);
      onDecided?.();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  const advice = s.reason ? withDayDates(s.reason, dayDates) : null;
  return (
    <li className="suggestion">
      <p className="suggestion-why">
        <span className="badge">{s.trigger === 'skip' ? 'After a skipped task' : s.trigger === 'test' ? 'After a test' : 'Advice'}</span>{' '}
        {student ? (advice ? <q>{advice}</q> : 'The plan could change.') : (advice ?? 'Your plan could change.')}
      </p>
      {ops.length > 0 && (
        <ul className="suggestion-ops">
          {ops.map((o, i) => (
            <li key={i}>{o}</li>
          ))}
        </ul>
      )}
      {student ? (
        <p className="hint">Waiting for {possessive(student)} decision</p>
      ) : (
        <div className="row">
          <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => decide('accept')}>
            Apply to my plan
          </button>
          <button type="button" className="btn btn-quiet btn-small" disabled={busy} onClick={() => decide('dismiss')}>
            Dismiss
          </button>
        </div>
      )}
      <FieldError error={error} />
    </li>
  );
}
