/**
 * An evaluation's stored outputs judged again by today's task checks, with no model run: when a
 * check grows stricter, the pass rates a report printed go stale, and this says what they are
 * now. Each output in generations.jsonl is checked against its input from the eval set, by id.
 */
import { readFileSync } from 'node:fs';
import { criticalFailures, type CheckResult } from '../../ai/task.ts';
import { getTask } from '../../ai/tasks/index.ts';
import type { AiTaskName } from '../../db/enums.ts';
import type { EvalSet } from './evalset.ts';

export interface RecheckRow {
  system: string;
  task: AiTaskName;
  n: number;
  /** Passed every check when the report was written. */
  passedThen: number;
  /** Passes every check today. */
  passesNow: number;
  /** No critical failure today: the chain would serve it. */
  servableNow: number;
  /** Today's failing checks, by name, with how many outputs fail each. */
  failing: Record<string, number>;
}

export interface Recheck {
  rows: RecheckRow[];
  /** Stored outputs whose example is not in the eval set given (a different set). */
  unmatched: number;
}

/** Pure apart from reading the file: generations.jsonl text against the eval set it was made from. */
export function recheckGenerations(generationsText: string, set: Pick<EvalSet, 'examples'>): Recheck {
  const inputs = new Map(set.examples.map((e) => [e.id, e]));
  const rows = new Map<string, RecheckRow>();
  let unmatched = 0;
  for (const line of generationsText.split('\n')) {
    if (!line.trim()) continue;
    const g = JSON.parse(line) as { id: string; task: AiTaskName; system: string; output: string; pass: boolean };
    const example = inputs.get(g.id);
    if (!example || example.task !== g.task) {
      unmatched++;
      continue;
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const checks = (getTask(g.task) as any).checks(example.input, g.output) as CheckResult[];
    const key = `${g.system}\n${g.task}`;
    const row = rows.get(key) ?? { system: g.system, task: g.task, n: 0, passedThen: 0, passesNow: 0, servableNow: 0, failing: {} };
    row.n++;
    if (g.pass) row.passedThen++;
    if (checks.every((c) => c.pass)) row.passesNow++;
    if (criticalFailures(checks).length === 0) row.servableNow++;
    for (const c of checks) if (!c.pass) row.failing[c.name] = (row.failing[c.name] ?? 0) + 1;
    rows.set(key, row);
  }
  return { rows: [...rows.values()].sort((a, b) => a.system.localeCompare(b.system) || a.task.localeCompare(b.task)), unmatched };
}

export function recheckFile(generationsFile: string, set: Pick<EvalSet, 'examples'>): Recheck {
  return recheckGenerations(readFileSync(generationsFile, 'utf8'), set);
}

const pct = (k: number, n: number) => (n ? `${((100 * k) / n).toFixed(1)}%` : '–');

/** A Markdown table of a recheck, one row per system × task. */
export function recheckTable(r: Recheck): string {
  const lines = ['| system | task | n | all checks then | all checks now | servable now | failing now |', '|---|---|---:|---:|---:|---:|---|'];
  for (const row of r.rows) {
    const failing = Object.entries(row.failing).sort((a, b) => b[1] - a[1]).map(([name, k]) => `${name} ${k}`).join(', ') || '–';
    lines.push(`| ${row.system} | ${row.task} | ${row.n} | ${pct(row.passedThen, row.n)} | ${pct(row.passesNow, row.n)} | ${pct(row.servableNow, row.n)} | ${failing} |`);
  }
  if (r.unmatched) lines.push('', `${r.unmatched} stored outputs have no example in this eval set and were not checked.`);
  return lines.join('\n');
}
