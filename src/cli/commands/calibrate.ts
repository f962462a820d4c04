import type { Command } from 'commander';
import { positiveInt, positiveNumber } from '../options.ts';

export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description('fit item parameters (3PL, MML/EM) from stored answers, anchored on operational items; report poor fit and graduate pretest items')
    .option('--min-responses <n>', 'answers an item needs to be estimated', '30')
    .option('--all', 're-estimate operational items too (scale set by the population prior)')
    .option('--max-se-b <x>', 'SE(b) at which a pretest item graduates', '0.2')
    .option('--apply', 'write the new parameters (default: report only)')
    .action(async (o: { minResponses: string; all?: boolean; maxSeB: string; apply?: boolean }) => {
      const minResponses = positiveInt(o.minResponses, '--min-responses');
      const maxSeB = positiveNumber(o.maxSeB, '--max-se-b');
      const [{ calibrateBank }, { withDatabase }] = await Promise.all([import('../../practice/calibration.ts'), import('../context.ts')]);
      await withDatabase(async (database) => {
        const r = await calibrateBank(database.db, { minResponses, all: o.all, maxSeB, apply: o.apply });
        if (r.itemsInMatrix === 0) {
          console.log(`no item has ${minResponses}+ stored answers yet; nothing to calibrate`);
          return;
        }
        console.log(`${r.persons} students × ${r.itemsInMatrix} items: ${r.estimated} estimated, ${r.anchored} anchored, ${r.iterations} EM cycles (${r.converged ? 'converged' : 'NOT converged'})`);
        for (const f of r.flagged.slice(0, 30)) console.log(`poor fit: ${f.id} RMSD ${f.rmsd.toFixed(3)} (n=${f.n})`);
        console.log(`${r.flagged.length} item(s) flagged for poor fit; ${r.graduated.length} pretest item(s) ready to graduate`);
        console.log(r.applied ? 'parameters written' : 'report only (pass --apply to write)');
      });
    });
}
