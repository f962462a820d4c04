/**
 * The email a tutor or parent typed for each student they asked to link, kept on this
 * device: GET /links returns ids only, and a list of ids is no way to tell students apart.
 */
const KEY = 'satprep.linkNames';

function all(): Record<string, string> {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export const studentName = (studentId: string): string | null => all()[studentId] ?? null;

export function rememberStudent(studentId: string, email: string): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...all(), [studentId]: email }));
  } catch {
    /* the list shows ids instead */
  }
}
