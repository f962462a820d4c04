/**
 * What the in-house model reads: the prompt view (fixed system messages left to the task
 * token), middle truncation that keeps the skill line, and training/inference agreement.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPrompt, SYSTEM_PREAMBLE } from '../../src/ai/task.ts';
import { TASKS } from '../../src/ai/tasks/index.ts';
import { AI_TASKS } from '../../src/db/enums.ts';
import { createRng } from '../../src/lib/rng.ts';
import { encodeExample, fitPrompt, PROMPT_HEAD_TOKENS, promptIds } from '../../src/model/data.ts';
import { FIXED_SYSTEM_TASKS, modelPromptText, modelResponseText } from '../../src/model/prompt-view.ts';
import { Tokenizer } from '../../src/model/tokenizer.ts';
import { inputs } from '../ai/inputs.ts';
import { taskPairs } from './pairs.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const systemOf = (task: (typeof AI_TASKS)[number], seed: string) => { const t = TASKS[task] as any; return t.prompt(t.input.parse(inputs[task](createRng(seed))))[0]; };

test('the tasks treated as fixed-system really have one system message for every input', () => {
  for (const task of FIXED_SYSTEM_TASKS) {
    const first = systemOf(task, 'a');
    assert.equal(first.role, 'system');
    for (let i = 0; i < 20; i++) assert.deepEqual(systemOf(task, `s${i}`), first, `${task}: system message varies with the input`);
  }
});

test('the model view drops a fixed system message, and only the shared preamble from the others', () => {
  const feedback = taskPairs(8).find((p) => p.task === 'feedback')!;
  const view = modelPromptText('feedback', feedback.prompt, 1);
  assert.ok(view.startsWith('[user]\n'), view.slice(0, 40));
  assert.ok(feedback.prompt.endsWith(view));

  const messages = [{ role: 'system' as const, content: `${SYSTEM_PREAMBLE}\n\nAnswer from the context.\n\nContext:\nx = 4` }, { role: 'user' as const, content: 'why?' }];
  assert.equal(modelPromptText('tutor_chat', renderPrompt(messages)), '[system]\nAnswer from the context.\n\nContext:\nx = 4⟦1⟧\n\n[user]\nwhy?');
  assert.equal(modelPromptText('feedback', 'no roles here'), 'no roles here');
});

test('an over-long prompt loses its middle: the head (skill line) and the tail (nearest the answer) stay', () => {
  const body = Array.from({ length: 100 }, (_, i) => i);
  const kept = fitPrompt(body, 40);
  assert.equal(kept.length, 40);
  assert.deepEqual(kept.slice(0, PROMPT_HEAD_TOKENS), body.slice(0, PROMPT_HEAD_TOKENS));
  assert.deepEqual(kept.slice(PROMPT_HEAD_TOKENS), body.slice(100 - (40 - PROMPT_HEAD_TOKENS)));
  assert.deepEqual(fitPrompt(body, 200), body);
  assert.deepEqual(fitPrompt(body, 0), []);
});

test('training examples and inference prompts share one prompt encoding', () => {
  const pairs = taskPairs(AI_TASKS.length * 2);
  const tok = Tokenizer.train(pairs.flatMap((p) => [p.prompt, p.output]), 600);
  for (const p of pairs) {
    const ex = encodeExample(tok, p, 10_000);
    const prompt = promptIds(tok, p.task, p.prompt);
    assert.deepEqual(ex.ids.slice(0, prompt.length), prompt, p.task);
    // Loss only on the response: the first target is the first output token.
    assert.equal(ex.targets.findIndex((t) => t >= 0), prompt.length - 1);
  }
  const long = pairs.find((p) => p.task === 'explain')!;
  const promptLen = tok.encode(modelPromptText('explain', long.prompt)).length;
  const maxLen = tok.encode(modelResponseText('explain', long.prompt, long.output)).length + 1 + 3 + 30; // room for 30 prompt tokens
  assert.ok(promptLen > 30);
  const ex = encodeExample(tok, long, maxLen);
  assert.equal(ex.ids.length, maxLen);
  assert.deepEqual(ex.ids.slice(2, 2 + 4), tok.encode(modelPromptText('explain', long.prompt)).slice(0, 4), 'the head of the prompt survives truncation');
});

test('view 2 keeps only the distractor reason for the letter the student chose', () => {
  const prompt = '[user]\nSkill: Circles\nQuestion: q?\nA) 1\nB) 2\nCorrect answer: B (2)\nReference rationale: r\nWhy A tempts: a\nWhy C tempts: c\nThe student answered: C';
  const v2 = modelPromptText('explain', prompt, 2);
  assert.ok(v2.includes('Why C tempts: c') && !v2.includes('Why A tempts'), v2);
  assert.ok(modelPromptText('explain', prompt, 1).includes('Why A tempts: a'), 'view 1 is unchanged');
  const unanswered = modelPromptText('explain', prompt.replace('\nThe student answered: C', ''), 2);
  assert.ok(!unanswered.includes('tempts'), unanswered);
});
