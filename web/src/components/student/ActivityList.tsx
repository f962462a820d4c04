/**
 * A linked student's sessions, newest first, as their tutor or parent reads them
 * (GET /progress/:user_id/sessions, src/progress/activity.ts): what was practised, when, how it
 * went, and each finished one's question-by-question review a link away. Older ones load a page
 * at a time with "Show more".
 */
import { progress } from '../../api/endpoints.ts';
import type { ActivityItem } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { counted, dateTimeLabel } from '../../lib/sentence.ts';
import { usePages, type Paging } from '../../lib/use-pages.ts';
import { ShowMore } from '../ShowMore.tsx';
import { TAXONOMY, isSkillId, skill as skillInfo } from '../../../../src/content/taxonomy.ts';

/** The first page for the student (reloaded when they change), the older pages loaded since, and how to load the next. */
export function useActivity(studentId: string) {
  return usePages(async (cursor?: string) => {
    const r = await progress.sessions(studentId, cursor);
    return { items: r.sessions, next: r.next };
  }, [studentId]);
}

const SECTION_NAMES: Record<string, string> = Object.fromEntries(TAXONOMY.sections.map((s) => [s.id, s.name]));
const sectionName = (id: string | null) => (id ? (SECTION_NAMES[id] ?? null) : null);

/**
 * What a session's skills were, in words: one or two by name, a whole domain or section by its
 * name, every skill as "every skill", more as a count ("3 skills"); null when there are none.
 */
export function skillsLabel(skills: readonly string[]): string | null {
  const ids = [...new Set(skills.filter(isSkillId))];
  if (ids.length === 0) return null;
  if (ids.length === 1) return skillInfo(ids[0]!).name;
  const has = new Set<string>(ids);
  const covers = (all: readonly string[]) => all.length === has.size && all.every((id) => has.has(id));
  if (covers(TAXONOMY.sections.flatMap((s) => s.domains.flatMap((d) => d.skills.map((k) => k.id))))) return 'every skill';
  for (const s of TAXONOMY.sections) {
    if (covers(s.domains.flatMap((d) => d.skills.map((k) => k.id)))) return s.name;
    for (const d of s.domains) if (covers(d.skills.map((k) => k.id))) return d.name;
  }
  if (ids.length === 2) return `${skillInfo(ids[0]!).name} and ${skillInfo(ids[1]!).name}`;
  return counted(ids.length, 'skill');
}

/** The skills by name, for a session whose label only counts them. */
const skillNames = (s: ActivityItem) => {
  const ids = [...new Set(s.skills.filter(isSkillId))];
  return ids.length > 2 && skillsLabel(ids) === counted(ids.length, 'skill') ? ids.map((id) => skillInfo(id).name) : [];
};

/** What the session was, in words: "Practice: Linear functions", "Retry of missed questions: …", "Diagnostic: Math", "Full-length test". */
export function activityLabel(s: Pick<ActivityItem, 'kind' | 'section' | 'skills' | 'retry'>): string {
  const subject = skillsLabel(s.skills);
  const section = sectionName(s.section);
  switch (s.kind) {
    case 'full_test':
      return section ? `Full-length test: ${section} only` : 'Full-length test';
    case 'diagnostic':
      return `Diagnostic: ${section ?? subject ?? 'both sections'}`;
    case 'practice':
      if (s.retry) return `Retry of missed questions${subject ? `: ${subject}` : section ? `: ${section}` : ''}`;
      return `Practice: ${subject ?? section ?? 'both sections'}`;
    default:
      return `Review: ${subject ?? section ?? 'both sections'}`;
  }
}

/** A session still open after this long is one the student left, not one they are doing. */
const UNDER_WAY_MS = 12 * 60 * 60 * 1000;

/** How it went: "7 of 10 right" once finished; "In progress" or "Not finished", with how many were answered, before. */
export function outcome(s: Pick<ActivityItem, 'status' | 'startedAt' | 'answered' | 'correct'>, now = Date.now()): string {
  if (s.status === 'completed') return s.answered === 0 ? 'Finished with no questions answered' : `${s.correct} of ${s.answered} right`;
  const underWay = s.status === 'active' && now - new Date(s.startedAt).getTime() < UNDER_WAY_MS;
  return `${underWay ? 'In progress' : 'Not finished'} · ${counted(s.answered, 'question')} answered`;
}

export function ActivityList({ items, ...paging }: { items: readonly ActivityItem[] } & Paging) {
  return (
    <>
      <p className="hint">What the student practised, newest first. Open a finished session’s review to see each answer.</p>
      <ul className="activity">
        {items.map((s) => {
          const what = activityLabel(s);
          const when = dateTimeLabel(s.startedAt);
          const names = skillNames(s);
          const done = s.status === 'completed';
          return (
            <li key={s.sessionId} className="card activity-item">
              <div className="activity-text">
                <p className="activity-what">{what}</p>
                {names.length > 0 && <p className="hint activity-skills">{names.join('; ')}</p>}
                <p className="activity-meta">
                  <time dateTime={s.startedAt}>{when}</time>
                  <span className={`activity-result ${done ? '' : 'is-open'}`}>{outcome(s)}</span>
                </p>
              </div>
              {done && (
                <div className="row activity-links">
                  <Link className="btn btn-small btn-secondary" to={`/review/${s.sessionId}`}>
                    Review<span className="visually-hidden">: {what}, {when}</span>
                  </Link>
                  {s.kind === 'full_test' && (
                    <Link className="btn btn-small btn-quiet" to={`/test/${s.sessionId}`}>
                      Score report<span className="visually-hidden">: {when}</span>
                    </Link>
                  )}
                </div>
              )}
            </li>
          );
        })}
      </ul>
      <ShowMore {...paging} what="sessions" />
    </>
  );
}
