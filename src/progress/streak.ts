/**
 * Streaks: runs of consecutive calendar days with activity (an answered question or a
 * completed plan task). The current streak still stands on a day with no activity yet —
 * it ends only when a whole day passes without any — so it counts back from today, or
 * from yesterday when today is still empty.
 */
import { addDays, daysBetween } from '../lib/days.ts';

export interface Streak {
  /** Days in the run that reaches today or yesterday; 0 when there is none. */
  current: number;
  /** First day of the current run; null when current is 0. */
  start: string | null;
  longest: number;
  activeToday: boolean;
}

/** Pure: `days` are 'YYYY-MM-DD' activity days in any order, duplicates allowed. */
export function streakOf(days: readonly string[], today: string): Streak {
  const sorted = [...new Set(days)].filter((d) => d <= today).sort();
  let longest = 0;
  let run = 0;
  let runStart: string | null = null;
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0 && daysBetween(sorted[i - 1], sorted[i]) === 1) run++;
    else [run, runStart] = [1, sorted[i]];
    longest = Math.max(longest, run);
  }
  const last = sorted[sorted.length - 1];
  const alive = last !== undefined && (last === today || last === addDays(today, -1));
  return { current: alive ? run : 0, start: alive ? runStart : null, longest, activeToday: last === today };
}
