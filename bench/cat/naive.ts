/**
 * The origin documents' method, kept as the baseline: the unused item whose b is closest
 * to θ̂, then θ̂ ± 0.5/(1 + |θ̂ − b|) (+ when right, − when wrong), starting at 0.
 */
import type { AssessItem } from '../../src/assess/types.ts';

export function naiveSelect(pool: readonly AssessItem[], theta: number, used: ReadonlySet<string>): AssessItem | null {
  let best: AssessItem | null = null, dist = Infinity;
  for (const it of pool) {
    if (used.has(it.id)) continue;
    const d = Math.abs(it.b - theta);
    if (d < dist) { dist = d; best = it; }
  }
  return best;
}

export function naiveUpdate(theta: number, b: number, correct: boolean): number {
  const step = 0.5 / (1 + Math.abs(theta - b));
  return correct ? theta + step : theta - step;
}
