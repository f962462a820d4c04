/** Full-test scores over time as a line chart (with the numbers as a table for screen readers), and daily practice time. */
import type { Progress } from '../../api/types.ts';
import { Link } from '../../app/router.tsx';
import { counted } from '../../lib/sentence.ts';

// Near a phone card's width, so the axis labels keep a readable size there.
const W = 400;
const H = 180;
const PAD = { l: 44, r: 12, t: 12, b: 28 };

export function ScoreHistory({ scores, readOnly }: { scores: Progress['scores']; readOnly?: boolean }) {
  const withTotal = scores.filter((s) => s.total !== null) as (Progress['scores'][number] & { total: number })[];
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">Score history</h2>
      {scores.length === 0 ? (
        <div className="empty">
          <p className="empty-title">No full-length tests yet</p>
          {!readOnly && (
            <p>
              Your test scores will be charted here. <Link to="/test">Take a full-length test</Link> when you are ready.
            </p>
          )}
        </div>
      ) : (
        <>
          {withTotal.length > 0 ? <Chart points={withTotal} /> : <p className="hint">Only tests of both sections have a total to chart.</p>}
          <TestList scores={scores} />
        </>
      )}
    </section>
  );
}

/** Every finished test, newest first, with its scores and a link to its report: one-section tests have no total to chart. */
function TestList({ scores }: { scores: Progress['scores'] }) {
  const day = (at: string) => new Date(at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
  const parts = (s: Progress['scores'][number]) =>
    [s.rw !== null ? `Reading and Writing ${s.rw}` : null, s.math !== null ? `Math ${s.math}` : null].filter(Boolean).join(' · ');
  return (
    <ul className="test-list">
      {[...scores].reverse().map((s) => (
        <li key={s.testResultId}>
          <span>{day(s.at)}</span>{' '}
          <strong>{s.total !== null ? `${s.total} total` : s.rw !== null ? 'Reading and Writing only' : 'Math only'}</strong>{' '}
          <span className="hint">{parts(s)}</span>{' '}
          <Link to={`/test/${s.sessionId}`}>Report</Link>
        </li>
      ))}
    </ul>
  );
}

function Chart({ points }: { points: { at: string; total: number; testResultId: string }[] }) {
  const lo = 400;
  const hi = 1600;
  const x = (i: number) => PAD.l + (points.length === 1 ? (W - PAD.l - PAD.r) / 2 : (i * (W - PAD.l - PAD.r)) / (points.length - 1));
  const y = (v: number) => PAD.t + ((hi - v) * (H - PAD.t - PAD.b)) / (hi - lo);
  const day = (at: string) => new Date(at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
  return (
    <>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-labelledby="history-desc">
        <title id="history-desc">{`Total scores of ${points.length} full-length tests, latest ${points[points.length - 1].total}`}</title>
        {[400, 800, 1200, 1600].map((v) => (
          <g key={v}>
            <line x1={PAD.l} x2={W - PAD.r} y1={y(v)} y2={y(v)} className="grid" />
            <text x={PAD.l - 6} y={y(v) + 4} className="axis" textAnchor="end">
              {v}
            </text>
          </g>
        ))}
        <polyline points={points.map((p, i) => `${x(i)},${y(p.total)}`).join(' ')} className="line" />
        {points.map((p, i) => (
          <g key={p.testResultId}>
            <circle cx={x(i)} cy={y(p.total)} r={4} className="dot" />
            <text x={x(i)} y={H - 8} className="axis" textAnchor="middle">
              {day(p.at)}
            </text>
          </g>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>Full-length test totals</caption>
        <tbody>
          {points.map((p) => (
            <tr key={p.testResultId}>
              <th scope="row">{day(p.at)}</th>
              <td>{p.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function Activity({ days, today }: { days: Progress['timeOnTask']['days']; today: string }) {
  // The last 14 calendar days, empty ones included, oldest first.
  const byDay = new Map(days.map((d) => [d.day, d]));
  const list = Array.from({ length: 14 }, (_, i) => {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() - (13 - i));
    const key = d.toISOString().slice(0, 10);
    return { day: key, minutes: Math.round((byDay.get(key)?.ms ?? 0) / 60_000), answered: byDay.get(key)?.answered ?? 0 };
  });
  const most = Math.max(10, ...list.map((d) => d.answered));
  const total = list.reduce((a, d) => a + d.answered, 0);
  const short = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
  return (
    <section className="card" aria-labelledby="activity-title">
      <h2 id="activity-title">Last 14 days</h2>
      <p className="hint">
        {total} {total === 1 ? 'question' : 'questions'} answered
      </p>
      <ol className="bars">
        {list.map((d) => (
          <li key={d.day} title={`${short(d.day)}: ${counted(d.answered, 'question')}, ${d.minutes} min`}>
            {d.answered > 0 && <span className="bar" style={{ height: `${Math.max(4, (d.answered / most) * 100)}%` }} />}
            <span className="visually-hidden">{`${short(d.day)}: ${counted(d.answered, 'question')}, ${counted(d.minutes, 'minute')}`}</span>
          </li>
        ))}
      </ol>
      <p className="scale-ends" aria-hidden="true">
        <span>{short(list[0].day)}</span>
        <span>today</span>
      </p>
    </section>
  );
}
