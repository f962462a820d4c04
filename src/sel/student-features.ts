/**
 * A student's 29 features from their stored game data, for inference without a body.
 * The models were trained on one answer and one round's telemetry, so one round is used:
 * the given game session, or else the latest round (by end time) that has telemetry and at
 * least one utterance. Its utterances, in the order spoken, are joined into one answer;
 * each is a separate spoken turn, so one without end punctuation gets a full stop. Only
 * the newest MAX_JOINED_CHARS characters of a long round are read, and any feature still
 * outside its table range is clamped to it (and named in `clamped`).
 */
import { and, asc, count, countDistinct, desc, eq, exists, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { selTelemetry, selUtterances } from '../db/schema/index.ts';
import { conflict } from '../lib/errors.ts';
import { featureVector } from './features.ts';
import { behaviourOf } from './ingest.ts';
import { FEATURE_TABLE, FEATURES, type FeatureName, type FeatureVector } from './skills.ts';

/** About 700 words: longer than any answer in training, shorter than the word_count bound. */
export const MAX_JOINED_CHARS = 4000;

export interface StoredFeatures {
  features: FeatureVector;
  gameSessionId: string;
  endedAt: string;
  /** Utterances read (the newest ones, when the round was longer than MAX_JOINED_CHARS). */
  utterances: number;
  clamped: FeatureName[];
}

export function joinUtterances(texts: readonly string[]): string {
  return texts.map((t) => (/[.!?]["')\]]*$/.test(t) ? t : `${t}.`)).join(' ');
}

async function noDataError(db: Db, studentId: string, gameSessionId?: string) {
  const [u] = await db.select({ n: count(), rounds: countDistinct(selUtterances.gameSessionId) }).from(selUtterances).where(eq(selUtterances.studentId, studentId));
  const [t] = await db.select({ n: count() }).from(selTelemetry).where(eq(selTelemetry.studentId, studentId));
  const details = { utterances: u.n, roundsWithUtterances: u.rounds, roundsWithTelemetry: t.n, ...(gameSessionId ? { gameSessionId } : {}) };
  const what = gameSessionId ? `game session ${gameSessionId} has` : 'no game session of this student has';
  return conflict(
    `${gameSessionId ? `${what} not both` : what} telemetry and at least one utterance stored; ` +
      'submit them to /api/v1/sel/students/:id/utterances and /telemetry, or send `features` in the body',
    details,
  );
}

export async function featuresFromStored(db: Db, studentId: string, gameSessionId?: string): Promise<StoredFeatures> {
  const hasUtterance = exists(
    db.select({ one: sql`1` }).from(selUtterances).where(and(eq(selUtterances.studentId, selTelemetry.studentId), eq(selUtterances.gameSessionId, selTelemetry.gameSessionId))),
  );
  const [round] = await db
    .select()
    .from(selTelemetry)
    .where(and(eq(selTelemetry.studentId, studentId), gameSessionId === undefined ? undefined : eq(selTelemetry.gameSessionId, gameSessionId), hasUtterance))
    .orderBy(desc(selTelemetry.endedAt), desc(selTelemetry.createdAt))
    .limit(1);
  if (!round) throw await noDataError(db, studentId, gameSessionId);

  const newestFirst = await db
    .select({ text: selUtterances.text })
    .from(selUtterances)
    .where(and(eq(selUtterances.studentId, studentId), eq(selUtterances.gameSessionId, round.gameSessionId)))
    .orderBy(desc(selUtterances.spokenAt), asc(selUtterances.id))
    .limit(500);
  const kept: string[] = [];
  let chars = 0;
  for (const { text } of newestFirst) {
    if (kept.length > 0 && chars + text.length > MAX_JOINED_CHARS) break;
    kept.push(text);
    chars += text.length + 1;
  }
  const raw = featureVector(joinUtterances(kept.reverse()), behaviourOf(round));
  const clamped: FeatureName[] = [];
  const features = { ...raw };
  for (const f of FEATURES) {
    const [lo, hi] = FEATURE_TABLE[f].range;
    const v = Math.min(hi, Math.max(lo, raw[f]));
    if (v !== raw[f]) clamped.push(f);
    features[f] = v;
  }
  return { features, gameSessionId: round.gameSessionId, endedAt: round.endedAt.toISOString(), utterances: kept.length, clamped };
}
