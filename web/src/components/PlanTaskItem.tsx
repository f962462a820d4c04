/** One study-plan task with Start, Done and Skip; acting records the plan action on the server. */
import { useState } from 'react';
import { errorMessage } from '../api/client.ts';
import { plan } from '../api/endpoints.ts';
import type { PlanActionReply, PlanTaskView } from '../api/types.ts';
import { Link } from '../app/router.tsx';
import { taskLabel, taskLink } from '../lib/tasks.ts';

type Task = Pick<PlanTaskView, 'id' | 'kind' | 'skill' | 'section' | 'sections' | 'count' | 'lessonId' | 'minutes' | 'status'>;

export function PlanTaskItem({ planId, task, onAction, readOnly }: { planId: string; task: Task; onAction?(r: PlanActionReply): void; readOnly?: boolean }) {
  const [status, setStatus] = useState(task.status);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [points, setPoints] = useState(0);
  const link = taskLink(task);

  const act = async (action: 'completed' | 'skipped') => {
    setBusy(true);
    setError(null);
    try {
      const r = await plan.act(planId, task.id, action);
      setStatus(action);
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
          {status === 'pending' && (
            <button type="button" className="btn btn-small btn-quiet" disabled={busy} onClick={() => act('skipped')} aria-label={`Skip: ${label}`}>
              Skip
            </button>
          )}
        </div>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
