/** A background job followed to its end: polls GET /jobs/:id once a second and shows a labelled, announced progress bar. */
import { useEffect, useState } from 'react';
import { ErrorBox } from '../../components/status.tsx';
import { isFinished, jobsApi, pct, type Job } from './api.ts';

const POLL_MS = 1000;

/** The job as last read; `start` follows a new one. Polling stops when it finishes or the page goes. */
export function useJob(onFinished?: (job: Job) => void) {
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!job) return;
    if (isFinished(job)) {
      onFinished?.(job);
      return;
    }
    const t = setTimeout(async () => {
      try {
        setJob(await jobsApi.get(job.id));
      } catch (err) {
        setError(err);
      }
    }, POLL_MS);
    return () => clearTimeout(t);
    // Only a new read of the job restarts the poll; onFinished is not a dependency on purpose.
  }, [job]);
  const start = async (enqueue: () => Promise<{ jobId: string }>) => {
    setError(null);
    try {
      const { jobId } = await enqueue();
      setJob(await jobsApi.get(jobId));
    } catch (err) {
      setError(err);
    }
  };
  return { job, error, start, running: job !== null && !isFinished(job) };
}

export function JobProgress({ job, label }: { job: Job; label: string }) {
  const done = isFinished(job);
  const value = done ? 1 : job.progress;
  return (
    <div className="job">
      <p aria-live="polite">
        Job <code>{job.id.slice(0, 8)}</code>: <strong className={`job-status is-${job.status}`}>{job.status}</strong>
        {!done && ` (${pct(value)})`}
        {job.message ? ` — ${job.message}` : ''}
      </p>
      <progress max={1} value={value} aria-label={label} aria-valuetext={`${job.status}, ${pct(value)}`} />
      {job.error && <ErrorBox error={new Error(job.error)} title="The job failed" />}
    </div>
  );
}
