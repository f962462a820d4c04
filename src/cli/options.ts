/**
 * Checks for numeric command-line values, shared by the commands: a bad value is a usage error (exit 2) naming its flag.
 * Commands check every number before they read or write anything, so a typo costs nothing.
 */
import { UsageError } from './commands/db.ts';

// Number('') and Number('  ') are 0: a blank value (`--folds ""`, an unset shell variable) must not pass for zero.
const parse = (value: string): number => (value.trim() === '' ? NaN : Number(value));

export function positiveInt(value: string, flag: string): number {
  const n = parse(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer`);
  return n;
}

export function wholeNumber(value: string, flag: string): number {
  const n = parse(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${flag} must be a whole number ≥ 0`);
  return n;
}

/** A finite number above 0 (a learning rate, a time cap, a standard error). */
export function positiveNumber(value: string, flag: string): number {
  const n = parse(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag} must be a number above 0`);
  return n;
}

/** A number in [min, max] (a rate, a threshold). */
export function numberIn(value: string, flag: string, min: number, max: number): number {
  const n = parse(value);
  if (!Number.isFinite(n) || n < min || n > max) throw new UsageError(`${flag} must be a number from ${min} to ${max}`);
  return n;
}

/** A share strictly between 0 and 1 (a held-out fraction: neither none nor all of the data). */
export function openFraction(value: string, flag: string): number {
  const n = parse(value);
  if (!Number.isFinite(n) || n <= 0 || n >= 1) throw new UsageError(`${flag} must be a number between 0 and 1, both excluded`);
  return n;
}

/** The same checks for an option without a default: undefined when the flag was not given. */
export function optional<T>(check: (value: string, flag: string) => T, value: string | undefined, flag: string): T | undefined {
  return value === undefined ? undefined : check(value, flag);
}

/** Defaults the commands' help shows, from their owners' small modules (none loads a database, generator or job). */
export { DEFAULT_PER_SKILL, DEFAULT_SEED } from '../content/bank-defaults.ts';
export { DEFAULT_MIX } from '../synth/mix.ts';
export { EVAL_DEFAULTS } from '../model/eval/defaults.ts';
export { DEFAULT_CRITERIA } from '../model/promote-criteria.ts';
export { JOB_KIND_NAMES } from '../jobs/kind-names.ts';

/** Where artifacts go unless --out says otherwise (context.ts `underDataDir` reads DATA_DIR when a command runs). */
export const DATA_DIR_HELP = 'DATA_DIR is ./.data unless set';
