/**
 * The data team's console. This slice: export the pseudonymised interaction log as a
 * background job and watch it finish. Dataset builds, model runs and the collection counts
 * join here as their admin API lands (they have no routes yet).
 */
import { useEffect, useState } from 'react';
import { call, errorMessage } from '../api/client.ts';
import { ErrorBox } from '../components/status.tsx';

interface Job {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  progress: number;
  message: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const done = (j: Job) => j.status === 'succeeded' || j.status === 'failed' || j.status === 'cancelled';

export default function Admin() {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!job || done(job)) return;
    const t = setTimeout(async () => {
      try {
        setJob(await call<Job>('GET', `/jobs/${job.id}`));
      } catch (err) {
        setError(err);
      }
    }, 1000);
    return () => clearTimeout(t);
  }, [job]);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await call<{ jobId: string }>('POST', '/ai_data/export');
      setJob(await call<Job>('GET', `/jobs/${r.jobId}`));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page stack">
      <div className="page-head">
        <h1>Data console</h1>
        <p className="lead">What the platform collects for its own model, and the jobs that turn it into training data.</p>
      </div>
      <section className="card" aria-labelledby="export-title">
        <h2 id="export-title">Interaction log export</h2>
        <p>Consenting students’ events, pseudonymised (no names, emails or raw ids), written as a file for the dataset builder.</p>
        <button type="button" className="btn btn-primary" disabled={busy || (job !== null && !done(job))} onClick={start}>
          {job && !done(job) ? 'Exporting…' : 'Start an export'}
        </button>
        {error !== null && <ErrorBox error={error} title="The export did not start" />}
        {job && (
          <div className="job" aria-live="polite">
            <p>
              Job <code>{job.id.slice(0, 8)}</code>: <strong>{job.status}</strong>
              {job.message ? ` — ${job.message}` : ''}
            </p>
            <progress max={1} value={done(job) ? 1 : job.progress} aria-label="Export progress" />
            {job.error && <p className="field-error">{errorMessage(new Error(job.error))}</p>}
            {job.result && (
              <pre className="job-result" tabIndex={0} aria-label="Job result">
                {JSON.stringify(job.result, null, 2)}
              </pre>
            )}
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="next-title">
        <h2 id="next-title">Datasets and models</h2>
        <div className="empty">
          <p className="empty-title">Not available in the web app yet</p>
          <p>
            Dataset builds, model runs and promotions run from the command line for now (<code>satprep dataset build</code>, <code>satprep model …</code>); their
            pages appear here once the API serves them.
          </p>
        </div>
      </section>
    </div>
  );
}
