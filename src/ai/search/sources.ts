/**
 * What the search index is built from: passages — each section of a lesson (`lessonPassages`)
 * and of the test guide — given by the caller, since the loaders live in content/; and, where
 * a caller wants them, items' rationales and distractor reasons. The platform indexes
 * passages only: the free-text tasks never quote another item's rationale, and thousands of
 * them would crowd the few passages out of every search.
 */
import type { Item } from '../../content/item.ts';
import { skill } from '../../content/taxonomy.ts';
import type { SourceDoc } from '../task.ts';
import { createBm25Index, type Bm25Index } from './bm25.ts';

export function itemAsSource(item: Item): SourceDoc {
  const reasons = Object.entries(item.distractorReasons ?? {}).map(([l, r]) => `Choice ${l}: ${r}`);
  return { id: `item:${item.id}`, title: `${skill(item.skill).name} question`, text: [item.rationale, ...reasons].join(' ') };
}

const stripMd = (s: string) => s.replace(/\*\*|__|`/g, '').replace(/(^|\s)\*(\S[^*]*\S|\S)\*/g, '$1$2').replace(/^\s*[-*]\s+/gm, '').replace(/^#+\s*/gm, '').replace(/\s+/g, ' ').trim();

/** A lesson as retrieval passages: one per `## ` section, Markdown stripped. */
export function lessonPassages(lesson: { id: string; title: string; body: string }): SourceDoc[] {
  return lesson.body.split(/^## /m).filter((s) => s.trim()).map((sec, k) => {
    const [head, ...rest] = sec.split('\n');
    return { id: `${lesson.id}#${k}`, title: `${lesson.title} (${head.trim().toLowerCase()})`, text: stripMd(rest.join('\n')) };
  }).filter((d) => d.text.length > 0);
}

export function buildSearchIndex(lessons: readonly SourceDoc[], items: readonly Item[] = []): Bm25Index {
  return createBm25Index([...lessons, ...items.map(itemAsSource)]);
}
