/**
 * How a task's input gets its passages: the documents the task pins (its skill's own lesson
 * intro, say), then the hits of its queries taken in turn, each a passage a reply may quote.
 * The server (ai/generate.ts) and the synthetic-data writer (synth/slots.ts) both attach them
 * here, so the in-house model learns from inputs retrieved exactly as the ones it will be served.
 */
import type { AiTask, SourceDoc } from '../task.ts';
import { tokenize, type Bm25Index, type SearchHit } from './bm25.ts';
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

/**
 * The passages for a query's hits, each non-quotable lesson section replaced by its lesson's
 * intro. An intro with none of the words its hit matched is no find at all: "when do you use
 * parentheses" hits three Math traps on distributing, whose intros never say "parentheses".
 * Such an intro goes last, and its place goes to a quotable passage found further down that
 * scores at least half the best hit (the punctuation lesson's intro).
 */
function standIns(search: Bm25Index, queries: string | readonly string[], k: number): SourceDoc[] {
  const hits = searchAll(search, queries, 2 * k);
  if (hits.length === 0) return [];
  const asked = new Set((typeof queries === 'string' ? [queries] : queries).flatMap((q) => tokenize(q)));
  const sharesNothing = (doc: SourceDoc, hit: SearchHit) => {
    const has = new Set(tokenize(`${doc.title} ${doc.text}`));
    return !tokenize(`${hit.title} ${hit.text}`).some((t) => asked.has(t) && has.has(t));
  };
  const floor = hits[0].score / 2;
  const get = (id: string) => search.get(id);
  const found = hits.slice(0, k).map((hit) => {
    const doc = quotableFor(hit, get);
    return { doc, empty: doc !== hit && sharesNothing(doc, hit) };
  });
  // Only an empty stand-in gives up its place, and only to a passage found on its own.
  const spare = hits.slice(k).filter((hit) => hit.score >= floor && quotableFor(hit, get) === hit);
  const empty = found.filter((f) => f.empty).map((f) => f.doc);
  return [...found.filter((f) => !f.empty).map((f) => f.doc), ...spare.slice(0, empty.length), ...empty];
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
  for (const doc of standIns(search, r.query(input), k)) {
    if (docs.length < k && !docs.some((d) => d.id === doc.id)) docs.push(doc);
  }
  for (const id of r.extra?.(input, docs) ?? []) {
    const doc = search.get(id);
    if (doc && !docs.some((d) => d.id === id)) docs.push(doc);
  }
  return r.attach(input, docs.map(({ id, title, text }) => ({ id, title, text })));
}
