/** What \`satprep model eval\` runs unless told otherwise; apart from the evaluator so the CLI's help reads it cheaply. */
export const EVAL_DEFAULTS = { n: 200, pplN: 500, reviewN: 100, seed: 'eval', maxTokens: 256 } as const;
