/**
 * Scoring one student: a pure function from the trained model set and a 29-feature vector
 * to four skill scores with a confidence note. The HTTP route (owned by the API) validates
 * its body with `featureVectorSchema`, which rejects missing, extra, non-finite and
 * out-of-range values, so a malformed vector is a 400 before it reaches a model.
 */
import { z } from 'zod';
import { predict } from './gbdt.ts';
import type { SelModels } from './models.ts';
import { FEATURE_TABLE, FEATURES, SEL_SKILLS, type FeatureName, type FeatureVector, type SelSkill } from './skills.ts';

export const featureVectorSchema = z.strictObject(
  Object.fromEntries(
    FEATURES.map((f) => {
      const [lo, hi] = FEATURE_TABLE[f].range;
      return [f, z.number().finite().min(lo).max(hi)];
    }),
  ) as Record<FeatureName, z.ZodNumber>,
);

export type Confidence = 'high' | 'medium' | 'low';

export interface StudentScores {
  scores: Record<SelSkill, number>;
  confidence: Confidence;
  /** Why the confidence is what it is, for a person reading the result. */
  note: string;
  /** Features outside the range seen in training (the trees extrapolate flat there). */
  outOfTrainingRange: FeatureName[];
}

/** Below this many words an utterance says little about any skill. */
export const MIN_WORDS = 8;

/**
 * Scores are the GBDT predictions clamped to [0, 1]. Confidence is `low` when the
 * utterance is shorter than MIN_WORDS or more than 3 features fall outside the training
 * range, `medium` when 1–3 do, `high` otherwise.
 */
export function scoreStudent(set: SelModels, vector: FeatureVector): StudentScores {
  const x = FEATURES.map((f) => vector[f]);
  const scores = {} as Record<SelSkill, number>;
  for (const s of SEL_SKILLS) scores[s] = Math.min(1, Math.max(0, predict(set.models[s], x)));
  const outOfTrainingRange = FEATURES.filter((f) => {
    const [lo, hi] = set.manifest.ranges[f] ?? [-Infinity, Infinity];
    return vector[f] < lo || vector[f] > hi;
  });
  const short = vector.word_count < MIN_WORDS;
  const confidence: Confidence = short || outOfTrainingRange.length > 3 ? 'low' : outOfTrainingRange.length > 0 ? 'medium' : 'high';
  const reasons: string[] = [];
  if (short) reasons.push(`the utterance has only ${vector.word_count} words (under ${MIN_WORDS})`);
  if (outOfTrainingRange.length > 0) reasons.push(`${outOfTrainingRange.length} feature(s) outside the training range: ${outOfTrainingRange.join(', ')}`);
  const cv = set.manifest.cv;
  const fit = cv ? ` Cross-validated R² on synthetic data: ${SEL_SKILLS.map((s) => `${s} ${cv[s]?.r2?.toFixed(2) ?? '?'}`).join(', ')}.` : '';
  const note = `${reasons.length ? `Confidence ${confidence}: ${reasons.join('; ')}.` : 'Confidence high: every feature lies within the training range.'}${fit} Models trained on synthetic, heuristically labelled data (${set.manifest.labeller}); treat scores as indicative, not diagnostic.`;
  return { scores, confidence, note, outOfTrainingRange };
}
