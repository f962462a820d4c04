import type { CheckResult } from '../task.ts';

/**
 * Words and phrases a tutor for teenagers must not use: insults, sarcasm markers and
 * condescension. Matched as whole words, case-insensitively.
 */
export const BANNED_TONE = [
  'stupid', 'dumb', 'idiot', 'idiotic', 'moron', 'loser', 'lazy', 'pathetic', 'useless', 'hopeless',
  'worthless', 'ridiculous', 'embarrassing', 'clueless', 'obviously', 'duh', 'lol', 'shut up',
  'even a child', 'not smart', 'give up', 'careless', 'yeah right', 'nice try', 'seriously?',
  'what were you thinking', 'terrible', 'awful', 'bad at',
] as const;

const patterns = BANNED_TONE.map((w) => ({
  word: w,
  re: new RegExp(`(?<![\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'iu'),
}));

export function bannedToneWords(text: string): string[] {
  return patterns.filter((p) => p.re.test(text)).map((p) => p.word);
}

export function noBannedTone(text: string): CheckResult {
  const found = bannedToneWords(text);
  return {
    name: 'no-banned-tone',
    pass: found.length === 0,
    critical: true,
    reason: found.length ? `banned tone: ${found.join(', ')}` : undefined,
  };
}
