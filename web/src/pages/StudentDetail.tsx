/** A linked student seen by their tutor or parent (or an admin): progress, the sessions they did (each finished one's review a link away), plan (with why tasks were skipped and the advice waiting for the student), the help they asked for in practice, tests, tutor chats and notes (each note opens its thread, where a tutor can answer); a parent also sets the child’s training-data consent. */
import { useState } from 'react';
import { links, plan as planApi, progress, tutor } from '../api/endpoints.ts';
import type { CurrentPlan, ListedLink } from '../api/types.ts';
import { useSession } from '../api/session.ts';
import { Link, query, usePath } from '../app/router.tsx';
import { ChildConsent } from '../components/ChildConsent.tsx';
import { ActivityList, useActivity } from '../components/student/ActivityList.tsx';
import { HelpRequestList, useHelpRequests } from '../components/student/HelpRequests.tsx';
import { NoteList, useNoteFeed } from '../components/community/NoteList.tsx';
import { Heatmap } from '../components/dashboard/Heatmap.tsx';
import { Activity, ScoreHistory } from '../components/dashboard/History.tsx';
import { ScoreCards } from '../components/dashboard/ScoreCards.tsx';
import { PlanTaskItem } from '../components/PlanTaskItem.tsx';
import { Suggestions } from '../components/plan/Suggestions.tsx';
import { Empty, ErrorBox, Loading } from '../components/status.tsx';
import { linkedName } from '../lib/link-names.ts';
import { noun, timeAgo } from '../lib/sentence.ts';
import { dateLabel, planDayDates, taskLabel } from '../lib/tasks.ts';
import { useAsync } from '../lib/use-async.ts';

const TABS = ['Progress', 'Activity', 'Plan', 'Help asked', 'Tutor chats', 'Notes'] as const;
type Tab = (typeof TABS)[number];
const tabSlug = (t: Tab) => t.toLowerCase().replace(/\s+/g, '-');

export default function StudentDetail({ params }: { params: Record<string, string> }) {
  const id = params.id;
  const tabAsked = query(usePath()).get('tab');
  // ?tab=tutor-chats opens that tab (the safety alerts link a chat's alert there).
  const [tab, setTab] = useState<Tab>(() => TABS.find((t) => tabSlug(t) === tabAsked) ?? 'Progress');
  // The link names the student; an admin, who reads without one, sees "Student".
  const link = useAsync(() => links.list().catch(() => ({ links: [] })), []);
  const mine = link.status === 'ready' ? link.data.links.filter((l) => l.studentId === id) : [];
  const found = mine.find((l) => l.status === 'accepted') ?? mine[0];
  const known = (found && linkedName(found)) ?? null;
  const name = known ?? 'Student';
  // In sentences about the student: their name, or "the student" for an admin.
  const who = known ?? 'the student';
  // A parent with an accepted link decides their child's training-data consent (src/accounts/consent.ts).
  // (A parent's list also holds tutors' links to their child: only the parent's own link counts.)
  const user = useSession()?.user;
  const parentOf = user?.role === 'parent' && mine.some((l) => l.requesterId === user.id && l.kind === 'parent' && l.status === 'accepted');
  return (
    <div className="page stack">
      <p>
        {/* A parent's list of the people they follow is "My children". */}
        <Link to="/students">{user?.role === 'parent' ? '← All children' : '← All students'}</Link>
      </p>
      <h1>{name}</h1>
      {parentOf && <ChildConsent studentId={id} name={name} current={consentOf(mine, user!.id)} />}
      <div role="tablist" aria-label="Views" className="tabs">
        {TABS.map((t) => (
          <button key={t} type="button" role="tab" id={`tab-${tabSlug(t)}`} aria-selected={tab === t} aria-controls="tab-panel" className={`tab ${tab === t ? 'is-current' : ''}`} onClick={() => setTab(t)}>
            {t}
          </button>
        ))}
      </div>
      <div id="tab-panel" role="tabpanel" aria-labelledby={`tab-${tabSlug(tab)}`} className="stack">
        {tab === 'Progress' && <ProgressTab id={id} />}
        {tab === 'Activity' && <ActivityTab id={id} />}
        {tab === 'Plan' && <PlanTab id={id} who={who} />}
        {tab === 'Help asked' && <HelpTab id={id} who={who} />}
        {tab === 'Tutor chats' && <ChatTab id={id} />}
        {tab === 'Notes' && <NotesTab id={id} />}
      </div>
    </div>
  );
}

function ProgressTab({ id }: { id: string }) {
  const data = useAsync(() => progress.of(id, 30), [id]);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorBox error={data.error} onRetry={data.reload} title="Could not load progress" />;
  const p = data.data;
  const answered = p.timeOnTask.answered;
  const minutes = p.timeOnTask.totalMs > 0 && p.timeOnTask.totalMs < 30_000 ? null : Math.round(p.timeOnTask.totalMs / 60_000);
  return (
    <>
      {/* The student's own Resume card reads the test itself, which only its taker may; the summary's start time is what an adult can see. */}
      {p.testInProgress && (
        <div className="notice notice-info">
          <p>
            <strong>Full-length test in progress</strong> (started {timeAgo(p.testInProgress.startedAt)})
          </p>
        </div>
      )}
      <div className="dash-top">
        <ScoreCards predicted={p.predicted} scores={p.scores} own={false} />
        <section className="card streak" aria-labelledby="s-streak">
          <h2 id="s-streak">Activity</h2>
          <div className="streak-stats">
            <p>
              <span className="big-number">{p.streak.current}</span>
              <span className="stat-label">day streak</span>
            </p>
            <p>
              <span className="big-number">{answered}</span>
              <span className="stat-label">{noun(answered, 'question')}</span>
            </p>
            <p>
              {/* Under half a minute reads "<1 minute", not "0 minutes", once any time was spent. */}
              <span className="big-number">{minutes ?? '<1'}</span>
              <span className="stat-label">{noun(minutes ?? 1, 'minute')}</span>
            </p>
          </div>
        </section>
      </div>
      <Heatmap skills={p.skills} readOnly own={false} />
      <div className="dash-bottom">
        <ScoreHistory scores={p.scores} readOnly />
        <Activity days={p.timeOnTask.days} today={p.today} />
      </div>
    </>
  );
}

/** The student's sessions, newest first: practice sets, retries, diagnostics and tests (src/progress/activity.ts). */
function ActivityTab({ id }: { id: string }) {
  const { first, items, ...paging } = useActivity(id);
  if (first.status === 'loading') return <Loading label="Loading activity…" />;
  if (first.status === 'error') return <ErrorBox error={first.error} onRetry={first.reload} title="Could not load the activity" />;
  if (items.length === 0)
    return (
      <Empty title="No practice yet">
        <p>The student’s practice sets, diagnostics and full-length tests will show here as they do them.</p>
      </Empty>
    );
  return <ActivityList items={items} {...paging} />;
}

function PlanTab({ id, who }: { id: string; who: string }) {
  const data = useAsync(() => planApi.of(id), [id]);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorBox error={data.error} onRetry={data.reload} title="Could not load the plan" />;
  const p = data.data.plan;
  if (!p) return <Empty title="No study plan yet" />;
  const today = new Date().toLocaleDateString('en-CA');
  const days = p.phases.flatMap((ph) => ph.days).filter((d) => d.date >= today).slice(0, 7);
  return (
    <>
      {/* Read-only: only the student applies or dismisses advice (src/plan/adjust.ts). */}
      <Suggestions items={data.data.suggestions} dayDates={planDayDates(p)} student={who} />
      <SkippedTasks plan={p} who={who} />
      <section className="card" aria-labelledby="s-plan">
        <h2 id="s-plan">Next 7 days</h2>
        <p className="hint">
          Target {p.targetScore} · {p.progress.completed} done, {p.progress.skipped} skipped of {p.progress.total} tasks
        </p>
        <ol className="plan-days">
          {days.map((d) => (
            <li key={d.date} className="plan-day">
              <h3>{dateLabel(d.date)}</h3>
              <ul className="tasks">
                {d.tasks.map((t) => (
                  <PlanTaskItem key={t.id} planId={p.id} task={t} readOnly />
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** Skips shown before "Show all": the latest few say the most. */
const SKIPS_SHOWN = 5;

/** The tasks the student skipped, latest day first, each with the reason they gave (most are behind today, out of the 7-day list). */
function SkippedTasks({ plan, who }: { plan: NonNullable<CurrentPlan['plan']>; who: string }) {
  const [all, setAll] = useState(false);
  const skipped = plan.phases
    .flatMap((ph) => ph.days.flatMap((d) => d.tasks.filter((t) => t.status === 'skipped').map((t) => ({ ...t, date: d.date }))))
    .reverse();
  if (skipped.length === 0) return null;
  const shown = all ? skipped : skipped.slice(0, SKIPS_SHOWN);
  return (
    <section className="card" aria-labelledby="s-skipped">
      <h2 id="s-skipped">Skipped tasks</h2>
      <p className="hint">Latest first, each with the reason {who} gave.</p>
      <ul className="plain-list skipped-tasks">
        {shown.map((t) => (
          <li key={t.id}>
            <p className="activity-what">
              {dateLabel(t.date)} · {taskLabel(t)}
            </p>
            {t.skipReason ? <q className="note-body">{t.skipReason}</q> : <p className="hint">No reason given.</p>}
          </li>
        ))}
      </ul>
      {skipped.length > SKIPS_SHOWN && (
        <button type="button" className="btn btn-quiet btn-small" aria-expanded={all} onClick={() => setAll((v) => !v)}>
          {all ? 'Show fewer' : `Show all ${skipped.length}`}
        </button>
      )}
    </section>
  );
}

/** The help the student asked for in practice, newest first, with the AI's replies (src/progress/help-requests.ts). */
function HelpTab({ id, who }: { id: string; who: string }) {
  const { first, items, ...paging } = useHelpRequests(id);
  if (first.status === 'loading') return <Loading label="Loading help requests…" />;
  if (first.status === 'error') return <ErrorBox error={first.error} onRetry={first.reload} title="Could not load the help requests" />;
  if (items.length === 0)
    return (
      <Empty title="No help asked yet">
        <p>When {who} asks for help on a practice question, the question, the message and the AI’s reply will show here.</p>
      </Empty>
    );
  return <HelpRequestList items={items} who={who} {...paging} />;
}

function ChatTab({ id }: { id: string }) {
  const data = useAsync(() => tutor.interactions(id), [id]);
  if (data.status === 'loading') return <Loading />;
  if (data.status === 'error') return <ErrorBox error={data.error} onRetry={data.reload} title="Could not load the chats" />;
  if (data.data.conversations.length === 0) return <Empty title="No tutor chats yet" />;
  return (
    <>
      {data.data.conversations.map((c) => (
        <section key={c.conversationId} className="card" aria-label="Conversation">
          <ol className="chat-log is-static">
            {c.messages.map((m) => (
              <li key={m.id} className={`bubble is-${m.role}`}>
                <span className="visually-hidden">{m.role === 'user' ? 'Student: ' : 'Tutor: '}</span>
                <p className="ai-text">{m.content}</p>
                {m.rating && <p className="hint">Rated {m.rating.stars} of 5</p>}
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

/** The student's notes, their private ones included (a linked tutor or parent may read them, src/community/visibility.ts). */
function NotesTab({ id }: { id: string }) {
  const { feed, notes, more } = useNoteFeed({ authorId: id }, id);
  if (feed.status === 'loading') return <Loading label="Loading notes…" />;
  if (feed.status === 'error') return <ErrorBox error={feed.error} onRetry={feed.reload} title="Could not load the notes" />;
  if (notes.length === 0) return <Empty title="No notes yet" />;
  return <NoteList notes={notes} more={more} />;
}

/** The child's consent as the parent's own accepted link carries it (src/accounts/links.ts). */
function consentOf(mine: readonly ListedLink[], parentId: string) {
  const own = mine.find((l) => l.requesterId === parentId && l.kind === 'parent' && l.status === 'accepted');
  const s = own && 'student' in own ? own.student : undefined;
  return s && 'trainingConsent' in s && s.trainingConsent !== undefined && s.parentDecidesConsent !== undefined
    ? { trainingConsent: s.trainingConsent, parentDecidesConsent: s.parentDecidesConsent, changed: s.consentChanged ?? null }
    : undefined;
}
