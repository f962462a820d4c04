/**
 * Issue 12, acceptance 2: `model eval` writes the side-by-side report (in-house model beside
 * the template provider), and its numbers are recomputed here from the files it wrote — BLEU
 * by a separate, deliberately plain implementation from generations.jsonl, pass rates from
 * the written check results (and those check results by re-running each task's checks on the
 * written output against the held-out input).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createOpenAiProvider } from '../../../src/ai/providers/openai.ts';
import { getTask } from '../../../src/ai/tasks/index.ts';
import { readEvalSet, stratumOf } from '../../../src/model/eval/evalset.ts';
import type { EvalReport } from '../../../src/model/eval/report.ts';
import { evaluateModel } from '../../../src/model/eval/run.ts';
import type { Generation } from '../../../src/model/eval/suite.ts';
import { trainFromFile } from '../../../src/model/train-run.ts';
import { synthPairsFile, TINY, tempDir } from '../fixtures.ts';

const tmp = tempDir('lm-eval-');
let server: Server;
after(() => {
  server?.close();
  tmp.remove();
});

/** BLEU-4 with 13a tokens and exp smoothing, written from Papineni et al. and mteval-v13a without looking at src/. */
function plainBleu(hyps: string[], refs: string[]): number {
  const tok = (s: string) => {
    let t = ` ${s.trimEnd().replaceAll('\n', ' ')} `;
    t = t.replace(/[{-~[-` -&(-+:-@/]/g, (c) => ` ${c} `);
    t = t.replace(/([^0-9])([.,])/g, '$1 $2 ').replace(/([.,])([^0-9])/g, ' $1 $2').replace(/([0-9])(-)/g, '$1 $2 ');
    return t.split(/\s+/).filter((w) => w.length > 0);
  };
  const match = [0, 0, 0, 0], total = [0, 0, 0, 0];
  let c = 0, r = 0;
  for (let i = 0; i < hyps.length; i++) {
    const h = tok(hyps[i]), g = tok(refs[i]);
    c += h.length;
    r += g.length;
    for (let n = 1; n <= 4; n++) {
      const grams = (w: string[]) => {
        const m: Record<string, number> = {};
        for (let k = 0; k + n <= w.length; k++) m[w.slice(k, k + n).join(' ')] = (m[w.slice(k, k + n).join(' ')] ?? 0) + 1;
        return m;
      };
      const hg = grams(h), rg = grams(g);
      for (const [k, v] of Object.entries(hg)) { total[n - 1] += v; match[n - 1] += Math.min(v, rg[k] ?? 0); }
    }
  }
  if (match.every((m) => m === 0)) return 0;
  let logSum = 0, k = 1;
  for (let n = 0; n < 4; n++) {
    if (total[n] === 0) return 0;
    const p = match[n] > 0 ? match[n] / total[n] : 1 / ((k *= 2) * total[n]);
    logSum += Math.log(p);
  }
  const bp = c < r ? Math.exp(1 - r / c) : 1;
  return 100 * bp * Math.exp(logSum / 4);
}

let report: EvalReport;
let gens: Generation[];
let dir: string;
let heldout: string;

before(async () => {
  const data = synthPairsFile(tmp.dir, 320, 'eval-report', { feedback: 0.35, explain: 0.35, plan_adjust: 0.3 });
  const model = trainFromFile({
    data, outDir: path.join(tmp.dir, 'model'), preset: 'test', model: TINY, seed: 'eval', valFraction: 0.45,
    train: { maxSteps: 20, batchSize: 4, seqLen: 256, evalEvery: 10, lr: 5e-3 },
  });
  heldout = path.join(model.dir, 'heldout.jsonl');
  // A hosted endpoint speaking the OpenAI protocol: it answers every prompt with one stock sentence.
  server = createServer((req, res) => {
    req.resume().on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ model: 'stub-1', choices: [{ message: { content: 'Good effort today. Keep practising every day.' } }] }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const hosted = createOpenAiProvider({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: 'stub-1' });
  ({ report, dir } = await evaluateModel({ id: 'lm@eval-test', dir: model.dir }, path.join(tmp.dir, 'eval'), {
    evalFile: heldout, n: 120, pplN: 60, reviewN: 100, maxTokens: 24, seed: 'report', hosted: { label: 'openai:stub-1', provider: hosted },
  }));
  gens = readFileSync(path.join(dir, 'generations.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Generation);
});

test('the report sets the model beside the template and the hosted endpoint on the same 120 held-out inputs, in JSON and Markdown', () => {
  assert.deepEqual(report.systems.map((s) => `${s.name}:${s.label}`), ['inhouse:lm@eval-test', 'template:template/1', 'hosted:openai:stub-1']);
  assert.equal(report.evalSet.generated, 120);
  assert.equal(gens.length, 360);
  const ids = (s: string) => gens.filter((g) => g.system === s).map((g) => g.id).join();
  assert.equal(ids('inhouse'), ids('template'));
  assert.equal(ids('inhouse'), ids('hosted'));
  assert.ok(gens.filter((g) => g.system === 'hosted').every((g) => g.output === 'Good effort today. Keep practising every day.' && !g.error));
  const md = readFileSync(path.join(dir, 'report.md'), 'utf8');
  assert.match(md, /\| BLEU \| [\d.]+ \| [\d.]+ \| [\d.]+ \|/);
  assert.match(md, /nrefs:1\|case:mixed\|eff:no\|tok:13a\|smooth:exp\|version:/);
  assert.deepEqual(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')), JSON.parse(JSON.stringify(report)));
});

test('BLEU, recomputed from generations.jsonl by a separate implementation, matches the report (overall and per task)', () => {
  for (const s of report.systems) {
    const mine = gens.filter((g) => g.system === s.name);
    assert.ok(Math.abs(plainBleu(mine.map((g) => g.output), mine.map((g) => g.reference)) - s.bleu.score) < 1e-9, `${s.name} BLEU`);
    for (const [task, t] of Object.entries(s.byTask)) {
      const tg = mine.filter((g) => g.task === task);
      assert.equal(tg.length, t.n);
      assert.ok(Math.abs(plainBleu(tg.map((g) => g.output), tg.map((g) => g.reference)) - t.bleu) < 1e-9, `${s.name} ${task} BLEU`);
    }
  }
  const template = report.systems[1];
  assert.ok(template.bleu.score > 20, `templates share phrasing with the references (BLEU ${template.bleu.score})`);
});

test('pass rates recomputed from the written check results match, and the check results are the tasks\' own', () => {
  const inputs = new Map(readEvalSet(heldout).examples.map((e) => [e.id, e.input]));
  for (const s of report.systems) {
    const mine = gens.filter((g) => g.system === s.name);
    const passed = mine.filter((g) => g.checks.every((c) => c.pass)).length;
    const servable = mine.filter((g) => g.checks.every((c) => c.pass || !c.critical)).length;
    assert.equal(s.passRate, passed / mine.length);
    assert.equal(s.servableRate, servable / mine.length);
    for (const [task, t] of Object.entries(s.byTask)) {
      const tg = mine.filter((g) => g.task === task);
      assert.equal(t.passRate, tg.filter((g) => g.checks.every((c) => c.pass)).length / tg.length);
    }
  }
  for (const g of gens) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const again = (getTask(g.task) as any).checks(inputs.get(g.id), g.output) as { name: string; pass: boolean }[];
    assert.deepEqual(again.map((c) => [c.name, c.pass]), g.checks.map((c) => [c.name, c.pass]), g.id);
  }
  assert.equal(report.systems[1].passRate, 1, 'the templates wrote the references; they pass their own checks');
  assert.ok(report.systems[0].passRate < 1, 'a 20-step model does not');
});

test('perplexity is over response tokens only and is per byte as well; the in-house column alone has it', () => {
  const p = report.systems[0].perplexity!;
  assert.equal(p.examples, 60);
  assert.ok(Math.abs(p.perplexity - Math.exp(p.nll / p.tokens)) < 1e-9);
  assert.ok(Math.abs(p.bytePerplexity - Math.exp(p.nll / p.bytes)) < 1e-9);
  assert.ok(p.perplexity > 1 && p.perplexity < TINY.vocabSize, `a briefly trained model beats uniform (${p.perplexity})`);
  assert.ok(p.bytes > p.tokens, 'tokens span several bytes');
  assert.equal(report.systems[1].perplexity, null);
  assert.equal(report.systems[2].perplexity, null);
});

test('review.md holds 100 generations stratified by task × skill, each with every system\'s output', () => {
  const md = readFileSync(path.join(dir, 'review.md'), 'utf8');
  const heads = [...md.matchAll(/^## \d+\. (\S+) · (.+)$/gm)].map((m) => `${m[1]}/${m[2] === 'no skill' ? '-' : m[2]}`);
  assert.equal(heads.length, 100);
  assert.equal(report.evalSet.reviewed, 100);
  const generatedStrata = new Set(gens.map((g) => stratumOf(g)));
  assert.ok(generatedStrata.size <= 100);
  assert.deepEqual(new Set(heads), generatedStrata, 'every task × skill among the generated examples is in the sample');
  assert.equal((md.match(/^\*\*inhouse\*\*/gm) ?? []).length, 100);
  assert.equal((md.match(/^\*\*template\*\*/gm) ?? []).length, 100);
  assert.equal((md.match(/^\*\*hosted\*\*/gm) ?? []).length, 100);
});
