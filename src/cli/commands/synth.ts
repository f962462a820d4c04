import type { Command } from 'commander';
import { isSkillId, type SkillId } from '../../content/taxonomy.ts';
import type { Phrasing } from '../../synth/generate.ts';
import type { PairContext } from '../../synth/pairs.ts';
import { createProgress } from '../progress.ts';
import { UsageError } from './db.ts';
import { DATA_DIR_HELP, DEFAULT_MIX, DEFAULT_SEED, numberIn, positiveInt, wholeNumber } from '../options.ts';

/** A Jaccard threshold: above 0 (0 would call every pair a near-duplicate), at most 1. */
const nearDup = (v: string) => {
  const t = numberIn(v, '--near-dup', 0, 1);
  if (t === 0) throw new UsageError('--near-dup must be above 0');
  return t;
};
const mixText = (m: Record<string, number | undefined>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(',');

function parseWeights(spec: string | undefined): Partial<Record<SkillId, number>> {
  const out: Partial<Record<SkillId, number>> = {};
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!isSkillId(k) || !(Number(v) > 0)) throw new UsageError(`bad --oversample entry: ${part} (skill-id=weight)`);
    out[k] = Number(v);
  }
  return out;
}

export function registerSynth(program: Command): void {
  const synth = program
    .command('synth')
    .description('synthetic training pairs for the AI tasks (generate, then `synth report DIR`, `synth sample DIR`)')
    // `synth report DIR --near-dup 0.7`: options after a subcommand are the subcommand's, not this command's own of the same name.
    .enablePositionalOptions()
    .option('--pairs <n>', 'pairs to write', '50000')
    .option('--mix <spec>', 'task=weight,… over feedback, explain, plan_adjust, lesson_summary, help, review, note_reply, tutor_chat', mixText(DEFAULT_MIX))
    .option('--seed <seed>', 'random seed (same seed → same bytes)', 'synth-v1')
    .option('--out <dir>', `output folder (default: DATA_DIR/synth/<seed>, the folder the dataset_build and model_train jobs take by name; ${DATA_DIR_HELP})`)
    .option('--bank-seed <seed>', 'item bank seed', DEFAULT_SEED)
    .option('--per-skill <n>', 'bank items per skill', '126')
    .option('--near-dup <jaccard>', 'near-duplicate threshold on word 5-gram shingles', '0.8')
    .option('--paraphrase <rate>', 'share of pairs offered a rule-based paraphrase', '0.5')
    .option('--oversample <spec>', 'skill-id=weight,… to oversample weak skills')
    .option('--llm-seed <n>', 'ask the configured OpenAI-compatible endpoint for N feedback examples to use as extra phrasings', '0')
    .option('--workers <n>', 'worker threads for the tasks\' streams (0: one thread; default: one per CPU besides the main thread, for large runs); the output is the same either way')
    .action(async (o: { pairs: string; mix: string; seed: string; out?: string; bankSeed: string; perSkill: string; nearDup: string; paraphrase: string; oversample?: string; llmSeed: string; workers?: string }) => {
      const pairs = positiveInt(o.pairs, '--pairs');
      const { parseMix } = await import('../../synth/generate.ts');
      let mix;
      try { mix = parseMix(o.mix); } catch (e) { throw new UsageError((e as Error).message); }
      const threshold = nearDup(o.nearDup);
      const workers = o.workers === undefined ? undefined : wholeNumber(o.workers, '--workers');
      const perSkill = positiveInt(o.perSkill, '--per-skill');
      const paraphraseRate = numberIn(o.paraphrase, '--paraphrase', 0, 1);
      const llmN = wholeNumber(o.llmSeed, '--llm-seed');
      const [{ config, folderName, underDataDir }, { bankCacheDir, cachedBank }, { loadLessons }, { buildContext }, { writeSynthParallel }] = await Promise.all([
        import('../context.ts'), import('../../content/bank-cache.ts'), import('../../content/lessons/index.ts'),
        import('../../synth/pairs.ts'), import('../../synth/parallel.ts'),
      ]);
      const out = o.out ?? underDataDir('synth', folderName(o.seed));
      const t0 = performance.now();
      // The bank comes from the cache when an earlier run built it (content/bank-cache.ts).
      const makeContext = () => buildContext(cachedBank({ seed: o.bankSeed, perSkill, dir: bankCacheDir(config().DATA_DIR) }).items, loadLessons());
      // Without LLM seeding the context is built inside the writer, after its workers have started.
      let ctx: PairContext | (() => PairContext) = makeContext;
      const phrasings: Phrasing[] = [];
      if (llmN > 0) {
        const cfg = config();
        if (!cfg.OPENAI_BASE_URL) throw new UsageError('--llm-seed needs OPENAI_BASE_URL (and OPENAI_API_KEY) to be set');
        const [{ createOpenAiProvider }, { seedFromLlm, slotPhrasing }] = await Promise.all([import('../../ai/providers/openai.ts'), import('../../synth/llm-seed.ts')]);
        const provider = createOpenAiProvider({ baseUrl: cfg.OPENAI_BASE_URL, apiKey: cfg.OPENAI_API_KEY, model: cfg.OPENAI_MODEL });
        ctx = makeContext();
        const seeded = await seedFromLlm(provider, ctx, llmN, o.seed);
        console.log(`llm seed: ${seeded.passed}/${seeded.asked} passed the checks, ${seeded.templates.length} usable as phrasing templates`);
        if (seeded.templates.length) phrasings.push(slotPhrasing(seeded.templates, `llm-seed/${cfg.OPENAI_MODEL}`));
      }
      const progress = createProgress({ total: pairs, label: 'synth' });
      const stats = await writeSynthParallel(out, ctx, { pairs, seed: o.seed, mix, nearDupThreshold: threshold, paraphraseRate, skillWeights: parseWeights(o.oversample), phrasings }, {
        workers,
        onPair: (n) => { if (n % 500 === 0) progress.tick(500); },
      });
      progress.done(undefined, stats.written);
      const secs = (performance.now() - t0) / 1000;
      for (const [t, s] of Object.entries(stats.byTask)) {
        console.log(`${t.padEnd(15)} ${String(s.written).padStart(6)} written, ${s.regeneratedSlots} regenerated (${s.checkFailed} check failures, ${s.exactDuplicate} exact dups, ${s.nearDuplicate} near dups), ${s.paraphrased} paraphrased, ${s.droppedSlots} dropped`);
      }
      console.log(`${stats.written}/${pairs} pairs → ${out} in ${secs.toFixed(1)} s (${(stats.written / secs).toFixed(0)} pairs/s including the bank)`);
      if (stats.written < pairs) {
        throw new Error(`only ${stats.written} of ${pairs} pairs could be made distinct enough at --near-dup ${threshold}: raise the threshold, widen --mix, or ask for fewer pairs (the ${stats.written} are in ${out})`);
      }
    });

  synth
    .command('report <dir>')
    .description('counts per task × section × skill, lengths, distinct-n, near-duplicates, check pass rate → DIR/report.md')
    .option('--near-dup <jaccard>', 'near-duplicate threshold', '0.8')
    .option('--no-checks', 'skip re-running the task checks')
    .action(async (dir: string, o: { nearDup: string; checks: boolean }) => {
      const threshold = nearDup(o.nearDup);
      const { writeReport } = await import('../../synth/report.ts');
      const r = await writeReport(dir, { threshold, checks: o.checks });
      console.log(`${r.total} pairs; checks passed ${(100 * r.checkPassRate).toFixed(2)}%; near-duplicate rate ${(100 * r.nearDuplicateRate).toFixed(2)}%`);
      for (const [t, s] of Object.entries(r.byTask)) {
        console.log(`${t.padEnd(15)} ${String(s.count).padStart(6)}  words p50 ${s.words.p50}  distinct-2 ${s.distinct2.toFixed(4)}  near-dup ${(100 * s.nearDuplicateRate).toFixed(2)}%  min skill share ${(100 * s.minSkillShare).toFixed(2)}%`);
      }
      console.log(`→ ${dir}/report.md`);
      if (r.failures.length) process.exitCode = 1;
    });

  synth
    .command('sample <dir>')
    .description('N pairs stratified by task × section, as Markdown for manual review → DIR/sample.md')
    .option('--n <n>', 'pairs', '100')
    .option('--seed <seed>', 'sampling seed', 'review')
    .action(async (dir: string, o: { n: string; seed: string }) => {
      const n = positiveInt(o.n, '--n');
      const { writeSample } = await import('../../synth/sample.ts');
      const { file, picked } = await writeSample(dir, n, o.seed);
      console.log(`${picked} pairs → ${file}`);
    });

  program
    .command('simulate')
    .description('simulated students through the real assessment engine; --db stores them as flagged simulated users')
    .option('--students <n>', 'students', '100')
    .option('--days <n>', 'days of study after the diagnostic', '28')
    .option('--seed <seed>', 'random seed', 'sim-v1')
    .option('--bank-seed <seed>', 'item bank seed', DEFAULT_SEED)
    .option('--per-skill <n>', 'bank items per skill', '126')
    .option('--db', 'write users, sessions, responses, proficiency, plans, actions, feedback and ratings to the database')
    .action(async (o: { students: string; days: string; seed: string; bankSeed: string; perSkill: string; db?: boolean }) => {
      const students = positiveInt(o.students, '--students');
      const days = positiveInt(o.days, '--days');
      const perSkill = positiveInt(o.perSkill, '--per-skill');
      const [{ config, withDatabase }, { bankCacheDir, cachedBank }, { simulate }] = await Promise.all([
        import('../context.ts'), import('../../content/bank-cache.ts'), import('../../synth/simulate.ts'),
      ]);
      const { items } = cachedBank({ seed: o.bankSeed, perSkill, dir: bankCacheDir(config().DATA_DIR) });
      const t0 = performance.now();
      const result = simulate({ students, days, seed: o.seed, items });
      const acc = result.responses.filter((r) => r.correct).length / Math.max(1, result.responses.length);
      const skipped = result.planActions.filter((a) => a.action === 'skipped').length;
      console.log(`${students} students × ${days} days: ${result.sessions.length} sessions, ${result.responses.length} responses (${(100 * acc).toFixed(1)}% correct), ${result.planActions.length} plan actions (${skipped} skipped), ${result.feedback.filter((f) => f.stars !== null).length} ratings in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      if (o.db) {
        const { writeSimulation } = await import('../../synth/simulate-db.ts');
        await withDatabase(async (database) => {
          const progress = createProgress({ total: students, label: 'simulate --db' });
          let last = 0;
          const counts = await writeSimulation(database.db, result, items, { onBatch: (n) => { progress.tick(n - last); last = n; } });
          progress.done();
          console.log(`${database.location}: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(', ')} (users flagged is_simulated)`);
        });
      }
    });
}
