import { useState, type FormEvent } from 'react';
import { useSession } from '../api/session.ts';
import { navigate } from '../app/router.tsx';
import { Field } from '../components/Field.tsx';
import { readGoals, roundedScore, SCORE_STEP, writeGoals } from '../lib/goals.ts';
import { TAXONOMY } from '../../../src/content/taxonomy.ts';

const iso = (d: Date) => d.toISOString().slice(0, 10);
const LENGTHS = [
  { count: 6, label: 'Quick check', hint: '6 questions a section, about 10 minutes' },
  { count: 12, label: 'Standard', hint: '12 questions a section, about 20 minutes — a sharper starting point' },
];

export default function Onboarding() {
  const session = useSession()!;
  const saved = readGoals(session.user.id);
  const [testDate, setTestDate] = useState(saved?.testDate ?? iso(new Date(Date.now() + 90 * 86_400_000)));
  const [target, setTarget] = useState(String(saved?.targetScore ?? 1200));
  const [count, setCount] = useState(6);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const today = iso(new Date());
  // Plans reach at most a year ahead (src/plan/build.ts PLAN_LIMITS.maxDays).
  const latest = iso(new Date(Date.now() + 365 * 86_400_000));
  const typed = Number(target);
  // A score between the SAT's steps is saved rounded; the student reads the saved value before saving, not after.
  const rounded = target.trim() && Number.isInteger(typed) && typed >= 400 && typed <= 1600 && roundedScore(typed) !== typed ? roundedScore(typed) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const score = Number(target);
    const found: Record<string, string> = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(testDate) || testDate < today || testDate > latest) found.testDate = 'Pick a test date between today and a year from now.';
    if (!Number.isInteger(score) || score < 400 || score > 1600) found.target = 'A total score is between 400 and 1600.';
    setErrors(found);
    if (Object.keys(found).length) return;
    writeGoals(session.user.id, { testDate, targetScore: roundedScore(score), diagnosticDone: false });
    navigate(`/diagnostic?count=${count}`);
  };

  return (
    <div className="narrow">
      <h1>Hi {session.user.displayName.split(' ')[0]}, let’s set your goal</h1>
      <p className="lead">
        Tell us when you take the SAT and what you are aiming for. Then a short diagnostic — {TAXONOMY.sections.map((s) => s.name).join(' and ')} — shows where to start.
      </p>
      <form className="card" onSubmit={submit} noValidate>
        <Field label="Test date" type="date" name="testDate" min={today} max={latest} required value={testDate} onChange={(e) => setTestDate(e.target.value)} error={errors.testDate} />
        <Field
          label="Target total score"
          type="number"
          name="targetScore"
          inputMode="numeric"
          min={400}
          max={1600}
          step={SCORE_STEP}
          required
          hint={`Between 400 and 1600, in steps of ${SCORE_STEP}.`}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
          error={errors.target}
        />
        <div aria-live="polite">
          {rounded !== null && (
            <p className="notice notice-info">
              SAT scores go in steps of {SCORE_STEP}, so your target will be saved as {rounded}.
            </p>
          )}
        </div>
        <fieldset className="choice-group">
          <legend>Diagnostic length</legend>
          <div className="choices">
            {LENGTHS.map((l) => (
              <label key={l.count} className="choice">
                <input type="radio" name="length" value={l.count} checked={count === l.count} onChange={() => setCount(l.count)} />
                <span className="choice-label">{l.label}</span>
                <span className="choice-hint">{l.hint}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn btn-primary btn-block">
          Start the diagnostic
        </button>
      </form>
    </div>
  );
}
