/** What a student's training-data consent means, for the account page and a parent's view of their child. */
/** What consent means, in one plain sentence: `you` for the student, or a name for a parent's child. */
export const consentMeaning = (whose: 'your' | 'their'): string =>
  `With consent on, ${whose} conversations with the AI tutor and AI help may be used — pseudonymised and scrubbed of personal details — to train SAT Prep Suite’s own AI model.`;
