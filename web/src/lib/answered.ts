/**
 * What the student saw and answered in a session, kept in this tab so the review page can
 * show each question beside its explanation (the review API returns the AI's review per
 * question id; the question text and key come from the answer replies).
 */
import type { AnswerReply, Question } from '../api/types.ts';

export interface AnsweredItem {
  question: Question;
  answer: string;
  correct: boolean;
  correctAnswer: string;
  rationale: string;
  timeSpentMs: number;
}

const key = (sessionId: string) => `satprep.answered.${sessionId}`;

export function readAnswered(sessionId: string): AnsweredItem[] {
  try {
    return JSON.parse(sessionStorage.getItem(key(sessionId)) ?? '[]') as AnsweredItem[];
  } catch {
    return [];
  }
}

export function recordAnswered(sessionId: string, question: Question, answer: string, reply: AnswerReply, timeSpentMs: number): void {
  const list = readAnswered(sessionId).filter((a) => a.question.id !== question.id);
  list.push({ question, answer, correct: reply.correct, correctAnswer: reply.correctAnswer, rationale: reply.rationale, timeSpentMs });
  try {
    sessionStorage.setItem(key(sessionId), JSON.stringify(list));
  } catch {
    /* storage full or blocked: the review page falls back to the AI reviews alone */
  }
}
