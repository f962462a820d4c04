/**
 * What students ask about each skill and about the test, in their own words: the questions a
 * synthetic note or chat opens with when it is not built from an item's words (phrases.ts).
 * Written here, one short list per skill, from the kinds of question students bring to a
 * tutor; every one is answerable from the skill's own lesson or the test guide, which
 * test/synth/questions.test.ts checks by asking the tutor template each of them.
 */
import type { SkillId } from '../content/taxonomy.ts';

export const SKILL_QUESTIONS: Readonly<Record<SkillId, readonly string[]>> = {
  'rw.info.central-ideas': [
    'how do I find the main idea of a passage?',
    'what makes an answer too broad for a main idea question?',
    'what is the central idea of a text?',
  ],
  'rw.info.evidence': [
    'how do I pick the quotation that best supports the claim?',
    'what does "best supports the claim" mean?',
    'how do I use data from a table as evidence?',
  ],
  'rw.info.inferences': [
    'how do I answer "most logically completes the text" questions?',
    'what is a good inference?',
    'how do I know if an inference goes too far?',
  ],
  'rw.craft.words-in-context': [
    'how do I figure out what a word means from the sentence around it?',
    'what does "most logical and precise word" mean?',
    'should I predict a word before reading the choices?',
  ],
  'rw.craft.text-structure': [
    'how do I find the purpose of a text?',
    'what does "the function of the underlined sentence" mean?',
    'how do I describe the overall structure of a passage?',
  ],
  'rw.craft.cross-text': [
    'how do I approach questions with two texts?',
    'how would the author of text 2 respond to text 1?',
    'how do I compare two authors\' views?',
  ],
  'rw.expr.rhetorical-synthesis': [
    'how do I answer questions with bullet point notes?',
    'how do I use the notes to meet the writing goal?',
    'what should I check first in a notes question?',
  ],
  'rw.expr.transitions': [
    'when do I use however versus therefore?',
    'how do I choose the most logical transition?',
    'what does a contrast transition look like?',
  ],
  'rw.conv.boundaries': [
    'when do I use a semicolon?',
    'what is a comma splice?',
    'when can I use a colon?',
  ],
  'rw.conv.form-structure-sense': [
    'how do I check subject verb agreement?',
    "what's the difference between its and it's?",
    'what is a dangling modifier?',
  ],
  'math.alg.linear-one-var': [
    'how do I solve 3x + 5 = 20?',
    'how do I know if an equation has no solution?',
    'when does a linear equation have infinitely many solutions?',
  ],
  'math.alg.linear-functions': [
    'how do I find the slope from two points?',
    'what does the slope mean in a word problem?',
    'what is function notation?',
  ],
  'math.alg.linear-two-var': [
    'how do I write an equation from a word problem with two variables?',
    'how do I find the x-intercept?',
    'how do I know if two lines are perpendicular?',
  ],
  'math.alg.systems': [
    'how do I solve a system of equations?',
    'what is a system with no solution?',
    'should I use substitution or elimination?',
  ],
  'math.alg.inequalities': [
    'when do I flip the inequality sign?',
    'how do I solve a linear inequality?',
    'how do I write an inequality from a word problem?',
  ],
  'math.adv.equivalent-expressions': [
    'what are the exponent rules?',
    'how do I know if two expressions are equivalent?',
    'how do I factor a difference of squares?',
  ],
  'math.adv.nonlinear-equations': [
    'how do I solve x^2 - 5x + 6 = 0?',
    'what is the discriminant?',
    'what is the quadratic formula?',
  ],
  'math.adv.nonlinear-functions': [
    'how do I find the vertex of a parabola?',
    'what is an exponential function?',
    'how do I tell exponential growth from decay?',
  ],
  'math.psda.ratios-rates': [
    'how do I convert units?',
    'how do I set up a proportion?',
    'what is a unit rate?',
  ],
  'math.psda.percentages': [
    'how do I calculate percent change?',
    'what is the multiplier for a 20% increase?',
    'why is a 20% increase then a 20% decrease not zero?',
  ],
  'math.psda.one-var-data': [
    "what's the difference between mean and median?",
    'how does an outlier change the mean?',
    'how do I find the mean if one value is missing?',
  ],
  'math.psda.two-var-data': [
    'how do I read a scatterplot?',
    'what does the line of best fit tell you?',
    'how do I interpret the slope of a line of best fit?',
  ],
  'math.psda.probability': [
    'how do I find a probability from a two-way table?',
    'what is conditional probability?',
    'how do I find the probability of A and B?',
  ],
  'math.psda.inference': [
    "what's the margin of error?",
    'what is a sample size?',
    'can a survey result apply to a different population?',
  ],
  'math.psda.statistical-claims': [
    "what's the difference between random selection and random assignment?",
    'when can a study show cause and effect?',
    'what is an observational study?',
  ],
  'math.geo.area-volume': [
    'how do I find the area of a triangle?',
    'what is the volume of a cylinder?',
    'what happens to the area when you double the sides?',
  ],
  'math.geo.lines-angles-triangles': [
    'what are similar triangles?',
    'how do angles work with parallel lines?',
    'what do the angles of a triangle add up to?',
  ],
  'math.geo.right-triangles-trig': [
    'what is the pythagorean theorem?',
    'what is sohcahtoa?',
    'what are the special right triangles?',
  ],
  'math.geo.circles': [
    'how do I find the equation of a circle?',
    'how do I find an arc length?',
    'what is the area of a sector?',
  ],
};

/**
 * The names students give each skill's ideas when they ask about them ("I keep mixing up
 * slope and y-intercept"): the lesson's own words, which test/synth/questions.test.ts checks
 * each lesson uses, so a question built from them is one its lesson can answer.
 */
export const SKILL_TERMS: Readonly<Record<SkillId, readonly string[]>> = {
  'rw.info.central-ideas': ['main idea', 'main point', 'detail questions', 'main-idea question', 'the whole passage'],
  'rw.info.evidence': ['claim', 'quotation', 'evidence', 'table or graph', 'hypothesis'],
  'rw.info.inferences': ['inference', 'clues', 'blank', 'line of reasoning', 'assumption'],
  'rw.craft.words-in-context': ['blank', 'precise word', 'context', 'contrast word', 'clue'],
  'rw.craft.text-structure': ['purpose', 'structure', 'underlined sentence', 'function'],
  'rw.craft.cross-text': ['Text 1', 'Text 2', 'two authors', 'claim', 'cross-text questions'],
  'rw.expr.rhetorical-synthesis': ['notes', 'goal', 'bullet points', 'audience'],
  'rw.expr.transitions': ['transition', 'contrast', 'cause and effect', 'sequence', 'however', 'therefore'],
  'rw.conv.boundaries': ['semicolon', 'colon', 'comma splice', 'run-on', 'independent clause', 'dash'],
  'rw.conv.form-structure-sense': ['subject–verb agreement', 'pronoun', 'verb tense', 'modifier', 'apostrophe', 'possessive'],
  'math.alg.linear-one-var': ['variable', 'no solution', 'infinitely many solutions', 'both sides'],
  'math.alg.linear-functions': ['slope', 'y-intercept', 'function notation', 'rate', 'starting amount'],
  'math.alg.linear-two-var': ['x-intercept', 'slope-intercept form', 'perpendicular lines', 'parallel lines', 'midpoint'],
  'math.alg.systems': ['substitution', 'elimination', 'system', 'no solution', 'parallel'],
  'math.alg.inequalities': ['inequality sign', 'negative number', 'at least', 'at most'],
  'math.adv.equivalent-expressions': ['exponent rules', 'factoring', 'special products', 'like terms', 'plug in a number'],
  'math.adv.nonlinear-equations': ['discriminant', 'quadratic formula', 'square roots', 'extraneous', 'absolute value'],
  'math.adv.nonlinear-functions': ['vertex', 'parabola', 'exponential', 'decay', 'growth and decay'],
  'math.psda.ratios-rates': ['ratio', 'rate', 'proportion', 'units', 'proportional relationship'],
  'math.psda.percentages': ['percent change', 'multiplier', 'original price', 'discount', 'repeated changes'],
  'math.psda.one-var-data': ['mean', 'median', 'outlier', 'standard deviation', 'range', 'box plot'],
  'math.psda.two-var-data': ['scatterplot', 'line of best fit', 'association', 'predictions', 'residual'],
  'math.psda.probability': ['probability', 'two-way table', 'conditional probability', 'favorable outcomes', 'outcomes'],
  'math.psda.inference': ['margin of error', 'sample', 'population', 'sample size', 'biased sample'],
  'math.psda.statistical-claims': ['random assignment', 'random selection', 'observational study', 'cause-and-effect', 'experiment'],
  'math.geo.area-volume': ['area', 'volume', 'cylinder', 'prism', 'composite shapes'],
  'math.geo.lines-angles-triangles': ['similar triangles', 'vertical angles', 'transversal', 'exterior angle', 'isosceles triangle'],
  'math.geo.right-triangles-trig': ['Pythagorean theorem', 'hypotenuse', 'SOH-CAH-TOA', 'special right triangles', 'sine'],
  'math.geo.circles': ['arc length', 'sector', 'radius', 'central angle', 'equation of a circle', 'inscribed angle'],
};

/** Questions about the test itself, answered from the test guide whatever the skill. */
export const TEST_QUESTIONS: readonly string[] = [
  'How should I pace myself on the Math module?',
  'how long is the break?',
  'is there a penalty for guessing?',
  'how is the SAT scored?',
  'can I go back to previous questions?',
  'can I use a calculator on the whole math section?',
  'how do I study for the SAT in a month?',
  'how many questions are on the test?',
  'how do I enter a fraction in a grid-in answer?',
  'how can I stop making careless mistakes?',
  'What time does the test center open?',
];
