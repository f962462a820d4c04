import { test } from 'node:test';
import assert from 'node:assert/strict';
import { featureVector, keywordCount, analyse, linguisticFeatures } from '../../src/sel/features.ts';
import { polarityScores } from '../../src/sel/vader.ts';
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

test('sentiment_compound is the VADER compound of the whole utterance', () => {
  assert.equal(linguisticFeatures('The book was good.').sentiment_compound, polarityScores('The book was good.').compound);
  assert.equal(linguisticFeatures('We did NOT give up, but it was hard!').sentiment_compound, polarityScores('We did NOT give up, but it was hard!').compound);
});
