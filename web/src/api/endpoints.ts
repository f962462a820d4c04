/** Typed calls, one per route the app uses; paths and shapes follow src/api/routes. */
import { call, idempotencyKey } from './client.ts';
import type {
  AnswerReply,
  FinishReply,
  HelpReply,
  LinkRow,
  ListedLink,
  NoteFeed,
  NotePosted,
  NoteReply,
  NoteThread,
  HelpfulMark,
  CurrentPlan,
  PlanActionReply,
  PlanView,
  Progress,
  ActivityPage,
  HelpRequestPage,
  SuggestionDecision,
  Conversation,
  FullTestAnswerReply,
  FullTestChoice,
  FullTestFinish,
  FullTestView,
  GuideSection,
  Interactions,
  SkillId,
  Vote,
  PracticeStartBody,
  RateReply,
  ReviewList,
  SectionId,
  SessionStart,
  SessionView,
  SignUpBody,
  SignUpReply,
  TokenPair,
  User,
  LessonReadReply,
  LessonSummaryReply,
  MistakesSummary,
} from './types.ts';

export const auth = {
  signUp: (body: SignUpBody) => call<SignUpReply>('POST', '/auth/signup', { body, auth: false }),
  signIn: (email: string, password: string) => call<TokenPair>('POST', '/auth/signin', { body: { email, password }, auth: false }),
  me: (accessToken?: string) =>
    call<User>('GET', '/auth/me', accessToken ? { auth: false, headers: { authorization: `Bearer ${accessToken}` } } : {}),
  signOut: (refreshToken: string) => call<void>('POST', '/auth/signout', { body: { refreshToken }, auth: false }),
};

/** Data rights and training consent (src/api/routes/account.ts, src/api/routes/links.ts). */
export const account = {
  /** Everything stored about the signed-in user, as one JSON object. */
  exportMine: () => call<Record<string, unknown>>('GET', '/ai_data/export/me'),
  /** Deletes the signed-in user's account; the API asks for the password again. */
  remove: (password: string) => call<void>('DELETE', '/account', { body: { password } }),
  /** A student's own consent (an adult turning it on or off, anyone turning it off) or a parent's for their child: the student as it now stands. */
  setConsent: (studentId: string, granted: boolean) => call<User>('PUT', `/students/${studentId}/consent`, { body: { granted } }),
};

/** Practice and diagnostic sessions share one shape; only the path prefix differs. */
export type SessionKind = 'practice' | 'diagnostic';

export interface AnswerInput {
  questionId: string;
  answer: string;
  timeSpentMs: number;
}

export const sessions = {
  startPractice: (body: PracticeStartBody) => call<SessionStart>('POST', '/practice/start', { body }),
  startDiagnostic: (section: SectionId, count: number) => call<SessionStart>('POST', '/diagnostic/start', { body: { section, count } }),
  get: (kind: SessionKind, id: string) => call<SessionView>('GET', `/${kind}/${id}`),
  answer: (kind: SessionKind, id: string, input: AnswerInput) =>
    call<AnswerReply>('POST', `/${kind}/${id}/answer`, { body: { ...input, idempotencyKey: idempotencyKey() } }),
  finish: (kind: SessionKind, id: string) => call<FinishReply>('POST', `/${kind}/${id}/finish`),
};

/** Retry your mistakes: the missed questions not answered right since, and a set of them in order. */
export const mistakes = {
  summary: () => call<MistakesSummary>('GET', '/practice/mistakes'),
  start: (section: SectionId, count: number) => call<SessionStart>('POST', '/practice/mistakes/start', { body: { section, count } }),
};

export const lessons = {
  /** An AI summary of a lesson's idea section, written for the signed-in reader (rate it with `help.rate`). */
  summary: (lessonId: string) => call<LessonSummaryReply>('POST', `/lessons/${encodeURIComponent(lessonId)}/summary`),
  /** "I've read this" (students): what a lesson task's points are paid for; `planTaskId`, the task the lesson was opened from, is ticked off with it. */
  read: (lessonId: string, planTaskId?: string) =>
    call<LessonReadReply>('POST', `/lessons/${encodeURIComponent(lessonId)}/read`, { body: planTaskId ? { planTaskId } : {} }),
};

export const help = {
  ask: (sessionId: string, questionId: string, query: string, inputMode: 'text' | 'voice') =>
    call<HelpReply>('POST', `/practice/help/${sessionId}/${encodeURIComponent(questionId)}`, { body: { user_query: query, input_mode: inputMode } }),
  rate: (aiOutputId: string, rating: number, comment?: string) =>
    call<RateReply>('POST', '/practice/rate-feedback', { body: { ai_output_id: aiOutputId, rating, ...(comment ? { comment } : {}) } }),
};

export const review = {
  generate: (sessionId: string) => call<ReviewList>('POST', `/review/${sessionId}`),
  list: (sessionId: string) => call<ReviewList>('GET', `/review/${sessionId}`),
};

export const links = {
  list: () => call<{ links: ListedLink[] }>('GET', '/links'),
  request: (studentEmail: string) => call<LinkRow>('POST', '/links', { body: { studentEmail } }),
  accept: (id: string) => call<LinkRow>('POST', `/links/${id}/accept`),
  revoke: (id: string) => call<LinkRow>('POST', `/links/${id}/revoke`),
};

export interface NoteInput {
  body: string;
  questionId?: string;
  skill?: SkillId;
  visibility: 'private' | 'community';
  aiReply?: boolean;
}

export const community = {
  post: (note: NoteInput) => call<NotePosted>('POST', '/community/note', { body: note, headers: { 'idempotency-key': idempotencyKey() } }),
  feed: (q: { questionId?: string; skill?: SkillId; authorId?: string; cursor?: string; limit?: number } = {}) => {
    const params = new URLSearchParams(Object.entries(q).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    return call<NoteFeed>('GET', `/community/notes${params.size ? `?${params}` : ''}`);
  },
  thread: (id: string) => call<NoteThread>('GET', `/community/notes/${id}`),
  reply: (id: string, body: string) =>
    call<{ reply: NoteReply }>('POST', `/community/notes/${id}/replies`, { body: { body }, headers: { 'idempotency-key': idempotencyKey() } }),
  askAi: (id: string) => call<{ created: boolean; reply: NoteReply }>('POST', `/community/notes/${id}/ai_reply`),
  vote: (kind: 'notes' | 'replies', id: string, up: boolean) => call<Vote>(up ? 'POST' : 'DELETE', `/community/${kind}/${id}/upvote`),
  helpful: (replyId: string) => call<HelpfulMark>('POST', `/community/replies/${replyId}/helpful`),
  report: (targetKind: 'note' | 'reply', targetId: string, reason: string) =>
    call<{ reported: boolean; hidden: boolean }>('POST', '/community/report', { body: { targetKind, targetId, reason } }),
};

/** The browser's time zone, so streaks and "today" follow the student's clock. */
const tz = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

/** A keyset-paged list's address: `cursor` is the `next` of the page before (none for the first). */
const paged = (path: string, cursor: string | undefined, limit: number) => `${path}?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

export const progress = {
  mine: (days = 30) => call<Progress>('GET', `/progress/me?tz=${encodeURIComponent(tz())}&days=${days}`),
  of: (userId: string, days = 30) => call<Progress>('GET', `/progress/${userId}?tz=${encodeURIComponent(tz())}&days=${days}`),
  /** The student's sessions, newest first, a page at a time: pass the last page's `next` for the one after. */
  sessions: (userId: string, cursor?: string, limit = 20) => call<ActivityPage>('GET', paged(`/progress/${userId}/sessions`, cursor, limit)),
  /** The help the student asked for in practice, newest first, paged the same way. */
  helpRequests: (userId: string, cursor?: string, limit = 20) => call<HelpRequestPage>('GET', paged(`/progress/${userId}/help`, cursor, limit)),
};

export const plan = {
  current: () => call<CurrentPlan>('GET', '/study_plan'),
  of: (userId: string) => call<CurrentPlan>('GET', `/study_plan/${userId}`),
  /** A first plan, or a new goal for the current one (a new version that keeps the days behind). */
  generate: (targetScore: number, testDate: string, minutesPerDay?: number) =>
    call<PlanView>('POST', '/study_plan', { body: { targetScore, testDate, ...(minutesPerDay ? { minutesPerDay } : {}) } }),
  act: (planId: string, taskId: string, action: 'completed' | 'skipped', reason?: string) =>
    call<PlanActionReply>('POST', `/study_plan/action/${planId}`, { body: { task_id: taskId, action, ...(reason ? { reason } : {}), idempotencyKey: idempotencyKey() } }),
  decide: (suggestionId: string, decision: 'accept' | 'dismiss') => call<SuggestionDecision>('POST', `/study_plan/suggestions/${suggestionId}/${decision}`),
};

export const tutor = {
  conversations: () => call<{ conversations: Conversation[] }>('GET', '/ai_tutor/conversations'),
  interactions: (userId: string, conversationId?: string) =>
    call<Interactions>('GET', `/ai_tutor/interactions/${userId}${conversationId ? `?conversation_id=${conversationId}` : ''}`),
};

/** The test guide: public, the same for everyone. */
export const guide = {
  get: () => call<{ sections: GuideSection[] }>('GET', '/guide', { auth: false }),
};

export const fullTest = {
  start: (sections: FullTestChoice, planTaskId?: string) => call<FullTestView>('POST', '/full_test/start', { body: { sections, ...(planTaskId ? { planTaskId } : {}) } }),
  get: (id: string) => call<FullTestView>('GET', `/full_test/${id}`),
  /** The student's test under way, started on any device, or null. */
  active: () => call<{ test: FullTestView | null }>('GET', '/full_test/active'),
  /** `answer: null` clears the question's answer. */
  answer: (id: string, body: { questionId: string; answer?: string | null; marked?: boolean; timeSpentMs: number }) =>
    call<FullTestAnswerReply>('POST', `/full_test/${id}/answer`, { body: { ...body, idempotencyKey: idempotencyKey() } }),
  submitModule: (id: string, moduleIndex: number) => call<FullTestView>('POST', `/full_test/${id}/submit-module`, { body: { moduleIndex } }),
  resume: (id: string) => call<FullTestView>('POST', `/full_test/${id}/resume`),
  finish: (id: string) => call<FullTestFinish>('POST', `/full_test/${id}/finish`),
};
