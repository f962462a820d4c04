/**
 * The student's goal (test date, target score) and whether onboarding is done, kept on the
 * device until the study plan is generated from it (the plan stores both server-side).
 */
export interface Goals {
  testDate: string;
  targetScore: number;
  diagnosticDone: boolean;
}

/** SAT totals go in steps of 10 (two section scores, each in steps of 10). */
export const SCORE_STEP = 10;

/** The target a typed score is saved as: the nearest total the SAT can give. */
export const roundedScore = (score: number): number => Math.round(score / SCORE_STEP) * SCORE_STEP;

const key = (userId: string) => `satprep.goals.${userId}`;

export function readGoals(userId: string): Goals | null {
  try {
    const raw = localStorage.getItem(key(userId));
    return raw ? (JSON.parse(raw) as Goals) : null;
  } catch {
    return null;
  }
}

export function writeGoals(userId: string, goals: Goals): void {
  try {
    localStorage.setItem(key(userId), JSON.stringify(goals));
  } catch {
    /* private mode: onboarding is asked again next time */
  }
}

/** Forgets the goals kept on this device (the account they belonged to was deleted). */
export function forgetGoals(userId: string): void {
  try {
    localStorage.removeItem(key(userId));
  } catch {
    /* private mode: nothing was kept */
  }
}

/** Whole days from today to an ISO date (negative once it has passed). */
export function daysUntil(isoDate: string, today = new Date()): number {
  const [y, m, d] = isoDate.split('-').map(Number);
  const target = Date.UTC(y, m - 1, d);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((target - now) / 86_400_000);
}
