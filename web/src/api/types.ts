/**
 * The API's request and reply shapes, taken from the server's own code with type-only
 * imports (erased at build time, so nothing server-side reaches the bundle): a changed
 * route or domain function fails `npm run typecheck` here instead of at run time.
 * Replies travel as JSON, so `Json<T>` turns the server's `Date`s into strings.
 */
import type { GuideSection } from '../../../src/content/guide.ts';
import type { PublicUser, SignUp as SignUpBody } from '../../../src/accounts/users.ts';
import type { Link, listLinks } from '../../../src/accounts/links.ts';
import type { finishSession } from '../../../src/practice/finish.ts';
import type { rateOutput, requestHelp } from '../../../src/practice/help.ts';
import type { summarizeLesson } from '../../../src/practice/lesson-summary.ts';
import type { readLesson } from '../../../src/plan/lesson-read.ts';
import type { listReviews } from '../../../src/practice/review.ts';
import type { answerQuestion, sessionView, startSession } from '../../../src/practice/sessions.ts';
import type { mistakesSummary } from '../../../src/practice/mistakes.ts';
import type { PublicQuestion } from '../../../src/practice/bank.ts';
import type { DomainId, SectionId, SkillId } from '../../../src/content/taxonomy.ts';
import type { getNote, listNotes, PostedNote } from '../../../src/community/notes.ts';
import type { NoteView, ReplyView } from '../../../src/community/views.ts';
import type { VoteResult } from '../../../src/community/votes.ts';
import type { markHelpful } from '../../../src/community/helpful.ts';
import type { progressSummary } from '../../../src/progress/summary.ts';
import type { recentSessions } from '../../../src/progress/activity.ts';
import type { recentHelpRequests } from '../../../src/progress/help-requests.ts';
import type { currentPlan, planOverview } from '../../../src/plan/read.ts';
import type { generatePlan } from '../../../src/plan/generate.ts';
import type { recordPlanAction } from '../../../src/plan/actions.ts';
import type { decideSuggestion } from '../../../src/plan/adjust.ts';
import type { listConversations } from '../../../src/tutor/conversations.ts';
import type { ServerFrame } from '../../../src/tutor/frames.ts';
import type { answerFullTest, finishFullTest, getFullTest, testUnderWay } from '../../../src/practice/full-test.ts';
import type { FullTestChoice } from '../../../src/practice/full-test-state.ts';

export type Json<T> = T extends Date
  ? string
  : T extends readonly unknown[]
    ? { [K in keyof T]: Json<T[K]> }
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;

type Returns<F extends (...args: never[]) => Promise<unknown>> = Json<Awaited<ReturnType<F>>>;

export type { GuideSection, SignUpBody, DomainId, SectionId, SkillId };
export type User = Json<PublicUser>;
export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}
export type SignUpReply = TokenPair & { user: User };

export type Question = Json<PublicQuestion>;
export type SessionStart = Returns<typeof startSession>;
export type MistakesSummary = Returns<typeof mistakesSummary>;
export type SessionView = Returns<typeof sessionView>;
export type AnswerReply = Returns<typeof answerQuestion>;
export type FinishReply = Returns<typeof finishSession>;
export type HelpReply = Returns<typeof requestHelp>;
export type RateReply = Returns<typeof rateOutput>;
export type LessonSummaryReply = Returns<typeof summarizeLesson>;
export type LessonReadReply = Returns<typeof readLesson>;
export type ReviewList = Returns<typeof listReviews>;
export type LinkRow = Json<Link>;
/** A link as GET /links lists it: a student sees who asked; the asker sees the student's name once accepted. */
export type ListedLink = Json<Awaited<ReturnType<typeof listLinks>>[number]>;

export type Note = Json<NoteView>;
export type NoteReply = Json<ReplyView>;
export type NotePosted = Json<PostedNote>;
export type NoteFeed = Returns<typeof listNotes>;
export type NoteThread = Returns<typeof getNote>;
export type Vote = Json<VoteResult>;
export type HelpfulMark = Returns<typeof markHelpful>;

/** POST /practice/start: at most one of section, domain, skill (the route's refine). */
export interface PracticeStartBody {
  count: number;
  section?: SectionId;
  domain?: DomainId;
  skill?: SkillId;
  /** The study-plan task this set does: finishing it ticks the task off. */
  planTaskId?: string;
}

export interface ApiErrorBody {
  error: string;
  message: string;
  details: unknown;
}

/** GET /progress/me and /progress/:user_id: the summary plus the plan's overview (src/api/routes/progress.ts). */
export type Progress = Returns<typeof progressSummary> & { plan: Returns<typeof planOverview>; testInProgress: Returns<typeof testUnderWay> };
export type PlanOverview = NonNullable<Progress['plan']>;
/** GET /progress/:user_id/sessions: a page of the student's sessions, newest first, and the cursor of the next (src/progress/activity.ts). */
export type ActivityPage = Returns<typeof recentSessions>;
export type ActivityItem = ActivityPage['sessions'][number];
/** GET /progress/:user_id/help: a page of the help the student asked for in practice, newest first (src/progress/help-requests.ts). */
export type HelpRequestPage = Returns<typeof recentHelpRequests>;
export type HelpRequestItem = HelpRequestPage['helpRequests'][number];
export type CurrentPlan = Returns<typeof currentPlan>;
export type PlanView = Returns<typeof generatePlan>;
export type PlanTaskView = PlanView['phases'][number]['days'][number]['tasks'][number];
export type PlanActionReply = Returns<typeof recordPlanAction>;
export type SuggestionDecision = Returns<typeof decideSuggestion>;
export type Suggestion = CurrentPlan['suggestions'][number];

export type Conversation = Returns<typeof listConversations>[number];
export type ChatServerFrame = ServerFrame;
/** One stored chat message as GET /ai_tutor/interactions returns it (src/tutor/conversations.ts builds it as a plain object). */
export interface ChatMessage {
  id: string;
  role: 'user' | 'assistant';
  content: string;
  aiOutputId: string | null;
  createdAt: string;
  rating: { stars: number; comment: string | null } | null;
}
export interface Interactions {
  userId: string;
  conversations: { conversationId: string; messages: ChatMessage[] }[];
}

export type { FullTestChoice };
export type FullTestView = Returns<typeof getFullTest>;
export type FullTestQuestion = NonNullable<FullTestView['current']>['questions'][number];
export type FullTestAnswerReply = Returns<typeof answerFullTest>;
export type FullTestFinish = Returns<typeof finishFullTest>;
export type FullTestResult = NonNullable<FullTestView['result']>;
/** What the call that finished a test (or a practice set) did to the plan task it was started from. */
export type PlanTaskOutcome = NonNullable<FullTestFinish['planTask']>;
