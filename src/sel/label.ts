/**
 * Stage 3, `label`: the deterministic heuristic labeller. Like a human rater it reads the
 * utterance and the session's telemetry; it never sees the generating level, so level
 * separation in validation is a genuine check that the generator and the labeller agree.
 *
 * For skill s:
 *   text_s   = 1 − exp(−kw_s / 2)                     keyword evidence, saturating (2 hits → 0.63)
 *   cue_s    = tanh(0.8 · (positive − negative phrase cues in the utterance)), in (−1, 1)
 *   tone     = (sentiment_compound + 1) / 2
 *   fluency  = ½·min(word_count/40, 1) + ¼·min(avg_word_length/5, 1) + ¼·type_token_ratio
 *   play_s   = skill-specific telemetry evidence in [0, 1] (below), rates per 10 minutes
 *   ε_s      ~ N(0, RATER_SD), drawn from a generator seeded by (sample_id, s)
 *   score_s  = clamp01(0.05 + 0.30·text_s + 0.10·cue_s + 0.15·tone + 0.10·fluency + 0.30·play_s + ε_s)
 * Telemetry evidence (r(x) = x per 10 minutes of play):
 *   empathy          ⅗·min(r(help_given)/2.4, 1) + ⅖·prosocial_index
 *   collaboration    ½·min(r(resources_shared)/2.7, 1) + 0.3·prosocial_index + 0.2·completion_rate
 *   communication    min(messages_per_minute/2.1, 1)
 *   self_regulation  0.4·persistence_index + 0.3·(1 − min(r(frustration_events)/2.6, 1)) + 0.3·completion_rate
 * The caps (2.4, 2.7, 2.1, 2.6) are the top rates of the telemetry model in `telemetry.ts`.
 *
 * Why the phrase cues and ε: a label that is an exact formula of the 29 features would
 * let any learner reach R² ≈ 1 and say nothing. Real raters weigh whole phrases the
 * features only approximate, and disagree with each other; ε (SD 0.05, under a third
 * of the label SD) stands for that disagreement and caps the reachable R² below 1.
 */
import { createRng } from '../lib/rng.ts';
import { SEL_SKILLS, type FeatureVector, type SelSkill } from './skills.ts';

export const LABELLER_VERSION = 'heuristic-v2';

/** Simulated rater disagreement (SD of ε). */
export const RATER_SD = 0.05;

/** Phrases a rater credits (positive) or holds against (negative) a skill; case-insensitive. */
export const CUES: Readonly<Record<SelSkill, { positive: readonly RegExp[]; negative: readonly RegExp[] }>> = {
  empathy: {
    positive: [/how (they|he|she) (was|were) feeling/i, /made sure they/i, /sat with/i, /comfort/i, /felt bad for/i, /if they were okay/i],
    negative: [/not my problem/i, /always gets/i, /crying or something/i, /whatever/i],
  },
  collaboration: {
    positive: [/\bwe\b/i, /each partner/i, /everyone had a role/i, /helped me/i, /compromise/i, /combine our/i],
    negative: [/by myself/i, /my way/i, /like groups/i, /taking my stuff/i, /didn'?t do anything/i],
  },
  communication: {
    positive: [/step by step/i, /asked (a question|\w+ to tell)/i, /checked if/i, /different way/i, /an example/i, /summarized/i],
    negative: [/didn'?t say anything/i, /stopped talking/i, /what to say/i, /clicked stuff/i, /and stuff/i],
  },
  self_regulation: {
    positive: [/deep breath/i, /tried again/i, /kept going/i, /new strategy/i, /stayed calm/i, /instead of rushing/i],
    negative: [/angry/i, /yelled/i, /\bquit\b/i, /\bstopped\b/i, /hate/i, /taking forever/i],
  },
};

/** Disengagement that counts against every skill. */
const DISENGAGED = [/\bidk\b/i, /boring/i, /stupid/i, /can i go/i];

const countMatches = (text: string, patterns: readonly RegExp[]) => patterns.reduce((n, p) => n + (p.test(text) ? 1 : 0), 0);

export function cueEvidence(utterance: string, skill: SelSkill): number {
  const { positive, negative } = CUES[skill];
  return Math.tanh(0.8 * (countMatches(utterance, positive) - countMatches(utterance, negative) - countMatches(utterance, DISENGAGED)));
}

export type Labels = Record<SelSkill, number>;

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

const KEYWORD_FEATURE = {
  empathy: 'kw_empathy',
  collaboration: 'kw_collaboration',
  communication: 'kw_communication',
  self_regulation: 'kw_self_regulation',
} as const satisfies Record<SelSkill, keyof FeatureVector>;

export function playEvidence(f: FeatureVector, skill: SelSkill): number {
  const per10 = (x: number) => (f.session_minutes > 0 ? (10 * x) / f.session_minutes : 0);
  switch (skill) {
    case 'empathy':
      return clamp01(0.6 * Math.min(per10(f.help_given) / 2.4, 1) + 0.4 * f.prosocial_index);
    case 'collaboration':
      return clamp01(0.5 * Math.min(per10(f.resources_shared) / 2.7, 1) + 0.3 * f.prosocial_index + 0.2 * f.completion_rate);
    case 'communication':
      return clamp01(Math.min(f.messages_per_minute / 2.1, 1));
    case 'self_regulation':
      return clamp01(0.4 * f.persistence_index + 0.3 * (1 - Math.min(per10(f.frustration_events) / 2.6, 1)) + 0.3 * f.completion_rate);
  }
}

export function heuristicLabels(sampleId: string, utterance: string, f: FeatureVector): Labels {
  const tone = (f.sentiment_compound + 1) / 2;
  const fluency = 0.5 * Math.min(f.word_count / 40, 1) + 0.25 * Math.min(f.avg_word_length / 5, 1) + 0.25 * f.type_token_ratio;
  const out = {} as Labels;
  for (const s of SEL_SKILLS) {
    const text = 1 - Math.exp(-f[KEYWORD_FEATURE[s]] / 2);
    const eps = createRng(`${sampleId}/${s}`).normal(0, RATER_SD);
    out[s] = clamp01(0.05 + 0.3 * text + 0.1 * cueEvidence(utterance, s) + 0.15 * tone + 0.1 * fluency + 0.3 * playEvidence(f, s) + eps);
  }
  return out;
}
