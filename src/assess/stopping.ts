/**
 * Stopping rules for an adaptive set (jsCAT `stopping.ts`, catR `stop`): a fixed length, a
 * standard-error target (with a ceiling on length so a flat pool cannot run forever), or
 * both — stop at whichever comes first.
 */

export type StoppingRule =
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'se'; readonly target: number; readonly maxLength: number; readonly minLength?: number }
  | { readonly kind: 'both'; readonly length: number; readonly target: number; readonly minLength?: number };

export interface StopDecision {
  readonly stop: boolean;
  readonly reason: 'length' | 'se' | null;
}

/** Decide whether to stop after `answered` items with current standard error `se`. */
export function shouldStop(rule: StoppingRule, answered: number, se: number): StopDecision {
  const maxLen = rule.kind === 'se' ? rule.maxLength : rule.length;
  const minLen = rule.kind === 'length' ? rule.length : (rule.minLength ?? 1);
  if (rule.kind !== 'length' && answered >= minLen && se <= rule.target) return { stop: true, reason: 'se' };
  if (answered >= maxLen) return { stop: true, reason: 'length' };
  return { stop: false, reason: null };
}
