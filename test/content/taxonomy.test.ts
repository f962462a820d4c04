import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DOMAINS, SKILLS, SKILL_IDS, TAXONOMY, section, skill, skillsOf } from '../../src/content/taxonomy.ts';

test('the blueprint has 2 sections, 8 domains and 29 skills (10 R&W, 19 Math)', () => {
  assert.equal(TAXONOMY.sections.length, 2);
  assert.equal(DOMAINS.length, 8);
  assert.equal(SKILLS.length, 29);
  assert.equal(skillsOf('rw').length, 10);
  assert.equal(skillsOf('math').length, 19);
  const perDomain = Object.fromEntries(DOMAINS.map((d) => [d.name, d.skills.length]));
  assert.deepEqual(Object.values(perDomain), [3, 3, 2, 2, 5, 3, 7, 4]);
});

test('module lengths, minutes, break and scale match the digital SAT', () => {
  const rw = section('rw');
  const math = section('math');
  assert.deepEqual([rw.modules, rw.questionsPerModule, rw.minutesPerModule], [2, 27, 32]);
  assert.deepEqual([math.modules, math.questionsPerModule, math.minutesPerModule], [2, 22, 35]);
  assert.equal(TAXONOMY.breakMinutes, 10);
  assert.deepEqual(TAXONOMY.sectionScale, { min: 200, max: 800, step: 10 });
});

test('domain shares sum to 1 per section and their question ranges bracket the share of the test', () => {
  for (const s of TAXONOMY.sections) {
    const total = s.domains.reduce((sum, d) => sum + d.share, 0);
    assert.ok(Math.abs(total - 1) < 1e-9, `${s.id} shares sum to ${total}`);
    const operational = s.modules * (s.questionsPerModule - s.pretestPerModule);
    for (const d of s.domains) {
      const expected = d.share * operational;
      assert.ok(expected >= d.questionRange[0] - 1 && expected <= d.questionRange[1] + 1, `${d.id}: ${expected}`);
    }
  }
});

test('skill ids are unique, stable-looking and resolve back to their skill', () => {
  assert.equal(new Set(SKILL_IDS).size, SKILL_IDS.length);
  for (const s of SKILLS) {
    assert.match(s.id, /^(rw|math)\.[a-z]+\.[a-z0-9-]+$/);
    assert.ok(s.id.startsWith(`${s.domain}.`));
    assert.equal(skill(s.id).name, s.name);
  }
  assert.deepEqual(skill('rw.info.evidence').subtypes, ['textual', 'quantitative']);
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) return [];
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.(ts|tsx|js|mjs)$/.test(name) ? [p] : [];
  });
}

test('no skill or domain name is typed as a string literal outside taxonomy.ts', () => {
  const names = [...SKILLS.map((s) => s.name), ...DOMAINS.map((d) => d.name)];
  const roots = ['src', 'web', 'bench', 'scripts'].filter((d) => {
    try {
      return statSync(d).isDirectory();
    } catch {
      return false;
    }
  });
  const offenders: string[] = [];
  for (const file of roots.flatMap(sourceFiles)) {
    if (file.endsWith(path.join('content', 'taxonomy.ts'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const name of names) {
      for (const q of ["'", '"', '`']) {
        if (text.includes(`${q}${name}${q}`)) offenders.push(`${file}: ${q}${name}${q}`);
      }
    }
  }
  assert.deepEqual(offenders, []);
});
