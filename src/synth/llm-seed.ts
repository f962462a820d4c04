/**
 * Optional LLM seeding (seeds/02 "Minimal GPT-4o use: generate initial examples, then
 * extrapolate programmatically"). An OpenAI-compatible provider writes N feedback texts for
 * simulated single-skill inputs; those passing the task's checks become slot templates — the
 * skill name and each number replaced by the input field it came from — and are reused for new
 * inputs in the same accuracy, pace and proficiency bands. The generator still checks every
 * filled text, so a template that does not transfer is never written.
 */
import { feedback, type FeedbackInput } from '../ai/tasks/feedback.ts';
import { accBand, profBand, timeBand } from '../ai/tasks/feedback-phrases.ts';
import type { Provider } from '../ai/providers/types.ts';
import { createRng, type Rng } from '../lib/rng.ts';
import { skill as skillInfo } from '../content/taxonomy.ts';
import type { Phrasing } from './generate.ts';
import { buildDraft, type Draft, type PairContext } from './pairs.ts';

type Stat = FeedbackInput['skills'][number];
const FIELDS = ['correct', 'total', 'missed', 'pct', 'time', 'prof'] as const;
type Field = (typeof FIELDS)[number];

function values(s: Stat): Record<Field, string> {
  return {
    correct: String(s.correct), total: String(s.total), missed: String(s.total - s.correct),
    pct: String(Math.round((s.correct / s.total) * 100)), time: String(Math.round(s.avgTimeSec)), prof: s.predictedProficiency.toFixed(1),
  };
}
const bandKey = (s: Stat) => `${accBand(s.correct / s.total)}/${timeBand(s.avgTimeSec)}/${profBand(s.predictedProficiency)}`;

export interface SlotTemplate { band: string; parts: (string | { slot: Field | 'skill' })[] }

/** Turn a checked text into a slot template, or null when a number is ambiguous or unknown. */
export function toSlotTemplate(input: FeedbackInput, text: string): SlotTemplate | null {
  if (input.skills.length !== 1 || input.studentName) return null;
  const s = input.skills[0];
  const v = values(s);
  const name = skillInfo(s.skill).name;
  const parts: SlotTemplate['parts'] = [];
  const re = new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|\\d+(?:\\.\\d+)?`, 'g');
  let last = 0;
  for (const m of text.matchAll(re)) {
    parts.push(text.slice(last, m.index));
    if (m[0] === name) parts.push({ slot: 'skill' });
    else {
      const hits = FIELDS.filter((f) => v[f] === m[0]);
      // Band limits (40, 60, 70, 7…) stay literal; a number two fields share cannot be placed.
      if (hits.length === 1) parts.push({ slot: hits[0] });
      else if (hits.length === 0 && ['1', '7', '40', '50', '60', '70'].includes(m[0])) parts.push(m[0]);
      else return null;
    }
    last = (m.index ?? 0) + m[0].length;
  }
  parts.push(text.slice(last));
  return { band: bandKey(s), parts };
}

export function fillSlotTemplate(t: SlotTemplate, s: Stat): string {
  const v = values(s);
  return t.parts.map((p) => (typeof p === 'string' ? p : p.slot === 'skill' ? skillInfo(s.skill).name : v[p.slot])).join('');
}

export function slotPhrasing(templates: readonly SlotTemplate[], name = 'llm-seed'): Phrasing {
  const byBand = new Map<string, SlotTemplate[]>();
  for (const t of templates) (byBand.get(t.band) ?? byBand.set(t.band, []).get(t.band)!).push(t);
  return {
    name,
    write(d: Draft, rng: Rng) {
      if (d.task !== 'feedback') return null;
      const input = d.input as FeedbackInput;
      if (input.skills.length !== 1 || input.studentName) return null;
      const pool = byBand.get(bandKey(input.skills[0]));
      return pool ? fillSlotTemplate(rng.pick(pool), input.skills[0]) : null;
    },
  };
}

export interface LlmSeedResult { asked: number; passed: number; templates: SlotTemplate[] }

/** Ask the provider for `n` feedback texts; keep those passing the checks as slot templates. */
export async function seedFromLlm(provider: Provider, ctx: PairContext, n: number, seed: string): Promise<LlmSeedResult> {
  const rng = createRng(`llm-seed/${seed}`);
  const templates: SlotTemplate[] = [];
  let passed = 0;
  for (let i = 0; i < n; i++) {
    const draft = buildDraft('feedback', rng.fork(i), ctx, rng.pick(ctx.skillsFor.feedback));
    const input: FeedbackInput = { skills: [draft.input.skills[0]] };
    let text: string;
    try {
      text = (await provider.complete({ task: feedback, input, messages: feedback.prompt(input), rng })).text;
    } catch {
      continue;
    }
    if (!feedback.checks(input, text).every((r) => r.pass)) continue;
    passed++;
    const t = toSlotTemplate(input, text);
    if (t) templates.push(t);
  }
  return { asked: n, passed, templates };
}
