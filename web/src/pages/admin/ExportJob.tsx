/** Export the pseudonymised interaction log as a background job and watch it finish. */
import { ErrorBox } from '../../components/status.tsx';
import { jobsApi } from './api.ts';
import { JobProgress, useJob } from './JobProgress.tsx';

export function ExportJob() {
  const job = useJob();
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Interaction log export</h2>
      <p>Consenting students’ events, pseudonymised (no names, emails or raw ids), written as a file for the dataset builder.</p>
      <button type="button" className="btn btn-primary" disabled={job.running} onClick={() => job.start(jobsApi.exportLog)}>
        {job.running ? 'Exporting…' : 'Start an export'}
      </button>
      {job.error !== null && <ErrorBox error={job.error} title="The export did not start" />}
      {job.job && (
        <>
          <JobProgress job={job.job} label="Export progress" />
          {job.job.result && (
            <pre className="job-result" tabIndex={0} aria-label="Job result">
              {JSON.stringify(job.job.result, null, 2)}
            </pre>
          )}
        </>
      )}
    </section>
  );
}
