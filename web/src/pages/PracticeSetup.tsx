/** Choose what to practise — a whole section, one domain or one skill — and how many questions. */
import { useId, useState, type FormEvent } from 'react';
import { sessions } from '../api/endpoints.ts';
import type { DomainId, PracticeStartBody, SectionId, SkillId } from '../api/types.ts';
import { navigate, query, usePath } from '../app/router.tsx';
import { ErrorBox } from '../components/status.tsx';
import { MistakesRetry } from '../components/MistakesRetry.tsx';
import { TAXONOMY, isSkillId, skill as skillInfo } from '../../../src/content/taxonomy.ts';

const COUNTS = [5, 10, 15, 20];

export default function PracticeSetup() {
  const id = useId();
  const path = usePath();
  // The dashboard links here with ?skill=… to practise a weak skill; a plan task with the set
  // it asks for (?skill= or ?section=, &count=) and its id (&task=), which the set carries.
  const params = query(path);
  const preset = params.get('skill');
  const presetSkill = preset && isSkillId(preset) ? skillInfo(preset) : null;
  const presetSection = TAXONOMY.sections.find((s) => s.id === params.get('section'))?.id;
  const presetCount = Number(params.get('count')) || 10;
  const initial = { section: presetSkill?.section ?? presetSection ?? 'math', focus: presetSkill ? `skill:${presetSkill.id}` : 'all', count: presetCount };
  const planTask = params.get('task');
  const [section, setSection] = useState<SectionId>(initial.section);
  const [focus, setFocus] = useState<string>(initial.focus);
  const [count, setCount] = useState(initial.count);
  // The set stays the plan task's only while it is the set the task asks for; changed, it is just practice.
  const forTask = planTask !== null && section === initial.section && focus === initial.focus && count === initial.count;
  const counts = COUNTS.includes(presetCount) ? COUNTS : [...COUNTS, presetCount].sort((a, b) => a - b);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const sec = TAXONOMY.sections.find((s) => s.id === section)!;

  const start = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const [kind, value] = focus.split(':');
    const body: PracticeStartBody =
      kind === 'skill' ? { skill: value as SkillId, count } : kind === 'domain' ? { domain: value as DomainId, count } : { section, count };
    if (forTask) body.planTaskId = planTask;
    try {
      const s = await sessions.startPractice(body);
      navigate(`/practice/${s.sessionId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <h1>Practice</h1>
      <p className="lead">Questions adapt to you: each one is picked to be just hard enough to teach you something.</p>
      <MistakesRetry />
      <form className="card" onSubmit={start}>
        <fieldset className="choice-group">
          <legend>Section</legend>
          <div className="choices choices-2">
            {TAXONOMY.sections.map((s) => (
              <label key={s.id} className="choice">
                <input
                  type="radio"
                  name="section"
                  value={s.id}
                  checked={section === s.id}
                  onChange={() => {
                    setSection(s.id);
                    setFocus('all');
                  }}
                />
                <span className="choice-label">{s.name}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <div className="field">
          <label htmlFor={`${id}-focus`}>Focus</label>
          <select id={`${id}-focus`} value={focus} onChange={(e) => setFocus(e.target.value)}>
            <option value="all">All of {sec.name}</option>
            {sec.domains.map((d) => (
              <optgroup key={d.id} label={d.name}>
                <option value={`domain:${d.id}`}>All of {d.name}</option>
                {d.skills.map((k) => (
                  <option key={k.id} value={`skill:${k.id}`}>
                    {k.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-count`}>Number of questions</label>
          <select id={`${id}-count`} value={count} onChange={(e) => setCount(Number(e.target.value))}>
            {counts.map((c) => (
              <option key={c} value={c}>
                {c} questions
              </option>
            ))}
          </select>
        </div>
        {forTask && (
          <p className="notice notice-info">This set is a task on your study plan: answer all {count} questions and it is ticked off.</p>
        )}
        {error !== null && <ErrorBox error={error} title="Could not start the set" />}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Starting…' : 'Start practising'}
        </button>
      </form>
    </div>
  );
}
