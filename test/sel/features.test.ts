import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureVector, keywordCount, analyse, linguisticFeatures, vaderScores } from '../../src/sel/features.ts';
import { FEATURE_TABLE, FEATURES, LINGUISTIC_FEATURES } from '../../src/sel/skills.ts';

const close = (a: number, b: number, tol = 1e-9) => assert.ok(Math.abs(a - b) <= tol, `${a} ≠ ${b}`);

test('counts and ratios on a five-word sentence', () => {
  // the/DET happy/ADJ dog/NOUN runs/VERB quickly/ADV
  const f = linguisticFeatures('The happy dog runs quickly.');
  assert.equal(f.word_count, 5);
  assert.equal(f.sentence_count, 1);
  assert.equal(f.avg_sentence_length, 5);
  close(f.avg_word_length, (3 + 5 + 3 + 4 + 7) / 5);
  assert.equal(f.type_token_ratio, 1);
  close(f.noun_ratio, 1 / 5);
  close(f.verb_ratio, 1 / 5);
  close(f.adj_ratio, 1 / 5);
  close(f.adv_ratio, 1 / 5);
  assert.equal(f.pronoun_ratio, 0);
  assert.equal(f.clause_density, 0);
});

test('sentences, pronouns and empathy keywords by lemma', () => {
  // i felt sad . she was upset ! they cared .  → 8 words, 3 sentences; i/she/they are pronouns;
  // felt→feel, sad, upset, cared→care are empathy keywords.
  const f = linguisticFeatures('I felt sad. She was upset! They cared.');
  assert.equal(f.word_count, 8);
  assert.equal(f.sentence_count, 3);
  close(f.avg_sentence_length, 8 / 3);
  close(f.pronoun_ratio, 3 / 8);
  assert.equal(f.kw_empathy, 4);
  assert.equal(f.kw_collaboration, 0);
});

test('type-token ratio, conjunctions per sentence and collaboration keywords', () => {
  // 13 words, "we" twice → 12 distinct; "and" (CCONJ) + "because" (SCONJ) in one sentence;
  // shared→share, helped→help.
  const f = linguisticFeatures('We shared the tools and we helped each other because it was hard.');
  assert.equal(f.word_count, 13);
  close(f.type_token_ratio, 12 / 13);
  assert.equal(f.clause_density, 2);
  assert.equal(f.kw_collaboration, 2);
});

test('two-word keywords and communication keywords', () => {
  // angry + breath + "try again" (tried→try, again) = 3 self-regulation hits
  assert.equal(linguisticFeatures('When I got angry, I took a deep breath and tried again.').kw_self_regulation, 3);
  // explained, idea, asked, question
  assert.equal(linguisticFeatures('I explained my idea, and Maya asked a question.').kw_communication, 4);
  const { words } = analyse('We stepped back and tried again.');
  assert.equal(keywordCount(words, 'self_regulation'), 2);
});

test('contractions split into two words; a misspelt one without a lemma still counts', () => {
  assert.equal(linguisticFeatures("I don't know.").word_count, 4); // i do not know
  assert.equal(linguisticFeatures('i didnt know').word_count, 4); // wink splits it here: did not
  // At the end of a sentence wink keeps "didnt" whole and gives it no lemma.
  assert.equal(linguisticFeatures('I wanted to quit but I didnt.').word_count, 7);
});

test('empty text gives zeros, not NaN', () => {
  const f = linguisticFeatures('');
  for (const k of LINGUISTIC_FEATURES) assert.equal(f[k], 0, k);
});

test('feature vector has the 29 table features, in range', () => {
  const v = featureVector('We helped each other and it was fun.', {
    session_minutes: 20, tasks_attempted: 10, tasks_completed: 7, help_requests: 1, help_given: 3,
    chat_messages: 30, resources_shared: 2, retries_after_failure: 2, frustration_events: 1,
  });
  assert.deepEqual(Object.keys(v), [...FEATURES]);
  close(v.completion_rate, 0.7);
  close(v.messages_per_minute, 1.5);
  close(v.prosocial_index, 5 / 7);
  close(v.persistence_index, 2 / 4);
  for (const f of FEATURES) {
    const [lo, hi] = FEATURE_TABLE[f].range;
    assert.ok(v[f] >= lo && v[f] <= hi, f);
  }
});

// Published examples from the VADER README (Hutto & Gilbert, vaderSentiment). Two README
// examples are left out because this JS port predates the fixes that produce them:
// "Not bad at all" (0.431 published, −0.5423 here) and "Today only kinda sux! But I'll get
// by, lol" (0.5249 published, 0.2228 here).
const VADER_EXAMPLES: [string, number][] = [
  ['VADER is smart, handsome, and funny.', 0.8316],
  ['VADER is smart, handsome, and funny!', 0.8439],
  ['VADER is very smart, handsome, and funny.', 0.8545],
  ['VADER is VERY SMART, handsome, and FUNNY.', 0.9227],
  ['VADER is VERY SMART, handsome, and FUNNY!!!', 0.9342],
  ['VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!', 0.9469],
  ['VADER is not smart, handsome, nor funny.', -0.7424],
  ['The book was good.', 0.4404],
  ["At least it isn't a horrible book.", 0.431],
  ['The book was only kind of good.', 0.3832],
  ['The plot was good, but the characters are uncompelling and the dialog is not great.', -0.7042],
  ['Today SUX!', -0.5461],
  ['Make sure you :) or :D today!', 0.8633],
];

test('VADER compound scores match the published examples to 1e-3', () => {
  for (const [text, compound] of VADER_EXAMPLES) close(vaderScores(text).compound, compound, 1e-3);
  assert.equal(linguisticFeatures('The book was good.').sentiment_compound, vaderScores('The book was good.').compound);
});
