/**
 * What `model eval` leaves in its report folder:
 *   report.json        every number, per system side by side, with the BLEU signature
 *   report.md          the same as tables
 *   generations.jsonl  one line per (example, system): output, reference, each check's verdict
 *   review.md          a stratified sample (task × skill) of the examples with every system's
 *                      output next to the reference, with tick boxes for a human reviewer
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AI_TASKS } from '../../db/enums.ts';
import { bleuSignature } from './bleu.ts';
import { stratifiedExamples, type EvalExample, type EvalSet } from './evalset.ts';
import type { Generation } from './suite.ts';
import type { SystemSummary } from './summary.ts';

export const REPORT_FILES = { json: 'report.json', markdown: 'report.md', generations: 'generations.jsonl', review: 'review.md' } as const;

export interface EvalReport {
  format: 'satprep-lm-eval';
  version: 1;
  key: string;
  model: string;
  createdAt: string;
  evalSet: {
    file: string;
    sha256: string;
    examples: number;
    skipped: EvalSet['skipped'];
    generated: number;
    perplexityExamples: number;
    reviewed: number;
    seed: string;
    maxTokens: number;
  };
  bleuSignature: string;
  systems: SystemSummary[];
  files: typeof REPORT_FILES;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const num = (x: number | null | undefined, d = 2) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(d));

function markdown(r: EvalReport): string {
  const cols = r.systems;
  const row = (label: string, f: (s: SystemSummary) => string) => `| ${label} | ${cols.map(f).join(' | ')} |`;
  const head = `| | ${cols.map((s) => `${s.name} (${s.label})`).join(' | ')} |\n|---|${cols.map(() => '---:').join('|')}|`;
  const lines = [
    `# Evaluation of ${r.model}`,
    '',
    `Held-out set \`${r.evalSet.file}\` (sha256 ${r.evalSet.sha256.slice(0, 12)}…): ${r.evalSet.examples} usable examples; ` +
      `${r.evalSet.generated} generated per system (stratified by task × skill, seed \`${r.evalSet.seed}\`, greedy, ≤ ${r.evalSet.maxTokens} tokens); ` +
      `perplexity over ${r.evalSet.perplexityExamples}.`,
    '',
    head,
    row('perplexity (response tokens)', (s) => num(s.perplexity?.perplexity, 3)),
    row('perplexity per byte', (s) => num(s.perplexity?.bytePerplexity, 4)),
    row('all checks pass', (s) => pct(s.passRate)),
    row('critical checks pass (servable)', (s) => pct(s.servableRate)),
    row('BLEU', (s) => num(s.bleu.score)),
    row('ROUGE-L F', (s) => num(100 * s.rougeL)),
    row('errors', (s) => String(s.errors)),
    row('ms per output', (s) => num(s.msPerOutput, 0)),
    '',
    `BLEU signature: \`${r.bleuSignature}\` (sacreBLEU's 13a tokenisation and exp smoothing, reimplemented). ROUGE-L: LCS F-measure, β = 1, rouge-score tokenisation, mean over outputs.`,
    '',
    '## Pass rate by task (all checks)',
    '',
    `| task | n | ${cols.map((s) => s.name).join(' | ')} |\n|---|---:|${cols.map(() => '---:').join('|')}|`,
    ...AI_TASKS.filter((t) => cols[0]?.byTask[t]).map((t) => `| ${t} | ${cols[0].byTask[t]!.n} | ${cols.map((s) => `${pct(s.byTask[t]?.passRate ?? 0)} (BLEU ${num(s.byTask[t]?.bleu, 1)})`).join(' | ')} |`),
    '',
    '## Failed checks (outputs failing each)',
    '',
    ...cols.map((s) => `- ${s.name}: ${Object.entries(s.failedChecks).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`),
    '',
    `Files: ${Object.values(r.files).map((f) => `\`${f}\``).join(', ')}.`,
    '',
  ];
  return lines.join('\n');
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)} …` : s);
const quote = (s: string) => (s ? s.split('\n').map((l) => `> ${l}`).join('\n') : '> (empty)');

function review(examples: readonly EvalExample[], gens: readonly Generation[], systems: readonly string[]): string {
  const byKey = new Map(gens.map((g) => [`${g.system}\n${g.id}`, g]));
  const parts = [`# Review: ${examples.length} held-out examples, stratified by task × skill`, ''];
  examples.forEach((e, k) => {
    parts.push(`## ${k + 1}. ${e.task} · ${e.skill ?? 'no skill'}`, '', `id \`${e.id}\``, '', '**Input**', '', '```json', clip(JSON.stringify(e.input, null, 1), 1500), '```', '', '**Reference**', '', quote(e.reference), '');
    for (const s of systems) {
      const g = byKey.get(`${s}\n${e.id}`);
      if (!g) continue;
      const failed = g.checks.filter((c) => !c.pass).map((c) => `${c.name}${c.critical ? ' (critical)' : ''}`);
      parts.push(`**${s}** — ${failed.length ? `fails ${failed.join(', ')}` : 'passes every check'}${g.error ? ` — error: ${g.error}` : ''}`, '', quote(g.output), '');
    }
    parts.push('- [ ] coherent  - [ ] faithful to the input  - [ ] SAT-relevant  - [ ] tone  - [ ] better than the template', '');
  });
  return parts.join('\n');
}

export function writeReport(
  dir: string,
  r: Omit<EvalReport, 'format' | 'version' | 'files' | 'bleuSignature' | 'evalSet'> & { evalSet: Omit<EvalReport['evalSet'], 'reviewed'> },
  gens: readonly Generation[],
  generated: readonly EvalExample[],
  reviewN: number,
): EvalReport {
  mkdirSync(dir, { recursive: true });
  const picked = stratifiedExamples(generated, reviewN, `${r.evalSet.seed}/review`);
  const report: EvalReport = {
    format: 'satprep-lm-eval', version: 1, ...r,
    evalSet: { ...r.evalSet, reviewed: picked.length },
    bleuSignature: bleuSignature(1), files: REPORT_FILES,
  };
  writeFileSync(path.join(dir, REPORT_FILES.generations), gens.map((g) => JSON.stringify(g)).join('\n') + (gens.length ? '\n' : ''));
  writeFileSync(path.join(dir, REPORT_FILES.review), review(picked, gens, r.systems.map((s) => s.name)));
  writeFileSync(path.join(dir, REPORT_FILES.markdown), markdown(report));
  writeFileSync(path.join(dir, REPORT_FILES.json), `${JSON.stringify(report, null, 2)}\n`);
  return report;
}
