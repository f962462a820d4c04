/**
 * The engine shared by the Reading and Writing generators of the rw-info and rw-craft
 * folders. A skill is a list of families; a family draws a `spec` (ids and slot values),
 * renders it to a passage, stem and options, and — on the verify path — rebuilds the key
 * text from the spec alone (`expectedKey`), plus optional consistency checks against the
 * passage. The verifier never looks at the rendered distractors except to make sure none
 * of them equals the rebuilt key.
 */
import type { Rng } from '../../../lib/rng.ts';
import { OPTION_LETTERS, type Difficulty, type Item, type SkillGenerator, type VerifyResult } from '../../item.ts';
import type { SkillId } from '../../taxonomy.ts';
import { buildMcq, keyText, type Distractor } from '../build.ts';

export type Spec = Record<string, string | number | boolean | string[] | number[]>;

export interface RwDraft {
  passage: string;
  stem: string;
  correct: string;
  distractors: Distractor[];
  steps: string[];
}

export interface RwFamily<S extends Spec = Spec> {
  readonly id: string;
  /** Subtype label stored in spec (Command of Evidence: textual / quantitative). */
  readonly subtype?: string;
  draw(rng: Rng, difficulty: Difficulty): S;
  render(spec: S): RwDraft;
  /** Verify path: the correct option's text, rebuilt from the spec (and, for data items, the passage). */
  expectedKey(spec: S, item: Item): string;
  /** Verify path: a reason when the passage does not carry what the spec says it does. */
  consistency?(spec: S, item: Item): string | undefined;
}

/** Erases a family's spec type so families of one skill can share an array. */
export const family = <S extends Spec>(f: RwFamily<S>): RwFamily => f as unknown as RwFamily;

export const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * A skill generator over families. Every family serves every difficulty (difficulty
 * changes frames, vocabulary and distractor types inside the family), so a balanced
 * draw spreads items evenly over the families.
 */
export function rwGenerator(skill: SkillId, families: readonly RwFamily[]): SkillGenerator {
  const byId = new Map(families.map((f) => [f.id, f]));
  return {
    skill,
    families: families.map((f) => f.id),
    generate(rng, difficulty) {
      const fam = rng.pick(families);
      const spec = fam.draw(rng, difficulty);
      const d = fam.render(spec);
      return buildMcq(
        {
          skill,
          family: fam.id,
          difficulty,
          stem: d.stem,
          passage: d.passage,
          steps: d.steps,
          spec: fam.subtype ? { subtype: fam.subtype, ...spec } : { ...spec },
          generatorId: `${skill}@1`,
          correct: d.correct,
          distractors: d.distractors,
        },
        rng,
      );
    },
    verify(item) {
      return verifyRw(byId.get(item.family), item);
    },
  };
}

function verifyRw(fam: RwFamily | undefined, item: Item): VerifyResult {
  if (!fam) return { ok: false, reason: `unknown family ${item.family}` };
  if (item.type !== 'mcq' || !item.options) return { ok: false, reason: 'R&W items are MCQ' };
  let expected: string;
  try {
    expected = fam.expectedKey(item.spec as Spec, item);
  } catch (err) {
    return { ok: false, reason: `cannot rebuild key: ${(err as Error).message}` };
  }
  const keyed = keyText(item);
  if (norm(keyed) !== norm(expected)) return { ok: false, reason: `keyed "${keyed}" is not the rebuilt key "${expected}"` };
  const clash = item.options.find((o, i) => OPTION_LETTERS[i] !== item.answer && norm(o) === norm(expected));
  if (clash) return { ok: false, reason: `a distractor equals the key: "${clash}"` };
  const bad = fam.consistency?.(item.spec as Spec, item);
  if (bad) return { ok: false, reason: bad };
  return { ok: true };
}

/** Capitalise the first letter. */
export const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A clause as a sentence-style option. */
export const sentence = (clause: string) => `${cap(clause.trim())}.`;

/** Fill `{slot}` placeholders; a missing slot is a data bug, so it throws. */
export function fill(template: string, slots: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = slots[k];
    if (v === undefined) throw new Error(`template slot {${k}} has no value`);
    return v;
  });
}

export const wordCount = (s: string) => s.split(/\s+/).filter((w) => /[A-Za-z0-9]/.test(w)).length;

/** Near-duplicate key: capitalised words (names, sentence starts) and numbers masked. */
export const maskPassage = (p: string) =>
  p
    .replace(/\b[A-Z][\w'’-]*/g, 'X')
    .replace(/\d[\d,.]*/g, '0')
    .replace(/\s+/g, ' ')
    .trim();

export interface Person {
  name: string;
  last: string;
  sub: 'she' | 'he';
  obj: 'her' | 'him';
  pos: 'her' | 'his';
}

const she = (name: string): Person => ({ name, last: name.split(' ').at(-1)!, sub: 'she', obj: 'her', pos: 'her' });
const he = (name: string): Person => ({ name, last: name.split(' ').at(-1)!, sub: 'he', obj: 'him', pos: 'his' });

/** Invented researchers, critics and authors. */
export const PEOPLE: readonly Person[] = [
  she('Amara Okafor'), he('Tomás Rivera'), she('Mei Lin Zhou'), he('Daniel Osei'), she('Priya Raman'),
  he('Kenji Watanabe'), she('Lucía Herrera'), he('Samuel Adeyemi'), she('Hannah Berg'), he('Rafael Costa'),
  she('Leila Haddad'), he('Joon-ho Park'), she('Sofia Marchetti'), he('Elijah Brooks'), she('Nadia Petrova'),
  he('Arjun Mehta'), she('Grace Whitfield'), he('Mateo Quispe'), she('Ingrid Solberg'), he('Kwame Mensah'),
  she('Yara Nasser'), he('Lukas Novak'), she('Camila Duarte'), he('Hiroshi Tanaka'), she('Fatima Bello'),
  he('Owen Gallagher'), she('Aiyana Redcloud'), he('Ravi Iyer'), she('Elena Sokolova'), he('Marcus Hale'),
];

/** Invented fictional characters (first names). */
export const CHARACTERS: readonly Person[] = [
  she('Maren'), she('Ada'), she('Lucinda'), she('Noor'), she('Elsie'), she('Ines'), she('Tova'), she('Wren'),
  he('Anselm'), he('Teodor'), he('Jonah'), he('Felix'), he('Emeka'), he('Caleb'), he('Milo'), he('Rufus'),
];

export const pickPerson = (rng: Rng, pool: readonly Person[] = PEOPLE) => pool.indexOf(rng.pick(pool));

/** Pick k distinct, return their indices. */
export const pickIdx = (rng: Rng, n: number, k: number) => rng.sample([...Array(n).keys()], k);

/** A distractor from a modelled wrong-answer type. */
export const wrong = (text: string, reason: string): Distractor => ({ text, reason });

/** Spec values read back on the verify path: wrong types are a corrupt spec. */
export const str = (spec: Spec, k: string): string => {
  const v = spec[k];
  if (typeof v !== 'string') throw new Error(`spec.${k} missing`);
  return v;
};
export const num = (spec: Spec, k: string): number => {
  const v = spec[k];
  if (typeof v !== 'number') throw new Error(`spec.${k} missing`);
  return v;
};

/** Look up by id or throw (verify path: an unknown id is a corrupt spec). */
export function byId<T extends { id: string }>(list: readonly T[], id: string): T {
  const x = list.find((e) => e.id === id);
  if (!x) throw new Error(`unknown id ${id}`);
  return x;
}

/** The passage must contain each text (consistency of spec and passage). */
export function mustContain(item: Item, ...texts: string[]): string | undefined {
  const p = item.passage ?? '';
  const missing = texts.find((t) => !p.includes(t));
  return missing === undefined ? undefined : `passage lacks "${missing}"`;
}
