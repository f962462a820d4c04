/** Before a full-length test: what it is, how long, and which sections. */
import { useState, type FormEvent } from 'react';
import { fullTest } from '../api/endpoints.ts';
import type { FullTestChoice } from '../api/types.ts';
import { navigate } from '../app/router.tsx';
import { ErrorBox } from '../components/status.tsx';
import { TAXONOMY } from '../../../src/content/taxonomy.ts';

const [rw, math] = TAXONOMY.sections;
const minutes = (s: (typeof TAXONOMY.sections)[number]) => s.modules * s.minutesPerModule;
const CHOICES: { id: FullTestChoice; label: string; hint: string }[] = [
  { id: 'both', label: 'Full test', hint: `${rw.name} then ${math.name}, with a ${TAXONOMY.breakMinutes}-minute break · about ${Math.round((minutes(rw) + minutes(math) + TAXONOMY.breakMinutes) / 6) / 10} hours` },
  { id: 'rw', label: rw.name, hint: `${rw.modules} modules of ${rw.minutesPerModule} minutes` },
  { id: 'math', label: math.name, hint: `${math.modules} modules of ${math.minutesPerModule} minutes` },
];

export default function TestStart() {
  const [choice, setChoice] = useState<FullTestChoice>('both');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const v = await fullTest.start(choice);
      navigate(`/test/${v.sessionId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <div className="narrow">
      <h1>Full-length practice test</h1>
      <p className="lead">
        Like test day: each section has two timed modules, and how you do in the first decides the second. You can move between questions in a module, mark them for
        review, and change answers until its time is up.
      </p>
      <form className="card" onSubmit={start}>
        <fieldset className="choice-group">
          <legend>What to take</legend>
          <div className="choices">
            {CHOICES.map((c) => (
              <label key={c.id} className="choice">
                <input type="radio" name="sections" value={c.id} checked={choice === c.id} onChange={() => setChoice(c.id)} />
                <span className="choice-label">{c.label}</span>
                <span className="choice-hint">{c.hint}</span>
              </label>
            ))}
          </div>
        </fieldset>
        {error !== null && <ErrorBox error={error} title="Could not start the test" />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Preparing your test…' : 'Start the test'}
        </button>
      </form>
    </div>
  );
}
