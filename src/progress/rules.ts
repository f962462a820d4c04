/**
 * How many points each thing earns: data, read by the code that awards them. Practice and
 * diagnostic sessions earn `pointsFor` (src/practice/finish.ts): 10 a correct answer, 2 an
 * attempt, 10 for finishing.
 */
export const POINTS = {
  /** A completed study-plan task, by kind. */
  planTask: { lesson: 10, practice: 15, full_test: 50 },
  /** Finishing a full-length test. */
  fullTest: 100,
  /** Each badge, on top of the badge itself. */
  badge: 25,
  /** Reaching a streak of `days` consecutive active days, once per streak. */
  streakMilestones: [
    { days: 3, points: 20 },
    { days: 7, points: 50 },
    { days: 14, points: 100 },
    { days: 30, points: 250 },
    { days: 60, points: 500 },
    { days: 100, points: 1000 },
  ],
} as const;
