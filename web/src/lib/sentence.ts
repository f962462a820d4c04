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

/** `1 upvote`, `2 upvotes`: a count with its noun, for text a screen reader reads out as it stands. */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
