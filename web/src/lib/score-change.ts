/**
 * How a full-length test compares with the student's previous one, in the words the score
 * report shows. A single test's score is uncertain (its band), so a change is called real only
 * when it is larger than the two tests' bands together; a smaller one is named as possibly noise.
 */
import type { Progress } from '../api/types.ts';

type ScoreRow = Pick<Progress['scores'][number], 'testResultId' | 'rw' | 'math' | 'total' | 'bands'> & { at: string | Date };
type Measure = 'total' | 'rw' | 'math';

export interface ScoreChange {
  measure: Measure;
  previous: number;
  current: number;
  delta: number;
  /** Roughly how far one test's score can land from another's by chance (the bands' half-widths, combined). */
  margin: number;
  /** |delta| is larger than the margin. */
  beyondMargin: boolean;
  text: string;
}

const NAMES: Record<Measure, { what: string; since: string }> = {
  total: { what: 'total', since: 'your last full-length test' },
  rw: { what: 'Reading and Writing score', since: 'your last test with Reading and Writing' },
  math: { what: 'Math score', since: 'your last test with Math' },
};

const halfWidth = (band: readonly [number, number] | null | undefined) => (band ? (band[1] - band[0]) / 2 : 0);

const shortDate = (at: string | Date) => new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });

/**
 * The change from the latest earlier test that has the same measure: the total when this test
 * has one, else its one section. Null for a first test, or when `testResultId` is not in `scores`
 * (a history read before the result was stored).
 */
export function scoreChange(scores: readonly ScoreRow[], testResultId: string, date: (at: string | Date) => string = shortDate): ScoreChange | null {
  const i = scores.findIndex((s) => s.testResultId === testResultId);
  if (i < 0) return null;
  const now = scores[i];
  const measure: Measure | null = now.total !== null ? 'total' : now.rw !== null ? 'rw' : now.math !== null ? 'math' : null;
  if (!measure) return null;
  const before = scores
    .slice(0, i)
    .reverse()
    .find((s) => s[measure] !== null);
  if (!before) return null;
  const current = now[measure]!;
  const previous = before[measure]!;
  const delta = current - previous;
  // Independent errors add in quadrature; rounded to the 10-point steps scores come in.
  const margin = Math.round(Math.hypot(halfWidth(now.bands[measure]), halfWidth(before.bands[measure])) / 10) * 10;
  const beyondMargin = Math.abs(delta) > margin;
  const { what, since } = NAMES[measure];
  const was = `${previous} on ${date(before.at)}`;
  const head =
    delta === 0
      ? `The same ${what} as ${since} (${date(before.at)}).`
      : `${delta > 0 ? 'Up' : 'Down'} ${Math.abs(delta)} points from ${since} (${was}).`;
  const tail =
    delta === 0
      ? ''
      : !beyondMargin
        ? ` One test's score can move by about ${margin} points by chance, so a change this size may be noise: the trend over several tests tells you more.`
        : delta > 0
          ? ' That is more than one test can move by chance, so your practice is showing.'
          : ' That is more than one test can move by chance: the review shows where the points went.';
  return { measure, previous, current, delta, margin, beyondMargin, text: head + tail };
}
