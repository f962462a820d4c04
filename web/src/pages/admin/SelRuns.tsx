/** SEL pipeline runs (sel_pipeline jobs) and the model sets they registered, with cross-validated R² per skill. */
import { Empty, ErrorBox, Loading } from '../../components/status.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { adminData, num, pct, when } from './api.ts';
import { StatusBadge } from './Datasets.tsx';

export function SelRuns() {
  const data = useAsync(() => adminData.selRuns(20), []);
  return (
    <section className="card stack" aria-labelledby="sel-title">
      <h2 id="sel-title">SEL pipeline runs</h2>
      {data.status === 'loading' && <Loading label="Loading SEL runs…" />}
      {data.status === 'error' && <ErrorBox error={data.error} onRetry={data.reload} title="Could not load the SEL runs" />}
      {data.status === 'ready' && data.data.runs.length === 0 && data.data.models.length === 0 && (
        <Empty title="No SEL runs yet">Start one with satprep sel pipeline --db, or a sel_pipeline job.</Empty>
      )}
      {data.status === 'ready' && data.data.runs.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="SEL pipeline jobs">
          <table className="compact admin-table">
            <thead>
              <tr>
                <th scope="col">Queued</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">Progress</th>
                <th scope="col">Stage or result</th>
              </tr>
            </thead>
            <tbody>
              {data.data.runs.map((r) => (
                <tr key={r.id}>
                  <th scope="row">{when(r.createdAt)}</th>
                  <td>
                    <StatusBadge job={r} />
                  </td>
                  <td className="num">{pct(r.status === 'succeeded' ? 1 : r.progress)}</td>
                  <td>{r.error ?? (r.result?.modelId ? `registered ${String(r.result.modelId)}` : (r.message ?? '–'))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.status === 'ready' && data.data.models.length > 0 && (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="SEL model sets">
          <table className="compact admin-table">
            <thead>
              <tr>
                <th scope="col">Model set</th>
                <th scope="col">Status</th>
                <th scope="col">Registered</th>
                <th scope="col" className="num">Rows</th>
                <th scope="col" className="num">Mean CV R²</th>
                <th scope="col">R² per skill</th>
              </tr>
            </thead>
            <tbody>
              {data.data.models.map((m) => (
                <tr key={m.id}>
                  <th scope="row">
                    <code>{m.id}</code>
                  </th>
                  <td>
                    <span className={`badge ${m.status === 'active' ? 'badge-good' : m.status === 'retired' ? 'badge-muted' : ''}`}>{m.status}</span>
                  </td>
                  <td>{when(m.createdAt)}</td>
                  <td className="num">{m.trainedRows ?? '–'}</td>
                  <td className="num">{num(m.meanCvR2)}</td>
                  <td>{m.cv ? Object.entries(m.cv).map(([skill, v]) => `${skill.replace(/_/g, ' ')} ${num(v.r2)}`).join(', ') : 'no cross-validation'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
