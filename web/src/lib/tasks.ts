/** How a study-plan task reads, and where its "Start" goes. Names come from the taxonomy. */
import type { PlanTaskView } from '../api/types.ts';
import { isSkillId, section as sectionInfo, skill as skillInfo } from '../../../src/content/taxonomy.ts';

const skillName = (id?: string) => (id && isSkillId(id) ? skillInfo(id).name : 'mixed skills');

export function taskLabel(t: Pick<PlanTaskView, 'kind' | 'skill' | 'section' | 'sections' | 'count'>): string {
  switch (t.kind) {
    case 'lesson':
      return `Lesson: ${skillName(t.skill)}`;
    case 'practice':
      return `Practice ${t.count ?? 10} questions: ${t.skill ? skillName(t.skill) : t.section ? sectionInfo(t.section).name : 'mixed'}`;
    case 'full_test':
      return `Full-length test${t.sections?.length === 1 ? `: ${sectionInfo(t.sections[0]).name}` : ''}`;
    default:
      return 'Task';
  }
}

/** The start-page choice that sits a full-test task's sections: one section, or both (also when none are named). */
export const fullTestChoiceOf = (sections?: readonly string[]): 'rw' | 'math' | 'both' =>
  sections?.length === 1 && (sections[0] === 'rw' || sections[0] === 'math') ? sections[0] : 'both';

/**
 * The page that does the task, or null when the app has none for it yet. Each link names the
 * task itself, so doing it there ticks the task off (src/plan/practice-task.ts): a practice
 * task's also names the set it asks for, and the set started there counts when it is finished;
 * a lesson's counts when the lesson is marked read.
 */
export function taskLink(t: Pick<PlanTaskView, 'id' | 'kind' | 'skill' | 'section' | 'sections' | 'lessonId' | 'count'>): string | null {
  if (t.kind === 'practice') {
    const q = new URLSearchParams();
    if (t.skill) q.set('skill', t.skill);
    else if (t.section) q.set('section', t.section);
    q.set('count', String(t.count ?? 10));
    q.set('task', t.id);
    return `/practice?${q}`;
  }
  if (t.kind === 'lesson' && t.lessonId) return `/lessons/${encodeURIComponent(t.lessonId)}?${new URLSearchParams({ task: t.id })}`;
  // The test page preselects the task's sections and names the task, so sitting it ticks the task off.
  if (t.kind === 'full_test') return `/test?${new URLSearchParams({ task: t.id, sections: fullTestChoiceOf(t.sections) })}`;
  return null;
}

const dateLabel = (iso: string) => new Date(`${iso}T12:00:00Z`).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** A plan change (src/plan/types.ts PlanChangeOp) in words. */
export function describeOp(op: { op: string; date: string; skill: string; count: number }): string {
  const what = `${op.count} questions of ${skillName(op.skill)}`;
  return op.op === 'replace_day' ? `${dateLabel(op.date)}: practise ${what} instead` : `${dateLabel(op.date)}: add ${what}`;
}

/**
 * Plan advice as the student reads it: the AI's words speak of plan days ("Day 22 already covers
 * …"), the page of dates, so each day it names gets its date ("Day 22 (Sat, Dec 19)"). A day the
 * plan does not have is left as written.
 */
export function withDayDates(text: string, dayDates: ReadonlyMap<number, string>): string {
  return text.replace(/\b([Dd]ay) (\d+)\b/g, (whole, word: string, n: string) => {
    const date = dayDates.get(Number(n));
    return date ? `${word} ${n} (${dateLabel(date)})` : whole;
  });
}

/** A plan's day numbers and their dates, for `withDayDates`. */
export function planDayDates(p: { phases: readonly { days: readonly { day: number; date: string }[] }[] }): Map<number, string> {
  return new Map(p.phases.flatMap((ph) => ph.days.map((d) => [d.day, d.date] as const)));
}

export { dateLabel };
