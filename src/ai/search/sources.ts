/**
 * What the search index is built from: passages — each section of a lesson (`lessonPassages`)
 * and of the test guide — given by the caller, since the loaders live in content/; and, where
 * a caller wants them, items' rationales and distractor reasons. The platform indexes
 * passages only: the free-text tasks never quote another item's rationale, and thousands of
 * them would crowd the few passages out of every search.
 */
import type { Item } from '../../content/item.ts';
import { guideSources } from '../../content/guide.ts';
import { LESSON_HEADINGS } from '../../content/lessons/index.ts';
import { isSkillId, skill, type SkillId } from '../../content/taxonomy.ts';
import type { SourceDoc } from '../task.ts';
import { createBm25Index, type Bm25Index, type IndexedDoc } from './bm25.ts';

export function itemAsSource(item: Item): SourceDoc {
  const reasons = Object.entries(item.distractorReasons ?? {}).map(([l, r]) => `Choice ${l}: ${r}`);
  return { id: `item:${item.id}`, title: `${skill(item.skill).name} question`, text: [item.rationale, ...reasons].join(' ') };
}

/**
 * Markdown off (a blank "______" is text, not emphasis), lines kept: a list's lead-in ("Three ideas handle most questions:") stays a
 * line of its own, which the reply writer never quotes, rather than running into the first item.
 */
const stripMd = (s: string) =>
  s.replace(/\*\*|`/g, '').replace(/__([^_\s][^_]*?)__/g, '$1').replace(/(^|\s)\*(\S[^*]*\S|\S)\*/g, '$1$2').replace(/^\s*[-*]\s+/gm, '').replace(/^#+\s*/gm, '')
    .replace(/[ \t]+/g, ' ').replace(/ ?\n\s*/g, '\n').trim();

/**
 * A lesson as retrieval passages: one per `## ` section, Markdown stripped, each searchable by
 * its skill's name too ("Using notes to meet a writing goal" teaches Rhetorical Synthesis).
 */
export function lessonPassages(lesson: { id: string; title: string; body: string }): IndexedDoc[] {
  const keywords = passageKeywords(lesson);
  return lesson.body.split(/^## /m).filter((s) => s.trim()).map((sec, k) => {
    const [head, ...rest] = sec.split('\n');
    return { id: `${lesson.id}#${k}`, title: `${lesson.title} (${head.trim().toLowerCase()})`, text: stripMd(rest.join('\n')), keywords };
  }).filter((d) => d.text.length > 0);
}

/** The name of the skill a lesson or lesson passage teaches (`lesson.<skill>[#k]`); '' for anything else. */
export function passageKeywords(doc: { id: string }): string {
  const id = doc.id.startsWith('lesson.') ? doc.id.slice('lesson.'.length).split('#')[0] : '';
  return isSkillId(id) ? skill(id).name : '';
}

/**
 * The lesson a passage of `lessonPassages` comes from (`lesson.<skill>#k`, titled "<lesson
 * title> (<section>)"), as the student finds it in the lessons list; any other document as it is.
 */
export function passageLesson(doc: { id: string; title: string }): { id: string; title: string } {
  const hash = doc.id.indexOf('#');
  if (!doc.id.startsWith('lesson.') || hash < 0) return doc;
  return { id: doc.id.slice(0, hash), title: doc.title.replace(/ \([^()]*\)$/, '') };
}

/**
 * A skill's lesson intro: the passage of its first section, "The idea" (every lesson opens
 * with it: content/lessons/index.ts checks LESSON_HEADINGS in order) — what the lesson
 * teaches, in a few sentences.
 */
const sectionOf = (lessonId: string, heading: (typeof LESSON_HEADINGS)[number]) => `${lessonId}#${LESSON_HEADINGS.indexOf(heading)}`;
const introOf = (lessonId: string) => sectionOf(lessonId, '## The idea');
/** The worked example of the lesson a passage belongs to: a problem solved step by step. */
export const workedExampleOf = (doc: { id: string; title: string }) => sectionOf(passageLesson(doc).id, '## Worked example');
export const isWorkedExample = (doc: { id: string }) => doc.id.startsWith('lesson.') && doc.id.endsWith(`#${LESSON_HEADINGS.indexOf('## Worked example')}`);
export const lessonIntroId = (skillId: SkillId) => introOf(`lesson.${skillId}`);
export const isLessonIntro = (doc: { id: string }) => doc.id.startsWith('lesson.') && doc.id.endsWith(introOf(''));

/**
 * Whether a reply may quote a passage's sentences: the test guide's sections, a lesson's intro,
 * a whole lesson or any plain passage. A lesson's worked example, traps and self-check are
 * about their own problems ("A uses a comma alone", "the two students who read 8 books"),
 * which read as nonsense about the student's question; an item's rationale belongs to
 * another item.
 */
export function isQuotable(doc: { id: string }): boolean {
  if (doc.id.startsWith('item:')) return false;
  return !(doc.id.startsWith('lesson.') && doc.id.includes('#')) || isLessonIntro(doc);
}

/** The passage a reply is given for a search hit: a lesson section that is not quotable stands for its lesson, by that lesson's intro. */
export function quotableFor(doc: SourceDoc, get: (id: string) => SourceDoc | undefined): SourceDoc {
  if (isQuotable(doc) || !doc.id.startsWith('lesson.')) return doc;
  return get(introOf(passageLesson(doc).id)) ?? doc;
}

/** What the free-text tasks search, on the server and in synthetic data alike: every lesson's sections, then the test guide's. */
export const searchPassages = (lessons: readonly { id: string; title: string; body: string }[]): IndexedDoc[] =>
  [...lessons.flatMap(lessonPassages), ...guideSources()];

export function buildSearchIndex(lessons: readonly IndexedDoc[], items: readonly Item[] = []): Bm25Index {
  return createBm25Index([...lessons, ...items.map(itemAsSource)]);
}
