/**
 * The dataset card: a README.md with a Hugging Face YAML header (license, task
 * categories, size category, one config per format with its split files) and the
 * sections a reader needs before training on it. Everything in it comes from the manifest.
 */
import type { Manifest } from './build.ts';
import { FORMATS } from './formats.ts';
import { SPLITS } from './types.ts';

/** Hugging Face size categories by row count. */
export function sizeCategory(n: number): string {
  const bands: [number, string][] = [[1e3, 'n<1K'], [1e4, '1K<n<10K'], [1e5, '10K<n<100K'], [1e6, '100K<n<1M'], [1e7, '1M<n<10M']];
  for (const [limit, name] of bands) if (n < limit) return name;
  return '10M<n<100M';
}

const table = (rows: Record<string, number>) =>
  Object.keys(rows).length ? Object.entries(rows).map(([k, v]) => `| ${k} | ${v} |`).join('\n') : '| (none) | 0 |';

export function renderCard(name: string, m: Manifest): string {
  const configs = FORMATS.map(
    (f) => `  - config_name: ${f}\n    data_files:\n${SPLITS.map((s) => `      - split: ${s}\n        path: ${f}/${s}.jsonl`).join('\n')}`,
  ).join('\n');
  const drops = Object.entries(m.drops).flatMap(([stage, reasons]) => Object.entries(reasons).map(([r, n]) => `| ${stage} | ${r} | ${n} |`));
  return `---
license: other
license_name: satprep-internal
pretty_name: ${name}
language:
  - en
task_categories:
  - text-generation
size_categories:
  - ${sizeCategory(m.counts.total)}
configs:
${configs}
---

# ${name}

Prompt → output pairs for the SAT Prep Suite AI tasks, built by \`satprep dataset build\` (code ${m.codeVersion}, seed \`${m.seed}\`).
Formats: \`io\` (\`{input, output}\` with metadata columns; also as Parquet in \`io/<split>.parquet\`), \`chat\` (OpenAI chat fine-tuning),
\`trl\` (prompt/completion) and \`kto\` (prompt/completion/label; ratings of 2 stars or fewer are the \`false\` side).

## Splits

| split | positive pairs |
|---|---|
${SPLITS.map((s) => `| ${s} | ${m.counts.bySplit[s] ?? 0} |`).join('\n')}

Splits are assigned by a seeded hash of the student pseudonym and of the question id: no student and no question appears in two splits.
Pairs whose student and question hash to different splits are dropped (see the drop table).

## Sources

Observed phase: **${m.phase.observed}** (${m.phase.realPairs} real, ${m.phase.syntheticPairs} synthetic pairs; no mixing policy applied).

| source | pairs |
|---|---|
${table(m.counts.bySource)}

| task | pairs |
|---|---|
${table(m.counts.byTask)}

## Consent

Only people with training consent (a parent's consent for minors) who are neither deleted nor revoked are included; simulated accounts are
${m.includeSimulated ? 'included on request' : 'excluded'}. A record is dropped when anyone whose words it contains fails this test.

## PII handling

Student ids are replaced by a keyed HMAC-SHA256 pseudonym (the key is never written out). Free text is scrubbed of email addresses,
phone numbers, street addresses, URLs, social handles, ids and person names (the student's, their linked tutors' and parents', every
account name, and a list of common given names), replaced by typed placeholders such as \`[EMAIL]\` and \`[NAME]\`. A record still
tripping an independent detector after scrubbing is dropped.

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
`;
}
