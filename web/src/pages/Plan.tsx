/** The study plan: phases → days → tasks, complete or skip each, and the advice that adapts it. */
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { plan as planApi } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import type { CurrentPlan, PlanActionReply } from '../api/types.ts';
import { Field } from '../components/Field.tsx';
import { PlanTaskItem } from '../components/PlanTaskItem.tsx';
import { Suggestions } from '../components/plan/Suggestions.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import { readGoals, roundedScore, SCORE_STEP, writeGoals } from '../lib/goals.ts';
import { dateLabel, describeOp, planDayDates } from '../lib/tasks.ts';
import { useAsync } from '../lib/use-async.ts';
import { isSkillId, skill as skillInfo } from '../../../src/content/taxonomy.ts';
import { PLAN_LIMITS } from '../../../src/plan/build.ts';

const PHASES: Record<string, string> = { foundations: 'Foundations', skill_building: 'Skill building', test_readiness: 'Test readiness' };
const todayIso = () => new Date().toLocaleDateString('en-CA');

export default function Plan() {
  const data = useAsync(() => planApi.current(), []);
  if (data.status === 'loading') return <Loading label="Loading your plan…" />;
  if (data.status === 'error') return <ErrorBox error={data.error} onRetry={data.reload} title="Could not load your plan" />;
  if (!data.data.plan) return <CreatePlan onCreated={data.reload} />;
  return <PlanView current={data.data as CurrentPlan & { plan: NonNullable<CurrentPlan['plan']> }} reload={data.reload} />;
}

function PlanView({ current, reload }: { current: CurrentPlan & { plan: NonNullable<CurrentPlan['plan']> }; reload(): void }) {
  const p = current.plan;
  const [showPast, setShowPast] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const today = todayIso();
  const pct = Math.round((100 * (p.progress.completed + p.progress.skipped)) / Math.max(1, p.progress.total));
  const onAction = (r: PlanActionReply) => {
    if (r.suggestion) reload();
  };
  let upcomingShown = 0;
  // Until the plan's first day has gone by there is nothing behind today, and a toggle that shows nothing only confuses.
  const hasPast = p.phases.some((ph) => ph.days.some((d) => d.date < today));
  const ended = !p.phases.some((ph) => ph.days.some((d) => d.date >= today));

  return (
    <div className="page stack">
      <div className="page-head">
        <h1>Your study plan</h1>
        <p className="lead">
          Target {p.targetScore} · test on {p.testDate ? dateLabel(p.testDate) : '—'} · {p.minutesPerDay} min a day · version {p.version}
        </p>
        <div className="meter" role="img" aria-label={`${p.progress.completed} done and ${p.progress.skipped} skipped of ${p.progress.total} tasks`}>
          <span style={{ width: `${pct}%` }} />
        </div>
        <p className="hint">
          {p.progress.completed} done · {p.progress.skipped} skipped · {p.progress.pending} to go
        </p>
      </div>

      <ChangeGoal plan={p} ended={ended} onSaved={reload} />

      <Suggestions items={current.suggestions} dayDates={planDayDates(p)} onDecided={reload} />

      {p.adjustments.length > 0 && (
        <section className="card" aria-labelledby="adj-title">
          <h2 id="adj-title">How your plan has adapted</h2>
          <ul className="plain-list">
            {p.adjustments.map((a) => (
              <li key={a.suggestionId}>{a.ops.map(describeOp).join('; ')}</li>
            ))}
          </ul>
        </section>
      )}

      {hasPast && (
        <div className="row">
          <button type="button" className="btn btn-quiet btn-small" aria-pressed={showPast} onClick={() => setShowPast((v) => !v)}>
            {showPast ? 'Hide past days' : 'Show past days'}
          </button>
        </div>
      )}

      {p.phases.map((phase) => {
        // Past days only on request; of the days ahead, the next 7 until the student asks for all.
        const days = phase.days.filter((d) => (d.date < today ? showPast : showAll || upcomingShown++ < 7));
        if (days.length === 0) return null;
        return (
          <section key={phase.id} className="card" aria-labelledby={`phase-${phase.id}`}>
            <h2 id={`phase-${phase.id}`}>{PHASES[phase.id] ?? phase.id}</h2>
            <ol className="plan-days">
              {days.map((d) => (
                <li key={d.date} className={`plan-day ${d.date === today ? 'is-today' : ''}`}>
                  <h3>
                    {d.date === today ? 'Today' : dateLabel(d.date)}
                    {d.focus && isSkillId(d.focus) && <span className="plan-focus"> · focus: {skillInfo(d.focus).name}</span>}
                  </h3>
                  <ul className="tasks">
                    {d.tasks.map((t) => (
                      <PlanTaskItem key={t.id} planId={p.id} task={t} onAction={onAction} />
                    ))}
                  </ul>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
      {!showAll && (
        <button type="button" className="btn btn-secondary" onClick={() => setShowAll(true)}>
          Show every day to the test
        </button>
      )}
    </div>
  );
}

function CreatePlan({ onCreated }: { onCreated(): void }) {
  const session = useSession()!;
  const goals = readGoals(session.user.id);
  return (
    <div className="narrow">
      <h1>Your study plan</h1>
      <p className="lead">A day-by-day plan to your test date, built from what you already know and what you are aiming for.</p>
      <GoalForm
        initial={{ targetScore: goals?.targetScore ?? 1200, testDate: goals?.testDate ?? new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10) }}
        submitLabel="Build my plan"
        onSaved={onCreated}
        className="card"
      />
    </div>
  );
}

/**
 * Changing the goal: target, test date and minutes a day, each prefilled with the plan's. The
 * plan is built again from today (a new version); the days behind the student and what they
 * did today stay in it (src/plan/generate.ts `withHistory`). Open from the start once the
 * plan has run out of days, as the next goal is then the only thing to do here.
 */
function ChangeGoal({ plan, ended, onSaved }: { plan: NonNullable<CurrentPlan['plan']>; ended: boolean; onSaved(): void }) {
  const [open, setOpen] = useState(ended);
  if (!open) {
    return (
      <div className="row">
        <button type="button" className="btn btn-secondary btn-small" onClick={() => setOpen(true)}>
          Change goal or test date
        </button>
      </div>
    );
  }
  return (
    <section className="card" aria-labelledby="goal-title">
      <h2 id="goal-title">{ended ? 'Your plan has ended: set your next goal' : 'Change your goal'}</h2>
      <p className="hint">Your plan is rebuilt from today. The days behind you, and what you have done, stay in it.</p>
      <GoalForm
        initial={{ targetScore: plan.targetScore ?? 1200, testDate: plan.testDate && plan.testDate > todayIso() ? plan.testDate : '', minutesPerDay: plan.minutesPerDay }}
        submitLabel="Rebuild my plan"
        onSaved={onSaved}
        onCancel={ended ? undefined : () => setOpen(false)}
      />
    </section>
  );
}

function GoalForm({
  initial,
  submitLabel,
  onSaved,
  onCancel,
  className,
}: {
  initial: { targetScore: number; testDate: string; minutesPerDay?: number };
  className?: string;
  submitLabel: string;
  onSaved(): void;
  onCancel?(): void;
}) {
  const session = useSession()!;
  const [target, setTarget] = useState(String(initial.targetScore));
  const [testDate, setTestDate] = useState(initial.testDate);
  const [minutes, setMinutes] = useState(String(initial.minutesPerDay ?? PLAN_LIMITS.defaultMinutes));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const saved = await planApi.generate(roundedScore(Number(target)), testDate, Number(minutes));
      // The goal kept on this device follows the plan's, so the dashboard reads the new one.
      const goals = readGoals(session.user.id);
      writeGoals(session.user.id, { testDate: saved.testDate ?? testDate, targetScore: saved.targetScore ?? roundedScore(Number(target)), diagnosticDone: goals?.diagnosticDone ?? true });
      onSaved();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <form className={className ?? 'stack'} onSubmit={submit}>
      <Field label="Target total score" type="number" min={400} max={1600} step={SCORE_STEP} required value={target} onChange={(e) => setTarget(e.target.value)} />
      <Field label="Test date" type="date" required value={testDate} onChange={(e) => setTestDate(e.target.value)} />
      <Field
        label="Minutes a day"
        type="number"
        min={PLAN_LIMITS.minMinutes}
        max={PLAN_LIMITS.maxMinutes}
        step={5}
        required
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
      />
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {busy ? 'Building…' : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn btn-quiet" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
