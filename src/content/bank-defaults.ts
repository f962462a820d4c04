/** The item bank's size and seed: read by the bank's builder and by the CLI's help, which must not load the generators. */

/** 200 a skill: with fewer, exposure-controlled 10-item practice loses precision (bench/cat: ratio ~0.50 at 126, 0.46 at 200). */
export const DEFAULT_PER_SKILL = 200;
export const DEFAULT_SEED = 'satprep-bank-v1';
