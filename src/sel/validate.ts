/**
 * Stage 4, `validate`: is the labelled dataset fit to train on? Checks the schema (38
 * columns, known enums), that every number is finite and inside its range, that levels
 * separate (for each skill, among samples about that skill, mean score HIGH > MEDIUM >
 * DEVELOPING by at least `minMargin`), and that skill × level × grade cells are balanced.
 */
import type { SelRow } from './csv.ts';
import {
  CSV_COLUMNS, FEATURE_TABLE, FEATURES, GRADES, isGrade, isLevel, isSelSkill, LEVELS, SEL_SKILLS,
  type Level, type SelSkill,
} from './skills.ts';

export interface SeparationResult {
  means: Record<Level, number>;
  counts: Record<Level, number>;
  /** mean(HIGH) − mean(MEDIUM) and mean(MEDIUM) − mean(DEVELOPING). */
  marginHighMedium: number;
  marginMediumDeveloping: number;
  ok: boolean;
}

export interface ValidationReport {
  ok: boolean;
  rows: number;
  columns: number;
  /** Human-readable failures, at most `maxProblems`. */
  problems: string[];
  nonFinite: number;
  outOfRange: number;
  separation: Record<SelSkill, SeparationResult>;
  balance: { cells: number; expectedCells: number; minCount: number; maxCount: number; ratio: number; ok: boolean };
}

export interface ValidateOptions {
  minMargin?: number;
  /** Largest allowed max/min ratio of samples per skill × level × grade cell. */
  maxBalanceRatio?: number;
  maxProblems?: number;
}

export function validateRows(rows: readonly SelRow[], opts: ValidateOptions = {}): ValidationReport {
  const minMargin = opts.minMargin ?? 0.05;
  const maxBalanceRatio = opts.maxBalanceRatio ?? 1.5;
  const maxProblems = opts.maxProblems ?? 50;
  const problems: string[] = [];
  const note = (p: string) => problems.length < maxProblems && problems.push(p);
  let nonFinite = 0;
  let outOfRange = 0;
  if (CSV_COLUMNS.length !== 38) note(`schema has ${CSV_COLUMNS.length} columns, expected 38`);
  if (rows.length === 0) note('no rows');

  for (const r of rows) {
    if (!isSelSkill(r.skill) || !isLevel(r.level) || !isGrade(r.grade)) note(`${r.sampleId}: bad metadata ${r.skill}/${r.level}/${r.grade}`);
    for (const f of FEATURES) {
      const v = r.features[f];
      const [lo, hi] = FEATURE_TABLE[f].range;
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        nonFinite++;
        note(`${r.sampleId}: ${f} is ${v}`);
      } else if (v < lo || v > hi) {
        outOfRange++;
        note(`${r.sampleId}: ${f}=${v} outside [${lo}, ${hi}]`);
      }
    }
    for (const s of SEL_SKILLS) {
      const v = r.labels[s];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        nonFinite++;
        note(`${r.sampleId}: score_${s} is ${v}`);
      } else if (v < 0 || v > 1) {
        outOfRange++;
        note(`${r.sampleId}: score_${s}=${v} outside [0, 1]`);
      }
    }
  }

  const separation = {} as Record<SelSkill, SeparationResult>;
  for (const s of SEL_SKILLS) {
    const sums = { HIGH: 0, MEDIUM: 0, DEVELOPING: 0 };
    const counts = { HIGH: 0, MEDIUM: 0, DEVELOPING: 0 };
    for (const r of rows) {
      if (r.skill !== s || !isLevel(r.level) || !Number.isFinite(r.labels[s])) continue;
      sums[r.level] += r.labels[s];
      counts[r.level]++;
    }
    const means = Object.fromEntries(LEVELS.map((l) => [l, counts[l] > 0 ? sums[l] / counts[l] : NaN])) as Record<Level, number>;
    const marginHighMedium = means.HIGH - means.MEDIUM;
    const marginMediumDeveloping = means.MEDIUM - means.DEVELOPING;
    const ok = marginHighMedium >= minMargin && marginMediumDeveloping >= minMargin;
    if (!ok) {
      note(`${s}: level means HIGH ${means.HIGH.toFixed(3)} / MEDIUM ${means.MEDIUM.toFixed(3)} / DEVELOPING ${means.DEVELOPING.toFixed(3)} do not separate by ${minMargin}`);
    }
    separation[s] = { means, counts, marginHighMedium, marginMediumDeveloping, ok };
  }

  const cellCounts = new Map<string, number>();
  for (const r of rows) cellCounts.set(`${r.skill}/${r.level}/${r.grade}`, (cellCounts.get(`${r.skill}/${r.level}/${r.grade}`) ?? 0) + 1);
  const expectedCells = SEL_SKILLS.length * LEVELS.length * GRADES.length;
  const values = [...cellCounts.values()];
  const minCount = cellCounts.size < expectedCells ? 0 : Math.min(...values);
  const maxCount = values.length > 0 ? Math.max(...values) : 0;
  const ratio = minCount > 0 ? maxCount / minCount : Infinity;
  const balanceOk = ratio <= maxBalanceRatio;
  if (!balanceOk) note(`class balance: ${cellCounts.size}/${expectedCells} cells filled, counts ${minCount}–${maxCount}`);

  const ok = rows.length > 0 && nonFinite === 0 && outOfRange === 0 && problems.length === 0 && balanceOk;
  return {
    ok,
    rows: rows.length,
    columns: CSV_COLUMNS.length,
    problems,
    nonFinite,
    outOfRange,
    separation,
    balance: { cells: cellCounts.size, expectedCells, minCount, maxCount, ratio, ok: balanceOk },
  };
}
