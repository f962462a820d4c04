/**
 * Deliberate corruptions of a good output, each paired with the check that must catch it.
 * `apply` returns null when the corruption does not apply to this output (an explanation
 * with no numeric equation cannot have one made false).
 */
import { numericEquations } from '../../src/ai/checks/arithmetic.ts';
import { optionValue, parseValue, statedAnswers } from '../../src/ai/checks/answer.ts';
import { numbersOf } from '../../src/ai/checks/numbers.ts';
import { skillsMentioned } from '../../src/ai/checks/skills.ts';
import { renderPrompt, type AnyAiTask } from '../../src/ai/task.ts';
import { OPTION_LETTERS, type Item, type OptionLetter } from '../../src/content/item.ts';
import { SKILLS, skill, type SkillId } from '../../src/content/taxonomy.ts';
import type { Rng } from '../../src/lib/rng.ts';

export interface Corruption {
  kind: string;
  /** The check that must fail on the corrupted text. */
  expect: string;
  apply(): string | null;
}

type In = Record<string, unknown> & { item?: Item; studentName?: string; revealAnswer?: boolean };

/**
 * A wrong answer written the way the item's answers are written, so the check reads it as an
 * answer at all: another letter for an MCQ, or the value of another numeric option; for a
 * grid-in, a different value in the key's own form (an integer, a fraction over the same
 * denominator, or a decimal to the same places).
 */
export function wrongAnswer(item: Item, rng: Rng): string {
  if (item.type === 'mcq') {
    const letter = rng.pick(OPTION_LETTERS.filter((l) => l !== item.answer));
    const keyVal = item.options ? optionValue(item.options[OPTION_LETTERS.indexOf(item.answer as OptionLetter)]) : null;
    const val = item.options ? optionValue(item.options[OPTION_LETTERS.indexOf(letter)]) : null;
    return rng.chance(0.5) && val !== null && keyVal !== null && val !== keyVal ? String(val) : letter;
  }
  const d = rng.int(1, 9);
  const frac = /^(-?\d+)\/(\d+)$/.exec(item.answer);
  if (frac) return `${Number(frac[1]) + d * Number(frac[2]) + 1}/${frac[2]}`;
  const v = parseValue(item.answer);
  if (v === null) throw new Error(`grid-in key is not a number: ${item.answer}`);
  const places = /\.(\d+)$/.exec(item.answer)?.[1].length ?? 0;
  return (v + d).toFixed(places);
}

const insertAt = (text: string, rng: Rng, sentence: string) => {
  const cuts = [0, ...[...text.matchAll(/[.!?]\s/g)].map((m) => (m.index ?? 0) + 2), text.length];
  const at = rng.pick(cuts);
  return `${text.slice(0, at)}${at === text.length ? ' ' : ''}${sentence}${at < text.length ? ' ' : ''}${text.slice(at)}`;
};

export function corruptions(task: AnyAiTask, input: In, output: string, rng: Rng): Corruption[] {
  const promptText = renderPrompt(task.prompt(input));
  const inPrompt = new Set<SkillId>(skillsMentioned(promptText));
  const foreign = rng.pick(SKILLS.filter((s) => !inPrompt.has(s.id))).name;
  const items: Item[] = input.item ? [input.item] : Array.isArray(input.responses) ? (input.responses as { item: Item }[]).map((r) => r.item) : [];
  const list: Corruption[] = [
    {
      kind: 'changed-number',
      expect: 'numbers-derivable',
      apply() {
        const nums = [...output.matchAll(/\d+(?:\.\d+)?/g)];
        if (nums.length === 0) return insertAt(output, rng, 'That adds 48611 points.');
        const m = rng.pick(nums);
        const at = m.index ?? 0;
        // A value the input neither states nor implies as a difference (missed = total − correct);
        // the prompt carries every input number.
        const given = numbersOf(promptText);
        const taken = new Set([...given, ...given.flatMap((a) => given.map((b) => Math.abs(a - b))), ...numbersOf(output)]);
        let v = Number(m[0]) * 10 + 7;
        while (taken.has(v)) v += 10;
        return output.slice(0, at) + String(v) + output.slice(at + m[0].length);
      },
    },
    {
      kind: 'wrong-skill',
      expect: 'skill-named',
      apply() {
        const named = skillsMentioned(output).map((id) => skill(id).name).find((n) => output.includes(n));
        return named ? output.replace(named, foreign) : insertAt(output, rng, `This builds on ${foreign}.`);
      },
    },
    { kind: 'email', expect: 'no-pii', apply: () => insertAt(output, rng, `Write to coach.kim@mail.example.com with questions.`) },
    { kind: 'phone', expect: 'no-pii', apply: () => insertAt(output, rng, `Or call (555) 010-${rng.int(1000, 9999)} tonight.`) },
    {
      kind: 'full-name',
      expect: 'no-pii',
      apply: () => (input.studentName && /\s/.test(input.studentName.trim()) ? insertAt(output, rng, `Well done, ${input.studentName}.`) : null),
    },
    { kind: 'banned-tone', expect: 'no-banned-tone', apply: () => insertAt(output, rng, 'Honestly, that was a dumb mistake.') },
    {
      // A reference the in-house model made up, left as written (model/phrase-refs.ts, number-refs.ts).
      kind: 'stray-reference',
      expect: 'no-model-markup',
      apply() {
        const words = [...output.matchAll(/ /g)];
        const at = words.length ? rng.pick(words).index! : output.length;
        return `${output.slice(0, at)} ${rng.pick(['⟪7⟫', '⟦12⟧'])}${output.slice(at)}`;
      },
    },
    {
      kind: 'bad-arithmetic',
      expect: 'arithmetic-steps-evaluate',
      apply() {
        const eq = numericEquations(output)[0];
        if (!eq) return null;
        const at = output.indexOf(`= ${eq.right}`);
        if (at < 0) return null;
        return `${output.slice(0, at)}= ${eq.rhs + 1}${output.slice(at + 2 + eq.right.length)}`;
      },
    },
  ];
  if (items.length) {
    list.push({
      kind: 'wrong-answer',
      expect: input.item && input.revealAnswer === false ? 'no-answer-leak' : 'final-answer-equals-key',
      apply() {
        const stated = statedAnswers(output);
        if (stated.length && task.name !== 'review') {
          const hits = [...output.matchAll(/(\b[Aa]nswer (?:is|was) (?:choice |option )?\(?)([A-D]|-?\d+(?:\.\d+)?(?:\/\d+)?)/g)];
          const last = hits[hits.length - 1];
          if (!last) return null;
          const at = (last.index ?? 0) + last[1].length;
          return output.slice(0, at) + wrongAnswer(items[0], rng) + output.slice(at + last[2].length);
        }
        if (task.name === 'review') {
          const q = rng.int(1, items.length);
          return insertAt(output, rng, `Question ${q}: the answer is ${wrongAnswer(items[q - 1], rng)}.`);
        }
        return insertAt(output, rng, `The answer is ${wrongAnswer(items[0], rng)}.`);
      },
    });
  }
  if (task.name === 'plan_adjust') {
    const days = new Set(((input.plan as { days: { day: number }[] }).days).map((d) => d.day));
    list.push({
      kind: 'missing-day',
      expect: 'day-exists',
      apply() {
        let d = 1;
        while (days.has(d)) d++;
        return output.replace(/\b([Dd]ay) \d+/, `$1 ${d}`);
      },
    });
    // Another skill's counts beside the weak one ("With 6 of 7 right, <weak skill> is the biggest gap").
    const perf = (input.performance as { correct: number; total: number }[]);
    list.push({
      kind: 'borrowed-figures',
      expect: 'figures-fit-skill',
      apply() {
        const m = /(\d+) of (\d+) right|\((\d+)\/(\d+)\)/.exec(output);
        const [c, n] = m ? [Number(m[1] ?? m[3]), Number(m[2] ?? m[4])] : [NaN, NaN];
        const other = perf.find((p) => p.correct !== c || p.total !== n);
        return m && other ? output.replace(m[0], m[0].replace(`${c}`, `${other.correct}`).replace(`${n}`, `${other.total}`)) : null;
      },
    });
  }
  if (task.name === 'lesson_summary') {
    list.push({
      kind: 'ungrounded',
      expect: 'grounded',
      apply: () =>
        `${output.split(/(?<=[.:])\s/)[0]} Photosynthesis converts sunlight into chemical energy inside chloroplasts. ` +
        'Volcanic eruptions release ash, gases and molten rock across surrounding landscapes.',
    });
  }
  return list;
}
