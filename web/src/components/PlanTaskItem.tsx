/** One study-plan task with Start, Done and Skip; acting records the plan action on the server. */
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { plan } from '../api/endpoints.ts';
import type { PlanActionReply, PlanTaskView } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { taskLabel, taskLink } from '../lib/tasks.ts';
import { FieldError } from './status.tsx';

type Task = Pick<PlanTaskView, 'id' | 'kind' | 'skill' | 'section' | 'sections' | 'count' | 'lessonId' | 'minutes' | 'status'>;

/** Why a task is skipped, in a tap: the plan's advice and the student's linked tutors and parents read it. */
export const SKIP_REASONS = ['No time today', 'Too hard right now', 'I already know this', 'Not feeling up to it'] as const;

export function PlanTaskItem({ planId, task, onAction, readOnly }: { planId: string; task: Task; onAction?(r: PlanActionReply): void; readOnly?: boolean }) {
  const [status, setStatus] = useState(task.status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [points, setPoints] = useState(0);
  const [askingWhy, setAskingWhy] = useState(false);
  const [reason, setReason] = useState('');
  const link = taskLink(task);

  const act = async (action: 'completed' | 'skipped', why?: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await plan.act(planId, task.id, action, why);
      setStatus(action);
      setAskingWhy(false);
      setPoints(r.pointsAwarded);
      onAction?.(r);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const label = taskLabel(task);
  return (
    <li className={`task is-${status}`}>
      <div className="task-text">
        <span className="task-label">{label}</span>
        <span className="task-meta">
          {task.minutes} min
          {status !== 'pending' && <span className={`badge ${status === 'completed' ? 'badge-good' : 'badge-muted'}`}>{status === 'completed' ? 'Done' : 'Skipped'}</span>}
          {points > 0 && <span className="points">+{points} points</span>}
        </span>
      </div>
      {!readOnly && status !== 'completed' && (
        <div className="task-actions">
          {/* Doing the task is the point; ticking it off comes second, so Start carries the emphasis. */}
          {link && (
            <Link className="btn btn-small btn-primary" to={link} aria-label={`Start: ${label}`}>
              Start
            </Link>
          )}
          <button type="button" className="btn btn-small btn-secondary" disabled={busy} onClick={() => act('completed')} aria-label={`Mark done: ${label}`}>
            Done
          </button>
          {status === 'pending' && !askingWhy && (
            <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => setAskingWhy(true)} aria-label={`Skip: ${label}`}>
              Skip
            </button>
          )}
        </div>
      )}
      {askingWhy && status === 'pending' && (
        <form
          className="skip-why"
          onSubmit={(e) => {
            e.preventDefault();
            void act('skipped', reason || undefined);
          }}
        >
          <fieldset>
            <legend>Why skip it? Optional: it helps the plan, and tutors and parents you have linked see it.</legend>
            <div className="choices choices-2">
              {SKIP_REASONS.map((r) => (
                <label key={r} className="choice">
                  <input type="radio" name={`why-${task.id}`} value={r} checked={reason === r} onChange={() => setReason(r)} />
                  <span className="choice-label">{r}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="row">
            <button type="submit" className="btn btn-small btn-secondary" disabled={busy} aria-label={`Skip task: ${label}`}>
              Skip task
            </button>
            <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => setAskingWhy(false)}>
              Keep it
            </button>
          </div>
        </form>
      )}
      <FieldError error={error} />
    </li>
  );
}
