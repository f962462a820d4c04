/**
 * The benchmark harness: a candidate and its baseline run in the same process, alternating,
 * for the same number of repeats; medians and the ratio are printed. A benchmark is a
 * module under bench/ that calls `compare` (or `report` for simulation studies).
 */
export interface BenchCase {
  name: string;
  /** One unit of work; its return value is kept so the optimiser cannot drop it. */
  fn: () => unknown | Promise<unknown>;
}

export interface CompareOptions {
  name: string;
  baseline: BenchCase;
  candidate: BenchCase;
  /** Timed repeats of each case (default 15). */
  repeats?: number;
  /** Untimed warm-up runs of each case (default 3). */
  warmup?: number;
  /** Calls of fn per timed repeat, for sub-millisecond work (default 1). */
  inner?: number;
}

export interface CompareResult {
  name: string;
  baseline: { name: string; medianMs: number; p90Ms: number };
  candidate: { name: string; medianMs: number; p90Ms: number };
  /** candidate median / baseline median: < 1 means the candidate is faster. */
  ratio: number;
  speedup: number;
}

let sink: unknown;

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

async function timeOnce(fn: BenchCase['fn'], inner: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < inner; i++) sink = await fn();
  return (performance.now() - t0) / inner;
}

export async function compare(opts: CompareOptions): Promise<CompareResult> {
  const repeats = opts.repeats ?? 15;
  const warmup = opts.warmup ?? 3;
  const inner = opts.inner ?? 1;
  for (let i = 0; i < warmup; i++) {
    await timeOnce(opts.baseline.fn, inner);
    await timeOnce(opts.candidate.fn, inner);
  }
  const base: number[] = [];
  const cand: number[] = [];
  // Alternate so drift in machine load hits both cases alike.
  for (let i = 0; i < repeats; i++) {
    base.push(await timeOnce(opts.baseline.fn, inner));
    cand.push(await timeOnce(opts.candidate.fn, inner));
  }
  base.sort((a, b) => a - b);
  cand.sort((a, b) => a - b);
  const result: CompareResult = {
    name: opts.name,
    baseline: { name: opts.baseline.name, medianMs: quantile(base, 0.5), p90Ms: quantile(base, 0.9) },
    candidate: { name: opts.candidate.name, medianMs: quantile(cand, 0.5), p90Ms: quantile(cand, 0.9) },
    ratio: quantile(cand, 0.5) / quantile(base, 0.5),
    speedup: quantile(base, 0.5) / quantile(cand, 0.5),
  };
  printCompare(result, repeats, inner);
  void sink;
  return result;
}

const fmt = (ms: number) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);

function printCompare(r: CompareResult, repeats: number, inner: number): void {
  console.log(`\n## ${r.name}  (${repeats} repeats × ${inner} call(s), medians)`);
  console.log(`  baseline  ${r.baseline.name.padEnd(40)} ${fmt(r.baseline.medianMs).padStart(10)}  p90 ${fmt(r.baseline.p90Ms)}`);
  console.log(`  candidate ${r.candidate.name.padEnd(40)} ${fmt(r.candidate.medianMs).padStart(10)}  p90 ${fmt(r.candidate.p90Ms)}`);
  console.log(`  ratio candidate/baseline = ${r.ratio.toFixed(3)}  (${r.speedup.toFixed(2)}× ${r.speedup >= 1 ? 'faster' : 'slower'})`);
}

/** For simulation studies: a table of named metrics per method, side by side. */
export function report(title: string, rows: Record<string, Record<string, number | string>>): void {
  const methods = Object.keys(rows);
  const metrics = [...new Set(methods.flatMap((m) => Object.keys(rows[m])))];
  console.log(`\n## ${title}`);
  console.log(`  ${'metric'.padEnd(28)}${methods.map((m) => m.padStart(18)).join('')}`);
  for (const k of metrics) {
    const cells = methods.map((m) => {
      const v = rows[m][k];
      return (typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(4)) : (v ?? '')).padStart(18);
    });
    console.log(`  ${k.padEnd(28)}${cells.join('')}`);
  }
}
