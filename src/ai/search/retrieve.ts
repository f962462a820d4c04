/**
 * How a task's input gets its passages: the documents the task pins (its skill's own lesson
 * intro, say), then the hits of its queries taken in turn, each a passage a reply may quote.
 * The server (ai/generate.ts) and the synthetic-data writer (synth/slots.ts) both attach them
 * here, so the in-house model learns from inputs retrieved exactly as the ones it will be served.
 */
import type { AiTask, SourceDoc } from '../task.ts';
import type { Bm25Index, SearchHit } from './bm25.ts';
import { quotableFor } from './sources.ts';

/** The hits of one or more queries: each query's first hit, then each one's second, … — no passage twice, `k` in all. */
export function searchAll(search: Bm25Index, queries: string | readonly string[], k: number): SearchHit[] {
  const lists = (typeof queries === 'string' ? [queries] : queries).map((q) => search.search(q, k));
  const out: SearchHit[] = [];
  const seen = new Set<string>();
  for (let rank = 0; out.length < k && lists.some((l) => rank < l.length); rank++) {
    for (const l of lists) {
      const hit = l[rank];
      if (hit && out.length < k && !seen.has(hit.id)) {
        seen.add(hit.id);
        out.push(hit);
      }
    }
  }
  return out;
}

/** The input with its passages attached (`k` found, plus what the task adds to them); unchanged when the task retrieves nothing or the input brought its own. */
export function retrieve<I>(task: AiTask<I>, asked: I, search: Bm25Index, k = 3): I {
  const r = task.retrieval;
  if (!r || r.hasSources(asked)) return asked;
  const input = r.refocus ? r.refocus(asked, (id) => search.get(id)) : asked;
  const docs: SourceDoc[] = [];
  for (const id of r.pinned?.(input) ?? []) {
    const doc = search.get(id);
    if (doc && docs.length < k) docs.push(doc);
  }
  // A hit on a lesson's worked example or self-check finds the lesson; the reply gets its intro.
  for (const hit of searchAll(search, r.query(input), k)) {
    const doc = quotableFor(hit, (id) => search.get(id));
    if (docs.length < k && !docs.some((d) => d.id === doc.id)) docs.push(doc);
  }
  for (const id of r.extra?.(input, docs) ?? []) {
    const doc = search.get(id);
    if (doc && !docs.some((d) => d.id === id)) docs.push(doc);
  }
  return r.attach(input, docs.map(({ id, title, text }) => ({ id, title, text })));
}
