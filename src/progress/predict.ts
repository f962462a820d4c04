/**
 * Predicted scores from per-skill ability: the section's θ is the mean of its skills' θ
 * weighted by each skill's share of the test (its domain's blueprint share split evenly
 * over the domain's skills), mapped to the scale by the engine's conversion table
 * (src/assess/scoring.ts). The section SE is the same weighted mean of the skills' SEs —
 * their errors treated as perfectly correlated, an upper bound — so the band is never
 * narrower than the evidence allows.
 */
import { buildConversionTable, scaleSection, totalScore, type ConversionTable, type ScaledScore } from '../assess/scoring.ts';
import { domain, SECTIONS, skill as skillInfo, type SectionId, type SkillId } from '../content/taxonomy.ts';

export interface SkillAbility {
  skill: SkillId;
  theta: number;
  se: number;
  /** False for a skill with no row yet (it sits at the prior). */
  measured: boolean;
}

export interface SectionPrediction extends ScaledScore {
  theta: number;
  se: number;
  /** Skills of the section with a measurement behind them. */
  measuredSkills: number;
}

export interface Predicted {
  rw: SectionPrediction | null;
  math: SectionPrediction | null;
  total: ScaledScore | null;
}

function weightOf(skill: SkillId): number {
  const d = domain(skillInfo(skill).domain);
  return d.share / d.skills.length;
}

const defaultTable = buildConversionTable();

/** Pure. A section with no measured skill has no prediction (null), and then neither has the total. */
export function predictScores(skills: readonly SkillAbility[], table: ConversionTable = defaultTable): Predicted {
  const bySection = {} as Record<SectionId, SectionPrediction | null>;
  for (const sec of SECTIONS) {
    const own = skills.filter((s) => skillInfo(s.skill).section === sec);
    const measuredSkills = own.filter((s) => s.measured).length;
    if (measuredSkills === 0) {
      bySection[sec] = null;
      continue;
    }
    const w = own.map((s) => weightOf(s.skill));
    const sum = w.reduce((a, b) => a + b, 0);
    const theta = own.reduce((a, s, i) => a + w[i] * s.theta, 0) / sum;
    const se = own.reduce((a, s, i) => a + w[i] * s.se, 0) / sum;
    bySection[sec] = { theta, se, measuredSkills, ...scaleSection(table, theta, se) };
  }
  const { rw, math } = bySection;
  return { rw, math, total: rw && math ? totalScore(rw, math) : null };
}
