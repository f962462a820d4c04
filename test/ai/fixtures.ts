/**
 * A handful of valid items with correct keys and rationales that end by stating the key,
 * written for these tests. The real bank replaces them once it exists; the property tests
 * only need `FIXTURE_ITEMS` to be valid Items.
 */
import { itemSchema, type Item } from '../../src/content/item.ts';
import type { SourceDoc } from '../../src/ai/task.ts';
import { skill } from '../../src/content/taxonomy.ts';

const base = { irt: { a: 1.1, b: 0, c: 0.2 }, spec: {}, generatorId: 'fixture', seed: 'fixture' } as const;

const raw: Item[] = [
  {
    ...base, id: 'math.alg.linear-one-var/solve/000000000001', section: 'math', domain: 'math.alg',
    skill: 'math.alg.linear-one-var', type: 'mcq', difficulty: 'easy', family: 'solve',
    stem: 'If 3x + 4 = 13, what is the value of x?', options: ['2', '3', '4', '5'], answer: 'B',
    rationale: 'Subtract 4 from both sides: 13 - 4 = 9, so 3x = 9. Divide both sides by 3: 9 / 3 = 3, so x = 3. The answer is B.',
    distractorReasons: { A: 'This comes from subtracting 4 and then subtracting 3 instead of dividing.', C: 'This adds 4 to 13 before dividing and then rounds.', D: 'This divides 13 by 3 and rounds up, skipping the first step.' },
  },
  {
    ...base, id: 'math.psda.percentages/percent-of/000000000002', section: 'math', domain: 'math.psda',
    skill: 'math.psda.percentages', type: 'spr', difficulty: 'medium', family: 'percent-of', irt: { a: 1, b: 0.3, c: 0 },
    stem: 'A jacket costs $80. It is on sale for 25% off. What is the sale price, in dollars?', answer: '60', acceptedAnswers: ['60', '60.0'],
    rationale: 'The discount is 25% of 80, and 0.25 × 80 = 20 dollars. Subtract the discount from the price: 80 - 20 = 60. The answer is 60.',
  },
  {
    ...base, id: 'math.alg.linear-functions/slope/000000000003', section: 'math', domain: 'math.alg',
    skill: 'math.alg.linear-functions', type: 'mcq', difficulty: 'medium', family: 'slope',
    stem: 'A line passes through (1, 5) and (3, 11). What is its slope?', options: ['2', '3', '6', '8'], answer: 'B',
    rationale: 'Slope is the change in y over the change in x. The change in y is 11 - 5 = 6 and the change in x is 3 - 1 = 2. Then 6 / 2 = 3. The answer is B.',
    distractorReasons: { A: 'This is the change in x, not the slope.', C: 'This is the change in y alone.', D: 'This adds the two y-values and divides by 2.' },
  },
  {
    ...base, id: 'math.geo.area-volume/rectangle/000000000004', section: 'math', domain: 'math.geo',
    skill: 'math.geo.area-volume', type: 'spr', difficulty: 'easy', family: 'rectangle', irt: { a: 0.9, b: -0.8, c: 0 },
    stem: 'A rectangle is 7 meters long and 4 meters wide. What is its area, in square meters?', answer: '28', acceptedAnswers: ['28'],
    rationale: 'The area of a rectangle is length times width. Multiply: 7 × 4 = 28. The answer is 28.',
  },
  {
    ...base, id: 'math.alg.systems/add/000000000005', section: 'math', domain: 'math.alg',
    skill: 'math.alg.systems', type: 'spr', difficulty: 'hard', family: 'add', irt: { a: 1.3, b: 1.1, c: 0 },
    stem: 'If x + y = 10 and x - y = 4, what is the value of x?', answer: '7', acceptedAnswers: ['7'],
    rationale: 'Add the two equations so y cancels: 2x = 10 + 4 = 14. Divide by 2: 14 / 2 = 7, so x = 7. The answer is 7.',
  },
  {
    ...base, id: 'rw.craft.words-in-context/precise-word/000000000006', section: 'rw', domain: 'rw.craft',
    skill: 'rw.craft.words-in-context', type: 'mcq', difficulty: 'medium', family: 'precise-word',
    passage: 'The botanist was careful to describe the seedlings as fragile: a light frost or a rough hand could end their growth.',
    stem: 'As used in the text, what does "fragile" most nearly mean?', options: ['easily damaged', 'brightly colored', 'quickly growing', 'widely admired'],
    answer: 'A',
    rationale: 'The text says a light frost or a rough hand could end the growth of the seedlings, so the word describes something that is hurt easily. Easily damaged matches that meaning. The answer is A.',
    distractorReasons: { B: 'Color is never mentioned in the passage.', C: 'The passage warns about harm, not growth speed.', D: 'Nothing in the text concerns admiration.' },
  },
  {
    ...base, id: 'rw.expr.transitions/contrast/000000000007', section: 'rw', domain: 'rw.expr',
    skill: 'rw.expr.transitions', type: 'mcq', difficulty: 'easy', family: 'contrast',
    passage: 'Most desert plants store water in thick leaves. ______ the creosote bush survives with small, waxy leaves that lose little water.',
    stem: 'Which choice completes the text with the most logical transition?', options: ['Similarly,', 'In contrast,', 'For example,', 'As a result,'],
    answer: 'B',
    rationale: 'The second sentence describes a plant that survives in a different way from most desert plants, so the transition must signal a contrast. The answer is B.',
    distractorReasons: { A: 'Similarly signals likeness, but the bush differs.', C: 'The bush is not an example of thick leaves.', D: 'The second sentence is not caused by the first.' },
  },
  {
    ...base, id: 'rw.conv.boundaries/semicolon/000000000008', section: 'rw', domain: 'rw.conv',
    skill: 'rw.conv.boundaries', type: 'mcq', difficulty: 'medium', family: 'semicolon',
    passage: 'The museum opened a new wing in the spring ______ it now holds the largest fossil collection in the region.',
    stem: 'Which choice completes the text so that it conforms to the conventions of Standard English?', options: ['spring, it', 'spring; it', 'spring it', 'spring, and, it'],
    answer: 'B',
    rationale: 'Both parts of the sentence are independent clauses, and a semicolon can join two independent clauses. A comma alone would create a comma splice. The answer is B.',
    distractorReasons: { A: 'A comma alone between two independent clauses is a comma splice.', C: 'Without punctuation the clauses run together.', D: 'The extra comma after and is not standard.' },
  },
];

export const FIXTURE_ITEMS: Item[] = raw.map((it) => itemSchema.parse(it));

/** Short lesson passages for the search index, written for these tests. */
export const FIXTURE_LESSONS: SourceDoc[] = [
  { id: 'lesson/linear-one-var', title: `${skill('math.alg.linear-one-var').name}: isolating the variable`,
    text: 'To solve a linear equation, undo each operation in reverse order. Subtract or add the constant term on both sides first. Then divide both sides by the coefficient of the variable. Check the solution by substituting it back into the original equation.' },
  { id: 'lesson/percentages', title: `${skill('math.psda.percentages').name}: percent of a quantity`,
    text: 'A percent means per hundred. To find a percent of a number, write the percent as a decimal and multiply. A discount is the percent of the original price that is taken away; subtract the discount from the original price to get the sale price.' },
  { id: 'lesson/linear-functions', title: `${skill('math.alg.linear-functions').name}: slope and intercept`,
    text: 'The slope of a line is the change in y divided by the change in x between two points. A positive slope rises from left to right. The y-intercept is the value of y when x is zero.' },
  { id: 'lesson/transitions', title: `${skill('rw.expr.transitions').name}: signalling logic`,
    text: 'A transition word shows how two ideas relate. Words such as however and in contrast signal a contrast. Words such as similarly signal likeness, and therefore or as a result signal a consequence. Read both sentences before choosing the transition.' },
  { id: 'lesson/boundaries', title: `${skill('rw.conv.boundaries').name}: joining clauses`,
    text: 'An independent clause can stand alone as a sentence. Two independent clauses can be joined by a semicolon, or by a comma with a coordinating conjunction such as and or but. A comma alone between them creates a comma splice.' },
  { id: 'lesson/words-in-context', title: `${skill('rw.craft.words-in-context').name}: using context clues`,
    text: 'When a question asks what a word most nearly means, look at the sentences around it. Clues such as examples, contrasts and explanations narrow the meaning. Substitute each choice into the sentence and keep the one that preserves the meaning.' },
];
