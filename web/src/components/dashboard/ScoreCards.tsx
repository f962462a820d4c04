/** Predicted section and total scores, each with its band (score ± 1 CSEM) on the scale. */
import type { Progress } from '../../api/types.ts';
import { TAXONOMY } from '../../../../src/content/taxonomy.ts';

type Scaled = { score: number; band: readonly [number, number] } | null;

function Scale({ label, value, min, max }: { label: string; value: Scaled; min: number; max: number }) {
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
          <div className="scale" role="img" aria-label={`${label}: predicted ${value.score}, likely between ${value.band[0]} and ${value.band[1]}, on a scale of ${min} to ${max}`}>
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
        <Scale label={rw.name} value={predicted.rw} min={min} max={max} />
        <Scale label={math.name} value={predicted.math} min={min} max={max} />
      </div>
      <p className="hint">The band is where your score would likely land on test day; it narrows as {own ? 'you answer' : 'the student answers'} more practice questions.</p>
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
