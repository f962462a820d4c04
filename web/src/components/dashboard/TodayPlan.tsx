/** Today's (or the next) day of the study plan, with its tasks; or a way to create a plan. */
import { useState } from 'react';
import { errorMessage } from '../../api/client.ts';
import { plan as planApi } from '../../api/endpoints.ts';
import { useSession } from '../../api/session.ts';
import type { PlanActionReply, Progress } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { readGoals } from '../../lib/goals.ts';
import { counted } from '../../lib/sentence.ts';
import { PlanTaskItem } from '../PlanTaskItem.tsx';

export function TodayPlan({ overview, today, onChanged }: { overview: Progress['plan']; today: string; onChanged(): void }) {
  const session = useSession()!;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [advice, setAdvice] = useState<string | null>(null);

  const create = async () => {
    const goals = readGoals(session.user.id);
    setBusy(true);
    setError(null);
    try {
      const in90 = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
      await planApi.generate(goals?.targetScore ?? 1200, goals?.testDate ?? in90);
      onChanged();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const acted = (r: PlanActionReply) => {
    if (r.suggestion?.reason) setAdvice(r.suggestion.reason);
  };

  if (!overview) {
    return (
      <section className="card" aria-labelledby="plan-title">
        <h2 id="plan-title">Today’s plan</h2>
        <div className="empty">
          <p className="empty-title">No study plan yet</p>
          <p>We build one from your diagnostic, your target score and your test date.</p>
          <button type="button" className="btn btn-primary" onClick={create} disabled={busy}>
            {busy ? 'Building your plan…' : 'Create my study plan'}
          </button>
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
        </div>
      </section>
    );
  }
  const next = overview.next;
  const isToday = next?.date === today;
  return (
    <section className="card" aria-labelledby="plan-title">
      <div className="card-head">
        <h2 id="plan-title">{isToday || !next ? 'Today’s plan' : `Next up: ${new Date(`${next.date}T12:00:00`).toLocaleDateString(undefined, { weekday: 'long', month: 'short', day: 'numeric' })}`}</h2>
        <Link to="/plan">Full plan</Link>
      </div>
      {next ? (
        <ul className="tasks">
          {next.tasks.map((t) => (
            <PlanTaskItem key={t.id} planId={overview.planId} task={t} onAction={acted} />
          ))}
        </ul>
      ) : (
        <p>
          Your plan has no more days. Well done! <Link to="/plan">Set your next goal on the plan page</Link> and it builds you a new one.
        </p>
      )}
      <div aria-live="polite">
        {advice && (
          <div className="notice notice-info">
            <p>
              <strong>Your plan could adapt:</strong> {advice}
            </p>
            <Link to="/plan">See the suggestion</Link>
          </div>
        )}
      </div>
      <p className="hint">
        {overview.progress.completed} of {overview.progress.total} tasks done
        {overview.daysLeft !== null ? ` · ${counted(overview.daysLeft, 'day')} to your test` : ''}
      </p>
    </section>
  );
}
