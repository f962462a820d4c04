/** json-bytes.ts must write exactly the bytes of `JSON.stringify` for the records the formats build. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonBytes } from '../../src/dataset/json-bytes.ts';
import { createRng } from '../../src/lib/rng.ts';

const PIECES = ['plain', 'quote " and \\ backslash', 'tab\tnew\nline\r', '\u0000\u0001\u001f\u007f', 'é ü ß – ’ “”', '数学 𝑥² 😀', '\ud800 lone \udfff', '\u2028\u2029', '</script>', ''];

test('lines equal JSON.stringify byte for byte, long strings shared across records of a pair', () => {
  const rng = createRng('json-bytes');
  const str = () => {
    let s = '';
    const n = Math.floor(rng.next() * 12);
    for (let i = 0; i < n; i++) s += PIECES[Math.floor(rng.next() * PIECES.length)] + (rng.next() < 0.5 ? ' ' : '');
    return s;
  };
  const numbers = [0, -0, 1, -7, 3.25, 1e21, 1.5e-7, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY, 4.35];
  const j = new JsonBytes();
  for (let k = 0; k < 400; k++) {
    const prompt = str().repeat(1 + Math.floor(rng.next() * 8));
    const output = str();
    const records: object[] = [
      { id: `r${k}`, task: 'feedback', user: rng.next() < 0.5 ? null : 'p_0f', rating: numbers[k % numbers.length], outcome: rng.next() < 0.5 ? null : JSON.stringify({ a: output }), input: prompt, output },
      { messages: [{ role: 'system', content: prompt }, { role: 'user', content: str() }, { role: 'assistant', content: output }] },
      { prompt, completion: output, label: rng.next() < 0.5 },
      { skipped: undefined, list: [1, undefined, null, 'x', true, [prompt]], nested: { deep: { v: output, n: -0 } } },
    ];
    j.forget();
    for (const rec of records) assert.deepEqual(j.line(rec), Buffer.from(`${JSON.stringify(rec)}\n`, 'utf8'));
    assert.deepEqual(Buffer.from(j.utf8(prompt)), Buffer.from(prompt, 'utf8'));
    if (prompt.length >= 100) assert.equal(j.utf8(prompt), j.utf8(prompt), 'a long string is encoded once per pair');
  }
});

test('what JSON.stringify would turn into something else is refused, not written differently', () => {
  const j = new JsonBytes();
  assert.throws(() => j.line({ when: new Date(0) }), /toJSON/);
  assert.throws(() => j.line({ n: 1n }), /bigint/);
});
