import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { bankStats } from '../../content/bank.ts';
import { isSkillId, type SkillId } from '../../content/taxonomy.ts';
import { createProgress } from '../progress.ts';
import { UsageError } from './db.ts';
import { DEFAULT_PER_SKILL, DEFAULT_SEED, positiveInt } from '../options.ts';

export function registerContent(program: Command): void {
  const content = program.command('content').description('the item bank and lessons');

  content
    .command('build')
    .description('generate the verified item bank and lessons, store them (idempotent) and write a JSONL copy')
    .option('--per-skill <n>', 'items per skill', String(DEFAULT_PER_SKILL))
    .option('--seed <seed>', 'random seed (same seed → same bank)', DEFAULT_SEED)
    .option('--out <file>', 'JSONL output', 'content/bank.jsonl')
    .option('--no-db', 'only write the JSONL file')
    .action(async (opts: { perSkill: string; seed: string; out: string; db: boolean }) => {
      const perSkill = positiveInt(opts.perSkill, '--per-skill');
      const [{ buildBank, toJsonl }, { GENERATORS }] = await Promise.all([import('../../content/bank.ts'), import('../../content/items/index.ts')]);
      const t0 = performance.now();
      const progress = createProgress({ total: GENERATORS.length, label: 'content build' });
      const items = buildBank({ seed: opts.seed, perSkill, onSkill: (skill) => progress.tick(1, skill) });
      progress.done();
      mkdirSync(path.dirname(opts.out), { recursive: true });
      writeFileSync(opts.out, toJsonl(items));
      const buildSeconds = (performance.now() - t0) / 1000;
      console.log(`built ${items.length} items for ${GENERATORS.length} skills in ${buildSeconds.toFixed(1)} s → ${opts.out}`);
      if (opts.db) {
        const [{ loadLessons }, { writeItems, writeLessons }, { withDatabase }] = await Promise.all([
          import('../../content/lessons/index.ts'), import('../../content/store.ts'), import('../context.ts'),
        ]);
        await withDatabase(async (database) => {
          const inserted = await writeItems(database.db, items);
          const lessons = await writeLessons(database.db, loadLessons());
          console.log(`${database.location}: ${inserted} new item(s) stored (${items.length - inserted} already present), ${lessons} lessons`);
        });
      }
      console.log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    });

  content
    .command('sample')
    .description('write a readable sample of the bank (3 items per skill) for human review')
    .option('--seed <seed>', 'bank seed', DEFAULT_SEED)
    .option('--per-skill <n>', 'items per skill in the sample', '3')
    .option('--out <file>', 'Markdown output', 'content/SAMPLE.md')
    .action(async (opts: { seed: string; perSkill: string; out: string }) => {
      const perSkill = positiveInt(opts.perSkill, '--per-skill');
      const [{ buildBank }, { sampleMarkdown }] = await Promise.all([import('../../content/bank.ts'), import('../../content/sample.ts')]);
      const items = buildBank({ seed: opts.seed });
      mkdirSync(path.dirname(opts.out), { recursive: true });
      writeFileSync(opts.out, sampleMarkdown(items, opts.seed, perSkill));
      console.log(`wrote ${opts.out}`);
    });

  content
    .command('check')
    .description('re-verify every stored item key with its independent verifier; counts per skill × difficulty × type')
    .option('--skill <id>', 'only this skill')
    .action(async (opts: { skill?: string }) => {
      if (opts.skill && !isSkillId(opts.skill)) throw new UsageError(`unknown skill id: ${opts.skill}`);
      const [{ checkStoredItems }, { withDatabase }] = await Promise.all([import('../../content/store.ts'), import('../context.ts')]);
      await withDatabase(async (database) => {
        const report = await checkStoredItems(database.db, { skill: opts.skill as SkillId | undefined });
        if (report.checked === 0) throw new UsageError(`no items are stored${opts.skill ? ` for ${opts.skill}` : ''}: build the bank first (satprep content build)`);
        console.log(formatCounts(report.counts));
        for (const f of report.failed.slice(0, 50)) console.log(`FAIL ${f.id}: ${f.reason}`);
        const ok = report.checked - report.failed.length;
        console.log(`verified ${ok}/${report.checked} keys (${((100 * ok) / Math.max(report.checked, 1)).toFixed(1)}%)`);
        if (report.failed.length > 0) process.exitCode = 1;
      });
    });
}

function formatCounts(counts: ReturnType<typeof bankStats>['bySkill']): string {
  const lines = ['skill'.padEnd(36) + 'easy mcq/spr'.padStart(14) + 'medium'.padStart(10) + 'hard'.padStart(10) + 'total'.padStart(8)];
  for (const [skill, byDiff] of Object.entries(counts)) {
    let total = 0;
    const cells = ['easy', 'medium', 'hard'].map((d) => {
      const c = byDiff[d] ?? {};
      total += (c.mcq ?? 0) + (c.spr ?? 0);
      return `${c.mcq ?? 0}/${c.spr ?? 0}`;
    });
    lines.push(skill.padEnd(36) + cells[0].padStart(14) + cells[1].padStart(10) + cells[2].padStart(10) + String(total).padStart(8));
  }
  return lines.join('\n');
}
