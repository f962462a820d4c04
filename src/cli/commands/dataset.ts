import type { Command } from 'commander';
import { resolvePseudonymKey } from '../../collect/pseudonym.ts';
import { buildDataset } from '../../dataset/build.ts';
import { countCandidates } from '../../dataset/read-db.ts';
import { withDatabase } from '../context.ts';
import { createProgress } from '../progress.ts';

export function registerDataset(program: Command): void {
  const dataset = program.command('dataset').description('training datasets from consented interactions and synthetic pairs');
  dataset
    .command('build')
    .description('read → consent & scrub → filter → dedup → split → write JSONL/Parquet with manifest and card; registers the version')
    .requiredOption('--name <name>', 'dataset name ([A-Za-z0-9._-])')
    .option('--synth <dir...>', 'synthetic JSONL folders or files from `satprep synth`')
    .option('--seed <seed>', 'split seed (same inputs + seed → same bytes)', 'dataset-v1')
    .option('--out <dir>', 'parent output folder', 'data/datasets')
    .option('--include-simulated', 'include simulated users (never for production training)', false)
    .option('--no-content', 'leave out question → rationale pairs')
    .action(async (o: { name: string; synth?: string[]; seed: string; out: string; includeSimulated: boolean; content: boolean }) => {
      await withDatabase(async (database, cfg) => {
        const total = (await countCandidates(database.db)) + 0;
        const progress = createProgress({ total, label: `dataset ${o.name}` });
        let last = 0;
        const res = await buildDataset(database.db, {
          name: o.name,
          outDir: o.out,
          key: resolvePseudonymKey(cfg),
          seed: o.seed,
          synthDirs: o.synth,
          includeSimulated: o.includeSimulated,
          contentPairs: o.content,
          onRead: (n) => { progress.tick(n - last); last = n; },
        });
        progress.done();
        const m = res.manifest;
        console.log(`${res.id}: ${m.counts.total} pairs (${Object.entries(m.counts.bySplit).map(([k, v]) => `${k} ${v}`).join(', ')}), ${m.counts.negatives} negatives → ${res.path}`);
      });
    });
}
