/** What has been collected for the model: AI outputs per task and provider, star ratings per task, and students by training consent. */
import { Empty, ErrorBox, Loading } from '../../components/status.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { adminData, pct, type Overview as Data } from './api.ts';

const label = (task: string) => task.replace(/_/g, ' ');

export function Overview() {
  const data = useAsync(adminData.overview, []);
  return (
    <>
      <section className="card" aria-labelledby="collected-title">
        <div className="card-head">
          <h2 id="collected-title">Collected pairs</h2>
          <button type="button" className="btn btn-small btn-quiet" onClick={data.reload}>
            Refresh
          </button>
        </div>
        {data.status === 'loading' && <Loading label="Counting…" />}
        {data.status === 'error' && <ErrorBox error={data.error} onRetry={data.reload} title="Could not load the counts" />}
        {data.status === 'ready' && <Collected data={data.data} />}
      </section>
      {data.status === 'ready' && (
        <div className="admin-grid">
          <Ratings data={data.data} />
          <Consent data={data.data} />
        </div>
      )}
    </>
  );
}

function Collected({ data }: { data: Data }) {
  const rows = data.collected;
  const { tutor, communityHelpful } = data.humanReplies;
  if (!rows.length && !tutor && !communityHelpful) return <Empty title="Nothing collected yet">AI outputs appear here as students practise, ask for help and chat with the tutor.</Empty>;
  const sum = (k: 'outputs' | 'passed' | 'consented' | 'rated') => rows.reduce((a, r) => a + r[k], 0);
  return (
    <>
      <p className="hint">Every AI-written text with its structured input, by task and by the provider that wrote it. “Consenting” counts outputs for students whose training consent stands.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Collected pairs per task and provider">
        <table className="compact admin-table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Provider</th>
              <th scope="col" className="num">Outputs</th>
              <th scope="col" className="num">Pass checks</th>
              <th scope="col" className="num">Consenting</th>
              <th scope="col" className="num">Rated</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.task}/${r.provider}`}>
                <th scope="row">{label(r.task)}</th>
                <td>{r.provider}</td>
                <td className="num">{r.outputs}</td>
                <td className="num">{r.passed}</td>
                <td className="num">{r.consented}</td>
                <td className="num">{r.rated}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={2}>
                All tasks
              </th>
              <td className="num">{sum('outputs')}</td>
              <td className="num">{sum('passed')}</td>
              <td className="num">{sum('consented')}</td>
              <td className="num">{sum('rated')}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      <p>
        Human-written answers the dataset builder also reads: <strong>{tutor}</strong> tutor {tutor === 1 ? 'reply' : 'replies'} and <strong>{communityHelpful}</strong>{' '}
        student {communityHelpful === 1 ? 'reply' : 'replies'} marked helpful.
      </p>
    </>
  );
}

function Ratings({ data }: { data: Data }) {
  return (
    <section className="card" aria-labelledby="ratings-title">
      <h2 id="ratings-title">Rating distribution</h2>
      {data.ratings.length === 0 ? (
        <Empty title="No ratings yet">Students rate AI feedback and tutor replies with 1–5 stars.</Empty>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label="Star ratings per task">
          <table className="compact admin-table ratings">
            <thead>
              <tr>
                <th scope="col">Task</th>
                {[1, 2, 3, 4, 5].map((s) => (
                  <th key={s} scope="col" className="num">
                    {s} <span aria-hidden="true">★</span>
                    <span className="visually-hidden">{s === 1 ? 'star' : 'stars'}</span>
                  </th>
                ))}
                <th scope="col" className="num">Mean</th>
              </tr>
            </thead>
            <tbody>
              {data.ratings.map((r) => {
                const top = Math.max(...r.stars);
                return (
                  <tr key={r.task}>
                    <th scope="row">{label(r.task)}</th>
                    {r.stars.map((n, i) => (
                      <td key={i} className="num bar-cell">
                        <span className="bar-track" aria-hidden="true">
                          {n > 0 && <span className="bar" style={{ height: `${Math.max(4, Math.round((100 * n) / top))}%` }} />}
                        </span>
                        <span className="bar-value">{n}</span>
                      </td>
                    ))}
                    <td className="num">
                      {r.mean.toFixed(2)} <span className="hint-inline">of {r.total}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Consent({ data }: { data: Data }) {
  const c = data.consent;
  const share = c.students ? c.consented / c.students : 0;
  return (
    <section className="card" aria-labelledby="consent-title">
      <h2 id="consent-title">Consent coverage</h2>
      {c.students === 0 ? (
        <Empty title="No students yet" />
      ) : (
        <>
          <p>
            <span className="big-number">{pct(share)}</span> of {c.students} {c.students === 1 ? 'student allows' : 'students allow'} their data to train the model.
          </p>
          <div className="meter" aria-hidden="true">
            <span className="meter-fill" style={{ width: pct(share, 1) }} />
          </div>
          <dl className="figures">
            <div>
              <dt>With consent</dt>
              <dd>{c.consented}</dd>
            </div>
            <div>
              <dt>Given by a parent</dt>
              <dd>{c.byParent}</dd>
            </div>
            <div>
              <dt>Never asked or declined</dt>
              <dd>{c.never}</dd>
            </div>
            <div>
              <dt>Revoked</dt>
              <dd>{c.revoked}</dd>
            </div>
          </dl>
          {c.simulated > 0 && <p className="hint">Simulated students (not counted above, never exported as real data): {c.simulated}.</p>}
        </>
      )}
    </section>
  );
}
