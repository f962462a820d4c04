/** Before a full-length test: what it is, how long, which sections, and how to pace it. */
import { useState, type FormEvent } from 'react';
import { fullTest, guide } from '../api/endpoints.ts';
import type { FullTestChoice, GuideSection } from '../api/types.ts';
import { navigate, query, usePath } from '../app/router.tsx';
import { ErrorBox } from '../components/status.tsx';
import { ResumeTest } from '../components/test/ResumeTest.tsx';
import { useAsync } from '../lib/use-async.ts';
import { TAXONOMY } from '../../../src/content/taxonomy.ts';

const [rw, math] = TAXONOMY.sections;
const minutes = (s: (typeof TAXONOMY.sections)[number]) => s.modules * s.minutesPerModule;
const CHOICES: { id: FullTestChoice; label: string; hint: string }[] = [
  { id: 'both', label: 'Full test', hint: `${rw.name} then ${math.name}, with a ${TAXONOMY.breakMinutes}-minute break · about ${Math.round((minutes(rw) + minutes(math) + TAXONOMY.breakMinutes) / 6) / 10} hours` },
  { id: 'rw', label: rw.name, hint: `${rw.modules} modules of ${rw.minutesPerModule} minutes` },
  { id: 'math', label: math.name, hint: `${math.modules} modules of ${math.minutesPerModule} minutes` },
];

export default function TestStart() {
  // A plan task links here with the sections it asks for (?sections=) and its id (?task=), which the test carries.
  const params = query(usePath());
  const planTask = params.get('task');
  const asked = CHOICES.find((c) => c.id === params.get('sections'))?.id ?? 'both';
  const [choice, setChoice] = useState<FullTestChoice>(asked);
  // The test stays the plan task's only while it is the test the task asks for; changed, it is just a test.
  const forTask = planTask !== null && choice === asked;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const v = await fullTest.start(choice, forTask ? planTask : undefined);
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
      <ResumeTest />
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
        {forTask && <p className="hint">This test is a task on your study plan: sit every module and it is ticked off.</p>}
        {error !== null && <ErrorBox error={error} title="Could not start the test" />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Preparing your test…' : 'Start the test'}
        </button>
      </form>
      <TestTips />
    </div>
  );
}

/** The guide's pacing advice open, the rest folded; tips are extra, so while they load or if they cannot, nothing shows. */
function TestTips() {
  const tips = useAsync(() => guide.get(), []);
  if (tips.status !== 'ready') return null;
  const pacing = tips.data.sections.find((s) => s.id === 'guide.pacing');
  const rest = tips.data.sections.filter((s) => s !== pacing);
  return (
    <section className="card test-tips" aria-labelledby="tips-title">
      <h2 id="tips-title">Before you start</h2>
      {pacing && <TipList section={pacing} />}
      {rest.map((s) => (
        <details key={s.id}>
          <summary>{s.title}</summary>
          <TipList section={s} />
        </details>
      ))}
    </section>
  );
}

const TipList = ({ section }: { section: GuideSection }) => (
  <ul className="tips">
    {section.sentences.map((t) => (
      <li key={t}>{t}</li>
    ))}
  </ul>
);
