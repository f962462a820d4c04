/**
 * The student's dashboard, from two requests in parallel: GET /progress/me (the whole
 * summary, plan included) and GET /links (tutor and parent requests waiting for an answer);
 * a third, GET /full_test/:id, only when the summary names a test left in progress.
 */
import { links, progress } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import { Link } from '../app/router.tsx';
import { Heatmap } from '../components/dashboard/Heatmap.tsx';
import { Activity, ScoreHistory } from '../components/dashboard/History.tsx';
import { ScoreCards } from '../components/dashboard/ScoreCards.tsx';
import { TodayPlan } from '../components/dashboard/TodayPlan.tsx';
import { LinkRequests } from '../components/LinkRequests.tsx';
import { ErrorBox, Loading } from '../components/status.tsx';
import { ResumeTest } from '../components/test/ResumeTest.tsx';
import { daysUntil, readGoals } from '../lib/goals.ts';
import { useAsync } from '../lib/use-async.ts';

export default function Dashboard() {
  const session = useSession()!;
  const data = useAsync(async () => {
    const [p, l] = await Promise.all([progress.mine(30), links.list().catch(() => ({ links: [] }))]);
    return { ...p, linkRows: l.links };
  }, []);
  const goals = readGoals(session.user.id);

  if (data.status === 'loading') return <Loading label="Loading your progress…" />;
  if (data.status === 'error') return <ErrorBox error={data.error} onRetry={data.reload} title="Could not load your progress" />;
  const p = data.data;
  const testDate = p.plan?.testDate ?? goals?.testDate ?? null;
  const target = p.plan?.targetScore ?? goals?.targetScore ?? null;
  const days = testDate ? daysUntil(testDate) : null;
  const earned = p.badges.filter((b) => b.earned);

  return (
    <div className="page stack">
      <div className="page-head">
        <h1>Hi {session.user.displayName.split(' ')[0]}</h1>
        <p className="lead">
          {target ? `Aiming for ${target}` : 'Set a goal to get a plan'}
          {days !== null && days >= 0 ? ` · test in ${days} ${days === 1 ? 'day' : 'days'}` : ''}
        </p>
      </div>

      <ResumeTest sessionId={p.testInProgress?.sessionId ?? null} />

      <div className="dash-top">
        <ScoreCards predicted={p.predicted} scores={p.scores} />
        <section className="card streak" aria-labelledby="streak-title">
          <h2 id="streak-title">Streak and points</h2>
          <div className="streak-stats">
            <p>
              <span className="big-number">{p.streak.current}</span>
              <span className="stat-label">day streak{p.streak.activeToday ? '' : ' — practise today to keep it'}</span>
            </p>
            <p>
              <span className="big-number">{p.points.balance}</span>
              <span className="stat-label">points</span>
            </p>
            <p>
              <span className="big-number">{earned.length}</span>
              <span className="stat-label">
                of {p.badges.length} badges
              </span>
            </p>
          </div>
          {earned.length > 0 && (
            <ul className="badges" aria-label="Badges earned">
              {earned.map((b) => (
                <li key={b.id} className="badge badge-good" title={b.description}>
                  {b.title}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>

      <LinkRequests rows={p.linkRows} userId={session.user.id} />

      <TodayPlan overview={p.plan} today={p.today} onChanged={data.reload} />

      <Heatmap skills={p.skills} />

      <div className="dash-bottom">
        <ScoreHistory scores={p.scores} />
        <Activity days={p.timeOnTask.days} today={p.today} />
      </div>

      {p.timeOnTask.answered === 0 && (
        <p className="notice notice-info">
          Nothing measured yet. <Link to="/welcome">Take the diagnostic</Link> or <Link to="/practice">start practising</Link>.
        </p>
      )}
    </div>
  );
}
