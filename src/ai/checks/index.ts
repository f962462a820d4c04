export { arithmeticStepsEvaluate, evaluate, numericEquations } from './arithmetic.ts';
export { answerMatchesKey, finalAnswerEqualsKey, lastSentence, parseValue, splitSentences, statedAnswers } from './answer.ts';
export { lengthBounds, wordCount } from './length.ts';
export { extractNumbers, numbersDerivable, numbersOf } from './numbers.ts';
export { findEmails, findPhones, noPii } from './pii.ts';
export { skillNamed, skillsMentioned } from './skills.ts';
export { BANNED_TONE, bannedToneWords, noBannedTone } from './tone.ts';
