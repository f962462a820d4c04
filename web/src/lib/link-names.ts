/** How a tutor or parent sees a linked student named: by name once the student accepted, else by the email the request went to. */
import type { ListedLink } from '../api/types.ts';

export const linkedName = (l: ListedLink): string | null => ('student' in l && l.student ? (l.student.name ?? l.student.email) : null);
