/**
 * BLEU and ROUGE-L against published values. /usr/bin/python3 has no sacrebleu here, so the
 * reference numbers are sacreBLEU's own: the README's corpus example (Post, mjpost/sacrebleu
 * README "Using SacreBLEU from Python": BLEU = 48.53 82.4/50.0/45.5/37.5, BP = 0.943, hyp_len 17,
 * ref_len 18, signature nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp) and the cases in its
 * test/test_bleu.py (statistics, compute_bleu, floor offset, effective order, max n-gram
 * order). ROUGE-L uses the worked example of Lin (2004), §3.1, and hand-computed LCS values.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bleuSignature, computeBleu, corpusBleu, tokenize13a } from '../../../src/model/eval/bleu.ts';
import { corpusRougeL, lcsLength, rougeL, rougeTokens } from '../../../src/model/eval/rouge.ts';

const EPS = 1e-8;
const REFS = [
  ['The dog bit the man.', 'It was not unexpected.', 'The man bit him first.'],
  ['The dog had bit the man.', 'No one was surprised.', 'The man had bitten the dog.'],
];
const HYPS = ['The dog bit the man.', "It wasn't surprising.", 'The man had just bitten him.'];

test('sacreBLEU README example: 48.530827 with 13a and exp smoothing, and its signature', () => {
  const b = corpusBleu(HYPS, REFS);
  assert.ok(Math.abs(b.score - 48.530827) < 1e-6, String(b.score));
  assert.deepEqual(b.precisions.map((p) => p.toFixed(1)), ['82.4', '50.0', '45.5', '37.5']);
  assert.equal(b.bp.toFixed(3), '0.943');
  assert.equal(b.sysLen, 17);
  assert.equal(b.refLen, 18);
  assert.equal(b.signature.replace(/\|version:.*$/, ''), 'nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp');
  assert.equal(corpusBleu(HYPS, REFS, { smooth: 'none' }).score.toFixed(6), '48.530827');
  assert.equal(corpusBleu(['', '', ''], REFS).score, 0, 'empty hypotheses are kept, and score 0');
});

test('sacreBLEU test_bleu.py: max n-gram order 1…6 on the README corpus', () => {
  const expected = ['77.65', '60.50', '53.93', '48.53', '46.14', '43.28'];
  expected.forEach((e, i) => assert.equal(corpusBleu(HYPS, REFS, { maxOrder: i + 1 }).score.toFixed(2), e));
});

test('sacreBLEU test_bleu.py: statistics, compute_bleu, floor offset, effective order', () => {
  const s = corpusBleu(['am I am a character sequence'], [['I am a symbol string sequence a a']], { smooth: 'floor', smoothValue: 0.01 });
  assert.deepEqual([s.counts, s.totals], [[4, 2, 1, 0], [6, 5, 4, 3]]);
  assert.ok(Math.abs(computeBleu([9, 7, 5, 3], [10, 8, 6, 4], 11, 11).score / 100 - 0.8375922397) < EPS);
  const offset = (v?: number) => corpusBleu(['am I am a character sequence'], [['I am a symbol string sequence a a']], { smooth: 'floor', smoothValue: v }).score / 100;
  assert.ok(Math.abs(offset() - 0.1555722182) < EPS, 'floor defaults to 0.1');
  assert.equal(offset(0), 0);
  const raw = (h: string, r: string) => corpusBleu([h], [[r]], { smooth: 'floor', smoothValue: 0.01 }).score / 100;
  assert.ok(Math.abs(raw('this is a test', 'this is a test') - 1) < EPS);
  assert.ok(Math.abs(raw('this is a fest', 'this is a test') - 0.223606797749979) < EPS);
  assert.equal(corpusBleu(['this is a test', 'another test'], [['ref1', 'ref2']], { smooth: 'floor', smoothValue: 0.01 }).score, 0, 'no matches: 0 (sacreBLEU #141)');
  const eff = (h: string, r: string) => corpusBleu([h], [[r]], { smooth: 'floor', smoothValue: 0.01, effectiveOrder: true }).score / 100;
  assert.ok(Math.abs(eff('test', 'a test') - 0.3678794411714425) < EPS);
  assert.ok(Math.abs(eff('a test', 'a test') - 1) < EPS);
  assert.ok(Math.abs(eff('a little test', 'a test') - 0.03218297948685433) < EPS);
  for (const [stats, sys, ref, off] of [[[0, 0, 0, 0], 0, 1, 0], [[0, 0, 0, 0], 14, 10, 0], [[6, 5, 4, 0], 6, 6, 0], [[0, 0, 0, 0], 1, 5, 0.01]] as const) {
    assert.equal(computeBleu(stats, [6, 5, 4, 3], sys, ref, { smooth: 'floor', smoothValue: off }).score, 0);
  }
});

test('13a tokenisation: punctuation split off, periods and commas kept inside numbers, entities unescaped', () => {
  assert.equal(tokenize13a('Hello, world! It costs $3.50 (about 1,000 cents).'), 'Hello , world ! It costs $ 3.50 ( about 1,000 cents ) .');
  assert.equal(tokenize13a('pages 10-12 &amp; "quotes" it\'s'), 'pages 10 - 12 & " quotes " it\'s');
  assert.equal(tokenize13a('  spaced\tout\nlines  '), 'spaced out lines');
});

test('hand-computed BLEU: one segment, exp smoothing of the zero 4-gram precision', () => {
  // the cat sat on the mat | the cat is on the mat: p1 = 5/6, p2 = 3/5, p3 = 1/4, p4 = 0/3 → 1/(2·3); BP = 1.
  const b = corpusBleu(['the cat sat on the mat'], [['the cat is on the mat']]);
  assert.deepEqual([b.counts, b.totals], [[5, 3, 1, 0], [6, 5, 4, 3]]);
  assert.ok(Math.abs(b.score - 100 * ((5 / 6) * (3 / 5) * (1 / 4) * (1 / 6)) ** 0.25) < 1e-9);
  // Corpus BLEU sums statistics before dividing: a short second segment lowers BP for the whole corpus.
  const c = corpusBleu(['the cat sat on the mat', 'a b'], [['the cat is on the mat', 'a b c']]);
  assert.deepEqual([c.counts, c.totals, c.sysLen, c.refLen], [[7, 4, 1, 0], [8, 6, 4, 3], 8, 9]);
  assert.ok(Math.abs(c.score - 100 * Math.exp(1 - 9 / 8) * ((7 / 8) * (4 / 6) * (1 / 4) * (1 / 6)) ** 0.25) < 1e-9);
  assert.equal(bleuSignature(1).replace(/\|version:.*$/, ''), 'nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp');
});

test('ROUGE-L: Lin (2004) §3.1 example and hand-computed LCS F-measures', () => {
  // Reference "police killed the gunman": S2 "police kill the gunman" scores 3/4, S3 "the gunman kill police" 2/4.
  assert.equal(rougeL('police kill the gunman', 'police killed the gunman').f, 0.75);
  assert.equal(rougeL('the gunman kill police', 'police killed the gunman').f, 0.5);
  assert.deepEqual(rougeTokens('Police, KILLED the gun-man!'), ['police', 'killed', 'the', 'gun', 'man']);
  assert.equal(lcsLength(['a', 'b', 'c', 'b', 'd', 'a', 'b'], ['b', 'd', 'c', 'a', 'b', 'a']), 4); // CLRS §15.4: BCBA
  // cand 6 words, ref 4, LCS 3: P = 1/2, R = 3/4, F = 2PR/(P+R) = 3/5.
  const r = rougeL('x the cat y sat z', 'the cat sat down');
  assert.deepEqual([r.precision, r.recall], [0.5, 0.75]);
  assert.ok(Math.abs(r.f - 0.6) < 1e-12);
  assert.equal(rougeL('', 'anything').f, 0);
  assert.ok(Math.abs(corpusRougeL(['police kill the gunman', 'x the cat y sat z'], ['police killed the gunman', 'the cat sat down']) - (0.75 + 0.6) / 2) < 1e-12);
});
