/**
 * The dataset card: a README.md with a Hugging Face YAML header (license, task
 * categories, size category, one config per format with its split files) and the
 * sections a reader needs before training on it. Everything in it comes from the manifest.
 */
import type { Manifest } from './build.ts';
import type { Format } from './formats.ts';
import { SPLITS } from './types.ts';

/** Hugging Face size categories by row count. */
export function sizeCategory(n: number): string {
  const bands: [number, string][] = [[1e3, 'n<1K'], [1e4, '1K<n<10K'], [1e5, '10K<n<100K'], [1e6, '100K<n<1M'], [1e7, '1M<n<10M']];
  for (const [limit, name] of bands) if (n < limit) return name;
  return '10M<n<100M';
}

const table = (rows: Record<string, number>) =>
  Object.keys(rows).length ? Object.entries(rows).map(([k, v]) => `| ${k} | ${v} |`).join('\n') : '| (none) | 0 |';

const FORMAT_NOTES: Record<Format, string> = {
  io: '`{input, output}` (the origin format) with metadata columns: record id, task, source, student pseudonym, question, skill, mean rating, plan outcome (JSON)',
  chat: 'OpenAI chat fine-tuning: `{"messages": [...]}` ending with the assistant turn',
  alpaca: 'Alpaca: `{instruction, input, output}` (the system message is the instruction)',
  sharegpt: 'ShareGPT: `{"conversations": [{from, value}]}` with system / human / gpt turns',
  trl: 'TRL prompt/completion: `{prompt, completion}`',
  kto: 'TRL KTO: `{prompt, completion, label}`; outputs rated 2 stars or fewer are the `false` side',
  preference: 'preference pairs (TRL DPO / reward modelling): `{prompt, chosen, rejected}`, two outputs of one prompt rated at least 2 stars apart',
};

export function renderCard(name: string, m: Manifest): string {
  const configs = m.formats.map(
    (f) => `  - config_name: ${f}\n    data_files:\n${SPLITS.map((s) => `      - split: ${s}\n        path: ${f}/${s}.jsonl`).join('\n')}`,
  ).join('\n');
  const drops = Object.entries(m.drops).flatMap(([stage, reasons]) => Object.entries(reasons).map(([r, n]) => `| ${stage} | ${r} | ${n} |`));
  const ph = m.phase;
  const b = m.balance;
  return `---
license: other
license_name: satprep-internal
pretty_name: ${name}
language:
  - en
task_categories:
  - text-generation
size_categories:
  - ${sizeCategory(m.counts.total + m.counts.negatives + m.counts.preference)}
configs:
${configs}
---

# ${name}

Prompt → output pairs for the SAT Prep Suite AI tasks, built by \`satprep dataset build\` (code ${m.codeVersion}, seed \`${m.seed}\`).
Every format is a folder with one JSONL file per split${m.parquet ? ' and the same rows as Parquet (`<format>/<split>.parquet`)' : ''}:

${m.formats.map((f) => `- \`${f}\` — ${FORMAT_NOTES[f]}`).join('\n')}

## Splits

| split | positive rows | preference pairs |
|---|---|---|
${SPLITS.map((s) => `| ${s} | ${m.counts.bySplit[s] ?? 0} | ${m.counts.preferenceBySplit[s] ?? 0} |`).join('\n')}

Splits are assigned by a seeded hash of the student pseudonym and of the question id: no student and no question appears in two splits.
Pairs whose student and question hash to different splits are dropped (see the drop table). ${m.counts.negatives} negative rows (KTO \`false\`).

## Phase and mix

Phase **${ph.chosen}** (${ph.mode === 'auto' ? 'chosen automatically' : 'forced'}): synthetic only below ${ph.policy.mixedFrom} real pairs, ${Math.round(ph.policy.syntheticShare * 100)}% synthetic
from ${ph.policy.mixedFrom}, real only from ${ph.policy.realFrom}. Available after filtering: ${ph.available.real} real, ${ph.available.synthetic} synthetic,
${ph.available.reference} reference (item rationales, kept in every phase). Kept: ${ph.kept.real} real, ${ph.kept.synthetic} synthetic (quota ${ph.syntheticQuota};
share ${(ph.syntheticShare * 100).toFixed(2)}% of real + synthetic), ${ph.kept.reference} reference.

Balance: ${b.maxPerSkill === null ? 'no per-skill cap' : `at most ${b.maxPerSkill} positive pairs per task and skill (${b.cappedCells} cells capped)`};
${b.minPerSkill > 0 ? `cells under ${b.minPerSkill} pairs oversampled in train up to ${b.maxOversample}×` : 'no oversampling of scarce cells'}${Object.keys(b.weakSkills).length ? `; weak skills oversampled in train (${Object.entries(b.weakSkills).map(([k, v]) => `${k} ×${v}`).join(', ')})` : ''} — ${b.oversampledCells} cells, ${m.counts.oversampledCopies} extra rows.

| source | rows |
|---|---|
${table(m.counts.bySource)}

| task | rows |
|---|---|
${table(m.counts.byTask)}

## Consent

Only people with training consent (a parent's consent for minors) who are neither deleted nor revoked are included; simulated accounts are
${m.includeSimulated ? 'included on request' : 'excluded'}. A record is dropped when anyone whose words it contains fails this test.

## PII handling

Student ids are replaced by a keyed HMAC-SHA256 pseudonym (the key is never written out). Free text is scrubbed of email addresses,
phone numbers, street addresses, URLs, social handles, ids and person names (the student's, their linked tutors' and parents', every
account name, and a list of common given names), replaced by typed placeholders such as \`[EMAIL]\` and \`[NAME]\`. A record still
tripping an independent detector after scrubbing is dropped. A record in which a student speaks of self-harm is dropped whatever the
consent: it is about their health, not their studies.

## Plan outcomes

\`plan_adjust\` rows read from the database carry, in the \`io\` format's \`outcome\` column, what the student did next: whether the
suggestion was accepted or dismissed, the plan tasks completed and skipped in the days after it (all, and on the skills it named), and the
change in θ and mastery on those skills over the same window.

## Filters and drops

| stage | reason | dropped |
|---|---|---|
${drops.length ? drops.join('\n') : '| (none) | | 0 |'}

## Known biases and limits

- Real pairs come from students who gave consent, which need not represent all students.
- Name scrubbing replaces capitalised words that match a known name, so ordinary words that are also names can become \`[NAME]\`;
  a name not in the account list or the common-names list can survive in lower case.
- Synthetic pairs are written by templates and over-represent their phrasing.
- Question rationales are authored text and are not run through the task checks.
- Near-duplicates are looked for within a window of recent pairs per task (exact duplicates across the whole build).
- Oversampled rows repeat train pairs; they add weight, not information.
`;
}
