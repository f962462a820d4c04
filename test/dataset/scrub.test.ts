import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NameIndex, residualPii, scrubText } from '../../src/dataset/scrub.ts';
import { assignSplit } from '../../src/dataset/split.ts';

test('each PII kind becomes its typed placeholder; math and ordinary words survive', () => {
  const idx = new NameIndex(['Ana Lima']);
  const cases: [string, string][] = [
    ['write to ana.lima99@gmail.com today', 'write to [EMAIL] today'],
    ['call (555) 123-4567 or 555.123.4567 or +1 555 123 4567 or +44 20 7946 0958', 'call [PHONE] or [PHONE] or [PHONE] or [PHONE]'],
    ['I live at 42 Old Mill Road, Apt 3', 'I live at [ADDRESS]'],
    ['see https://portal.example.org/students/48213/grades now', 'see [URL] now'],
    ['follow @math_wiz22 there', 'follow [HANDLE] there'],
    ['Ask Lima or ANA about it', 'Ask [NAME] or [NAME] about it'],
    ['my friend Belgromwen Mirazorpry knows', 'my friend [NAME] knows'],
    ['so 3x + 5 = 20 gives x = 5, and 1,000,000 is large', 'so 3x + 5 = 20 gives x = 5, and 1,000,000 is large'],
  ];
  for (const [raw, want] of cases) assert.equal(scrubText(raw, ['Ana Lima'], idx), want);
  assert.equal(scrubText('Priya helped', [], idx), '[NAME] helped', 'common given names list');
});

test('residualPii catches what the scrubber is not asked to see', () => {
  assert.equal(residualPii('mail x@y.com', []), 'email');
  assert.equal(residualPii('dial 555-123-4567', []), 'phone');
  assert.equal(residualPii('dial 5551234567', []), 'digit-run');
  assert.equal(residualPii('hello Lima', ['Ana Lima']), 'name');
  assert.equal(residualPii('[EMAIL] and [PHONE]', ['Ana Lima']), null);
});

test('split assignment is a stable function of seed and key, near the requested ratios', () => {
  assert.equal(assignSplit('s', 'user:p_1'), assignSplit('s', 'user:p_1'));
  const n = 20000;
  const c = { train: 0, validation: 0, test: 0 };
  for (let i = 0; i < n; i++) c[assignSplit('s', `k${i}`)]++;
  assert.ok(Math.abs(c.train / n - 0.8) < 0.015 && Math.abs(c.validation / n - 0.1) < 0.01, JSON.stringify(c));
});

test('the quick pre-checks never skip a UUID or a cued name (hyphen positions, cue words with any blanks)', () => {
  const idx = new NameIndex([]);
  assert.equal(scrubText('row 123e4567-e89b-12d3-a456-4266b41f4000 and 123E4567-E89B-12D3-A456-42661A174C00.', [], idx), 'row [ID] and [ID].');
  assert.equal(scrubText('x----y a-b-c-d 1–7', [], idx), 'x----y a-b-c-d 1–7');
  assert.equal(scrubText('my friends\tZed Quorn and my coach  Dan Brel came; this is Ola', [], idx), 'my friends\t[NAME] and my coach  [NAME] came; this is [NAME]');
  assert.equal(residualPii('see abcdef12-abcd-4bcd-abcd-abcdef123456', []), 'uuid');
  assert.equal(residualPii('see abcdef12-abcd-4bcd-abcd', []), null);
});
