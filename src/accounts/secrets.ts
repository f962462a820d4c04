/**
 * The token-signing key, and the previous keys that still verify during a rotation
 * (`JWT_PREVIOUS_SECRETS`; see docs/OPERATIONS.md). Configured (`JWT_SECRET`) for any multi-process deployment;
 * otherwise generated once and kept in DATA_DIR/secrets with owner-only permissions, so a
 * single machine keeps its sessions across restarts without any set-up.
 */
import type { Config } from '../config.ts';
import { configuredOrStoredSecret } from '../lib/secret-file.ts';
import type { TokenSettings } from './tokens.ts';

export function resolveJwtSecret(config: Pick<Config, 'JWT_SECRET' | 'DATA_DIR'>): Uint8Array {
  return configuredOrStoredSecret(config.JWT_SECRET, config.DATA_DIR, 'jwt-secret');
}

export function tokenSettings(config: Config, secret: Uint8Array = resolveJwtSecret(config)): TokenSettings {
  const encode = (k: string) => new TextEncoder().encode(k);
  return {
    secret,
    previous: config.JWT_PREVIOUS_SECRETS.map(encode),
    accessTtlSeconds: config.ACCESS_TOKEN_TTL_S,
    refreshTtlSeconds: config.REFRESH_TOKEN_TTL_S,
  };
}
