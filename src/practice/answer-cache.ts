/**
 * What this process last stored for a session being answered and for its student's skills,
 * so the next answer can go straight to the write (one round trip instead of two).
 *
 * A copy may be stale — another process or another session of the student wrote since — and
 * that is safe: the write's guards (answer-store.ts) check the session version and status and
 * the answered skill's row version, a stale write fails at the first of them without storing
 * anything, and the caller forgets the copy and takes the read path. One thing a stale copy
 * can change is which question comes next: the selection θ averages the requested skills'
 * θ, and another process's update of a skill not being answered is seen at the next read.
 */
import { BoundedMap } from '../lib/bounded-map.ts';
import type { AnswerSnapshot } from './answer-store.ts';
import type { SkillState } from './proficiency.ts';

type SkillRows = Map<string, { state: SkillState; rowVersion: string }>;

interface CachedSession {
  userId: string;
  kind: AnswerSnapshot['kind'];
  /** The state as stored (JSON), parsed afresh for each use: an answer changes its copy. */
  stateJson: string;
  version: number;
}

const sessions = new BoundedMap<string, CachedSession>(5_000);
const skillsByUser = new BoundedMap<string, SkillRows>(5_000);

/** The stored state of the session as this process last wrote it, or null (never written here, forgotten, or not of `kinds`). */
export function cachedSnapshot(sessionId: string, userId: string, kinds: readonly AnswerSnapshot['kind'][]): AnswerSnapshot | null {
  const s = sessions.get(sessionId);
  const skills = skillsByUser.get(userId);
  if (!s || !skills || s.userId !== userId || !kinds.includes(s.kind)) return null;
  return { userId, kind: s.kind, status: 'active', state: JSON.parse(s.stateJson), version: s.version, skills, prior: null };
}

/** After a write succeeded: the session is at version + 1 with `stateJson`, the skill's row at `rowVersion`. */
export function rememberAnswer(sessionId: string, snap: AnswerSnapshot, stateJson: string, skill: string, after: SkillState, rowVersion: string): void {
  const skills = new Map(snap.skills);
  skills.set(skill, { state: after, rowVersion });
  skillsByUser.set(snap.userId, skills);
  sessions.set(sessionId, { userId: snap.userId, kind: snap.kind, stateJson, version: snap.version + 1 });
}

/** A session just stored (started): its first answer can use the student's remembered skills, if any. */
export function rememberSession(sessionId: string, userId: string, kind: AnswerSnapshot['kind'], stateJson: string, version: number): void {
  sessions.set(sessionId, { userId, kind, stateJson, version });
}

export function forgetSession(sessionId: string): void {
  sessions.delete(sessionId);
}
