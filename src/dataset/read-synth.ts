/**
 * Reader of `synth generate` output: JSONL lines `{id, task, input, prompt, output, meta}`
 * (synth/generate.ts SynthPair), from every `*.jsonl` in a folder in name order, streamed.
 */
import { createReadStream, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { isAiTask } from '../db/enums.ts';
import { parseJsonLine } from '../lib/json-line.ts';
import { assertFinishedSynth } from '../synth/generate.ts';
import { parsePrompt } from './read-db.ts';
import { newPair, type Pair } from './types.ts';

/** A bad task value as an error quotes it: in full only when short, since a line with its fields mixed up can hold someone's text there. */
function shownTask(task: unknown): string {
  if (typeof task !== 'string') return `(${task === undefined ? 'none' : typeof task})`;
  return task.length <= 32 ? JSON.stringify(task) : `(a ${task.length}-character string)`;
}

export function synthFiles(dir: string): string[] {
  if (statSync(dir).isFile()) return [dir];
  assertFinishedSynth(dir);
  return readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort().map((f) => path.join(dir, f));
}

/** Lines in the synthetic folders' (or files') JSONL: what a build's progress counts beside the database's candidates. */
export async function countSynthLines(dirs: readonly string[]): Promise<number> {
  let n = 0;
  for (const f of dirs.flatMap(synthFiles)) {
    for await (const chunk of createReadStream(f) as AsyncIterable<Buffer>) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) n++;
    }
  }
  return n;
}

export async function* readSynth(dir: string): AsyncIterable<Pair> {
  for (const file of synthFiles(dir)) {
    const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (!line.trim()) continue;
      const r = parseJsonLine<{ id: string; task: string; input: { item?: { id?: string; skill?: string } }; prompt: string; output: string; meta?: { skill?: string | null } }>(line, file, n);
      if (!isAiTask(r.task)) throw new Error(`${file}:${n}: unknown task ${shownTask(r.task)}`);
      yield newPair({
        id: `synth:${r.id}`,
        task: r.task,
        source: 'synth',
        synthetic: true,
        messages: parsePrompt(r.prompt),
        output: r.output,
        input: r.input,
        userId: null,
        people: [],
        questionId: r.input?.item?.id ?? null,
        skill: r.meta?.skill ?? r.input?.item?.skill ?? null,
        rating: null,
      });
    }
  }
}
