/**
 * Command of Evidence: Quantitative. The passage prints a small Markdown table; the
 * verifier parses that table back out of the passage and recomputes which statement the
 * data make true (the row that leads on both measures; the direction of change in every
 * row), then rebuilds the key's text from the recomputed values.
 */
import type { Rng } from '../../../lib/rng.ts';
import type { Item } from '../../item.ts';
import { byId, cap, family, num, PEOPLE, str, wrong, type RwDraft, type Spec } from './kit.ts';
import { COND_TOPICS, PAIR_TOPICS, type CondTopic, type PairTopic } from './quant-topics.ts';

function distinctValues(rng: Rng, lo: number, hi: number, k: number): number[] {
  const step = hi - lo > 600 ? 10 : 1;
  const pool = Array.from({ length: Math.floor((hi - lo) / step) + 1 }, (_, i) => lo + i * step);
  return rng.sample(pool, k);
}

export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Verify path: the table's body rows as cell strings, read from the passage text. */
export function parseTable(passage: string): string[][] {
  const lines = passage.split('\n').filter((l) => l.trim().startsWith('|'));
  if (lines.length < 3) throw new Error('no table in passage');
  return lines.slice(2).map((l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim()));
}

const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));
const COUNT_WORDS: Record<number, string> = { 3: 'three', 4: 'four', 5: 'five', 6: 'six' };
const countWord = (n: number) => COUNT_WORDS[n] ?? String(n);
const person = (spec: Spec) => {
  const p = PEOPLE[num(spec, 'person')];
  if (!p) throw new Error('spec.person out of range');
  return p;
};

// ---- the row that leads on both measures -----------------------------------------------

const bothKey = (t: PairTopic, row: string, a: string, b: string) =>
  `The ${row}, which had ${t.sup1} (${a} ${t.u1}), also had ${t.sup2} (${b} ${t.u2}).`;

const extreme = family({
  id: 'quant-complete',
  subtype: 'quantitative',
  draw(rng, d) {
    const t = rng.pick(PAIR_TOPICS);
    const n = d === 'hard' ? 5 : 4;
    const rows = rng.sample(t.rows, n);
    const c1 = distinctValues(rng, t.range1[0], t.range1[1], n);
    const v2 = distinctValues(rng, t.range2[0], t.range2[1], n).sort((x, y) => y - x);
    const lead = argmax(c1);
    const rest = rng.shuffle(v2.slice(1));
    const c2 = c1.map((_, i) => (i === lead ? v2[0] : rest.pop()!));
    return { topic: t.id, rows, c1, c2, person: rng.int(0, PEOPLE.length - 1), variant: rng.int(0, 1) };
  },
  render(spec): RwDraft {
    const t = byId(PAIR_TOPICS, str(spec, 'topic'));
    const rows = spec.rows as string[];
    const c1 = spec.c1 as number[];
    const c2 = spec.c2 as number[];
    const p = person(spec);
    const n = rows.length;
    const table = markdownTable([t.header, t.h1, t.h2], rows.map((r, i) => [r, c1[i], c2[i]]));
    const lead = argmax(c1);
    const low = c1.indexOf(Math.min(...c1));
    const order = c1.map((_, i) => i).sort((a, b) => c1[b] - c1[a]);
    const second = order[1];
    const [x, y] = order.slice(1).filter((i) => i !== low).slice(0, 2);
    const context = t.context.replace('{n}', countWord(n));
    const intro = spec.variant === 0 ? `${cap(t.role)} ${p.name} ${context}.` : `In a recent study, ${t.role} ${p.name} ${context}.`;
    return {
      passage: `${intro}\n\n${table}\n\n${p.name} claims that ${t.claim}. In support of this claim, ${p.sub} notes that ______`,
      stem: 'Which choice most effectively uses data from the table to complete the statement?',
      correct: bothKey(t, rows[lead], String(c1[lead]), String(c2[lead])),
      distractors: [
        wrong(bothKey(t, rows[low], String(c1[low]), String(c2[low])), 'Reads the table backward: this row has the lowest value of the first measure.'),
        wrong(bothKey(t, rows[second], String(c1[second]), String(c2[second])), 'Misreads the table: this row is second, not first, on both measures.'),
        wrong(`The ${rows[x]} recorded ${c1[x]} ${t.u1}, compared with ${c1[y]} ${t.u1} for the ${rows[y]}.`, 'Accurate but incomplete: it compares one measure only and so says nothing about the claimed link.'),
      ],
      steps: [
        `The claim links the two columns: ${t.claim}.`,
        `In the table, the ${rows[lead]} has the highest value in both columns (${c1[lead]} ${t.u1} and ${c2[lead]} ${t.u2}).`,
        'A statement pairing those two values illustrates the claim; the others misread a row or mention only one measure.',
      ],
    };
  },
  expectedKey(spec, item: Item) {
    const t = byId(PAIR_TOPICS, str(spec, 'topic'));
    const body = parseTable(item.passage ?? '');
    const a = body.map((r) => Number(r[1]));
    const b = body.map((r) => Number(r[2]));
    const i = argmax(a);
    if (argmax(b) !== i) throw new Error('the table has no row that leads on both measures');
    return bothKey(t, body[i][0], body[i][1], body[i][2]);
  },
});

// ---- the direction of change in every row ----------------------------------------------

const everyKey = (t: CondTopic, dir: 'higher' | 'lower') =>
  `For every ${t.things} in the table, the ${t.measure} ${t.condB} was ${dir} than the ${t.measure} ${t.condA}.`;
const flip = (d: 'higher' | 'lower') => (d === 'higher' ? 'lower' : 'higher');

const compare = family({
  id: 'quant-support',
  subtype: 'quantitative',
  draw(rng, d) {
    const t = rng.pick(COND_TOPICS);
    const n = d === 'hard' ? 5 : 4;
    const rows = rng.sample(t.rows, n);
    const a = distinctValues(rng, t.range[0], t.range[1], n);
    const [dlo, dhi] = t.delta;
    const sign = t.dir === 'higher' ? 1 : -1;
    const top = d === 'hard' ? Math.max(dlo, Math.floor((dlo + dhi) / 2)) : dhi;
    const b = a.map((v) => v + sign * rng.int(dlo, top));
    return { topic: t.id, rows, a, b, person: rng.int(0, PEOPLE.length - 1) };
  },
  render(spec): RwDraft {
    const t = byId(COND_TOPICS, str(spec, 'topic'));
    const rows = spec.rows as string[];
    const a = spec.a as number[];
    const b = spec.b as number[];
    if (new Set(b).size !== b.length) throw new RangeError('quant-support: tied values');
    const p = person(spec);
    const table = markdownTable([t.header, t.hA, t.hB], rows.map((r, i) => [r, a[i], b[i]]));
    const byA = a.map((_, i) => i).sort((x, y) => a[y] - a[x]);
    const topB = argmax(b);
    const notTop = rows.findIndex((_, i) => i !== topB);
    return {
      passage: `${cap(t.role)} ${p.name} ${t.context.replace('{n}', countWord(rows.length))}.\n\n${table}\n\n${p.name} hypothesized that ${t.hypothesis}.`,
      stem: `Which choice best describes data from the table that support ${p.last}’s hypothesis?`,
      correct: everyKey(t, t.dir),
      distractors: [
        wrong(everyKey(t, flip(t.dir)), 'Reverses the comparison the table shows (and would count against the hypothesis).'),
        wrong(`${cap(t.condA)}, the ${t.measure} for ${rows[byA[0]]} was higher than for ${rows[byA[1]]}.`, 'Accurate but irrelevant: it compares two rows under one condition, not the two conditions.'),
        wrong(`${cap(t.condB)}, ${rows[notTop]} had the highest ${t.measure} of any ${t.things} in the table.`, 'Misreads the table: another row has the highest value in that column.'),
      ],
      steps: [
        `The hypothesis concerns every row: ${t.hypothesis}.`,
        `Comparing the two columns row by row, each value ${t.condB} is ${t.dir} than the value ${t.condA}.`,
        'Only a statement about that row-by-row comparison supports the hypothesis.',
      ],
    };
  },
  expectedKey(spec, item: Item) {
    const t = byId(COND_TOPICS, str(spec, 'topic'));
    const body = parseTable(item.passage ?? '');
    const dirs = new Set(body.map((r) => (Number(r[2]) > Number(r[1]) ? 'higher' : Number(r[2]) < Number(r[1]) ? 'lower' : 'tie')));
    if (dirs.size !== 1 || dirs.has('tie')) throw new Error('the table shows no consistent direction');
    const dir = [...dirs][0] as 'higher' | 'lower';
    if (dir !== t.dir) throw new Error('the table contradicts the hypothesis');
    return everyKey(t, dir);
  },
});

export const QUANT_FAMILIES = [extreme, compare];
