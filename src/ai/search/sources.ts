/**
 * What the search index is built from: lesson passages (given by the caller, since the
 * lesson loader lives in content/) and each item's rationale and distractor reasons.
 */
import type { Item } from '../../content/item.ts';
import { skill } from '../../content/taxonomy.ts';
import type { SourceDoc } from '../task.ts';
import { createBm25Index, type Bm25Index } from './bm25.ts';

export function itemAsSource(item: Item): SourceDoc {
  const reasons = Object.entries(item.distractorReasons ?? {}).map(([l, r]) => `Choice ${l}: ${r}`);
  return { id: `item:${item.id}`, title: `${skill(item.skill).name} question`, text: [item.rationale, ...reasons].join(' ') };
}

export function buildSearchIndex(lessons: readonly SourceDoc[], items: readonly Item[] = []): Bm25Index {
  return createBm25Index([...lessons, ...items.map(itemAsSource)]);
}
