/**
 * A readable sample of the bank for human review: one item per difficulty per skill,
 * with options, key, distractor reasons and rationale, as Markdown.
 */
import { OPTION_LETTERS, type Item } from './item.ts';
import { skill as skillInfo, SKILLS } from './taxonomy.ts';

export function sampleItems(items: readonly Item[], perSkill = 3): Item[] {
  const out: Item[] = [];
  for (const s of SKILLS) {
    const own = items.filter((i) => i.skill === s.id);
    const picked: Item[] = [];
    for (const d of ['easy', 'medium', 'hard'] as const) {
      const it = own.find((i) => i.difficulty === d && !picked.includes(i));
      if (it) picked.push(it);
    }
    for (const it of own) if (picked.length < perSkill && !picked.includes(it)) picked.push(it);
    out.push(...picked.slice(0, perSkill));
  }
  return out;
}

export function itemMarkdown(it: Item): string {
  const lines = [`### ${skillInfo(it.skill).name} · ${it.difficulty} · ${it.type.toUpperCase()} · \`${it.family}\``, '', `<sub>${it.id}</sub>`, ''];
  if (it.passage) lines.push(...it.passage.split('\n').map((l) => `> ${l}`), '');
  lines.push(`**${it.stem}**`, '');
  if (it.type === 'mcq') {
    it.options!.forEach((o, i) => {
      const letter = OPTION_LETTERS[i];
      const mark = letter === it.answer ? ' ✅' : ` — _${it.distractorReasons?.[letter] ?? ''}_`;
      lines.push(`- ${letter}) ${o}${mark}`);
    });
  } else {
    lines.push(`Accepted answers: ${it.acceptedAnswers!.map((a) => `\`${a}\``).join(', ')}`);
  }
  lines.push('', 'Rationale:', '', ...it.rationale.split('\n').map((l) => `> ${l}`), '', `IRT prior: a=${it.irt.a}, b=${it.irt.b}, c=${it.irt.c}`, '');
  return lines.join('\n');
}

export function sampleMarkdown(items: readonly Item[], seed: string, perSkill = 3): string {
  const sample = sampleItems(items, perSkill);
  return [
    '# Item bank sample for review',
    '',
    `${sample.length} items (${perSkill} per skill, one per difficulty where possible) from the bank built with seed \`${seed}\`. Regenerate with \`satprep content sample\`.`,
    '',
    ...sample.map(itemMarkdown),
  ].join('\n');
}
