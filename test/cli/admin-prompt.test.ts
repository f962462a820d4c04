/**
 * `satprep admin create` at a terminal asks for the password twice without echoing it, and
 * refuses a blank, short or mismatched one as a usage error. The prompt runs here on
 * PassThrough streams standing in for the terminal; piped input is test/cli/content.test.ts's.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { test } from 'node:test';
import { promptNewPassword } from '../../src/cli/commands/admin.ts';
import { UsageError } from '../../src/cli/commands/db.ts';

/** A fake terminal: what is typed goes in, whatever the prompt writes is kept, raw-mode switches are recorded. */
function terminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    rawModes: [] as boolean[],
    setRawMode(raw: boolean) {
      input.rawModes.push(raw);
      return input;
    },
  });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (b: Buffer) => (shown += b));
  return { input, output, shown: () => shown };
}

/** Types each line once the prompt before it is on the screen, as a person would. */
async function typeAtPrompts(t: ReturnType<typeof terminal>, lines: string[]): Promise<void> {
  const deadline = Date.now() + 5000;
  for (const [i, line] of lines.entries()) {
    while ((t.shown().match(/: /g) ?? []).length <= i) {
      if (Date.now() > deadline) assert.fail(`no prompt ${i + 1}; the screen shows ${JSON.stringify(t.shown())}`);
      await new Promise((r) => setImmediate(r));
    }
    t.input.write(line);
  }
}

test('asks twice without echo, in raw mode restored afterwards, and returns the password', async () => {
  const t = terminal();
  const password = promptNewPassword(t);
  await typeAtPrompts(t, ['correct horse battery\r', 'correct horse battery\r']);
  assert.equal(await password, 'correct horse battery');
  assert.equal(t.shown(), 'admin password: \nadmin password again: \n', 'the prompts and line ends only, never what was typed');
  assert.deepEqual(t.input.rawModes, [true, false], 'echo off while typing, the terminal given back as it was');
});

test('backspace edits the hidden line as it would a visible one', async () => {
  const t = terminal();
  const password = promptNewPassword(t);
  await typeAtPrompts(t, ['correct horse batteryX\x7f\r', 'correct horse battery\r']);
  assert.equal(await password, 'correct horse battery');
});

test('a blank or short password is refused at once, without a second prompt', async () => {
  for (const [typed, message] of [['   \r', /no admin password given/], ['short\r', /at least 12 characters/]] as const) {
    const t = terminal();
    const password = promptNewPassword(t);
    await typeAtPrompts(t, [typed]);
    await assert.rejects(password, (err: Error) => err instanceof UsageError && message.test(err.message));
    assert.doesNotMatch(t.shown(), /again/);
    assert.deepEqual(t.input.rawModes, [true, false]);
  }
});

test('two different entries are refused as a usage error', async () => {
  const t = terminal();
  const password = promptNewPassword(t);
  await typeAtPrompts(t, ['correct horse battery\r', 'correct horse batterz\r']);
  await assert.rejects(password, (err: Error) => err instanceof UsageError && /the two passwords differ; no admin was created/.test(err.message));
});

test('Ctrl-C at the prompt interrupts the command; Ctrl-D leaves the answer blank', async () => {
  const interrupted = terminal();
  const first = promptNewPassword(interrupted);
  await typeAtPrompts(interrupted, ['secr\x03']);
  await assert.rejects(first, /^Error: interrupted$/);
  assert.deepEqual(interrupted.input.rawModes, [true, false]);

  const ended = terminal();
  const second = promptNewPassword(ended);
  await typeAtPrompts(ended, ['correct horse battery\r', '\x04']);
  await assert.rejects(second, (err: Error) => err instanceof UsageError && /differ/.test(err.message));
});
