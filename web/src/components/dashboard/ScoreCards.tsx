/** Predicted section and total scores, each with its band (score ± 1 CSEM) on the scale. */
import type { Progress } from '../../api/types.ts';
import { skillsOf, TAXONOMY } from '../../../../src/content/taxonomy.ts';

type Scaled = { score: number; band: readonly [number, number] } | null;

/** How many of a section's skills the prediction rests on, when it is not all of them yet. */
type Basis = { measured: number; of: number } | null;

function Scale({ label, value, min, max, basis = null }: { label: string; value: Scaled; min: number; max: number; basis?: Basis }) {
  const pos = (x: number) => `${((x - min) / (max - min)) * 100}%`;
  return (
    <div className="score-card">
      <p className="score-label">{label}</p>
      {value ? (
        <>
          <p className="score-value">{value.score}</p>
          <p className="score-band">
            likely {value.band[0]}–{value.band[1]}
          </p>
          {basis && (
            <p className="score-basis">
              Based on {basis.measured} of {basis.of} skills so far
            </p>
          )}
          <div
            className="scale"
            role="img"
            aria-label={`${label}: predicted ${value.score}, likely between ${value.band[0]} and ${value.band[1]}, on a scale of ${min} to ${max}${basis ? `, based on ${basis.measured} of ${basis.of} skills so far` : ''}`}
          >
            <span className="scale-band" style={{ left: pos(value.band[0]), width: `calc(${pos(value.band[1])} - ${pos(value.band[0])})` }} />
            <span className="scale-mark" style={{ left: pos(value.score) }} />
          </div>
          <p className="scale-ends" aria-hidden="true">
            <span>{min}</span>
            <span>{max}</span>
          </p>
        </>
      ) : (
        <p className="score-none">Not measured yet</p>
      )}
    </div>
  );
}

/**
 * A section score resting on some of its skills only (the rest sit at the prior) is less sure
 * than its band alone suggests, so the reader is told how much of the section was measured.
 */
function basisOf(p: Progress['predicted']['rw'], section: (typeof TAXONOMY.sections)[number]): Basis {
  const of = skillsOf(section.id).length;
  return p && p.measuredSkills < of ? { measured: p.measuredSkills, of } : null;
}

/** `own`: the student reads their own scores; a tutor or parent reads the student's. */
export function ScoreCards({ predicted, scores = [], own = true }: { predicted: Progress['predicted']; scores?: Progress['scores']; own?: boolean }) {
  const { min, max } = TAXONOMY.sectionScale;
  const [rw, math] = TAXONOMY.sections;
  // The test's score is one sitting; the prediction pools every answer, the test's included, so
  // the two can differ: said here, beside the prediction, rather than left for the student to puzzle over.
  const last = scores.at(-1);
  return (
    <section className="card" aria-labelledby="scores-title">
      <h2 id="scores-title">Predicted scores</h2>
      <div className="scores">
        <Scale label="Total" value={predicted.total} min={2 * min} max={2 * max} />
        <Scale label={rw.name} value={predicted.rw} min={min} max={max} basis={basisOf(predicted.rw, rw)} />
        <Scale label={math.name} value={predicted.math} min={min} max={max} basis={basisOf(predicted.math, math)} />
      </div>
      <p className="hint">The band is where {own ? 'your' : 'the student’s'} score would likely land on test day; it narrows as {own ? 'you answer' : 'the student answers'} more practice questions.</p>
      {last && (
        <p className="hint last-test">
          {own ? 'Your' : 'The student’s'} last full-length test ({new Date(last.at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}) scored{' '}
          {last.total !== null ? <strong>{last.total}</strong> : 'one section'}
          {last.rw !== null && last.math !== null ? ` (${rw.name} ${last.rw}, ${math.name} ${last.math})` : last.rw !== null ? `: ${rw.name} ${last.rw}` : last.math !== null ? `: ${math.name} ${last.math}` : ''}. A
          test scores one sitting; these predictions pool every answer so far, that test’s included, so the two can differ.
        </p>
      )}
    </section>
  );
}
