/**
 * A full-length test's panels as stored in its session (item ids, pretest flags, routing
 * cut) and the measurement done on them: routing, the section's θ̂, scaled scores with
 * bands and per-domain performance. Pure: items come through a lookup, and every number is
 * the assessment engine's (mst.ts route/scoreSection, scoring.ts) — nothing is recomputed
 * another way here, so a stored score can be checked against those functions directly.
 */
import { eap } from '../assess/estimate.ts';
import { route, scoreSection, type MstModule, type MstPanel } from '../assess/mst.ts';
import { buildConversionTable, scaleSection, totalScore, type ConversionTable, type ScaledScore } from '../assess/scoring.ts';
import type { AssessItem, Estimate } from '../assess/types.ts';
import { section as sectionDef, type DomainId, type SectionId } from '../content/taxonomy.ts';

export type FormKey = 'stage1' | 'easier' | 'harder';
export type Stage2 = Exclude<FormKey, 'stage1'>;

export interface ModuleForm {
  items: string[];
  /** Same length as items: true for an unscored pretest item. */
  pretest: boolean[];
}

export interface PanelForm {
  section: SectionId;
  /** Route to the harder module when the stage-1 θ̂ ≥ cut. */
  cut: number;
  D: number;
  stage1: ModuleForm;
  easier: ModuleForm;
  harder: ModuleForm;
}

export type ItemLookup = (id: string) => AssessItem;

/**
 * A module cut to `n` questions (test-only: FULL_TEST_ITEMS_PER_MODULE). Keeps up to the
 * section's pretest count, leaving at least one operational item, in served order.
 */
export function shortenForm(form: ModuleForm, n: number | undefined, pretestPerModule: number): ModuleForm {
  if (n === undefined || n >= form.items.length) return form;
  let pre = Math.min(pretestPerModule, n - 1);
  let op = n - pre;
  const keep = form.pretest.map((p) => (p ? pre-- > 0 : op-- > 0));
  return { items: form.items.filter((_, i) => keep[i]), pretest: form.pretest.filter((_, i) => keep[i]) };
}

/** What a session stores of an assembled panel. */
export function panelForm(panel: MstPanel, itemsPerModule?: number): PanelForm {
  const pre = sectionDef(panel.section).pretestPerModule;
  const form = (m: MstModule) => shortenForm({ items: m.items.map((it) => it.id), pretest: [...m.pretest] }, itemsPerModule, pre);
  return { section: panel.section, cut: panel.cut, D: panel.D, stage1: form(panel.stage1), easier: form(panel.easier), harder: form(panel.harder) };
}

/** The engine's panel for a stored form. */
export function panelOf(form: PanelForm, lookup: ItemLookup): MstPanel {
  const minutes = sectionDef(form.section).minutesPerModule;
  const mod = (m: ModuleForm): MstModule => ({ items: m.items.map(lookup), pretest: m.pretest, minutes });
  return { section: form.section, cut: form.cut, D: form.D, stage1: mod(form.stage1), easier: mod(form.easier), harder: mod(form.harder) };
}

/** Right/wrong per position of a module; an unanswered question counts as wrong, as on the SAT (no penalty for guessing). */
export function correctVector(items: readonly string[], answers: Readonly<Record<string, { correct: boolean }>> | undefined): boolean[] {
  return items.map((id) => answers?.[id]?.correct === true);
}

export function routeAfterStage1(form: PanelForm, lookup: ItemLookup, stage1Correct: readonly boolean[]): { module: Stage2; estimate: Estimate } {
  return route(panelOf(form, lookup), stage1Correct);
}

/** θ̂ from the operational answers given so far (unanswered items left out): the running estimate the interaction log records. */
export function runningEstimate(form: PanelForm, lookup: ItemLookup, answered: readonly { questionId: string; correct: boolean }[]): Estimate {
  const pre = new Set<string>();
  for (const m of [form.stage1, form.easier, form.harder]) m.items.forEach((id, i) => m.pretest[i] && pre.add(id));
  return eap(answered.filter((a) => !pre.has(a.questionId)).map((a) => ({ item: lookup(a.questionId), correct: a.correct })), { D: form.D });
}

/** Scores on the latent metric: N(0, 1) ↦ N(500, 100²), the engine's default table (see scoring.ts). */
let table: ConversionTable | undefined;
export const conversionTable = () => (table ??= buildConversionTable());

export interface DomainPerformance {
  domain: DomainId;
  correct: number;
  total: number;
  omitted: number;
}

export interface SectionScore extends ScaledScore {
  section: SectionId;
  theta: number;
  se: number;
  route: Stage2;
  /** Modules the student actually sat (a finished-early section counts its missing module blank). */
  modulesTaken: number;
  /** Operational (scored) questions: answered, right, and of the whole section. */
  answered: number;
  correct: number;
  scored: number;
  domains: DomainPerformance[];
}

export interface TakenSection {
  stage1Answers: Readonly<Record<string, { correct: boolean }>>;
  /** The stage-2 module sat, with its answers; absent when the test ended before it. */
  stage2?: { form: Stage2; answers: Readonly<Record<string, { correct: boolean }>> };
}

/**
 * A section's score: stage-1 answers route (as they did during the test), the EAP over the
 * operational items of both modules is the section θ̂, the conversion table gives the
 * scaled score and its band.
 */
export function scoreTakenSection(form: PanelForm, lookup: ItemLookup, taken: TakenSection): SectionScore {
  const panel = panelOf(form, lookup);
  const s1 = correctVector(form.stage1.items, taken.stage1Answers);
  const module = taken.stage2?.form ?? route(panel, s1).module;
  const s2 = correctVector(form[module].items, taken.stage2?.answers);
  const est = scoreSection(panel, s1, module, s2);
  const scaled = scaleSection(conversionTable(), est.theta, est.se);

  const byDomain = new Map<DomainId, DomainPerformance>();
  for (const d of sectionDef(form.section).domains) byDomain.set(d.id as DomainId, { domain: d.id as DomainId, correct: 0, total: 0, omitted: 0 });
  let answered = 0, correct = 0, scored = 0;
  const tally = (m: ModuleForm, answers: TakenSection['stage1Answers'] | undefined) =>
    m.items.forEach((id, i) => {
      if (m.pretest[i]) return;
      const perf = byDomain.get(lookup(id).domain)!;
      const a = answers?.[id];
      perf.total++;
      scored++;
      if (!a) perf.omitted++;
      else {
        answered++;
        if (a.correct) { perf.correct++; correct++; }
      }
    });
  tally(form.stage1, taken.stage1Answers);
  tally(form[module], taken.stage2?.answers);
  return {
    section: form.section,
    ...scaled,
    theta: est.theta,
    se: est.se,
    route: module,
    modulesTaken: taken.stage2 ? 2 : 1,
    answered,
    correct,
    scored,
    domains: [...byDomain.values()],
  };
}

export interface TestScore {
  rw: SectionScore | null;
  math: SectionScore | null;
  /** Only when both sections were sat. */
  total: ScaledScore | null;
}

export function combine(rw: SectionScore | null, math: SectionScore | null): TestScore {
  return { rw, math, total: rw && math ? totalScore(rw, math) : null };
}
