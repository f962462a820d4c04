/**
 * The digital SAT blueprint, written once. Every skill name, domain name, share and
 * form fact in the project comes from here; nothing else types them.
 *
 * Sources (facts, not text): College Board, "Assessment Framework for the Digital SAT
 * Suite" (2022, v1.x) — domain shares and question counts per section; the SAT Suite
 * Question Bank — skill names; "Digital SAT: Test specifications" — module lengths and
 * times, 200–800 section scales in steps of 10.
 */

export const SECTIONS = ['rw', 'math'] as const;
export type SectionId = (typeof SECTIONS)[number];

export interface SkillDef {
  /** Stable short id used in the database, URLs and datasets: `<section>.<domain>.<skill>`. */
  readonly id: string;
  /** The College Board question-bank name. */
  readonly name: string;
  /** Optional finer labels within the skill (e.g. textual vs quantitative evidence). */
  readonly subtypes?: readonly string[];
}

export interface DomainDef {
  readonly id: string;
  readonly name: string;
  /** Target share of the section's operational questions (College Board framework). */
  readonly share: number;
  /** Operational questions per full test, min–max, as the framework states. */
  readonly questionRange: readonly [number, number];
  readonly skills: readonly SkillDef[];
}

export interface SectionDef {
  readonly id: SectionId;
  readonly name: string;
  readonly modules: number;
  readonly questionsPerModule: number;
  /** Of each module's questions, this many are unscored pretest items. */
  readonly pretestPerModule: number;
  readonly minutesPerModule: number;
  readonly domains: readonly DomainDef[];
}

export const TAXONOMY = {
  sections: [
    {
      id: 'rw',
      name: 'Reading and Writing',
      modules: 2,
      questionsPerModule: 27,
      pretestPerModule: 2,
      minutesPerModule: 32,
      domains: [
        {
          id: 'rw.info',
          name: 'Information and Ideas',
          share: 0.26,
          questionRange: [12, 14],
          skills: [
            { id: 'rw.info.central-ideas', name: 'Central Ideas and Details' },
            { id: 'rw.info.evidence', name: 'Command of Evidence', subtypes: ['textual', 'quantitative'] },
            { id: 'rw.info.inferences', name: 'Inferences' },
          ],
        },
        {
          id: 'rw.craft',
          name: 'Craft and Structure',
          share: 0.28,
          questionRange: [13, 15],
          skills: [
            { id: 'rw.craft.words-in-context', name: 'Words in Context' },
            { id: 'rw.craft.text-structure', name: 'Text Structure and Purpose' },
            { id: 'rw.craft.cross-text', name: 'Cross-Text Connections' },
          ],
        },
        {
          id: 'rw.expr',
          name: 'Expression of Ideas',
          share: 0.2,
          questionRange: [8, 12],
          skills: [
            { id: 'rw.expr.rhetorical-synthesis', name: 'Rhetorical Synthesis' },
            { id: 'rw.expr.transitions', name: 'Transitions' },
          ],
        },
        {
          id: 'rw.conv',
          name: 'Standard English Conventions',
          share: 0.26,
          questionRange: [11, 15],
          skills: [
            { id: 'rw.conv.boundaries', name: 'Boundaries' },
            { id: 'rw.conv.form-structure-sense', name: 'Form, Structure, and Sense' },
          ],
        },
      ],
    },
    {
      id: 'math',
      name: 'Math',
      modules: 2,
      questionsPerModule: 22,
      pretestPerModule: 2,
      minutesPerModule: 35,
      domains: [
        {
          id: 'math.alg',
          name: 'Algebra',
          share: 0.35,
          questionRange: [13, 15],
          skills: [
            { id: 'math.alg.linear-one-var', name: 'Linear equations in one variable' },
            { id: 'math.alg.linear-functions', name: 'Linear functions' },
            { id: 'math.alg.linear-two-var', name: 'Linear equations in two variables' },
            { id: 'math.alg.systems', name: 'Systems of two linear equations in two variables' },
            { id: 'math.alg.inequalities', name: 'Linear inequalities in one or two variables' },
          ],
        },
        {
          id: 'math.adv',
          name: 'Advanced Math',
          share: 0.35,
          questionRange: [13, 15],
          skills: [
            { id: 'math.adv.equivalent-expressions', name: 'Equivalent expressions' },
            {
              id: 'math.adv.nonlinear-equations',
              name: 'Nonlinear equations in one variable and systems of equations in two variables',
            },
            { id: 'math.adv.nonlinear-functions', name: 'Nonlinear functions' },
          ],
        },
        {
          id: 'math.psda',
          name: 'Problem-Solving and Data Analysis',
          share: 0.15,
          questionRange: [5, 7],
          skills: [
            { id: 'math.psda.ratios-rates', name: 'Ratios, rates, proportional relationships, and units' },
            { id: 'math.psda.percentages', name: 'Percentages' },
            {
              id: 'math.psda.one-var-data',
              name: 'One-variable data: Distributions and measures of center and spread',
            },
            { id: 'math.psda.two-var-data', name: 'Two-variable data: Models and scatterplots' },
            { id: 'math.psda.probability', name: 'Probability and conditional probability' },
            { id: 'math.psda.inference', name: 'Inference from sample statistics and margin of error' },
            {
              id: 'math.psda.statistical-claims',
              name: 'Evaluating statistical claims: Observational studies and experiments',
            },
          ],
        },
        {
          id: 'math.geo',
          name: 'Geometry and Trigonometry',
          share: 0.15,
          questionRange: [5, 7],
          skills: [
            { id: 'math.geo.area-volume', name: 'Area and volume' },
            { id: 'math.geo.lines-angles-triangles', name: 'Lines, angles, and triangles' },
            { id: 'math.geo.right-triangles-trig', name: 'Right triangles and trigonometry' },
            { id: 'math.geo.circles', name: 'Circles' },
          ],
        },
      ],
    },
  ],
  /** Minutes of the break between the Reading and Writing and the Math sections. */
  breakMinutes: 10,
  /** Section scale: 200–800 in steps of 10; total = sum of the two sections (400–1600). */
  sectionScale: { min: 200, max: 800, step: 10 },
} as const satisfies {
  sections: readonly SectionDef[];
  breakMinutes: number;
  sectionScale: { min: number; max: number; step: number };
};

type Sections = (typeof TAXONOMY)['sections'][number];
type Domains = Sections['domains'][number];
export type DomainId = Domains['id'];
export type SkillId = Domains['skills'][number]['id'];

export interface SkillInfo extends SkillDef {
  readonly id: SkillId;
  readonly section: SectionId;
  readonly domain: DomainId;
}

export const SKILLS: readonly SkillInfo[] = TAXONOMY.sections.flatMap((s) =>
  s.domains.flatMap((d) =>
    d.skills.map((k): SkillInfo => ({ ...(k as SkillDef), id: k.id, section: s.id, domain: d.id })),
  ),
);
export const SKILL_IDS = SKILLS.map((s) => s.id) as [SkillId, ...SkillId[]];
export const DOMAINS: readonly (DomainDef & { id: DomainId; section: SectionId })[] = TAXONOMY.sections.flatMap(
  (s) => s.domains.map((d) => ({ ...(d as DomainDef), id: d.id, section: s.id })),
);
export const DOMAIN_IDS = DOMAINS.map((d) => d.id) as [DomainId, ...DomainId[]];

const skillById = new Map<string, SkillInfo>(SKILLS.map((s) => [s.id, s]));
const domainById = new Map<string, (typeof DOMAINS)[number]>(DOMAINS.map((d) => [d.id, d]));

export function isSkillId(id: string): id is SkillId {
  return skillById.has(id);
}

export function skill(id: SkillId): SkillInfo {
  const s = skillById.get(id);
  if (!s) throw new Error(`unknown skill id: ${id}`);
  return s;
}

export function domain(id: DomainId): (typeof DOMAINS)[number] {
  const d = domainById.get(id);
  if (!d) throw new Error(`unknown domain id: ${id}`);
  return d;
}

export function section(id: SectionId): SectionDef {
  const s = TAXONOMY.sections.find((x) => x.id === id);
  if (!s) throw new Error(`unknown section id: ${id}`);
  return s;
}

export function skillsOf(sectionId: SectionId): SkillInfo[] {
  return SKILLS.filter((s) => s.section === sectionId);
}

export function skillsOfDomain(domainId: DomainId): SkillInfo[] {
  return SKILLS.filter((s) => s.domain === domainId);
}
