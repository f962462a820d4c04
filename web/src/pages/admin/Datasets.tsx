/** Dataset builds: start one (a dataset_build job), watch it, and open any registered build's card and manifest. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Field } from '../../components/Field.tsx';
import { Empty, ErrorBox, Loading } from '../../components/status.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { adminData, jobsApi, pct, when, type Datasets as Data, type Job } from './api.ts';
import { JobProgress, useJob } from './JobProgress.tsx';

/** The dataset_build job's name rule (src/jobs/kinds/dataset-build.ts). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

type Open = { kind: 'card' | 'manifest'; id: string };

export function Datasets() {
  const list = useAsync(() => adminData.datasets(20), []);
  const [open, setOpen] = useState<Open | null>(null);
  const build = useJob(() => list.reload());
  const built = build.job?.status === 'succeeded' ? String(build.job.result?.datasetId ?? '') : '';
  return (
    <section className="card stack" aria-labelledby="datasets-title">
      <h2 id="datasets-title">Dataset builds</h2>
      <BuildForm disabled={build.running} onStart={(p) => build.start(() => jobsApi.buildDataset(p))} />
      {build.error !== null && <ErrorBox error={build.error} title="The build did not start" />}
      {build.job && <JobProgress job={build.job} label="Dataset build progress" />}
      {built && (
        <div className="notice notice-success">
          <p>
            Built <strong>{built}</strong> with {String(build.job?.result?.pairs ?? 0)} pairs.
          </p>
          <button type="button" className="btn btn-small btn-secondary" onClick={() => setOpen({ kind: 'card', id: built })}>
            Open the card of {built}
          </button>
          <button type="button" className="btn btn-small btn-quiet" onClick={() => setOpen({ kind: 'manifest', id: built })}>
            Open the manifest
          </button>
        </div>
      )}
      {open && <Viewer open={open} onClose={() => setOpen(null)} />}
      {list.status === 'loading' && <Loading label="Loading builds…" />}
      {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} title="Could not load the builds" />}
      {list.status === 'ready' && <Lists data={list.data} onOpen={setOpen} />}
    </section>
  );
}

function BuildForm({ disabled, onStart }: { disabled: boolean; onStart: (p: { name: string; seed: string; contentPairs: boolean; includeSimulated: boolean }) => void }) {
  const [name, setName] = useState('console');
  const [seed, setSeed] = useState('dataset-v1');
  const [contentPairs, setContentPairs] = useState(true);
  const [includeSimulated, setIncludeSimulated] = useState(false);
  const [touched, setTouched] = useState(false);
  const nameError = NAME.test(name) ? null : 'Use 1–64 letters, digits, dots, dashes or underscores, starting with a letter or digit.';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (!nameError && seed.trim()) onStart({ name, seed: seed.trim(), contentPairs, includeSimulated });
  };
  return (
    <form className="build-form" onSubmit={submit} noValidate>
      <Field label="Dataset name" value={name} onChange={(e) => setName(e.target.value)} error={touched ? nameError : null} hint="Each build of a name is a new version (name@v1, name@v2, …)." maxLength={64} />
      <Field label="Seed" value={seed} onChange={(e) => setSeed(e.target.value)} hint="The same seed and data give the same files, byte for byte." error={touched && !seed.trim() ? 'Enter a seed.' : null} maxLength={100} />
      <div className="field">
        <label className="check">
          <input type="checkbox" checked={contentPairs} onChange={(e) => setContentPairs(e.target.checked)} /> Include question → explanation pairs from the item bank
        </label>
        <label className="check">
          <input type="checkbox" checked={includeSimulated} onChange={(e) => setIncludeSimulated(e.target.checked)} /> Include simulated students (tests and demos only)
        </label>
      </div>
      <button type="submit" className="btn btn-primary" disabled={disabled}>
        {disabled ? 'Building…' : 'Start a dataset build'}
      </button>
    </form>
  );
}

function Lists({ data, onOpen }: { data: Data; onOpen: (o: Open) => void }) {
  return (
    <>
      <h3>Recent builds</h3>
      {data.builds.length === 0 ? (
        <Empty title="No builds yet">Start one above, or run satprep dataset build.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Recent dataset builds">
          <table className="compact admin-table">
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Name</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Progress</th>
                <th scope="col">Dataset</th>
              </tr>
            </thead>
            <tbody>
              {data.builds.map((b) => (
                <tr key={b.id}>
                  <td>{when(b.createdAt)}</td>
                  <th scope="row">{String(b.params.name ?? '–')}</th>
                  <td>
                    <StatusBadge job={b} />
                  </td>
                  <td className="num">{pct(b.status === 'succeeded' ? 1 : b.progress)}</td>
                  <td>{b.result?.datasetId ? String(b.result.datasetId) : (b.error ?? '–')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Registered datasets</h3>
      {data.datasets.length === 0 ? (
        <Empty title="No datasets registered yet" />
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Registered datasets">
          <table className="compact admin-table">
            <thead>
              <tr>
                <th scope="col">Dataset</th>
                <th scope="col">Built</th>
                <th scope="col">Phase</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col">Real / synthetic / reference</th>
                <th scope="col">Train / validation / test</th>
                <th scope="col">Open</th>
              </tr>
            </thead>
            <tbody>
              {data.datasets.map((d) => (
                <tr key={d.id}>
                  <th scope="row">{d.id}</th>
                  <td>{when(d.createdAt)}</td>
                  <td>{d.phase ?? '–'}</td>
                  <td className="num">{d.total ?? '–'}</td>
                  <td>{d.byKind ? `${d.byKind.real ?? 0} / ${d.byKind.synthetic ?? 0} / ${d.byKind.reference ?? 0}` : '–'}</td>
                  <td>{d.bySplit ? `${d.bySplit.train ?? 0} / ${d.bySplit.validation ?? 0} / ${d.bySplit.test ?? 0}` : '–'}</td>
                  <td className="actions">
                    {d.hasCard && (
                      <button type="button" className="btn btn-small btn-quiet" onClick={() => onOpen({ kind: 'card', id: d.id })} aria-label={`Card of ${d.id}`}>
                        Card
                      </button>
                    )}
                    <button type="button" className="btn btn-small btn-quiet" onClick={() => onOpen({ kind: 'manifest', id: d.id })} aria-label={`Manifest of ${d.id}`}>
                      Manifest
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function StatusBadge({ job }: { job: Pick<Job, 'status'> }) {
  const tone = job.status === 'succeeded' ? 'badge-good' : job.status === 'failed' ? 'badge-bad' : job.status === 'cancelled' ? 'badge-muted' : '';
  return <span className={`badge ${tone}`}>{job.status}</span>;
}

/** The card (Markdown, shown as written: it is a README with a YAML header and tables) or the manifest (JSON). */
function Viewer({ open, onClose }: { open: Open; onClose: () => void }) {
  const doc = useAsync(() => (open.kind === 'card' ? adminData.card(open.id).then((c) => c.markdown) : adminData.manifest(open.id).then((m) => JSON.stringify(m, null, 2))), [open.kind, open.id]);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [open.kind, open.id]);
  const title = `${open.kind === 'card' ? 'Card' : 'Manifest'} of ${open.id}`;
  return (
    <div className="doc-viewer" role="region" aria-labelledby="doc-title">
      <div className="card-head">
        <h3 id="doc-title" tabIndex={-1} ref={heading}>
          {title}
        </h3>
        <button type="button" className="btn btn-small btn-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {doc.status === 'loading' && <Loading />}
      {doc.status === 'error' && <ErrorBox error={doc.error} onRetry={doc.reload} title={`Could not open the ${open.kind}`} />}
      {doc.status === 'ready' && (
        <pre className="doc-text" tabIndex={0} aria-label={title}>
          {doc.data}
        </pre>
      )}
    </div>
  );
}
