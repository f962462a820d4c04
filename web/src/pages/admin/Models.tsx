/** Language-model runs: training figures, an evaluation beside the template and hosted providers, and promotion with its reasons. */
import { useState } from 'react';
import { Empty, ErrorBox, Loading } from '../../components/status.tsx';
import { useAsync } from '../../lib/use-async.ts';
import { adminData, num, pct, when, type Eval, type Model, type Promotion } from './api.ts';
import { StatusBadge } from './Datasets.tsx';

export function Models() {
  const list = useAsync(() => adminData.models(20), []);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <section className="card stack" aria-labelledby="models-title">
      <div className="card-head">
        <h2 id="models-title">Model runs</h2>
        <button type="button" className="btn btn-small btn-quiet" onClick={list.reload}>
          Refresh
        </button>
      </div>
      {list.status === 'loading' && <Loading label="Loading models…" />}
      {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} title="Could not load the models" />}
      {list.status === 'ready' && (
        <>
          {list.data.models.length === 0 ? (
            <Empty title="No language model registered yet">Train one with satprep model train, or start satprep retrain.</Empty>
          ) : (
            <ModelTable models={list.data.models} selected={selected} onSelect={setSelected} />
          )}
          {list.data.runs.length > 0 && (
            <>
              <h3>Training jobs</h3>
              <ul className="job-list">
                {list.data.runs.map((r) => (
                  <li key={r.id}>
                    <StatusBadge job={r} /> {r.kind} · {when(r.createdAt)} · {pct(r.status === 'succeeded' ? 1 : r.progress)}
                    {r.message ? ` — ${r.message}` : ''}
                    {r.error ? ` — ${r.error}` : ''}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {/* Outside the list's states: reloading the list after a promotion must not unmount the verdict. */}
      {selected && <LossCurve model={list.data?.models.find((m) => m.id === selected)} />}
      {selected && <EvalReport id={selected} active={list.data?.models.find((m) => m.id === selected)?.status === 'active'} onPromoted={list.reload} key={selected} />}
    </section>
  );
}

function ModelTable({ models, selected, onSelect }: { models: Model[]; selected: string | null; onSelect: (id: string) => void }) {
  return (
    <>
      <p className="hint">Training figures as recorded at registration (open a model for its loss curve); the newest evaluation of each model.</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Registered language models">
        <table className="compact admin-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Evaluation</th>
              <th scope="col">Status</th>
              <th scope="col">Registered</th>
              <th scope="col">Preset</th>
              <th scope="col" className="num">Steps</th>
              <th scope="col" className="num">Final loss</th>
              <th scope="col" className="num">Val. loss</th>
              <th scope="col" className="num">Train / held out</th>
              <th scope="col" className="num">Pass rate</th>
              <th scope="col" className="num">Perplexity / byte</th>
            </tr>
          </thead>
          <tbody>
            {models.map((m) => (
              <tr key={m.id} className={selected === m.id ? 'is-selected' : undefined}>
                <th scope="row">
                  <code>{m.id}</code>
                </th>
                <td>
                  <button type="button" className="btn btn-small btn-quiet" onClick={() => onSelect(m.id)} aria-pressed={selected === m.id} aria-label={`Open ${m.id}`}>
                    Open
                  </button>
                </td>
                <td>
                  <span className={`badge ${m.status === 'active' ? 'badge-good' : m.status === 'retired' ? 'badge-muted' : ''}`}>{m.status}</span>
                </td>
                <td>{when(m.createdAt)}</td>
                <td>{m.train ? `${m.train.preset} (${(m.train.params / 1e6).toFixed(2)} M)` : '–'}</td>
                <td className="num">{m.train?.steps ?? '–'}</td>
                <td className="num">{num(m.train?.finalLoss)}</td>
                <td className="num">{num(m.train?.valLoss)}</td>
                <td className="num">{m.train ? `${m.train.trainPairs} / ${m.train.heldout}` : '–'}</td>
                <td className="num">{m.latestEval ? pct(m.latestEval.passRate, 1) : '–'}</td>
                <td className="num">{num(m.latestEval?.bytePerplexity, 4)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

const CW = 560;
const CH = 200;
const CPAD = { l: 44, r: 12, t: 12, b: 28 };

/** Training and validation loss against the step, as recorded by the run (thinned to ~200 points), with a table for screen readers. */
function LossCurve({ model }: { model: Model | undefined }) {
  const curve = model?.train?.curve;
  if (!model || !curve || curve.loss.length < 2) {
    return model ? <p className="hint">No loss curve was recorded for {model.id} (trained before runs recorded one).</p> : null;
  }
  const all = [...curve.loss, ...curve.val];
  const maxStep = Math.max(...all.map(([s]) => s));
  const hi = Math.max(...all.map(([, l]) => l));
  const lo = Math.min(0, ...all.map(([, l]) => l));
  const x = (step: number) => CPAD.l + (step / Math.max(1, maxStep)) * (CW - CPAD.l - CPAD.r);
  const y = (l: number) => CPAD.t + ((hi - l) / Math.max(1e-9, hi - lo)) * (CH - CPAD.t - CPAD.b);
  const line = (pts: [number, number][]) => pts.map(([s, l]) => `${x(s).toFixed(1)},${y(l).toFixed(1)}`).join(' ');
  const ticks = [lo, (lo + hi) / 2, hi];
  const lastVal = curve.val.at(-1);
  return (
    <figure className="loss-curve">
      <figcaption>
        <strong>Loss curve</strong> of <code>{model.id}</code>: <span className="legend legend-train">training</span>{' '}
        <span className="legend legend-val">validation</span>
      </figcaption>
      <svg viewBox={`0 0 ${CW} ${CH}`} className="chart" role="img" aria-labelledby="loss-desc">
        <title id="loss-desc">{`Loss over ${maxStep} steps: training ${curve.loss[0][1]} to ${curve.loss.at(-1)![1]}${lastVal ? `, validation ${lastVal[1]} at the end` : ''}`}</title>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={CPAD.l} x2={CW - CPAD.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={CPAD.l - 6} y={y(v) + 4} className="axis" textAnchor="end">
              {v.toFixed(1)}
            </text>
          </g>
        ))}
        {[0, maxStep].map((s) => (
          <text key={s} x={x(s)} y={CH - 8} className="axis" textAnchor={s ? 'end' : 'start'}>
            {s ? `step ${s}` : '0'}
          </text>
        ))}
        <polyline points={line(curve.loss)} className="line" />
        {curve.val.length > 1 && <polyline points={line(curve.val)} className="line line-val" />}
      </svg>
      <table className="visually-hidden">
        <caption>Validation loss by step</caption>
        <tbody>
          {curve.val.map(([s, l]) => (
            <tr key={s}>
              <th scope="row">{s}</th>
              <td>{l}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

type System = Eval['report']['systems'][number];
const METRICS: [string, (s: System) => string][] = [
  ['Perplexity (response tokens)', (s) => num(s.perplexity?.perplexity, 3)],
  ['Perplexity per byte', (s) => num(s.perplexity?.bytePerplexity, 4)],
  ['All checks pass', (s) => pct(s.passRate, 1)],
  ['Critical checks pass', (s) => pct(s.servableRate, 1)],
  ['BLEU', (s) => num(s.bleu.score, 2)],
  ['ROUGE-L F', (s) => num(100 * s.rougeL, 2)],
  ['Errors', (s) => String(s.errors)],
  ['ms per output', (s) => num(s.msPerOutput, 0)],
];

function EvalReport({ id, active, onPromoted }: { id: string; active: boolean; onPromoted: () => void }) {
  const report = useAsync(() => adminData.evalReport(id), [id]);
  const [promotion, setPromotion] = useState<Promotion | null>(null);
  const [promoteError, setPromoteError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const promote = async () => {
    setBusy(true);
    setPromoteError(null);
    setPromotion(null);
    try {
      const r = await adminData.promote(id);
      setPromotion(r);
      if (r.promoted) onPromoted();
    } catch (err) {
      setPromoteError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="model-detail stack" role="region" aria-labelledby="eval-title">
      <div className="card-head">
        <h3 id="eval-title">
          Evaluation of <code>{id}</code>
        </h3>
        <button type="button" className="btn btn-small btn-primary" onClick={promote} disabled={busy || active}>
          {busy ? 'Comparing…' : active ? 'Active' : 'Promote'}
        </button>
      </div>
      <div aria-live="polite">
        {promotion && (
          <div className={`notice ${promotion.promoted ? 'notice-success' : 'notice-error'}`}>
            <p>
              <strong>{promotion.promoted ? `Promoted: ${promotion.model.id} is now active.` : `Not promoted: ${promotion.model.id} stays ${promotion.model.status}.`}</strong>
            </p>
            <ul className="reasons">
              {promotion.reasons.map((r, i) => (
                <li key={i}>{r}</li>
              ))}
            </ul>
          </div>
        )}
        {promoteError !== null && <ErrorBox error={promoteError} title="Could not decide" />}
      </div>
      {report.status === 'loading' && <Loading label="Loading the report…" />}
      {report.status === 'error' && <ErrorBox error={report.error} onRetry={report.reload} title="No report to show" />}
      {report.status === 'ready' && <SideBySide data={report.data} />}
    </div>
  );
}

function SideBySide({ data }: { data: Eval }) {
  const systems = data.report.systems;
  const tasks = Object.keys(systems[0]?.byTask ?? {}) as (keyof System['byTask'])[];
  const active = data.active?.eval ?? null;
  return (
    <>
      <p className="hint">
        Eval key <code>{data.key}</code>, {data.report.evalSet.generated} held-out examples per system, {when(data.report.createdAt)}.
        {data.active && !active && ` The active model ${data.active.id} has no evaluation under this key.`}
      </p>
      <div className="table-wrap" tabIndex={0} role="region" aria-label="Evaluation side by side">
        <table className="compact admin-table">
          <thead>
            <tr>
              <th scope="col">Metric</th>
              {systems.map((s) => (
                <th key={s.name} scope="col" className="num">
                  {s.name === 'inhouse' ? 'This model' : s.name} <span className="hint-inline">{s.label}</span>
                </th>
              ))}
              {active && (
                <th scope="col" className="num">
                  Active model <span className="hint-inline">{data.active!.id}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {METRICS.map(([name, f]) => (
              <tr key={name}>
                <th scope="row">{name}</th>
                {systems.map((s) => (
                  <td key={s.name} className="num">
                    {f(s)}
                  </td>
                ))}
                {active && <td className="num">{activeCell(name, active)}</td>}
              </tr>
            ))}
            {tasks.map((t) => (
              <tr key={t}>
                <th scope="row">{String(t).replace(/_/g, ' ')}: pass rate</th>
                {systems.map((s) => (
                  <td key={s.name} className="num">
                    {s.byTask[t] ? pct(s.byTask[t]!.passRate, 1) : '–'}
                  </td>
                ))}
                {active && <td className="num">{active.byTask[t] ? pct(active.byTask[t]!.passRate, 1) : '–'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** The active model's stored summary has the headline figures only. */
function activeCell(metric: string, e: NonNullable<NonNullable<Eval['active']>['eval']>): string {
  switch (metric) {
    case 'Perplexity (response tokens)':
      return num(e.perplexity, 3);
    case 'Perplexity per byte':
      return num(e.bytePerplexity, 4);
    case 'All checks pass':
      return pct(e.passRate, 1);
    case 'Critical checks pass':
      return pct(e.servableRate, 1);
    case 'BLEU':
      return num(e.bleu, 2);
    case 'ROUGE-L F':
      return num(100 * e.rougeL, 2);
    default:
      return '–';
  }
}
