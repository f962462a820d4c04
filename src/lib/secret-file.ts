/**
 * A secret that is configured for multi-process deployments, or otherwise generated once and
 * kept in `<dataDir>/secrets/<name>` with owner-only permissions, so one machine keeps it
 * across restarts without any set-up.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function configuredOrStoredSecret(configured: string | undefined, dataDir: string, name: string): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  const dir = path.join(dataDir, 'secrets');
  const file = path.join(dir, name);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}
