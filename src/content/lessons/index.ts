/**
 * Lessons: one Markdown file per skill in this folder, with a small front matter block
 * (`key: value` lines between `---` lines) and a body holding four fixed sections.
 * The files are the source; `loadLessons()` parses and validates them for the content build.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { z } from 'zod';
import { SKILL_IDS } from '../taxonomy.ts';

/** Every lesson body carries these headings, in this order. */
export const LESSON_HEADINGS = ['## The idea', '## Worked example', '## Common traps', '## Check yourself'] as const;

/** Body length bounds, in words (issue 4: 300–800). */
export const LESSON_WORDS = { min: 300, max: 800 } as const;

export const lessonSchema = z.object({
  /** `lesson.<skill id>`: one lesson per skill, so the skill id makes it unique. */
  id: z.string().regex(/^lesson\.[a-z0-9.-]+$/),
  skill: z.enum(SKILL_IDS),
  title: z.string().min(1),
  /** Markdown, without the front matter. */
  body: z.string().min(1),
  minutes: z.number().int().positive(),
  videoUrl: z.url().nullable(),
});
export type Lesson = z.infer<typeof lessonSchema>;

const LESSONS_DIR = fileURLToPath(new URL('.', import.meta.url));

/** Words as a reader counts them: whitespace-separated tokens holding a letter or digit. */
export function wordCount(text: string): number {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}

function failLesson(fileName: string, why: string): never {
  throw new Error(`lesson ${fileName}: ${why}`);
}

const frontMatterSchema = z.object({
  skill: z.enum(SKILL_IDS),
  title: z.string().min(1),
  minutes: z.string().regex(/^[1-9][0-9]*$/, 'must be a positive whole number'),
  video_url: z.string(),
});

/**
 * Parses one lesson file's text. Throws an error naming `fileName` when the front matter
 * is missing or malformed, a field is invalid, a heading is missing, or the body's length
 * is outside LESSON_WORDS.
 */
export function parseLesson(text: string, fileName: string): Lesson {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(text);
  if (!m) failLesson(fileName, 'missing front matter (expected `---` lines around `key: value` lines at the top)');
  const [, head, rawBody] = m;

  const fields: Record<string, string> = {};
  for (const [i, line] of head.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const kv = /^([a-z_]+):(.*)$/.exec(line);
    if (!kv) failLesson(fileName, `front matter line ${i + 1} is not \`key: value\`: ${JSON.stringify(line)}`);
    const [, key, value] = kv;
    if (key in fields) failLesson(fileName, `front matter key "${key}" appears twice`);
    fields[key] = value.trim();
  }
  const known = new Set(Object.keys(frontMatterSchema.shape));
  const unknown = Object.keys(fields).filter((k) => !known.has(k));
  if (unknown.length > 0) failLesson(fileName, `unknown front matter key(s): ${unknown.join(', ')}`);
  const fm = frontMatterSchema.safeParse(fields);
  if (!fm.success) {
    failLesson(fileName, fm.error.issues.map((i) => `${i.path.join('.') || '(front matter)'}: ${i.message}`).join('; '));
  }
  const { skill, title, minutes, video_url } = fm.data;

  const body = rawBody.trim();
  const missing = LESSON_HEADINGS.filter((h) => !new RegExp(`^${h}\\s*$`, 'm').test(body));
  if (missing.length > 0) failLesson(fileName, `missing heading(s): ${missing.join(', ')}`);
  const positions = LESSON_HEADINGS.map((h) => body.search(new RegExp(`^${h}\\s*$`, 'm')));
  if (positions.some((p, i) => i > 0 && p < positions[i - 1])) {
    failLesson(fileName, `headings out of order (expected ${LESSON_HEADINGS.join(', ')})`);
  }
  const words = wordCount(body);
  if (words < LESSON_WORDS.min || words > LESSON_WORDS.max) {
    failLesson(fileName, `body has ${words} words; expected ${LESSON_WORDS.min}–${LESSON_WORDS.max}`);
  }

  const lesson = lessonSchema.safeParse({
    id: `lesson.${skill}`,
    skill,
    title,
    body,
    minutes: Number(minutes),
    videoUrl: video_url === '' ? null : video_url,
  });
  if (!lesson.success) failLesson(fileName, lesson.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return lesson.data;
}

/**
 * Reads every `*.md` lesson in this folder (README.md excepted), sorted by taxonomy order.
 * Throws if a file is malformed, is not named after its skill's last id segment, or
 * teaches a skill another file already teaches.
 */
/**
 * The names of a lesson's common traps, the bold lead of each bullet under "## Common traps"
 * ("Forgetting the negative root"), without the closing full stop.
 */
export function lessonTraps(body: string): string[] {
  const section = /^## Common traps\s*$([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(body)?.[1] ?? '';
  return [...section.matchAll(/^- \*\*(.+?)\*\*/gm)].map((m) => m[1].trim().replace(/[.:]$/, ''));
}

export function loadLessons(dir: string = LESSONS_DIR): Lesson[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md')
    .sort();
  const bySkill = new Map<string, { lesson: Lesson; file: string }>();
  for (const file of files) {
    const lesson = parseLesson(readFileSync(path.join(dir, file), 'utf8'), file);
    const expected = `${lesson.skill.split('.').at(-1)}.md`;
    if (file !== expected) throw new Error(`lesson ${file}: teaches ${lesson.skill}, so it should be named ${expected}`);
    const prior = bySkill.get(lesson.skill);
    if (prior) throw new Error(`lesson ${file}: skill ${lesson.skill} already has a lesson in ${prior.file}`);
    bySkill.set(lesson.skill, { lesson, file });
  }
  const order = new Map<string, number>(SKILL_IDS.map((id, i) => [id, i]));
  return [...bySkill.values()]
    .map((x) => x.lesson)
    .sort((a, b) => (order.get(a.skill) ?? 0) - (order.get(b.skill) ?? 0));
}
