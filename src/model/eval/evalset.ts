/**
 * The held-out set an evaluation runs on: JSONL lines `{id?, task, input, output, meta?: {skill}}`
 * — the synthetic generator's format, and the `heldout.jsonl` that `model train` writes from its
 * validation split. The structured input is what makes the task checks runnable, so a line
 * without a valid one is skipped (and counted by reason). Which examples get generated is a
 * seeded stratified draw over task × skill, so every task and skill is represented.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { renderPrompt } from '../../ai/task.ts';
import { getTask } from '../../ai/tasks/index.ts';
import { AI_TASKS, type AiTaskName } from '../../db/enums.ts';
import { stratifiedPick } from '../../synth/sample.ts';

export interface EvalExample {
  id: string;
  task: AiTaskName;
  skill: string | null;
  /** The task's input, parsed by its schema (defaults applied). */
  input: unknown;
  /** The prompt a model sees for this input, as serving renders it. */
  prompt: string;
  /** The reference output (a template's, in synthetic data). */
  reference: string;
}

export interface EvalSet {
  file: string;
  sha256: string;
  examples: EvalExample[];
  skipped: Record<'bad-json' | 'unknown-task' | 'no-output' | 'invalid-input', number>;
}

export const exampleId = (task: string, input: unknown): string =>
  createHash('sha256').update(`${task}\n${JSON.stringify(input)}`).digest('hex').slice(0, 16);

export function parseEvalLines(text: string): Omit<EvalSet, 'file' | 'sha256'> {
  const skipped: EvalSet['skipped'] = { 'bad-json': 0, 'unknown-task': 0, 'no-output': 0, 'invalid-input': 0 };
  const examples: EvalExample[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let j: { id?: unknown; task?: unknown; input?: unknown; output?: unknown; skill?: unknown; meta?: { skill?: unknown } };
    try {
      j = JSON.parse(line);
    } catch {
      skipped['bad-json']++;
      continue;
    }
    if (!AI_TASKS.includes(j.task as AiTaskName)) { skipped['unknown-task']++; continue; }
    if (typeof j.output !== 'string' || !j.output.trim()) { skipped['no-output']++; continue; }
    const task = getTask(j.task as AiTaskName);
    const parsed = task.input.safeParse(j.input);
    if (!parsed.success) { skipped['invalid-input']++; continue; }
    const id = typeof j.id === 'string' && j.id ? j.id : exampleId(task.name, parsed.data);
    if (seen.has(id)) continue;
    seen.add(id);
    const skill = j.meta?.skill ?? j.skill;
    examples.push({
      id, task: task.name, skill: typeof skill === 'string' ? skill : null, input: parsed.data,
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      prompt: renderPrompt((task as any).prompt(parsed.data)), reference: j.output,
    });
  }
  return { examples, skipped };
}

export function readEvalSet(file: string): EvalSet {
  const bytes = readFileSync(file);
  return { file, sha256: createHash('sha256').update(bytes).digest('hex'), ...parseEvalLines(bytes.toString('utf8')) };
}

export const stratumOf = (e: Pick<EvalExample, 'task' | 'skill'>): string => `${e.task}/${e.skill ?? '-'}`;

/** Up to `n` examples, proportional per task × skill with at least one each while n allows; in file order. */
export function stratifiedExamples(examples: readonly EvalExample[], n: number, seed: string): EvalExample[] {
  const strata = new Map<string, number[]>();
  examples.forEach((e, i) => {
    const k = stratumOf(e);
    (strata.get(k) ?? strata.set(k, []).get(k)!).push(i);
  });
  return stratifiedPick(strata, n, seed).map((i) => examples[i]);
}
