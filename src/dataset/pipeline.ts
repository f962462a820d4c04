/**
 * Stages and the runner (STYLE habits 1–2, after datatrove's PipelineStep and BaseFilter).
 * A stage maps an async stream to an async stream; a filter answers keep or `{keep: false,
 * reason}` and the runner counts every drop by stage and reason for the manifest.
 */
export interface Stage<In, Out> {
  readonly name: string;
  run(items: AsyncIterable<In>): AsyncIterable<Out>;
}

export type Verdict = { keep: true } | { keep: false; reason: string };
export const KEEP: Verdict = { keep: true };
export const drop = (reason: string): Verdict => ({ keep: false, reason });

/** Items in and out per stage, and drops per stage and reason, in first-seen order. */
export class PipelineStats {
  readonly stages = new Map<string, { in: number; out: number }>();
  readonly drops = new Map<string, Map<string, number>>();

  stage(name: string): { in: number; out: number } {
    let s = this.stages.get(name);
    if (!s) this.stages.set(name, (s = { in: 0, out: 0 }));
    return s;
  }

  drop(stage: string, reason: string): void {
    let m = this.drops.get(stage);
    if (!m) this.drops.set(stage, (m = new Map()));
    m.set(reason, (m.get(reason) ?? 0) + 1);
  }

  /** Plain, key-sorted objects so the manifest's bytes never depend on arrival order. */
  toJSON(): { stages: Record<string, { in: number; out: number }>; drops: Record<string, Record<string, number>> } {
    const sortObj = <T>(m: Map<string, T>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      stages: Object.fromEntries([...this.stages.entries()].map(([k, v]) => [k, { in: v.in, out: v.out }])),
      drops: Object.fromEntries([...this.drops.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, sortObj(v)])),
    };
  }
}

/** A stage that may drop items; what it drops is counted under its name by the runner. */
export interface FilterStage<T> extends Stage<T, T> {
  readonly filter: (item: T) => Verdict;
}

export function filterStage<T>(name: string, filter: (item: T) => Verdict): FilterStage<T> {
  return {
    name,
    filter,
    async *run(items) {
      for await (const it of items) if (filter(it).keep) yield it;
    },
  };
}

export function mapStage<In, Out>(name: string, fn: (item: In) => Out): Stage<In, Out> {
  return {
    name,
    async *run(items) {
      for await (const it of items) yield fn(it);
    },
  };
}

async function* counted<T>(items: AsyncIterable<T>, tally: { in: number } | { out: number }, key: 'in' | 'out'): AsyncIterable<T> {
  for await (const it of items) {
    (tally as Record<string, number>)[key]++;
    yield it;
  }
}

/**
 * Pipe `source` through `stages` in order. Filter stages are run here (not by their own
 * `run`) so each drop is counted with its reason; every stage's in/out is tallied. A run of
 * consecutive filter stages is applied to each item in one synchronous loop: the same
 * verdicts and counts as one async generator per stage, without a dozen promise hops per
 * item (at a million records those hops cost more than most filters).
 */
export function runPipeline<T>(source: AsyncIterable<T>, stages: readonly Stage<T, T>[], stats: PipelineStats): AsyncIterable<T> {
  let stream = source;
  for (let i = 0; i < stages.length; ) {
    if (!('filter' in stages[i])) {
      const st = stages[i++];
      const tally = stats.stage(st.name);
      stream = counted(st.run(counted(stream, tally, 'in')), tally, 'out');
      continue;
    }
    const run: FilterStage<T>[] = [];
    for (; i < stages.length && 'filter' in stages[i]; i++) run.push(stages[i] as FilterStage<T>);
    stream = runFilters(run, run.map((st) => stats.stage(st.name)), stream, stats);
  }
  return stream;
}

async function* runFilters<T>(run: readonly FilterStage<T>[], tallies: readonly { in: number; out: number }[], items: AsyncIterable<T>, stats: PipelineStats): AsyncIterable<T> {
  next: for await (const it of items) {
    for (let k = 0; k < run.length; k++) {
      tallies[k].in++;
      const v = run[k].filter(it);
      if (!v.keep) {
        stats.drop(run[k].name, v.reason);
        continue next;
      }
      tallies[k].out++;
    }
    yield it;
  }
}
