/**
 * Issue 8, acceptance 1: the origin documents' whole flow over real HTTP and a real
 * WebSocket against a listening server, then the rows it must have left in every table,
 * linked by their foreign keys (checked by joins, including the links the schema does not
 * enforce: ids held in uuid/text columns without a constraint).
 *
 * The student is a minor (16): training consent must come from a linked parent, so the
 * parent links at sign-up and gives it; the same link later lets the parent read progress
 * and the tutor chat. The full-length test runs on the test-only short clock with 8
 * questions a module (FULL_TEST_TIME_SCALE, FULL_TEST_ITEMS_PER_MODULE).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { route, type MstModule, type MstPanel } from '../../src/assess/mst.ts';
import { toAssessItem } from '../../src/assess/types.ts';
import type { Item } from '../../src/content/item.ts';
import { section, type SectionId } from '../../src/content/taxonomy.ts';
import { rawRows, schema } from '../../src/db/index.ts';
import { addDays, dayIn } from '../../src/lib/days.ts';
import { getBank } from '../../src/practice/bank.ts';
import { httpClient } from '../helpers/http.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { open } from '../helpers/ws.ts';

/**
 * 0.003 gives modules of 5.8 s (R&W) and 6.3 s (Math) and a 1.8 s break: room for eight
 * answers over HTTP on a loaded machine, and a timeout that costs only a few seconds.
 */
const TIME_SCALE = '0.003';
/** With fewer (2 of them pretest), an all-right stage 1 may not clear the routing cut. */
const ITEMS_PER_MODULE = 8;

let t: TestApp;
let base: string;
let items: ReadonlyMap<string, Item>;
before(async () => {
  t = await createTestApp({ FULL_TEST_TIME_SCALE: TIME_SCALE, FULL_TEST_ITEMS_PER_MODULE: String(ITEMS_PER_MODULE) });
  base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  items = (await getBank(t.database.db)).items;
});
after(() => t.close());

/** Reply bodies, read field by field. */
type Json = any;

const call = httpClient(() => base);

/** 2xx or fail with the reply in the message. */
async function ok(method: string, path: string, token: string | null, body?: unknown, headers?: Record<string, string>): Promise<Json> {
  const r = await call(method, path, token, body, headers);
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

interface Person {
  id: string;
  email: string;
  token: string;
}

async function signUp(role: 'student' | 'tutor' | 'parent', name: string, birthDate?: string): Promise<Person> {
  const email = `${name.toLowerCase()}@e2e.example.test`;
  const r = await call('POST', '/auth/signup', null, { email, password: 'correct horse battery', displayName: name, role, ...(birthDate ? { birthDate } : {}) });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return { id: r.body.user.id, email, token: r.body.accessToken };
}

const rightAnswer = (item: Item) => (item.type === 'mcq' ? item.answer : item.acceptedAnswers?.[0] ?? item.answer);
function wrongAnswer(item: Item): string {
  if (item.type === 'mcq') return 'ABCD'.replace(item.answer, '')[0];
  return ['9999', '9998'].find((a) => !(item.acceptedAnswers ?? [item.answer]).includes(a))!;
}
const answerFor = (id: string, right: boolean) => (right ? rightAnswer(items.get(id)!) : wrongAnswer(items.get(id)!));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The stage-2 module the engine routes the stored stage-1 responses to, per section of a stored full test. */
async function engineRoutes(sessionId: string) {
  const db = t.database.db;
  const [row] = await db.select().from(schema.sessions).where(eq(schema.sessions.id, sessionId));
  type Form = { items: string[]; pretest: boolean[] };
  const panels = (row.state as { panels: Record<SectionId, { cut: number; D: number; stage1: Form; easier: Form; harder: Form }> }).panels;
  const correct = new Map((await db.select().from(schema.responses).where(eq(schema.responses.sessionId, sessionId))).map((r) => [r.questionId, r.correct]));
  const out: Partial<Record<SectionId, 'easier' | 'harder'>> = {};
  for (const [sec, p] of Object.entries(panels) as [SectionId, (typeof panels)[SectionId]][]) {
    const mod = (m: Form): MstModule => ({ items: m.items.map((id) => toAssessItem(items.get(id)!)), pretest: m.pretest, minutes: section(sec).minutesPerModule });
    const panel: MstPanel = { section: sec, cut: p.cut, D: p.D, stage1: mod(p.stage1), easier: mod(p.easier), harder: mod(p.harder) };
    out[sec] = route(panel, p.stage1.items.map((id) => correct.get(id) ?? false)).module;
  }
  return out;
}

const scaled = (s: { score: number; band: [number, number] }, lo: number, hi: number) => {
  assert.ok(Number.isInteger(s.score / 10), `${s.score} is a multiple of 10`);
  assert.ok(lo <= s.score && s.score <= hi, `${s.score} within ${lo}–${hi}`);
  assert.ok(lo <= s.band[0] && s.band[0] <= s.score && s.score <= s.band[1] && s.band[1] <= hi, `band ${s.band} around ${s.score}`);
  assert.ok(s.band[0] < s.band[1], 'a band, not a point');
};

test('the whole flow: sign up → … → linked parent reads progress and chat, a stranger cannot → every table, joined', async () => {
  const today = dayIn(new Date());

  // ── Sign up: a 16-year-old student; her parent links and gives the training consent she cannot give herself.
  const ana = await signUp('student', 'Ana', addDays(today, -16 * 365));
  const mum = await signUp('parent', 'Mum');
  const bo = await signUp('student', 'Bo', '2000-01-01');
  const stranger = await signUp('tutor', 'Stranger');
  assert.equal((await call('PUT', `/students/${ana.id}/consent`, ana.token, { granted: true })).status, 403, 'a minor cannot consent for herself');
  const link = await ok('POST', '/links', mum.token, { studentEmail: ana.email });
  assert.equal(link.status, 'pending');
  assert.equal((await ok('POST', `/links/${link.id}/accept`, ana.token)).status, 'accepted');
  assert.equal((await ok('PUT', `/students/${ana.id}/consent`, mum.token, { granted: true })).trainingConsent, true);

  // ── Diagnostic: six adaptive Math questions, alternately right and wrong.
  const diag = await ok('POST', '/diagnostic/start', ana.token, { section: 'math', count: 6 });
  let q = diag.question;
  for (let i = 0; i < 6; i++) {
    const r = await ok('POST', `/diagnostic/${diag.sessionId}/answer`, ana.token, { questionId: q.id, answer: answerFor(q.id, i % 2 === 0), timeSpentMs: 30_000 });
    q = r.next;
  }
  const diagDone = await ok('POST', `/diagnostic/${diag.sessionId}/finish`, ana.token);
  assert.equal(diagDone.diagnostic.section, 'math');

  // ── Practice: a short set of one skill, retried answers under an idempotency key, then feedback.
  const skill = items.get(diag.question.id)!.skill;
  const practice = await ok('POST', '/practice/start', ana.token, { skill, count: 4 });
  const practiceId = practice.sessionId as string;
  const served: string[] = [];
  q = practice.question;
  for (let i = 0; i < 4; i++) {
    const body = { questionId: q.id, answer: answerFor(q.id, i % 2 === 1), timeSpentMs: 20_000 };
    const first = await ok('POST', `/practice/${practiceId}/answer`, ana.token, body, { 'idempotency-key': `e2e-practice-${i}` });
    const retry = await ok('POST', `/practice/${practiceId}/answer`, ana.token, body, { 'idempotency-key': `e2e-practice-${i}` });
    assert.equal(retry.replayed, true);
    assert.equal(first.correct, i % 2 === 1);
    served.push(q.id);
    q = first.next;
  }
  const finished = await ok('POST', `/practice/${practiceId}/finish`, ana.token);
  assert.deepEqual([finished.answered, finished.correct], [4, 2]);
  const feedbackId = finished.feedback.aiOutputId as string;
  assert.match(finished.feedback.text, /\w+/);

  // ── Rate the feedback (the mobile body, user_id included); ask for help on a missed question.
  assert.equal((await ok('POST', '/practice/rate-feedback', ana.token, { user_id: ana.id, ai_output_id: feedbackId, rating: 4, comment: 'useful' })).updated, false);
  const missed = served[0];
  const help = await ok('POST', `/practice/help/${practiceId}/${encodeURIComponent(missed)}`, ana.token, { user_id: ana.id, user_query: 'Why was my answer wrong?', input_mode: 'text' });
  assert.ok(help.response.length > 20);

  // ── Study plan: complete one task (task id, retried under one key), skip one (the mobile body): advice follows.
  const plan = await ok('POST', '/study_plan', ana.token, { targetScore: 1300, testDate: addDays(today, 45) });
  const tasks = plan.phases.flatMap((p: Json) => p.days.flatMap((d: Json) => d.tasks));
  assert.ok(tasks.length >= 2);
  // The plan opens with a lesson: she reads it, so its task's Done pays (plan/lesson-read.ts).
  assert.equal(tasks[0].kind, 'lesson');
  assert.deepEqual((await ok('POST', `/lessons/${encodeURIComponent(tasks[0].lessonId)}/read`, ana.token)).planTask, null);
  const complete = () => ok('POST', `/study_plan/action/${plan.id}`, ana.token, { task_id: tasks[0].id, action: 'completed' }, { 'idempotency-key': 'e2e-plan-complete' });
  const completed = await complete();
  assert.equal((await complete()).replayed, true);
  assert.ok(completed.pointsAwarded > 0);
  const skipped = await ok('POST', `/study_plan/action/${plan.id}`, ana.token, { user_id: ana.id, task_index: 1, action: 'skipped' });
  assert.deepEqual([skipped.user_id, skipped.task.id, skipped.action], [ana.id, tasks[1].id, 'skipped']);
  assert.equal(skipped.suggestion.trigger, 'skip');
  // Dismissed: the full test's advice below is then a card of its own, even when (its panel being
  // random) it proposes the same change, which a pending card would stand for instead (plan/adjust.ts).
  assert.equal((await ok('POST', `/study_plan/suggestions/${skipped.suggestion.id}/dismiss`, ana.token)).suggestion.status, 'dismissed');
  const planNow = await ok('GET', '/study_plan', ana.token);
  assert.deepEqual(planNow.plan.phases.flatMap((p: Json) => p.days.flatMap((d: Json) => d.tasks)).slice(0, 2).map((x: Json) => x.status), ['completed', 'skipped']);

  // ── Community: the mobile note body on the missed question (an AI reply comes back); Bo replies and upvotes; Ana marks it helpful.
  const posted = await ok('POST', '/community/note', ana.token, { user_id: ana.id, question_id: missed, note_text: 'I keep mixing up the steps here.' });
  assert.equal(posted.user_id, ana.id);
  assert.ok(posted.ai_response.length > 0);
  const noteId = posted.note.id as string;
  const reply = (await ok('POST', `/community/notes/${noteId}/replies`, bo.token, { body: 'Undo the addition first, then divide both sides.' })).reply;
  assert.equal(reply.kind, 'community');
  assert.equal((await ok('POST', `/community/notes/${noteId}/upvote`, bo.token)).upvotes, 1);
  assert.equal((await call('POST', `/community/replies/${reply.id}/helpful`, bo.token)).status, 403, 'only the note author marks helpful');
  const helpful = await ok('POST', `/community/replies/${reply.id}/helpful`, ana.token);
  assert.deepEqual([helpful.helpful, helpful.pointsAwarded], [true, true]);
  const thread = await ok('GET', `/community/notes/${noteId}`, bo.token);
  assert.deepEqual(thread.replies.map((r: Json) => [r.kind, r.helpful, r.mine]), [['ai', false, false], ['community', true, true]]);
  assert.deepEqual([thread.note.upvotes, thread.note.votedByMe], [1, true]);

  // ── Full-length test, both sections. R&W: stage 1 all right → harder; stage 2 submitted; the break, resumed early.
  const ft = await ok('POST', '/full_test/start', ana.token, { sections: 'both' });
  const ftId = ft.sessionId as string;
  let n = 0;
  const answer = (id: string, right: boolean) =>
    call('POST', `/full_test/${ftId}/answer`, ana.token, { questionId: id, answer: answerFor(id, right), timeSpentMs: 40_000 }, { 'idempotency-key': `e2e-ft-${n++}` });
  const sitModule = async (view: Json, right: (i: number) => boolean) => {
    assert.equal(view.current.questions.length, ITEMS_PER_MODULE);
    for (const [i, x] of (view.current.questions as { id: string }[]).entries()) {
      const r = await answer(x.id, right(i));
      assert.equal(r.status, 200, JSON.stringify(r.body));
    }
    return ok('POST', `/full_test/${ftId}/submit-module`, ana.token, { moduleIndex: view.current.index });
  };
  let view = await sitModule(ft, () => true);
  assert.deepEqual([view.current.section, view.current.stage, view.modules[1].route], ['rw', 2, 'harder']);
  view = await sitModule(view, (i) => i % 2 === 0);
  assert.equal(view.phase, 'break');
  view = await ok('POST', `/full_test/${ftId}/resume`, ana.token);
  assert.deepEqual([view.phase, view.current.section, view.current.stage], ['module', 'math', 1]);

  // Math stage 1 times out: three wrong answers, then the clock runs out; a late answer is a 409 and the module has closed by itself.
  const mathQs = view.current.questions as { id: string }[];
  let last: Json;
  for (const x of mathQs.slice(0, 3)) {
    last = await answer(x.id, false);
    assert.equal(last.status, 200, JSON.stringify(last.body));
  }
  await sleep(last!.body.remainingMs + 50);
  const late = await answer(mathQs[3].id, true);
  assert.equal(late.status, 409);
  assert.equal(late.body.error, 'conflict');
  assert.match(late.body.message, /time ran out/);
  view = await ok('GET', `/full_test/${ftId}`, ana.token);
  assert.deepEqual(
    view.modules.map((m: Json) => [m.status, m.closeReason, m.answered]),
    [['closed', 'submitted', 8], ['closed', 'submitted', 8], ['closed', 'timed_out', 3], ['open', null, 0]],
  );
  assert.equal(view.modules[3].route, 'easier');
  // The route per section is the engine's for the stored stage-1 responses.
  assert.deepEqual(await engineRoutes(ftId), { rw: 'harder', math: 'easier' });

  const done = await sitModule(view, (i) => i % 2 === 1);
  assert.equal(done.phase, 'done');

  // ── Scores with bands; the review.
  const result = done.result;
  scaled(result.rw, 200, 800);
  scaled(result.math, 200, 800);
  scaled(result.total, 400, 1600);
  assert.equal(result.total.score, result.rw.score + result.math.score);
  assert.deepEqual([result.rw.route, result.math.route], ['harder', 'easier']);
  assert.ok(result.rw.score > result.math.score, 'all right on R&W stage 1, nothing right on Math stage 1');
  assert.equal(result.complete, true);
  assert.ok(result.points > 0);
  const reread = await ok('GET', `/full_test/${ftId}`, ana.token);
  assert.deepEqual(reread.result.total, result.total);
  const finishAgain = await ok('POST', `/full_test/${ftId}/finish`, ana.token);
  assert.equal(finishAgain.testResultId, result.testResultId);
  const review = await ok('POST', `/review/${ftId}`, ana.token);
  const answeredInTest = 8 + 8 + 3 + 8;
  assert.equal(review.reviews.length, answeredInTest);
  assert.equal((await ok('GET', `/review/${ftId}`, mum.token)).reviews.length, answeredInTest, 'the linked parent reads the review');

  // ── Tutor chat over a WebSocket: start, streamed chunks, done; then rate the reply.
  const c = await open(`${base.replace(/^http/, 'ws')}/ai_tutor/chat`, { authorization: `Bearer ${ana.token}` });
  assert.deepEqual(await c.next(), { type: 'ready', userId: ana.id });
  c.send({ type: 'message', text: 'How should I approach the questions I got wrong on the math part?', inputMode: 'text' });
  const frames = await c.until('done');
  assert.equal(frames[0].type, 'start');
  const afterReset = frames.slice(frames.map((f) => f.type).lastIndexOf('reset') + 1);
  const chunks = afterReset.filter((f) => f.type === 'chunk');
  assert.ok(chunks.length >= 2, `streamed in chunks (got ${chunks.length})`);
  const reply1 = frames.at(-1)!;
  assert.equal(chunks.map((f) => f.text).join('').trim(), reply1.text);
  const conversationId = frames[0].conversationId as string;
  const chatOutputId = reply1.aiOutputId as string;
  c.send({ type: 'rate', aiOutputId: chatOutputId, stars: 5, comment: 'clear' });
  const rated = await c.next();
  assert.deepEqual([rated.type, rated.stars, rated.updated], ['rated', 5, false]);
  c.close();
  await c.closed;

  // ── The linked parent reads progress and the chat history; an unlinked tutor cannot.
  const progress = await ok('GET', `/progress/${ana.id}`, mum.token);
  assert.equal(progress.userId, ana.id);
  assert.ok(progress.skills.some((s: Json) => s.skill === skill && s.measured));
  assert.equal(progress.scores.length, 1);
  assert.deepEqual([progress.scores[0].rw, progress.scores[0].math, progress.scores[0].total], [result.rw.score, result.math.score, result.total.score]);
  assert.deepEqual(progress.scores[0].bands, { rw: result.rw.band, math: result.math.band, total: result.total.band });
  assert.ok(progress.points.balance > 0);
  assert.equal(progress.plan.planId, plan.id);
  const history = await ok('GET', `/ai_tutor/interactions/${ana.id}`, mum.token);
  assert.deepEqual(history.conversations.map((x: Json) => x.conversationId), [conversationId]);
  const msgs = history.conversations[0].messages;
  assert.deepEqual(msgs.map((m: Json) => m.role), ['user', 'assistant']);
  assert.deepEqual(msgs[1].rating, { stars: 5, comment: 'clear' });
  assert.equal(msgs[1].content, reply1.text);
  for (const path of [`/progress/${ana.id}`, `/ai_tutor/interactions/${ana.id}`]) {
    const r = await call('GET', path, stranger.token);
    assert.equal(r.status, 403, `${path}: ${JSON.stringify(r.body)}`);
    assert.equal(r.body.error, 'forbidden');
  }

  await checkRows({ ana, mum, bo, stranger }, { diagId: diag.sessionId, practiceId, ftId, planId: plan.id, noteId, replyId: reply.id, feedbackId, chatOutputId, conversationId, linkId: link.id, completedTask: tasks[0].id, skippedTask: tasks[1].id });
});

interface Ids {
  diagId: string;
  practiceId: string;
  ftId: string;
  planId: string;
  noteId: string;
  replyId: string;
  feedbackId: string;
  chatOutputId: string;
  conversationId: string;
  linkId: string;
  completedTask: string;
  skippedTask: string;
}

/** The rows of every table the flow touched, and their links (joins count the rows that break them). */
async function checkRows(p: Record<'ana' | 'mum' | 'bo' | 'stranger', Person>, ids: Ids) {
  const db = t.database.db;
  const ana = p.ana.id;
  const q = <T = Json>(query: ReturnType<typeof sql>) => rawRows<T>(db, query);
  const none = async (what: string, query: ReturnType<typeof sql>) => assert.deepEqual(await q(query), [], what);

  // users and links
  const [user] = await db.select().from(schema.users).where(eq(schema.users.id, ana));
  assert.deepEqual([user.role, user.trainingConsent, user.consentGivenBy], ['student', true, p.mum.id]);
  const links = await q(sql`select requester_id, student_id, kind, status, decided_by from links where student_id = ${ana} or requester_id = ${p.stranger.id}`);
  assert.deepEqual(links, [{ requester_id: p.mum.id, student_id: ana, kind: 'parent', status: 'accepted', decided_by: ana }]);

  // sessions and responses: every response in one of her own sessions, pretest rows only in the full test and unscored
  const sessions = await q(sql`select id, kind, status from sessions where user_id = ${ana} order by created_at`);
  assert.deepEqual(sessions, [
    { id: ids.diagId, kind: 'diagnostic', status: 'completed' },
    { id: ids.practiceId, kind: 'practice', status: 'completed' },
    { id: ids.ftId, kind: 'full_test', status: 'completed' },
  ]);
  await none('responses outside her own sessions', sql`select r.id from responses r left join sessions s on s.id = r.session_id where r.user_id = ${ana} and (s.id is null or s.user_id <> r.user_id)`);
  await none('responses to unknown questions', sql`select r.id from responses r left join questions x on x.id = r.question_id where r.user_id = ${ana} and x.id is null`);
  const perSession = await q(sql`select s.kind, count(*)::int as n, count(*) filter (where r.is_pretest)::int as pretest, count(*) filter (where r.is_pretest and r.theta_after is not null)::int as scored_pretest from responses r join sessions s on s.id = r.session_id where r.user_id = ${ana} group by s.kind order by s.kind`);
  assert.deepEqual(perSession.map((r: Json) => [r.kind, r.n, r.scored_pretest]), [['diagnostic', 6, 0], ['full_test', 27, 0], ['practice', 4, 0]]);
  const pretest = perSession.find((r: Json) => r.kind === 'full_test').pretest;
  assert.ok(pretest >= 2, `pretest responses recorded for calibration (${pretest})`);
  assert.equal(perSession.filter((r: Json) => r.kind !== 'full_test').reduce((s: number, r: Json) => s + r.pretest, 0), 0);

  // proficiency and its history, each history row of an answer pointing at her own response
  const prof = await q(sql`select skill from proficiency where user_id = ${ana}`);
  assert.ok(prof.length >= 1);
  const hist = await q<{ n: number; linked: number }>(sql`select count(*)::int as n, count(r.id)::int as linked from proficiency_history h left join responses r on r.id = h.response_id and r.user_id = h.user_id where h.user_id = ${ana} and h.response_id is not null`);
  assert.ok(hist[0].n >= 10);
  assert.equal(hist[0].linked, hist[0].n, 'every history row points at her response');

  // ai_outputs: every task of the flow, each row hers, each with a session where it names one that exists
  const tasks = await q<{ task: string; n: number }>(sql`select task, count(*)::int as n from ai_outputs where user_id = ${ana} group by task order by task`);
  const byTask = Object.fromEntries(tasks.map((r) => [r.task, r.n]));
  assert.deepEqual(Object.keys(byTask).sort(), ['feedback', 'help', 'note_reply', 'plan_adjust', 'review', 'tutor_chat']);
  assert.equal(byTask.feedback, 2, 'diagnostic and practice');
  assert.equal(byTask.plan_adjust, 2, 'after the skip and after the test');
  assert.equal(byTask.review, 27);
  await none('ai_outputs naming a session of someone else', sql`select o.id from ai_outputs o left join sessions s on s.id = o.session_id where o.user_id = ${ana} and o.session_id is not null and (s.id is null or s.user_id <> o.user_id)`);

  // feedback_ratings: the practice feedback and the chat reply, both rated by her
  const ratings = await q(sql`select o.task, f.stars from feedback_ratings f join ai_outputs o on o.id = f.ai_output_id where f.user_id = ${ana} order by o.task`);
  assert.deepEqual(ratings, [{ task: 'feedback', stars: 4 }, { task: 'tutor_chat', stars: 5 }]);

  // help_requests → the practice session and a help output
  const helpRows = await q(sql`select h.session_id, o.task, o.question_id = h.question_id as same_q from help_requests h join ai_outputs o on o.id = h.ai_output_id where h.user_id = ${ana}`);
  assert.deepEqual(helpRows, [{ session_id: ids.practiceId, task: 'help', same_q: true }]);

  // study_plans, plan_actions, plan_suggestions (each suggestion's advice a plan_adjust output of hers)
  const plans = await q(sql`select id, version, status from study_plans where user_id = ${ana}`);
  assert.deepEqual(plans, [{ id: ids.planId, version: 1, status: 'active' }]);
  const actions = await q(sql`select a.task_id, a.action, a.performance_snapshot is not null as snap from plan_actions a join study_plans p on p.id = a.plan_id and p.user_id = a.user_id where a.user_id = ${ana} order by a.created_at`);
  assert.deepEqual(actions, [{ task_id: ids.completedTask, action: 'completed', snap: true }, { task_id: ids.skippedTask, action: 'skipped', snap: true }]);
  const suggestions = await q(sql`select s.trigger, o.task from plan_suggestions s join study_plans p on p.id = s.plan_id join ai_outputs o on o.id = s.ai_output_id and o.user_id = s.user_id where s.user_id = ${ana} order by s.created_at`);
  assert.deepEqual(suggestions, [{ trigger: 'skip', task: 'plan_adjust' }, { trigger: 'test', task: 'plan_adjust' }]);

  // notes, note_replies (the AI's through note_reply, Bo's marked helpful), community_votes
  const notes = await q(sql`select id, question_id is not null as on_question, visibility, upvotes from notes where user_id = ${ana}`);
  assert.deepEqual(notes, [{ id: ids.noteId, on_question: true, visibility: 'community', upvotes: 1 }]);
  const replies = await q(sql`select r.kind, r.author_id, r.helpful, o.task from note_replies r join notes n on n.id = r.note_id left join ai_outputs o on o.id = r.ai_output_id where n.id = ${ids.noteId} order by r.created_at`);
  assert.deepEqual(replies, [
    { kind: 'ai', author_id: null, helpful: false, task: 'note_reply' },
    { kind: 'community', author_id: p.bo.id, helpful: true, task: null },
  ]);
  const votes = await q(sql`select v.user_id from community_votes v join notes n on n.id = v.target_id where v.target_kind = 'note' and n.id = ${ids.noteId}`);
  assert.deepEqual(votes, [{ user_id: p.bo.id }]);

  // tutor_messages: both turns in one conversation; the reply points at her tutor_chat output
  const chat = await q(sql`select m.role, o.task, o.user_id = m.user_id as same_user from tutor_messages m left join ai_outputs o on o.id = m.ai_output_id where m.user_id = ${ana} order by m.created_at`);
  assert.deepEqual(chat, [{ role: 'user', task: null, same_user: null }, { role: 'assistant', task: 'tutor_chat', same_user: true }]);
  await none('tutor replies without their output', sql`select m.id from tutor_messages m left join ai_outputs o on o.id = m.ai_output_id where m.user_id = ${ana} and m.role = 'assistant' and o.id is null`);
  const [assistant] = await q(sql`select ai_output_id, conversation_id from tutor_messages where user_id = ${ana} and role = 'assistant'`);
  assert.deepEqual(assistant, { ai_output_id: ids.chatOutputId, conversation_id: ids.conversationId });

  // test_results → her full_test session
  const results = await q(sql`select s.kind, t.rw_score + t.math_score = t.total as adds_up from test_results t join sessions s on s.id = t.session_id and s.user_id = t.user_id where t.user_id = ${ana}`);
  assert.deepEqual(results, [{ kind: 'full_test', adds_up: true }]);

  // points_ledger: each award points at the thing that earned it
  const ledger = await q<{ reason: string; source_id: string }>(sql`select reason, source_id from points_ledger where user_id = ${ana}`);
  const source = (reason: string) => ledger.filter((l) => l.reason === reason).map((l) => l.source_id);
  assert.deepEqual(source('diagnostic'), [ids.diagId]);
  assert.deepEqual(source('practice'), [ids.practiceId]);
  assert.deepEqual(source('full_test'), [ids.ftId]);
  assert.deepEqual(source('plan_task'), [ids.completedTask]);
  const boPoints = await q(sql`select reason, source_id from points_ledger where user_id = ${p.bo.id}`);
  assert.deepEqual(boPoints, [{ reason: 'helpful_answer', source_id: ids.replyId }]);

  // events: every step of hers, and of the others who acted
  const typesOf = async (userId: string) => new Set((await db.select({ type: schema.events.type }).from(schema.events).where(eq(schema.events.userId, userId))).map((e) => e.type));
  const anaTypes = await typesOf(ana);
  for (const type of [
    'account.signed_up', 'link.decided', 'session.started', 'question.answered', 'session.finished', 'ai_output.rated', 'help.requested',
    'plan.generated', 'lesson.read', 'plan.action', 'plan.suggested', 'community.note_posted', 'community.replied', 'community.marked_helpful',
    'full_test.module_started', 'full_test.module_closed', 'full_test.finished', 'review.generated', 'tutor.message', 'points.awarded',
  ]) {
    assert.ok(anaTypes.has(type), `event ${type} for the student`);
  }
  for (const type of ['link.requested', 'consent.changed']) assert.ok((await typesOf(p.mum.id)).has(type), `event ${type} for the parent`);
  for (const type of ['community.replied', 'community.voted', 'points.awarded']) assert.ok((await typesOf(p.bo.id)).has(type), `event ${type} for the replier`);
  const closes = await q(sql`select payload->>'reason' as reason from events where type = 'full_test.module_closed' and payload->>'sessionId' = ${ids.ftId} order by id`);
  assert.deepEqual(closes.map((c: Json) => c.reason), ['submitted', 'submitted', 'timed_out', 'submitted']);
  const answeredEvents = await q<{ kind: string; n: number }>(sql`select payload->>'sessionKind' as kind, count(*)::int as n from events where type = 'question.answered' and user_id = ${ana} group by 1 order by 1`);
  assert.deepEqual(answeredEvents, [{ kind: 'diagnostic', n: 6 }, { kind: 'full_test', n: 27 }, { kind: 'practice', n: 4 }], 'retried answers logged once');
  // Every event naming a session of the flow names one of hers.
  await none('events naming a session not hers', sql`select e.id from events e left join sessions s on s.id::text = e.payload->>'sessionId' where e.user_id = ${ana} and e.payload->>'sessionId' is not null and (s.id is null or s.user_id <> e.user_id)`);
  // And nothing was written for the tutor who was refused.
  assert.deepEqual([...(await typesOf(p.stranger.id))], ['account.signed_up']);
}
