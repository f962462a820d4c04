/**
 * The admin pages' calls and reply types: the data console and the moderation queue. The
 * types come from the server's own modules with type-only imports (erased at build time),
 * as web/src/api/types.ts does for the student pages, so a changed admin reply fails the
 * web typecheck.
 */
import type { DataOverview, DatasetBuilds, ModelEval, ModelList, PromoteReply, SelRuns } from '../../../../src/api/routes/admin-data.ts';
import type { setHidden } from '../../../../src/community/moderation.ts';
import type { QueueStatus, ReportQueue } from '../../../../src/community/moderation-queue.ts';
import type { JobRow } from '../../../../src/jobs/types.ts';
import type { AlertStatus, listAlerts, reviewAlert } from '../../../../src/safety/alerts.ts';
import { call } from '../../api/client.ts';
import type { Json } from '../../api/types.ts';

export type Job = Json<JobRow>;
export type Overview = Json<DataOverview>;
export type Datasets = Json<DatasetBuilds>;
export type Models = Json<ModelList>;
export type Model = Models['models'][number];
export type Eval = Json<ModelEval>;
export type Promotion = Json<PromoteReply>;
export type Sel = Json<SelRuns>;
export type { QueueStatus };
export type Reports = Json<ReportQueue>;
export type Reported = Reports['reports'][number];
export type Moderated = Json<Awaited<ReturnType<typeof setHidden>>>;
export type { AlertStatus };
export type SafetyAlerts = Json<Awaited<ReturnType<typeof listAlerts>>>;
export type SafetyAlert = SafetyAlerts['alerts'][number];
export type AlertReviewed = Json<Awaited<ReturnType<typeof reviewAlert>>>;

export interface DatasetBuildParams {
  name: string;
  seed: string;
  contentPairs: boolean;
  includeSimulated: boolean;
}

const id = (s: string) => encodeURIComponent(s);

export const adminData = {
  overview: () => call<Overview>('GET', '/admin/data/overview'),
  datasets: (limit = 20) => call<Datasets>('GET', `/admin/data/datasets?limit=${limit}`),
  card: (datasetId: string) => call<{ id: string; markdown: string }>('GET', `/admin/data/datasets/${id(datasetId)}/card`),
  manifest: (datasetId: string) => call<Record<string, unknown>>('GET', `/admin/data/datasets/${id(datasetId)}/manifest`),
  models: (limit = 20) => call<Models>('GET', `/admin/data/models?limit=${limit}`),
  evalReport: (modelId: string) => call<Eval>('GET', `/admin/data/models/${id(modelId)}/eval`),
  promote: (modelId: string) => call<Promotion>('POST', `/admin/data/models/${id(modelId)}/promote`),
  selRuns: (limit = 20) => call<Sel>('GET', `/admin/data/sel-runs?limit=${limit}`),
};

/** Safety alerts (GET /admin/safety-alerts) and marking one reviewed. */
export const safety = {
  alerts: (status: AlertStatus, cursor?: string | null, limit = 20) =>
    call<SafetyAlerts>('GET', `/admin/safety-alerts?status=${status}&limit=${limit}${cursor ? `&cursor=${id(cursor)}` : ''}`),
  review: (alertId: string) => call<AlertReviewed>('POST', `/admin/safety-alerts/${id(alertId)}/review`),
};

/** The moderation queue (GET /admin/reports) and the two decisions on a target: hide, or restore / keep up. */
export const moderation = {
  queue: (status: QueueStatus, cursor?: string | null, limit = 20) =>
    call<Reports>('GET', `/admin/reports?status=${status}&limit=${limit}${cursor ? `&cursor=${id(cursor)}` : ''}`),
  decide: (kind: Reported['targetKind'], targetId: string, hidden: boolean) =>
    call<Moderated>('POST', `/community/${kind}/${id(targetId)}/${hidden ? 'hide' : 'unhide'}`),
};

/** What a post is called to an admin, in the queue and in its thread alike: note, reply, AI reply, tutor reply. */
export const postName = (targetKind: Reported['targetKind'], replyKind?: Reported['replyKind']) =>
  targetKind === 'note' ? 'note' : replyKind === 'ai' ? 'AI reply' : replyKind === 'tutor' ? 'tutor reply' : 'reply';

/** What a hide or unhide did, said the same wherever the admin decided it; unchanged, it still counts as the review. */
export const decisionNotice = (name: string, r: Moderated) =>
  r.changed ? `The ${name} is ${r.hidden ? 'hidden' : 'restored'}.` : `Noted: the ${name} stays ${r.hidden ? 'hidden' : 'up'}.`;

export const jobsApi = {
  get: (jobId: string) => call<Job>('GET', `/jobs/${jobId}`),
  buildDataset: (params: DatasetBuildParams) => call<{ jobId: string }>('POST', '/admin/jobs', { body: { kind: 'dataset_build', params } }),
  exportLog: () => call<{ jobId: string }>('POST', '/ai_data/export'),
};

export const isFinished = (j: Pick<Job, 'status'>) => j.status === 'succeeded' || j.status === 'failed' || j.status === 'cancelled';

export const pct = (x: number, digits = 0) => `${(100 * x).toFixed(digits)}%`;
export const num = (x: number | null | undefined, digits = 3) => (x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(digits));
export const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' }) : '–');
