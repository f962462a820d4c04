/**
 * Badges as data: each is earned once a metric of the student's stats reaches a
 * threshold. Adding a badge is adding a row here; `earnedBadges` is the only rule.
 */

export const BADGE_METRICS = [
  'questionsAnswered',
  'correctAnswers',
  'practiceSessions',
  'diagnostics',
  'fullTests',
  'planTasksCompleted',
  'longestStreak',
  'skillsMastered',
  'bestTotalScore',
  'helpfulAnswers',
] as const;
export type BadgeMetric = (typeof BADGE_METRICS)[number];

/** What the rules read: counts over the student's whole history. */
export type BadgeStats = Record<BadgeMetric, number>;

export interface Badge {
  id: string;
  title: string;
  description: string;
  rule: { metric: BadgeMetric; threshold: number };
}

export const BADGES: readonly Badge[] = [
  { id: 'first-answer', title: 'First Step', description: 'Answer your first question.', rule: { metric: 'questionsAnswered', threshold: 1 } },
  { id: 'answers-100', title: 'Century', description: 'Answer 100 questions.', rule: { metric: 'questionsAnswered', threshold: 100 } },
  { id: 'answers-1000', title: 'Thousand Club', description: 'Answer 1,000 questions.', rule: { metric: 'questionsAnswered', threshold: 1000 } },
  { id: 'correct-100', title: 'Sharpshooter', description: 'Get 100 questions right.', rule: { metric: 'correctAnswers', threshold: 100 } },
  { id: 'practice-10', title: 'Regular', description: 'Finish 10 practice sessions.', rule: { metric: 'practiceSessions', threshold: 10 } },
  { id: 'diagnostic', title: 'Know Thyself', description: 'Finish a diagnostic.', rule: { metric: 'diagnostics', threshold: 1 } },
  { id: 'full-test-1', title: 'Test Day Rehearsal', description: 'Finish a full-length test.', rule: { metric: 'fullTests', threshold: 1 } },
  { id: 'full-test-5', title: 'Marathoner', description: 'Finish five full-length tests.', rule: { metric: 'fullTests', threshold: 5 } },
  { id: 'plan-task-1', title: 'On Plan', description: 'Complete a study-plan task.', rule: { metric: 'planTasksCompleted', threshold: 1 } },
  { id: 'plan-task-25', title: 'Planner', description: 'Complete 25 study-plan tasks.', rule: { metric: 'planTasksCompleted', threshold: 25 } },
  { id: 'streak-3', title: 'Warming Up', description: 'Study three days in a row.', rule: { metric: 'longestStreak', threshold: 3 } },
  { id: 'streak-7', title: 'Week Streak', description: 'Study seven days in a row.', rule: { metric: 'longestStreak', threshold: 7 } },
  { id: 'streak-30', title: 'Unstoppable', description: 'Study thirty days in a row.', rule: { metric: 'longestStreak', threshold: 30 } },
  { id: 'mastery-1', title: 'Mastered One', description: 'Master a skill.', rule: { metric: 'skillsMastered', threshold: 1 } },
  { id: 'mastery-10', title: 'Many Masteries', description: 'Master ten skills.', rule: { metric: 'skillsMastered', threshold: 10 } },
  { id: 'score-1200', title: '1200 Club', description: 'Score 1200 or more on a full-length test.', rule: { metric: 'bestTotalScore', threshold: 1200 } },
  { id: 'score-1400', title: '1400 Club', description: 'Score 1400 or more on a full-length test.', rule: { metric: 'bestTotalScore', threshold: 1400 } },
  { id: 'helpful-1', title: 'Helping Hand', description: 'Write a community answer its asker marks helpful.', rule: { metric: 'helpfulAnswers', threshold: 1 } },
];

/** Pure: the ids of every badge whose rule the stats meet, in catalogue order. */
export function earnedBadges(stats: BadgeStats, catalogue: readonly Badge[] = BADGES): string[] {
  return catalogue.filter((b) => stats[b.rule.metric] >= b.rule.threshold).map((b) => b.id);
}
