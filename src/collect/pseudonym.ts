/**
 * Keyed pseudonyms for training data: HMAC-SHA256(key, id), truncated to 128 bits. The same
 * id always maps to the same pseudonym under one key (so one student's rows stay linked),
 * and without the key the mapping cannot be reversed or recomputed from a guessed id.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function pseudonym(key: Uint8Array, id: string): string {
  return `p_${createHmac('sha256', key).update(id).digest('hex').slice(0, 32)}`;
}

/** The pseudonym key: `PSEUDONYM_KEY` when configured, else generated once into DATA_DIR/secrets. */
export function resolvePseudonymKey(config: { PSEUDONYM_KEY?: string; DATA_DIR: string }): Uint8Array {
  if (config.PSEUDONYM_KEY) return new TextEncoder().encode(config.PSEUDONYM_KEY);
  const dir = path.join(config.DATA_DIR, 'secrets');
  const file = path.join(dir, 'pseudonym-key');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}
