/**
 * The prompt and response as the in-house model reads and writes them. A hosted model gets the
 * task's rendered prompt as it is; ours, with 384 positions and 4 layers, gets a leaner view of
 * the same facts, and writes prompt numbers as references (number-refs.ts).
 *
 * Views are versioned because a model is trained on one and must be served with the same one;
 * the version travels with the model's tokenizer (`Tokenizer.view`).
 *   1. Fixed system messages left to the task token; numbers referenced as distinct values.
 *   2. As 1, with numbers referenced by occurrence and tagged in the prompt; an explanation's
 *      prompt keeps only the distractor reason for the letter the student chose, since no
 *      other reason appears in the answer and they cost the passage its room.
 *   3. As 2, with skill names and an explanation's correct answer referenced too (phrase-refs.ts).
 */
import { SYSTEM_PREAMBLE } from '../ai/task.ts';
import type { AiTaskName } from '../db/enums.ts';
import { fromNumberRefs, promptNumbers, settledText, tagNumbers, toNumberRefs, type NumberRefStyle } from './number-refs.ts';
import { fromPhraseRefs, phraseSpans, promptPhrases, tagPhrases, toPhraseRefs } from './phrase-refs.ts';

export type ModelView = 1 | 2 | 3;
export const MODEL_VIEWS: readonly ModelView[] = [1, 2, 3];
/** What a newly trained model uses. */
export const CURRENT_VIEW: ModelView = 3;

const refStyle = (view: ModelView): NumberRefStyle => (view === 1 ? 'distinct' : 'tagged');

/**
 * Tasks whose system message is the same for every input (the shared preamble plus a fixed
 * instruction): for the in-house model the task token already carries it, so it is left out
 * of the model's view and the context goes to the facts. `help` and `tutor_chat` build their
 * system message from the input and keep it (less the shared preamble).
 * test/model/data.test.ts checks that these tasks' system messages really are input-independent.
 */
export const FIXED_SYSTEM_TASKS: ReadonlySet<AiTaskName> = new Set(['feedback', 'explain', 'plan_adjust', 'lesson_summary', 'note_reply', 'review']);

/** The prompt's text before tagging: the system message dropped or shortened, and (view 2) an explanation's unused reasons dropped. */
function plainView(task: AiTaskName, prompt: string, view: ModelView): string {
  let text = prompt;
  if (prompt.startsWith('[system]\n')) {
    const end = prompt.indexOf('\n\n[user]\n');
    if (end >= 0) text = FIXED_SYSTEM_TASKS.has(task) ? prompt.slice(end + 2) : prompt.replace(`[system]\n${SYSTEM_PREAMBLE}\n\n`, '[system]\n');
  }
  return view >= 2 && task === 'explain' ? keepChosenReason(text) : text;
}

/** Drops each "Why X tempts:" line unless X is the letter the student answered. */
function keepChosenReason(text: string): string {
  const chosen = /\nThe student answered: (\S+)\s*$/.exec(text)?.[1];
  return text.split('\n').filter((line) => {
    const m = /^Why (\S+) tempts: /.exec(line);
    return !m || m[1] === chosen;
  }).join('\n');
}

export interface PromptView {
  /** What the model reads. */
  text: string;
  /** What its references point to: `⟦k⟧` is `numbers[k - 1]`, `⟪k⟫` is `phrases[k - 1]`. */
  numbers: string[];
  phrases: string[];
}

export function modelPromptView(task: AiTaskName, prompt: string, view: ModelView = CURRENT_VIEW): PromptView {
  const plain = plainView(task, prompt, view);
  const style = refStyle(view);
  const phrases = view >= 3 ? promptPhrases(plain) : [];
  const text = style === 'tagged' ? tagNumbers(tagPhrases(plain, phrases)) : plain;
  return { text, numbers: promptNumbers(plain, style), phrases };
}

/** A generated text as served: every complete reference replaced by what it points to. */
export function resolveRefs(text: string, view: PromptView): string {
  return fromPhraseRefs(fromNumberRefs(text, view.numbers), view.phrases);
}

/** The part of a growing generation that can be shown: an unclosed reference of either kind is held back. */
export function settledRefs(text: string, view: PromptView): string {
  const open = text.lastIndexOf('⟪');
  const cut = open >= 0 && text.indexOf('⟫', open) < 0 ? text.slice(0, open) : text;
  return fromPhraseRefs(settledText(cut, view.numbers), view.phrases);
}

/** The prompt as the in-house model reads it (training, perplexity and generation alike). */
export function modelPromptText(task: AiTaskName, prompt: string, view: ModelView = CURRENT_VIEW): string {
  return modelPromptView(task, prompt, view).text;
}

/** The response as the in-house model learns to write it: the prompt's numbers (and, from view 3, its phrases) as references. */
export function modelResponseText(task: AiTaskName, prompt: string, output: string, view: ModelView = CURRENT_VIEW): string {
  const plain = plainView(task, prompt, view);
  if (view < 3) return toNumberRefs(output, plain, refStyle(view));
  const phrases = promptPhrases(plain);
  return toPhraseRefs(toNumberRefs(output, plain, 'tagged', phraseSpans(output, phrases)), phrases);
}
