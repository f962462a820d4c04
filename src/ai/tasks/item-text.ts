/** How the tasks show an item to a model, and which numbers an item makes derivable. */
import { OPTION_LETTERS, type Item } from '../../content/item.ts';
import { skill } from '../../content/taxonomy.ts';
import { numbersOf } from '../checks/numbers.ts';

export function describeItem(item: Item, withKey: boolean): string {
  const lines = [`Skill: ${skill(item.skill).name}`];
  if (item.passage) lines.push(`Passage: ${item.passage}`);
  lines.push(`Question: ${item.stem}`);
  if (item.options) lines.push(...item.options.map((o, i) => `${OPTION_LETTERS[i]}) ${o}`));
  if (withKey) {
    lines.push(`Correct answer: ${keyText(item)}`);
    lines.push(`Reference rationale: ${item.rationale}`);
    for (const [letter, why] of Object.entries(item.distractorReasons ?? {})) lines.push(`Why ${letter} tempts: ${why}`);
  }
  return lines.join('\n');
}

/** "B (3)" for MCQ, the canonical value for SPR. */
export function keyText(item: Item): string {
  if (item.type !== 'mcq' || !item.options) return item.answer;
  const i = OPTION_LETTERS.indexOf(item.answer as (typeof OPTION_LETTERS)[number]);
  return i >= 0 ? `${item.answer} (${item.options[i]})` : item.answer;
}

export function itemNumbers(item: Item): number[] {
  return numbersOf(
    item.stem,
    item.passage,
    item.rationale,
    item.answer,
    ...(item.options ?? []),
    ...(item.acceptedAnswers ?? []),
    ...Object.values(item.distractorReasons ?? {}),
  );
}

/** Common first words that may be lower-cased after a connective ("First, subtract …"). */
const LOWERABLE = new Set(
  'the a an this that these those both since because so then subtract add divide multiply solve set use substitute compare find start look read each every its it in on at for to when if as most all one two'.split(' '),
);

export function joinConnective(connective: string, sentence: string): string {
  const first = sentence.split(/\s+/)[0] ?? '';
  if (LOWERABLE.has(first.toLowerCase()) && (first.length === 1 || first !== first.toUpperCase())) {
    return `${connective} ${sentence[0].toLowerCase()}${sentence.slice(1)}`;
  }
  return `${connective} ${sentence}`;
}
