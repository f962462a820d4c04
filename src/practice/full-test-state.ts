/**
 * The full-length test as a state machine over the session's stored state, pure and with
 * the clock passed in (`now`, epoch ms): modules open and close, stage 1 routes to an
 * easier or harder stage 2, the break sits between the sections (Reading and Writing
 * first, then Math, as on the SAT), and time only ever moves the test forward.
 *
 * Time is the server's. A module past its deadline closes at its deadline, whoever asks
 * next (`advance`); what follows starts at that instant, not at the moment someone noticed,
 * so a test left alone runs its course exactly as if it had been watched. Every function
 * returns a new state and the transitions it made, for the caller to store and log.
 */
import { section as sectionDef, TAXONOMY, type SectionId } from '../content/taxonomy.ts';
import { conflict } from '../lib/errors.ts';
import { combine, correctVector, routeAfterStage1, scoreTakenSection, type FormKey, type ItemLookup, type PanelForm, type Stage2, type TestScore } from './full-test-panel.ts';

export const FULL_TEST_CHOICES = ['rw', 'math', 'both'] as const;
export type FullTestChoice = (typeof FULL_TEST_CHOICES)[number];

export const sectionOrder = (choice: FullTestChoice): SectionId[] => (choice === 'both' ? ['rw', 'math'] : [choice]);

export interface Timing {
  /** Test-only shrinking of every module and the break (config FULL_TEST_TIME_SCALE). */
  timeScale: number;
}

const MINUTE = 60_000;
export const moduleDuration = (s: SectionId, t: Timing) => Math.max(1, Math.round(sectionDef(s).minutesPerModule * MINUTE * t.timeScale));
export const breakDuration = (t: Timing) => Math.max(1, Math.round(TAXONOMY.breakMinutes * MINUTE * t.timeScale));

export interface AnswerState {
  answer: string;
  correct: boolean;
  /** Summed over every visit to the question. */
  timeSpentMs: number;
}

export type CloseReason = 'submitted' | 'timed_out';

export interface ModuleRun {
  section: SectionId;
  stage: 1 | 2;
  form: FormKey;
  items: string[];
  pretest: boolean[];
  startedAt: number;
  deadline: number;
  closedAt: number | null;
  closeReason: CloseReason | null;
  answers: Record<string, AnswerState>;
  /** "Mark for review" flags of the test's navigator. */
  marked: string[];
}

export interface FullTestState {
  v: 1;
  choice: FullTestChoice;
  sections: SectionId[];
  moduleMs: Partial<Record<SectionId, number>>;
  breakMs: number;
  panels: Partial<Record<SectionId, PanelForm>>;
  /** Modules started so far, in order; the open one (if any) is last. */
  modules: ModuleRun[];
  phase: 'module' | 'break' | 'done';
  breakStartedAt: number | null;
  breakEndsAt: number | null;
  /** The stage-1 θ̂ that chose each section's stage 2. */
  routing: Partial<Record<SectionId, { module: Stage2; theta: number; se: number }>>;
  finishedAt: number | null;
  /** The study-plan task this test was started from (plan/practice-task.ts), ticked off when every module was sat. */
  planTask?: { taskId: string };
}

export type Transition =
  | { type: 'module_started'; index: number; section: SectionId; module: 1 | 2; route: Stage2 | null; deadline: number }
  | { type: 'module_closed'; index: number; section: SectionId; module: 1 | 2; reason: CloseReason; answered: number; at: number }
  | { type: 'finished'; at: number };

export interface Step {
  state: FullTestState;
  transitions: Transition[];
}

/** Modules the whole test will have: two per section. */
export const plannedModules = (s: FullTestState) => s.sections.length * 2;

export function openModule(s: FullTestState): ModuleRun | null {
  const last = s.modules[s.modules.length - 1];
  return s.phase === 'module' && last && last.closedAt === null ? last : null;
}

function start(s: FullTestState, section: SectionId, form: FormKey, at: number, out: Transition[]): void {
  const f = s.panels[section]![form];
  const stage = form === 'stage1' ? 1 : 2;
  const deadline = at + s.moduleMs[section]!;
  s.modules.push({ section, stage, form, items: [...f.items], pretest: [...f.pretest], startedAt: at, deadline, closedAt: null, closeReason: null, answers: {}, marked: [] });
  s.phase = 'module';
  out.push({ type: 'module_started', index: s.modules.length - 1, section, module: stage, route: stage === 2 ? (form as Stage2) : null, deadline });
}

/** Close the open module at `at` and move on: stage 1 routes straight into stage 2; stage 2 leads to the break, or the end. */
function close(s: FullTestState, at: number, reason: CloseReason, lookup: ItemLookup, out: Transition[]): void {
  const m = openModule(s)!;
  m.closedAt = at;
  m.closeReason = reason;
  const index = s.modules.length - 1;
  out.push({ type: 'module_closed', index, section: m.section, module: m.stage, reason, answered: Object.keys(m.answers).length, at });
  if (m.stage === 1) {
    const r = routeAfterStage1(s.panels[m.section]!, lookup, correctVector(m.items, m.answers));
    s.routing[m.section] = { module: r.module, theta: r.estimate.theta, se: r.estimate.se };
    start(s, m.section, r.module, at, out);
    return;
  }
  const next = s.sections[s.sections.indexOf(m.section) + 1];
  if (next) {
    s.phase = 'break';
    s.breakStartedAt = at;
    s.breakEndsAt = at + s.breakMs;
  } else end(s, at, out);
}

function end(s: FullTestState, at: number, out: Transition[]): void {
  s.phase = 'done';
  s.finishedAt = at;
  out.push({ type: 'finished', at });
}

function nextSection(s: FullTestState): SectionId {
  return s.sections[s.sections.indexOf(s.modules[s.modules.length - 1].section) + 1];
}

export function newTest(choice: FullTestChoice, panels: Partial<Record<SectionId, PanelForm>>, timing: Timing, now: number): Step {
  const sections = sectionOrder(choice);
  const s: FullTestState = {
    v: 1,
    choice,
    sections,
    moduleMs: Object.fromEntries(sections.map((x) => [x, moduleDuration(x, timing)])),
    breakMs: breakDuration(timing),
    panels,
    modules: [],
    phase: 'module',
    breakStartedAt: null,
    breakEndsAt: null,
    routing: {},
    finishedAt: null,
  };
  const out: Transition[] = [];
  start(s, sections[0], 'stage1', now, out);
  return { state: s, transitions: out };
}

/** Whether time alone has moved the test on since it was stored (a cheap check before locking). */
export function isDue(s: FullTestState, now: number): boolean {
  const m = openModule(s);
  if (m) return now >= m.deadline;
  return s.phase === 'break' && now >= s.breakEndsAt!;
}

/** Apply every deadline that has passed by `now`, each at its own instant. */
export function advance(state: FullTestState, now: number, lookup: ItemLookup): Step {
  const s = structuredClone(state);
  const out: Transition[] = [];
  for (;;) {
    const m = openModule(s);
    if (m && now >= m.deadline) close(s, m.deadline, 'timed_out', lookup, out);
    else if (s.phase === 'break' && now >= s.breakEndsAt!) start(s, nextSection(s), 'stage1', s.breakEndsAt!, out);
    else break;
  }
  return { state: s, transitions: out };
}

/**
 * The student submits module `index` early. Submitting a module that is already closed
 * changes nothing (a retried request must not close the module after it).
 */
export function submitModule(state: FullTestState, index: number, now: number, lookup: ItemLookup): Step {
  const s = structuredClone(state);
  const out: Transition[] = [];
  if (index < s.modules.length - 1 || (index === s.modules.length - 1 && !openModule(s))) return { state: s, transitions: out };
  if (index >= s.modules.length) throw conflict(`module ${index} has not started`, { current: s.modules.length - 1, phase: s.phase });
  close(s, now, 'submitted', lookup, out);
  return { state: s, transitions: out };
}

/** End the break early, as the SAT's "resume testing" does. */
export function endBreak(state: FullTestState, now: number): Step {
  if (state.phase !== 'break') throw conflict(`there is no break to end: the test is ${state.phase === 'done' ? 'finished' : 'in a module'}`);
  const s = structuredClone(state);
  const out: Transition[] = [];
  start(s, nextSection(s), 'stage1', now, out);
  return { state: s, transitions: out };
}

/** Finish now: the open module closes as submitted and nothing more starts. */
export function finishNow(state: FullTestState, now: number): Step {
  const s = structuredClone(state);
  const out: Transition[] = [];
  if (s.phase === 'done') return { state: s, transitions: out };
  const m = openModule(s);
  if (m) {
    m.closedAt = now;
    m.closeReason = 'submitted';
    out.push({ type: 'module_closed', index: s.modules.length - 1, section: m.section, module: m.stage, reason: 'submitted', answered: Object.keys(m.answers).length, at: now });
  }
  end(s, now, out);
  return { state: s, transitions: out };
}

/** The open module holding `questionId`, or the 409 that says why it cannot be answered now. */
export function answerableModule(s: FullTestState, questionId: string, now: number): ModuleRun {
  if (s.phase === 'done') throw conflict('the test is finished; answers can no longer change');
  if (s.phase === 'break') {
    throw conflict('the break between the sections is running; answers resume when the next module starts', { breakEndsAt: new Date(s.breakEndsAt!).toISOString() });
  }
  const m = openModule(s)!;
  const index = s.modules.indexOf(m);
  if (now >= m.deadline) throw conflict('time is up for this module: answers after the deadline are not accepted', { module: index, deadline: new Date(m.deadline).toISOString() });
  if (m.items.includes(questionId)) return m;
  const earlier = s.modules.findIndex((x) => x.items.includes(questionId));
  if (earlier >= 0) {
    const was = s.modules[earlier];
    const why = was.closeReason === 'timed_out' ? 'its time ran out at the deadline' : 'it was submitted';
    throw conflict(`that question belongs to module ${earlier}, which is closed (${why}); answers after a module closes are not accepted`, {
      module: earlier,
      reason: was.closeReason,
      deadline: new Date(was.deadline).toISOString(),
      current: index,
    });
  }
  throw conflict('that question is not in the open module', { current: index });
}

export interface AnswerChange {
  questionId: string;
  /** A graded answer (the caller grades: the state holds no items); null clears the answer. */
  answer?: { text: string; correct: boolean } | null;
  marked?: boolean;
  timeSpentMs: number;
}

/** Answer, change or clear an answer, or flag for review within the open module. */
export function applyAnswer(state: FullTestState, change: AnswerChange, now: number): { state: FullTestState; module: ModuleRun; index: number } {
  answerableModule(state, change.questionId, now);
  const s = structuredClone(state);
  const m = openModule(s)!;
  const id = change.questionId;
  // A cleared question is unanswered again: it scores as a blank, as on the real test.
  if (change.answer === null) delete m.answers[id];
  else if (change.answer) {
    const prior = m.answers[id];
    m.answers[id] = { answer: change.answer.text, correct: change.answer.correct, timeSpentMs: (prior?.timeSpentMs ?? 0) + change.timeSpentMs };
  }
  if (change.marked !== undefined) {
    m.marked = m.marked.filter((x) => x !== id);
    if (change.marked) m.marked.push(id);
  }
  return { state: s, module: m, index: s.modules.length - 1 };
}

/** Every graded answer of a section so far, in module order (for the running θ̂). */
export function sectionAnswers(s: FullTestState, section: SectionId): { questionId: string; correct: boolean }[] {
  return s.modules.filter((m) => m.section === section).flatMap((m) => Object.entries(m.answers).map(([questionId, a]) => ({ questionId, correct: a.correct })));
}

/**
 * The test's scores as the engine computes them from the answers stored in the state. A
 * section never started scores null; a section left before its stage 2 counts that module
 * blank, as leaving the real test would.
 */
export function scoreTest(s: FullTestState, lookup: ItemLookup): TestScore {
  const sectionScore = (id: SectionId) => {
    const runs = s.modules.filter((m) => m.section === id);
    if (runs.length === 0) return null;
    const s2 = runs.find((m) => m.stage === 2);
    return scoreTakenSection(s.panels[id]!, lookup, {
      stage1Answers: runs[0].answers,
      ...(s2 ? { stage2: { form: s2.form as Stage2, answers: s2.answers } } : {}),
    });
  };
  return combine(sectionScore('rw'), sectionScore('math'));
}
