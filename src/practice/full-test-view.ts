/**
 * What a full-length test looks like to its readers: the open module's questions without
 * keys, rationales or pretest flags, the student's answers and review marks, the clocks,
 * the break, and the result once scored. Pure: the caller passes the stored rows.
 */
import type { sessions, testResults } from '../db/schema/index.ts';
import { itemOrThrow, publicQuestion, type LoadedBank } from './bank.ts';
import type { SectionScore } from './full-test-panel.ts';
import { openModule, plannedModules, type FullTestState } from './full-test-state.ts';

type SessionRow = typeof sessions.$inferSelect;
type ResultRow = typeof testResults.$inferSelect;

const iso = (ms: number) => new Date(ms).toISOString();

export type FullTestResult = ReturnType<typeof resultView>;

export function resultView(r: ResultRow) {
  const d = r.details as { rw: SectionScore | null; math: SectionScore | null; total: { score: number; csem: number; band: [number, number] } | null; complete: boolean; points: number };
  return { testResultId: r.id, sessionId: r.sessionId, rw: d.rw, math: d.math, total: d.total, complete: d.complete, points: d.points, createdAt: r.createdAt };
}

/** What the test's screen shows: the open module's questions (no keys, no pretest flags), answers, marks and clocks. */
export function testView(row: SessionRow, bank: LoadedBank, now: number, result: FullTestResult | null) {
  const s = row.state as unknown as FullTestState;
  const open = openModule(s);
  const modules = Array.from({ length: plannedModules(s) }, (_, index) => {
    const m = s.modules[index];
    const section = s.sections[Math.floor(index / 2)];
    if (!m) return { index, section, stage: (index % 2) + 1, route: null, status: 'upcoming' as const, closeReason: null, questions: null, answered: 0, startedAt: null, deadline: null };
    return {
      index,
      section,
      stage: m.stage,
      route: m.stage === 2 ? m.form : null,
      status: m.closedAt === null ? ('open' as const) : ('closed' as const),
      closeReason: m.closeReason,
      questions: m.items.length,
      answered: Object.keys(m.answers).length,
      startedAt: iso(m.startedAt),
      deadline: iso(m.deadline),
    };
  });
  return {
    sessionId: row.id,
    status: row.status,
    sections: s.sections,
    phase: s.phase,
    serverTime: iso(now),
    modules,
    current: open
      ? {
          index: s.modules.length - 1,
          section: open.section,
          stage: open.stage,
          startedAt: iso(open.startedAt),
          deadline: iso(open.deadline),
          remainingMs: Math.max(0, open.deadline - now),
          answered: Object.keys(open.answers).length,
          questions: open.items.map((id, i) => ({
            position: i + 1,
            ...publicQuestion(itemOrThrow(bank, id)),
            answer: open.answers[id]?.answer ?? null,
            marked: open.marked.includes(id),
          })),
        }
      : null,
    break: s.phase === 'break' ? { startedAt: iso(s.breakStartedAt!), endsAt: iso(s.breakEndsAt!), remainingMs: Math.max(0, s.breakEndsAt! - now) } : null,
    result,
  };
}
