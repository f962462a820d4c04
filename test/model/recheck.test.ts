/**
 * `satprep model recheck`: an evaluation's stored outputs judged by today's checks. An output
 * that passed when the report was written and fails now is counted as failing now.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readEvalSet } from '../../src/model/eval/evalset.ts';
import { recheckGenerations, recheckTable } from '../../src/model/eval/recheck.ts';

const set = readEvalSet('models/small/heldout.jsonl');

test('stored outputs are checked against their inputs by id: the reference passes, a mangled one fails, an unknown id is counted apart', () => {
  const feedback = set.examples.find((e) => e.task === 'feedback')!;
  const line = (o: object) => JSON.stringify({ id: feedback.id, task: 'feedback', system: 'inhouse', pass: true, ...o });
  const text = [
    line({ output: feedback.reference }),
    // Passed when written (pass: true), but claims a skill was answered perfectly: today's checks fail it.
    line({ output: 'You answered 99 of 99 correctly in every skill.' }),
    JSON.stringify({ id: 'not-in-this-set', task: 'feedback', system: 'inhouse', output: 'x', pass: true }),
  ].join('\n');
  const r = recheckGenerations(text, set);
  assert.equal(r.unmatched, 1);
  assert.equal(r.rows.length, 1);
  const [row] = r.rows;
  assert.deepEqual([row.system, row.task, row.n, row.passedThen, row.passesNow], ['inhouse', 'feedback', 2, 2, 1]);
  assert.ok(Object.keys(row.failing).length > 0, 'the failing checks are named');
  assert.match(recheckTable(r), /\| inhouse \| feedback \| 2 \| 100\.0% \| 50\.0% \|/);
  assert.match(recheckTable(r), /1 stored outputs have no example in this eval set/);
});
