/** The plan's pending advice (after a skipped task or a test): why, what would change, accept or dismiss. */
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { plan } from '../../api/endpoints.ts';
import type { Suggestion } from '../../api/types.ts';
import { describeOp, withDayDates } from '../../lib/tasks.ts';

/** `dayDates`: the plan's day numbers and their dates, so advice that names "day 22" also gives its date. */
export function Suggestions({ items, dayDates, onDecided }: { items: Suggestion[]; dayDates: ReadonlyMap<number, string>; onDecided(): void }) {
  if (items.length === 0) return null;
  return (
    <section className="card suggestions" aria-labelledby="suggest-title">
      <h2 id="suggest-title">Suggested changes to your plan</h2>
      <ul className="plain-list">
        {items.map((s) => (
          <SuggestionItem key={s.id} s={s} dayDates={dayDates} onDecided={onDecided} />
        ))}
      </ul>
    </section>
  );
}

function SuggestionItem({ s, dayDates, onDecided }: { s: Suggestion; dayDates: ReadonlyMap<number, string>; onDecided(): void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ops = ((s.changes as { ops?: Parameters<typeof describeOp>[0][] } | null)?.ops ?? []).map(describeOp);
  const decide = async (d: 'accept' | 'dismiss') => {
    setBusy(true);
    setError(null);
    try {
      await plan.decide(s.id, d);
      onDecided();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <li className="suggestion">
      <p className="suggestion-why">
        <span className="badge">{s.trigger === 'skip' ? 'After a skipped task' : s.trigger === 'test' ? 'After a test' : 'Advice'}</span> {s.reason ? withDayDates(s.reason, dayDates) : 'Your plan could change.'}
      </p>
      {ops.length > 0 && (
        <ul className="suggestion-ops">
          {ops.map((o, i) => (
            <li key={i}>{o}</li>
          ))}
        </ul>
      )}
      <div className="row">
        <button type="button" className="btn btn-primary btn-small" disabled={busy} onClick={() => decide('accept')}>
          Apply to my plan
        </button>
        <button type="button" className="btn btn-quiet btn-small" disabled={busy} onClick={() => decide('dismiss')}>
          Dismiss
        </button>
      </div>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
