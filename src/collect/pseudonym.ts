/**
 * Keyed pseudonyms for training data: HMAC-SHA256(key, id), truncated to 128 bits. The same
 * id always maps to the same pseudonym under one key (so one student's rows stay linked),
 * and without the key the mapping cannot be reversed or recomputed from a guessed id.
 */
import { createHmac } from 'node:crypto';
import { configuredOrStoredSecret } from '../lib/secret-file.ts';

export function pseudonym(key: Uint8Array, id: string): string {
  return `p_${createHmac('sha256', key).update(id).digest('hex').slice(0, 32)}`;
}

/** The pseudonym key: `PSEUDONYM_KEY` when configured, else generated once into DATA_DIR/secrets. */
export function resolvePseudonymKey(config: { PSEUDONYM_KEY?: string; DATA_DIR: string }): Uint8Array {
  return configuredOrStoredSecret(config.PSEUDONYM_KEY, config.DATA_DIR, 'pseudonym-key');
}
