/**
 * The token-signing key. Configured (`JWT_SECRET`) for any multi-process deployment;
 * otherwise generated once and kept in DATA_DIR/secrets with owner-only permissions, so a
 * single machine keeps its sessions across restarts without any set-up.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config.ts';
import type { TokenSettings } from './tokens.ts';

export function resolveJwtSecret(config: Pick<Config, 'JWT_SECRET' | 'DATA_DIR'>): Uint8Array {
  if (config.JWT_SECRET) return new TextEncoder().encode(config.JWT_SECRET);
  const dir = path.join(config.DATA_DIR, 'secrets');
  const file = path.join(dir, 'jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new TextEncoder().encode(readFileSync(file, 'utf8').trim());
}

export function tokenSettings(config: Config, secret: Uint8Array = resolveJwtSecret(config)): TokenSettings {
  return { secret, accessTtlSeconds: config.ACCESS_TOKEN_TTL_S, refreshTtlSeconds: config.REFRESH_TOKEN_TTL_S };
}
