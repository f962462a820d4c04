import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createBm25Index, tokenize } from '../../../src/ai/search/bm25.ts';
import { buildSearchIndex } from '../../../src/ai/search/sources.ts';
import { FIXTURE_ITEMS, FIXTURE_LESSONS } from '../fixtures.ts';

test('tokens are lower-case stems without stop words', () => {
  assert.deepEqual(tokenize('The slopes of lines'), ['slop', 'line']);
  assert.deepEqual(tokenize('dividing divides'), tokenize('divid divide'));
  // A doubled last consonant before -ing/-ed is undone ("running out of time" meets "run"), but "add" stays "add".
  assert.deepEqual(tokenize('running stopped planned'), tokenize('run stop plan'));
  assert.deepEqual(tokenize('added adding'), tokenize('add add'));
});

test('a document is found by its keywords, which are searched but not part of its text', () => {
  const index = createBm25Index([
    { id: 'notes', title: 'Using notes to meet a writing goal', text: 'Read the goal first.', keywords: 'Rhetorical Synthesis' },
    { id: 'other', title: 'Transitions', text: 'A transition shows how two ideas relate.' },
  ]);
  assert.equal(index.search('rhetorical synthesis questions')[0].id, 'notes');
  assert.equal(index.get('notes')!.text, 'Read the goal first.');
});

test('BM25 ranks the lesson that matches the words first, with scores that fall off', () => {
  const index = buildSearchIndex(FIXTURE_LESSONS, FIXTURE_ITEMS);
  const hits = index.search('how do I find the slope between two points', 3);
  assert.equal(hits[0].id, 'lesson/linear-functions');
  assert.ok(hits[0].score > hits[1].score);
  assert.equal(index.search('semicolon comma splice', 1)[0].id, 'lesson/boundaries');
  assert.deepEqual(index.search('zebra xylophone'), []);
});

test('BM25 matches a hand computation on a two-document corpus', () => {
  const index = createBm25Index([
    { id: 'a', title: 'x', text: 'cat cat dog' },
    { id: 'b', title: 'y', text: 'dog' },
  ], { k1: 1.2, b: 0.75 });
  // doc a: tokens [x, x, cat, cat, dog] (title twice), |D| = 5; avgdl = (5 + 3) / 2 = 4; n(cat) = 1, N = 2.
  const idf = Math.log(1 + (2 - 1 + 0.5) / (1 + 0.5));
  const expected = (idf * 2 * 2.2) / (2 + 1.2 * (1 - 0.75 + (0.75 * 5) / 4));
  const [hit] = index.search('cat');
  assert.equal(hit.id, 'a');
  assert.ok(Math.abs(hit.score - expected) < 1e-12);
});
