/**
 * `synth report DIR`: reads DIR/pairs.jsonl back with its own reader and measures it —
 * counts per task × section × skill, output length distributions, distinct-n ratios
 * (distinct n-grams / all n-grams of a task's outputs; Li et al., 2016), the near-duplicate
 * rate (high-recall MinHash banding confirmed by exact Jaccard), skill coverage, and the pass
 * rate of the task checks re-run on every pair — and writes DIR/report.md.
 */
import { createReadStream, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { TASKS } from '../ai/tasks/index.ts';
import type { AnyAiTask } from '../ai/task.ts';
import { SKILLS } from '../content/taxonomy.ts';
import type { AiTaskName } from '../db/enums.ts';
import { nearDuplicateRate } from './dedup.ts';
import { parseJsonLine } from '../lib/json-line.ts';
import { assertFinishedSynth, MANIFEST_FILE, PAIRS_FILE, type SynthPair } from './generate.ts';

export async function* readPairs(dir: string): AsyncGenerator<SynthPair> {
  assertFinishedSynth(dir);
  const file = path.join(dir, PAIRS_FILE);
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    n++;
    if (line.trim()) yield parseJsonLine<SynthPair>(line, file, n);
  }
}

export interface TaskReport {
  count: number;
  bySection: Record<string, number>;
  bySkill: Record<string, number>;
  words: { min: number; p50: number; p90: number; max: number; mean: number; histogram: [number, number][] };
  distinct1: number;
  distinct2: number;
  nearDuplicates: number;
  nearDuplicateRate: number;
  exactDuplicates: number;
  checksPassed: number;
  /** Smallest share of the task's skill-bearing pairs held by one taxonomy skill (0 if one is absent). */
  minSkillShare: number;
  minSkill: string;
}

export interface SynthReport {
  total: number;
  byTask: Partial<Record<AiTaskName, TaskReport>>;
  checkPassRate: number;
  nearDuplicateRate: number;
  failures: { id: string; task: string; checks: string[] }[];
  manifest: unknown;
}

const words = (s: string) => s.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
const q = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

export async function buildReport(dir: string, opts: { threshold?: number; checks?: boolean } = {}): Promise<SynthReport> {
  type Acc = { outputs: string[]; lengths: number[]; bySection: Record<string, number>; bySkill: Record<string, number>; uni: Set<string>; bi: Set<string>; nUni: number; nBi: number; passed: number; exact: Set<string> };
  const acc = new Map<AiTaskName, Acc>();
  const failures: SynthReport['failures'] = [];
  let total = 0, passed = 0, exactDup = 0;
  for await (const p of readPairs(dir)) {
    total++;
    let a = acc.get(p.task);
    if (!a) acc.set(p.task, (a = { outputs: [], lengths: [], bySection: {}, bySkill: {}, uni: new Set(), bi: new Set(), nUni: 0, nBi: 0, passed: 0, exact: new Set() }));
    a.outputs.push(p.output);
    const w = words(p.output);
    a.lengths.push(w.length);
    const sec = p.meta.section ?? '(none)';
    a.bySection[sec] = (a.bySection[sec] ?? 0) + 1;
    if (p.meta.skill) a.bySkill[p.meta.skill] = (a.bySkill[p.meta.skill] ?? 0) + 1;
    for (let i = 0; i < w.length; i++) {
      a.uni.add(w[i]);
      a.nUni++;
      if (i > 0) { a.bi.add(`${w[i - 1]} ${w[i]}`); a.nBi++; }
    }
    const key = p.output.trim();
    if (a.exact.has(key)) exactDup++; else a.exact.add(key);
    if (opts.checks !== false) {
      const task: AnyAiTask = TASKS[p.task];
      const res = task.checks(p.input, p.output);
      if (res.every((r) => r.pass)) { passed++; a.passed++; } else failures.push({ id: p.id, task: p.task, checks: res.filter((r) => !r.pass).map((r) => `${r.name}: ${r.reason ?? ''}`) });
    }
  }
  const byTask: SynthReport['byTask'] = {};
  let nearTotal = 0;
  for (const [task, a] of acc) {
    const sorted = [...a.lengths].sort((x, y) => x - y);
    const hist = new Map<number, number>();
    for (const l of a.lengths) hist.set(Math.floor(l / 10) * 10, (hist.get(Math.floor(l / 10) * 10) ?? 0) + 1);
    const nd = nearDuplicateRate(a.outputs, { threshold: opts.threshold ?? 0.8 });
    nearTotal += nd.count;
    const skillTotal = Object.values(a.bySkill).reduce((x, y) => x + y, 0);
    let minShare = Infinity, minSkill = '';
    for (const s of SKILLS) {
      const share = skillTotal ? (a.bySkill[s.id] ?? 0) / skillTotal : 0;
      if (share < minShare) { minShare = share; minSkill = s.id; }
    }
    byTask[task] = {
      count: a.outputs.length, bySection: a.bySection, bySkill: a.bySkill,
      words: { min: sorted[0], p50: q(sorted, 0.5), p90: q(sorted, 0.9), max: sorted[sorted.length - 1], mean: a.lengths.reduce((x, y) => x + y, 0) / a.lengths.length, histogram: [...hist].sort((x, y) => x[0] - y[0]) },
      distinct1: a.nUni ? a.uni.size / a.nUni : 0,
      distinct2: a.nBi ? a.bi.size / a.nBi : 0,
      nearDuplicates: nd.count, nearDuplicateRate: nd.rate,
      exactDuplicates: a.outputs.length - a.exact.size,
      checksPassed: a.passed, minSkillShare: minShare, minSkill,
    };
  }
  void exactDup;
  const manifestPath = path.join(dir, MANIFEST_FILE);
  return {
    total, byTask, failures,
    checkPassRate: opts.checks === false ? NaN : total ? passed / total : 0,
    nearDuplicateRate: total ? nearTotal / total : 0,
    manifest: existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : null,
  };
}

const pct = (x: number, d = 2) => `${(100 * x).toFixed(d)}%`;
const bar = (n: number, max: number, width = 30) => '█'.repeat(Math.max(n > 0 ? 1 : 0, Math.round((n / max) * width)));

export function renderReport(r: SynthReport): string {
  const out: string[] = ['# Synthetic pairs report', ''];
  out.push(`${r.total} pairs; checks passed: ${Number.isNaN(r.checkPassRate) ? 'not re-run' : pct(r.checkPassRate)}; near-duplicate rate (Jaccard ≥ threshold on word 5-grams, within task): ${pct(r.nearDuplicateRate)}.`, '');
  out.push('| task | pairs | rw | math | words p50 (min–max) | distinct-1 | distinct-2 | exact dups | near-dup rate | checks passed | min skill share |', '|---|---|---|---|---|---|---|---|---|---|---|');
  for (const [t, s] of Object.entries(r.byTask)) {
    out.push(`| ${t} | ${s.count} | ${s.bySection.rw ?? 0} | ${s.bySection.math ?? 0} | ${s.words.p50} (${s.words.min}–${s.words.max}) | ${s.distinct1.toFixed(4)} | ${s.distinct2.toFixed(4)} | ${s.exactDuplicates} | ${pct(s.nearDuplicateRate)} | ${pct(s.checksPassed / s.count)} | ${pct(s.minSkillShare)} (${s.minSkill}) |`);
  }
  out.push('', '## Counts per task × skill', '', `| skill | section | ${Object.keys(r.byTask).join(' | ')} |`, `|---|---|${Object.keys(r.byTask).map(() => '---').join('|')}|`);
  for (const s of SKILLS) out.push(`| ${s.id} | ${s.section} | ${Object.values(r.byTask).map((t) => t.bySkill[s.id] ?? 0).join(' | ')} |`);
  out.push('', '## Output length (words)');
  for (const [t, s] of Object.entries(r.byTask)) {
    const max = Math.max(...s.words.histogram.map(([, n]) => n));
    out.push('', `### ${t} (mean ${s.words.mean.toFixed(1)}, p90 ${s.words.p90})`, '', '```');
    for (const [b, n] of s.words.histogram) out.push(`${String(b).padStart(3)}–${String(b + 9).padEnd(3)} ${bar(n, max)} ${n}`);
    out.push('```');
  }
  if (r.failures.length) {
    out.push('', `## Check failures (${r.failures.length}; first 20)`, '');
    for (const f of r.failures.slice(0, 20)) out.push(`- ${f.id} (${f.task}): ${f.checks.join('; ')}`);
  }
  if (r.manifest) out.push('', '## Generator manifest', '', '```json', JSON.stringify(r.manifest, null, 2), '```');
  return out.join('\n') + '\n';
}

export async function writeReport(dir: string, opts: { threshold?: number; checks?: boolean } = {}): Promise<SynthReport> {
  const r = await buildReport(dir, opts);
  writeFileSync(path.join(dir, 'report.md'), renderReport(r));
  return r;
}
