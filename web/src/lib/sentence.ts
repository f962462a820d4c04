/**
 * The API words its messages for logs and clients alike ('wrong email or password'); the app
 * shows them to students as sentences. A first word that is not a plain lowercase word (an
 * id such as `ai_output_id`, a name such as `minutesPerDay`) is left as the server wrote it.
 */
export function asSentence(message: string): string {
  const text = message.trim();
  if (!text) return text;
  const capitalised = /^[a-z][a-z'’-]*(?=[\s,;:.!?]|$)/.test(text) ? text[0].toUpperCase() + text.slice(1) : text;
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** The noun for a count: `question` for 1, `questions` otherwise; for a count shown apart from its noun. */
export const noun = (n: number, one: string, many = `${one}s`): string => (n === 1 ? one : many);

/** `1 upvote`, `2 upvotes`: a count with its noun, for text a screen reader reads out as it stands. */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${noun(n, one, many)}`;

/**
 * When something began, as a person says it: `just now`, `5 minutes ago`, `3 hours ago`, then
 * the date (`on Nov 3`), since "52 hours ago" makes the reader do the sum.
 */
export function timeAgo(at: string | Date, now: Date = new Date()): string {
  const then = new Date(at);
  const minutes = Math.floor((now.getTime() - then.getTime()) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${counted(minutes, 'minute')} ago`;
  if (minutes < 24 * 60) return `${counted(Math.floor(minutes / 60), 'hour')} ago`;
  const sameYear = then.getFullYear() === now.getFullYear();
  return `on ${then.toLocaleDateString(undefined, { month: 'short', day: 'numeric', ...(sameYear ? {} : { year: 'numeric' }) })}`;
}

/** A moment in the viewer's locale: "Mar 3, 4:05 PM" this year, with the year before. */
export function dateTimeLabel(iso: string, now = new Date()): string {
  const at = new Date(iso);
  return at.toLocaleString(undefined, {
    ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  });
}

/** "Maya Lopez’s", "the student’s": whose something is, for text about a student. */
export const possessive = (name: string): string => `${name}’s`;
