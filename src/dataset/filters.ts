/**
 * Quality filters. The task checks (ai/tasks: the same checks the provider chain applies)
 * are run once and remembered on the pair; the rating policy then decides its side:
 * SFT keeps outputs rated ≥ 4 that pass, or unrated outputs that pass; outputs rated ≤ 2
 * become negatives (KTO / preference data) whatever their checks say; 3 stars is dropped.
 */
import { TASKS } from '../ai/tasks/index.ts';
import type { AnyAiTask } from '../ai/task.ts';
import { wordCount } from '../ai/checks/length.ts';
import { crisisWords } from '../ai/tasks/wellbeing.ts';
import { drop, filterStage, KEEP, type FilterStage } from './pipeline.ts';
import type { Pair } from './types.ts';

export interface QualityConfig {
  /** Output words; below this an answer says nothing (a bare "ok"). */
  minOutputWords: number;
  /** Output words; longer than any task's bound by far, so only runaway text is cut. */
  maxOutputWords: number;
  /** Prompt characters; a pasted essay in a chat is not a training example. */
  maxPromptChars: number;
  /** Stars at or above which a rated output is positive. */
  positiveStars: number;
  /** Stars at or below which a rated output is a negative. */
  negativeStars: number;
}

export const DEFAULT_QUALITY: QualityConfig = { minOutputWords: 3, maxOutputWords: 600, maxPromptChars: 16_000, positiveStars: 4, negativeStars: 2 };

/**
 * A student's words of self-harm are about their health, not study text: the pair that holds
 * them (in the student's turns or in the reply) is never training data, consent or not. The
 * crisis reply itself is the template's and needs no one's distress to be learned.
 */
export function wellbeingStage(): FilterStage<Pair> {
  return filterStage('wellbeing', (pair) =>
    pair.messages.some((m) => m.role !== 'system' && crisisWords(m.content)) || crisisWords(pair.output) ? drop('self-harm') : KEEP,
  );
}

/** Re-run the task's checks on pairs that carry a structured input; invalid inputs are dropped. */
export function taskChecksStage(): FilterStage<Pair> {
  return filterStage('task-checks', (pair) => {
    if (pair.input === null) return KEEP;
    const task: AnyAiTask = TASKS[pair.task];
    const parsed = task.input.safeParse(pair.input);
    if (!parsed.success) return drop('invalid-input');
    pair.failedCheck = task.checks(parsed.data, pair.output).find((r) => !r.pass)?.name ?? null;
    return KEEP;
  });
}

export function lengthStage(cfg: QualityConfig = DEFAULT_QUALITY): FilterStage<Pair> {
  return filterStage('length', (pair) => {
    const w = wordCount(pair.output);
    if (w < cfg.minOutputWords) return drop('output-too-short');
    if (w > cfg.maxOutputWords) return drop('output-too-long');
    if (pair.messages.reduce((a, m) => a + m.content.length, 0) > cfg.maxPromptChars) return drop('prompt-too-long');
    return KEEP;
  });
}

export function ratingPolicyStage(cfg: QualityConfig = DEFAULT_QUALITY): FilterStage<Pair> {
  return filterStage('rating-policy', (pair) => {
    if (pair.rating !== null && pair.rating <= cfg.negativeStars) {
      pair.polarity = 'negative';
      return KEEP;
    }
    if (pair.rating !== null && pair.rating < cfg.positiveStars) return drop('rating-neutral');
    if (pair.failedCheck) return drop(`check-failed:${pair.failedCheck}`);
    pair.polarity = 'positive';
    return KEEP;
  });
}
