import path from 'node:path';
import type { Command } from 'commander';
import { isSkillId } from '../../content/taxonomy.ts';
import { DEFAULT_BALANCE } from '../../dataset/balance.ts';
import { FORMATS, isFormat, type Format } from '../../dataset/formats.ts';
import { DEFAULT_PHASE_POLICY, PHASE_MODES, type PhaseMode } from '../../dataset/phase.ts';
import { DATA_DIR_HELP, numberIn, optional, positiveInt, wholeNumber } from '../options.ts';
import { createProgress } from '../progress.ts';
import { UsageError } from './db.ts';

function parseFormats(spec: string): Format[] {
  const out = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = out.filter((f) => !isFormat(f));
  if (bad.length || !out.length) throw new UsageError(`--format takes a comma list of ${FORMATS.join(', ')} (got ${spec})`);
  return out as Format[];
}

function parseWeak(spec: string | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of (spec ?? '').split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    if (!isSkillId(k) || !Number.isInteger(Number(v)) || Number(v) < 1) throw new UsageError(`bad --weak-skills entry: ${part} (skill-id=copies)`);
    out[k] = Number(v);
  }
  return out;
}

interface BuildFlags {
  name: string; synth?: string[]; seed: string; out?: string; includeSimulated: boolean; content: boolean; parquet: boolean;
  format: string; phase: string; mixedFrom: string; realFrom: string; syntheticShare: string;
  maxPerSkill?: string; minPerSkill: string; maxOversample: string; weakSkills?: string;
}

export function registerDataset(program: Command): void {
  const dataset = program.command('dataset').description('training datasets from consented interactions and synthetic pairs');
  dataset
    .command('build')
    .description('read → consent & scrub → filter → dedup → split → phase, mix & balance → write JSONL/Parquet with manifest and card; registers the version')
    .requiredOption('--name <name>', 'dataset name ([A-Za-z0-9._-])')
    .option('--format <list>', `formats, comma-separated: ${FORMATS.join(', ')}`, FORMATS.join(','))
    .option('--phase <mode>', `${PHASE_MODES.join(' | ')}: auto picks by the number of real pairs`, 'auto')
    .option('--mixed-from <n>', 'real pairs from which the mixed phase starts', String(DEFAULT_PHASE_POLICY.mixedFrom))
    .option('--real-from <n>', 'real pairs from which synthetic data is left out', String(DEFAULT_PHASE_POLICY.realFrom))
    .option('--synthetic-share <x>', 'synthetic share of real + synthetic in the mixed phase', String(DEFAULT_PHASE_POLICY.syntheticShare))
    .option('--max-per-skill <n>', 'cap on positive pairs per task and skill (default: none)')
    .option('--min-per-skill <n>', 'oversample train pairs of task × skill cells with fewer pairs', '0')
    .option('--max-oversample <n>', 'most copies of a train pair from --min-per-skill', String(DEFAULT_BALANCE.maxOversample))
    .option('--weak-skills <spec>', 'skill-id=copies,… train pairs of these skills written that many times')
    .option('--synth <dir...>', 'synthetic JSONL folders or files from `satprep synth`')
    .option('--seed <seed>', 'split and sampling seed (same inputs + seed → same bytes)', 'dataset-v1')
    .option('--out <dir>', `parent output folder (default: DATA_DIR/datasets, where the dataset_build job writes; ${DATA_DIR_HELP})`)
    .option('--include-simulated', 'include simulated users (never for production training)', false)
    .option('--no-content', 'leave out question → rationale pairs')
    .option('--no-parquet', 'JSONL only')
    .action(async (o: BuildFlags) => {
      const formats = parseFormats(o.format);
      if (!(PHASE_MODES as readonly string[]).includes(o.phase)) throw new UsageError(`--phase must be one of ${PHASE_MODES.join(', ')}`);
      const share = numberIn(o.syntheticShare, '--synthetic-share', 0, 1);
      // 1 would leave no room for real pairs in the mixed phase, which is what tells it from the synthetic one.
      if (share === 1) throw new UsageError('--synthetic-share must be below 1');
      const phasePolicy = { mixedFrom: wholeNumber(o.mixedFrom, '--mixed-from'), realFrom: wholeNumber(o.realFrom, '--real-from'), syntheticShare: share };
      if (phasePolicy.realFrom < phasePolicy.mixedFrom) throw new UsageError('--real-from must be at least --mixed-from');
      const balance = {
        maxPerSkill: optional(wholeNumber, o.maxPerSkill, '--max-per-skill') ?? Infinity,
        minPerSkill: wholeNumber(o.minPerSkill, '--min-per-skill'),
        // One copy is the pair itself; 0 copies would be a silent 1.
        maxOversample: positiveInt(o.maxOversample, '--max-oversample'),
        weakSkills: parseWeak(o.weakSkills),
      };
      const [{ resolvePseudonymKey }, { buildDataset }, { countCandidates }, { countSynthLines }, { withDatabase }] = await Promise.all([
        import('../../collect/pseudonym.ts'), import('../../dataset/build.ts'), import('../../dataset/read-db.ts'),
        import('../../dataset/read-synth.ts'), import('../context.ts'),
      ]);
      await withDatabase(async (database, cfg) => {
        const out = o.out ?? path.join(cfg.DATA_DIR, 'datasets');
        const progress = createProgress({ total: (await countCandidates(database.db)) + (await countSynthLines(o.synth ?? [])), label: `dataset ${o.name}` });
        // Ctrl-C stops the build cleanly: nothing half-written stays, nothing is registered.
        const abort = new AbortController();
        const onSigint = () => abort.abort(new Error('interrupted'));
        process.once('SIGINT', onSigint);
        let last = 0;
        try {
          const res = await buildDataset(database.db, {
            name: o.name, outDir: out, key: resolvePseudonymKey(cfg), seed: o.seed, synthDirs: o.synth,
            includeSimulated: o.includeSimulated, contentPairs: o.content, parquet: o.parquet, formats,
            phase: o.phase as PhaseMode, phasePolicy, balance, signal: abort.signal,
            onRead: (n) => { progress.tick(n - last); last = n; },
          });
          progress.done();
          const m = res.manifest;
          console.log(`${res.id}: phase ${m.phase.chosen}, ${m.counts.total} pairs (${Object.entries(m.counts.bySplit).map(([k, v]) => `${k} ${v}`).join(', ')}), ${m.counts.negatives} negatives, ${m.counts.preference} preference pairs → ${res.path}`);
        } finally {
          process.off('SIGINT', onSigint);
        }
      });
    });
  dataset
    .command('list')
    .argument('[name]', 'only this dataset')
    .description('registered dataset versions')
    .action(async (name: string | undefined) => {
      const [{ listDatasets }, { withDatabase }] = await Promise.all([import('../../dataset/registry.ts'), import('../context.ts')]);
      await withDatabase(async (database) => {
        for (const d of await listDatasets(database.db, name)) {
          const m = d.manifest as { phase?: { chosen?: string }; counts?: { total?: number } };
          console.log(`${d.id}\t${d.createdAt.toISOString()}\tphase ${m.phase?.chosen ?? '?'}\t${m.counts?.total ?? '?'} pairs\t${d.path}`);
        }
      });
    });
  dataset
    .command('diff')
    .argument('<a>', 'dataset id (name@vN), name (latest version) or folder')
    .argument('<b>', 'dataset id, name or folder')
    .option('--json', 'print the diff as JSON', false)
    .description('counts per task/source/split and records added/removed (by content hash) between two datasets')
    .action(async (a: string, b: string, o: { json: boolean }) => {
      const [{ resolveDataset }, { diffDatasets, formatDiff }, { withDatabase }] = await Promise.all([
        import('../../dataset/registry.ts'), import('../../dataset/diff.ts'), import('../context.ts'),
      ]);
      await withDatabase(async (database) => {
        const [ra, rb] = [await resolveDataset(database.db, a), await resolveDataset(database.db, b)];
        const d = await diffDatasets(ra.dir, rb.dir, { labels: [ra.label, rb.label] });
        console.log(o.json ? JSON.stringify(d, null, 2) : formatDiff(d));
      });
    });
  dataset
    .command('verify')
    .argument('<ref>', 'dataset id (name@vN), name (latest version) or folder')
    .description('read every file back: JSONL against each format schema, Parquet through DuckDB, hashes and counts against the manifest')
    .action(async (ref: string) => {
      const [{ resolveDataset }, { verifyDataset }, { withDatabase }] = await Promise.all([
        import('../../dataset/registry.ts'), import('../../dataset/verify.ts'), import('../context.ts'),
      ]);
      await withDatabase(async (database) => {
        const r = await resolveDataset(database.db, ref);
        const report = await verifyDataset(r.dir);
        for (const f of report.files) console.log(`${f.errors.length ? 'FAIL' : 'ok  '} ${f.path} (${f.rows} rows)${f.errors.length ? `: ${f.errors.join('; ')}` : ''}`);
        if (!report.ok) throw new Error(`${r.label}: ${report.files.filter((f) => f.errors.length).length} file(s) failed read-back`);
        console.log(`${r.label}: all ${report.files.length} files read back`);
      });
    });
}
