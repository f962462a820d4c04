/**
 * The on-disk bank cache: a second run reads the items the first one built, the file's name
 * follows the seed and size, a damaged file is rebuilt, and synthetic pairs made from a cached
 * bank are the bytes made from a freshly built one.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { bankKey, cachedBank } from '../../src/content/bank-cache.ts';
import { buildBank } from '../../src/content/bank.ts';
import { loadLessons } from '../../src/content/lessons/index.ts';
import { writeSynth } from '../../src/synth/generate.ts';
import { buildContext } from '../../src/synth/pairs.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'bank-cache-'));
after(() => rmSync(dir, { recursive: true, force: true }));

test('the first call builds and stores the bank, the next reads the same items back', () => {
  const first = cachedBank({ seed: 'cache-test', perSkill: 3, dir });
  assert.equal(first.from, 'built');
  assert.equal(first.items.length, 3 * 29);
  const second = cachedBank({ seed: 'cache-test', perSkill: 3, dir });
  assert.equal(second.from, 'cache');
  assert.equal(second.file, first.file);
  assert.equal(JSON.stringify(second.items), JSON.stringify(buildBank({ seed: 'cache-test', perSkill: 3 })));
});

test('seed and size are part of the key', () => {
  assert.notEqual(bankKey('a', 3), bankKey('b', 3));
  assert.notEqual(bankKey('a', 3), bankKey('a', 4));
  assert.equal(bankKey('a', 3), bankKey('a', 3));
});

test('a damaged cache file is rebuilt, not trusted', () => {
  const { file } = cachedBank({ seed: 'cache-damaged', perSkill: 2, dir });
  writeFileSync(file, '[{"id": "half a fi');
  const again = cachedBank({ seed: 'cache-damaged', perSkill: 2, dir });
  assert.equal(again.from, 'built');
  assert.equal((JSON.parse(readFileSync(file, 'utf8')) as unknown[]).length, 2 * 29);
});

test('synthetic pairs from a cached bank are byte-identical to pairs from a built one', () => {
  const opts = { pairs: 300, seed: 'cache-bytes' };
  const lessons = loadLessons();
  cachedBank({ seed: 'cache-test', perSkill: 3, dir });
  const cached = cachedBank({ seed: 'cache-test', perSkill: 3, dir });
  assert.equal(cached.from, 'cache');
  writeSynth(path.join(dir, 'from-cache'), buildContext(cached.items, lessons), opts);
  writeSynth(path.join(dir, 'from-build'), buildContext(buildBank({ seed: 'cache-test', perSkill: 3 }), lessons), opts);
  for (const f of ['pairs.jsonl', 'manifest.json']) {
    assert.ok(readFileSync(path.join(dir, 'from-cache', f)).equals(readFileSync(path.join(dir, 'from-build', f))), f);
  }
});

test('the cache keeps the newest few banks, not every one ever built', () => {
  const own = mkdtempSync(path.join(tmpdir(), 'bank-prune-'));
  try {
    for (let i = 0; i < 6; i++) cachedBank({ seed: `prune-${i}`, perSkill: 1, dir: own });
    const left = readdirSync(own).filter((f) => f.startsWith('bank-'));
    assert.equal(left.length, 4);
    // The newest is still there and is read, not rebuilt.
    assert.equal(cachedBank({ seed: 'prune-5', perSkill: 1, dir: own }).from, 'cache');
  } finally {
    rmSync(own, { recursive: true, force: true });
  }
});
