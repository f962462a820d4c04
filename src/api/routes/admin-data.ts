/**
 * The data console's API (issue 14, the data team's pages), admins only and read-only but for
 * promotion: what the platform has collected for its own model (AI outputs per task and
 * provider, ratings, consent), the dataset builds, the language models with their training
 * figures and evaluations, and the SEL pipeline runs. Every figure is one GROUP BY or a short
 * newest-first page, so the console stays fast on a large `ai_outputs`.
 *
 * Promotion: POST /admin/data/models/:id/promote answers 200 with `{ promoted, reasons }`
 * whether the criteria said yes or no (a refusal is a verdict, not an error), and 409 when no
 * verdict can be given without a fresh evaluation. It never runs one: an evaluation generates
 * with the model on the calling thread for minutes (src/model/eval/run.ts), which an API
 * process must not do — `satprep model promote <version>` evaluates and promotes from the CLI.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AI_TASKS, type AiTaskName, type Role } from '../../db/enums.ts';
import { aiOutputs, datasets, feedbackRatings, jobs, noteReplies, notes, users } from '../../db/schema/index.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { EvalReport } from '../../model/eval/report.ts';
import type { EvalSummary } from '../../model/eval/summary.ts';
import { activeLm, getLm, listLm, metricsOf, setActiveLm, type ModelRow } from '../../model/registry.ts';
import { listSelModels, type SelMetrics } from '../../sel/registry.ts';

const tags = ['admin'];
const security = [{ bearer: [] }];
const limitQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
/** `name@vN`, as src/dataset/build.ts registers a build (the name rule of the dataset_build job). */
const datasetId = z.object({ id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}@v[1-9][0-9]{0,8}$/, 'a dataset id: name@vN') });
/** `lm@<12 hex>` or the bare version (src/model/registry.ts). */
const modelId = z.object({ id: z.string().regex(/^(lm@)?[0-9a-f]{12}$/, 'a model id: lm@<12 hex digits> or the version') });
const evalKeyQuery = z.object({ key: z.string().regex(/^[0-9a-f]{12}$/, 'an eval key: 12 hex digits').optional() });

const n = sql<number>`count(*)::int`;
const count = (cond: ReturnType<typeof sql>) => sql<number>`(count(*) filter (where ${cond}))::int`;

/** A person whose words may be trained on: consent standing, not deleted, not simulated (src/dataset/consent.ts). */
const consenting = sql`${users.trainingConsent} and ${users.consentRevokedAt} is null and ${users.deletedAt} is null and not ${users.isSimulated}`;

export async function dataOverview(db: Db) {
  const collected = await db
    .select({
      task: aiOutputs.task,
      provider: aiOutputs.provider,
      outputs: n,
      passed: count(sql`${aiOutputs.passed}`),
      consented: count(consenting),
      rated: count(sql`exists (select 1 from ${feedbackRatings} fr where fr.ai_output_id = ${aiOutputs.id})`),
    })
    .from(aiOutputs)
    .leftJoin(users, eq(users.id, aiOutputs.userId))
    .groupBy(aiOutputs.task, aiOutputs.provider)
    .orderBy(aiOutputs.task, aiOutputs.provider);

  // Human-written outputs the dataset builder reads (src/dataset/read-db.ts readNoteReplies): tutor replies, helpful student replies.
  const human = await db
    .select({ kind: noteReplies.kind, replies: n })
    .from(noteReplies)
    .innerJoin(notes, eq(notes.id, noteReplies.noteId))
    .where(sql`${noteReplies.deletedAt} is null and ${noteReplies.hiddenAt} is null and ${notes.deletedAt} is null and ${notes.hiddenAt} is null
      and (${noteReplies.kind} = 'tutor' or (${noteReplies.kind} = 'community' and ${noteReplies.helpful}))`)
    .groupBy(noteReplies.kind);

  const starRows = await db
    .select({ task: aiOutputs.task, stars: feedbackRatings.stars, n })
    .from(feedbackRatings)
    .innerJoin(aiOutputs, eq(aiOutputs.id, feedbackRatings.aiOutputId))
    .groupBy(aiOutputs.task, feedbackRatings.stars);
  const byTask = new Map<AiTaskName, number[]>();
  for (const r of starRows) {
    const stars = byTask.get(r.task) ?? [0, 0, 0, 0, 0];
    stars[r.stars - 1] = Number(r.n);
    byTask.set(r.task, stars);
  }
  const ratings = AI_TASKS.filter((t) => byTask.has(t)).map((task) => {
    const stars = byTask.get(task)!;
    const total = stars.reduce((a, b) => a + b, 0);
    return { task, stars, total, mean: stars.reduce((a, c, i) => a + c * (i + 1), 0) / total };
  });

  const [c] = await db
    .select({
      students: count(sql`not ${users.isSimulated}`),
      consented: count(sql`not ${users.isSimulated} and ${users.trainingConsent}`),
      byParent: count(sql`not ${users.isSimulated} and ${users.trainingConsent} and ${users.consentGivenBy} <> ${users.id}`),
      revoked: count(sql`not ${users.isSimulated} and not ${users.trainingConsent} and ${users.consentRevokedAt} is not null`),
      never: count(sql`not ${users.isSimulated} and not ${users.trainingConsent} and ${users.consentRevokedAt} is null`),
      simulated: count(sql`${users.isSimulated}`),
    })
    .from(users)
    .where(and(eq(users.role, 'student'), sql`${users.deletedAt} is null`));

  return {
    collected: collected.map((r) => ({ ...r, outputs: Number(r.outputs), passed: Number(r.passed), consented: Number(r.consented), rated: Number(r.rated) })),
    humanReplies: { tutor: Number(human.find((h) => h.kind === 'tutor')?.replies ?? 0), communityHelpful: Number(human.find((h) => h.kind === 'community')?.replies ?? 0) },
    ratings,
    consent: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, Number(v)])) as { [K in keyof typeof c]: number },
  };
}

const jobColumns = {
  id: jobs.id, kind: jobs.kind, status: jobs.status, progress: jobs.progress, message: jobs.message, error: jobs.error,
  params: jobs.params, result: jobs.result, attempts: jobs.attempts, createdAt: jobs.createdAt, startedAt: jobs.startedAt, finishedAt: jobs.finishedAt,
};
const jobsOf = (db: Db, kinds: readonly string[], limit: number) =>
  db.select(jobColumns).from(jobs).where(inArray(jobs.kind, [...kinds])).orderBy(desc(jobs.createdAt), desc(jobs.id)).limit(limit);

export async function datasetBuilds(db: Db, limit: number) {
  const builds = await jobsOf(db, ['dataset_build'], limit);
  const registered = await db
    .select({
      id: datasets.id, name: datasets.name, version: datasets.version, path: datasets.path, createdAt: datasets.createdAt,
      // Only the headline figures: a whole manifest per row would make the list heavy.
      total: sql<number | null>`(${datasets.manifest}->'counts'->>'total')::int`,
      phase: sql<string | null>`${datasets.manifest}->'phase'->>'chosen'`,
      byKind: sql<Record<string, number> | null>`${datasets.manifest}->'counts'->'byKind'`,
      bySplit: sql<Record<string, number> | null>`${datasets.manifest}->'counts'->'bySplit'`,
      hasCard: sql<boolean>`${datasets.card} is not null`,
    })
    .from(datasets)
    .orderBy(desc(datasets.createdAt), desc(datasets.id))
    .limit(limit);
  return { builds, datasets: registered };
}

async function datasetRow(db: Db, id: string) {
  const [row] = await db.select().from(datasets).where(eq(datasets.id, id));
  if (!row) throw notFound(`no dataset ${id} is registered`);
  return row;
}

type PublicEval = Omit<EvalSummary, 'reportDir'>;
const publicEval = ({ reportDir: _dir, ...e }: EvalSummary): PublicEval => e;
const newest = (evals: readonly EvalSummary[]) => [...evals].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))[0] ?? null;

function modelView(row: ModelRow) {
  const m = metricsOf(row);
  const evals = Object.values(m.evals ?? {});
  const latest = newest(evals);
  return {
    id: row.id, version: row.version, status: row.status, path: row.path, datasetId: row.datasetId, createdAt: row.createdAt, promotedAt: row.promotedAt,
    train: m.train
      ? {
          preset: m.train.preset, params: m.train.params, steps: m.train.steps, seconds: m.train.seconds, finalLoss: m.train.finalLoss, valLoss: m.train.valLoss,
          pairs: m.train.data.pairs, trainPairs: m.train.data.train, heldout: m.train.data.heldout, warmStart: m.train.warmStart, seed: m.train.seed,
          curve: m.train.curve ?? null,
        }
      : null,
    evals: evals.map((e) => ({ key: e.key, at: e.at })).sort((a, b) => (a.at < b.at ? 1 : -1)),
    latestEval: latest ? publicEval(latest) : null,
  };
}

export async function modelList(db: Db, limit: number) {
  const rows = (await listLm(db)).slice(0, limit);
  // Training runs as jobs (issue 15's model_train, `satprep retrain`): what is running now and what failed, beside what registered.
  const runs = await jobsOf(db, ['model_train', 'retrain'], limit);
  return { models: rows.map(modelView), runs };
}

/** The eval report of a model (`key`, else its newest), with the active model's summary under the same key. */
export async function modelEval(db: Db, id: string, key: string | undefined) {
  const row = await getLm(db, id);
  const evals = metricsOf(row).evals ?? {};
  const summary = key ? evals[key] : newest(Object.values(evals));
  if (!summary) throw notFound(key ? `${row.id} has no evaluation under key ${key}` : `${row.id} has not been evaluated (satprep model eval ${row.version})`);
  let report: EvalReport;
  try {
    report = JSON.parse(await readFile(path.join(summary.reportDir, 'report.json'), 'utf8')) as EvalReport;
  } catch {
    throw notFound(`the report of ${row.id} under key ${summary.key} is no longer on disk`);
  }
  const active = await activeLm(db);
  const activeEval = active && active.id !== row.id ? metricsOf(active).evals?.[summary.key] : undefined;
  return {
    model: { id: row.id, status: row.status },
    key: summary.key,
    summary: publicEval(summary),
    report: { createdAt: report.createdAt, evalSet: report.evalSet, bleuSignature: report.bleuSignature, systems: report.systems },
    active: active && active.id !== row.id ? { id: active.id, eval: activeEval ? publicEval(activeEval) : null } : null,
  };
}

/**
 * promoteIfBetter's rule on the stored evaluations only. With no active model, or the model
 * already active, promoteIfBetter answers without evaluating; otherwise the two models must
 * share an eval key (the newest the candidate has), and the same `judge` decides.
 */
export async function promoteStored(db: Db, id: string) {
  // Loaded on first use: promote.ts pulls in the evaluation and generation code, which the API otherwise never needs.
  const { judge, promoteIfBetter } = await import('../../model/promote.ts');
  const candidate = await getLm(db, id);
  const previous = await activeLm(db);
  if (!previous || previous.id === candidate.id) {
    const r = await promoteIfBetter(db, candidate.version);
    return { promoted: r.promoted, reasons: r.reasons, model: modelView(r.candidate), previous: r.previous?.id ?? null, key: null, candidateEval: null, activeEval: null };
  }
  const mine = metricsOf(candidate).evals ?? {};
  const theirs = metricsOf(previous).evals ?? {};
  const shared = newest(Object.values(mine).filter((e) => theirs[e.key]));
  if (!shared) {
    throw conflict(`${candidate.id} and the active ${previous.id} have no evaluation under the same key; run: satprep model promote ${candidate.version}`, {
      candidateKeys: Object.keys(mine).sort(), activeKeys: Object.keys(theirs).sort(),
    });
  }
  const activeEval = theirs[shared.key];
  const verdict = judge(shared, activeEval);
  const after = verdict.promote ? await setActiveLm(db, candidate.version) : candidate;
  return {
    promoted: verdict.promote, reasons: verdict.reasons, model: modelView(after), previous: previous.id, key: shared.key,
    candidateEval: publicEval(shared), activeEval: publicEval(activeEval),
  };
}

export async function selRuns(db: Db, limit: number) {
  const runs = await jobsOf(db, ['sel_pipeline'], limit);
  const sets = (await listSelModels(db)).slice(0, limit).map((r) => {
    const m = r.metrics as Partial<SelMetrics>;
    return {
      id: r.id, version: r.version, status: r.status, createdAt: r.createdAt, promotedAt: r.promotedAt,
      meanCvR2: m.meanCvR2 ?? null, trainedRows: m.trainedRows ?? null, labeller: m.labeller ?? null, seed: m.seed ?? null, cv: m.cv ?? null,
    };
  });
  return { runs, models: sets };
}

export type DataOverview = Awaited<ReturnType<typeof dataOverview>>;
export type DatasetBuilds = Awaited<ReturnType<typeof datasetBuilds>>;
export type ModelList = Awaited<ReturnType<typeof modelList>>;
export type ModelEval = Awaited<ReturnType<typeof modelEval>>;
export type PromoteReply = Awaited<ReturnType<typeof promoteStored>>;
export type SelRuns = Awaited<ReturnType<typeof selRuns>>;

/**
 * What this plugin uses of the app's decorations (app.ts `deps`, plugins/auth.ts `requireRole`),
 * named here rather than through their module augmentation: the web app type-checks against the
 * reply types above, and that program must not pull in the whole server.
 */
type Decorated = FastifyInstance & { deps: { database: { db: Db } }; requireRole(...roles: Role[]): (req: FastifyRequest) => Promise<void> };

export async function adminDataRoutes(plain: FastifyInstance): Promise<void> {
  const decorated = plain as Decorated;
  const db = decorated.deps.database.db;
  const admin = decorated.requireRole('admin');
  const app = plain.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/admin/data/overview',
    { schema: { tags, security, description: 'AI outputs per task × provider (passing checks, from consenting students, rated), vetted human replies, the 1–5 star distribution per task, and students by training consent.' }, preHandler: admin },
    async () => dataOverview(db),
  );

  app.get(
    '/admin/data/datasets',
    { schema: { tags, security, querystring: limitQuery, description: 'dataset_build jobs (status, progress) and registered datasets with their headline counts, newest first.' }, preHandler: admin },
    async (req) => datasetBuilds(db, req.query.limit),
  );

  app.get(
    '/admin/data/datasets/:id/card',
    { schema: { tags, security, params: datasetId, description: 'The dataset card (README.md): `{ id, markdown }`, or the Markdown itself with `Accept: text/markdown`.' }, preHandler: admin },
    async (req, reply) => {
      const row = await datasetRow(db, req.params.id);
      if (row.card === null) throw notFound(`dataset ${row.id} has no card`);
      if (/\btext\/markdown\b/.test(req.headers.accept ?? '')) return reply.type('text/markdown; charset=utf-8').send(row.card);
      return { id: row.id, markdown: row.card };
    },
  );

  app.get(
    '/admin/data/datasets/:id/manifest',
    { schema: { tags, security, params: datasetId, description: 'The dataset manifest (counts, drops per stage and reason, files with digests).' }, preHandler: admin },
    async (req) => (await datasetRow(db, req.params.id)).manifest,
  );

  app.get(
    '/admin/data/models',
    { schema: { tags, security, querystring: limitQuery, description: 'Registered language models with training figures and their newest evaluation summary; model_train and retrain jobs.' }, preHandler: admin },
    async (req) => modelList(db, req.query.limit),
  );

  app.get(
    '/admin/data/models/:id/eval',
    { schema: { tags, security, params: modelId, querystring: evalKeyQuery, description: 'An evaluation report (report.json): the model, the template writer and a hosted provider side by side; the active model’s summary under the same key.' }, preHandler: admin },
    async (req) => modelEval(db, req.params.id, req.query.key),
  );

  app.post(
    '/admin/data/models/:id/promote',
    {
      schema: {
        tags, security, params: modelId,
        description: '200 `{ promoted, reasons }` whether promoted or refused by the criteria (src/model/promote.ts), on stored evaluations; 409 when the model and the active one share no evaluation (run `satprep model promote <version>`, which evaluates).',
      },
      preHandler: admin,
    },
    async (req) => promoteStored(db, req.params.id),
  );

  app.get(
    '/admin/data/sel-runs',
    { schema: { tags, security, querystring: limitQuery, description: 'sel_pipeline jobs and the registered SEL model sets with their cross-validated R².' }, preHandler: admin },
    async (req) => selRuns(db, req.query.limit),
  );
}
