/**
 * Byte-level BPE tokenizer, saved and loaded as a Hugging Face `tokenizer.json` (model
 * "BPE", ByteLevel pre-tokenizer and decoder), so `tokenizers`/`transformers` read it as is.
 *
 * Ids: 0–255 are the bytes, 256… the merges in rank order, then the special tokens. Every
 * byte string has an encoding (the 256 byte tokens are always present), so encode/decode
 * round-trips any input. Special tokens are recognised in text only with `allowSpecial`,
 * so a student typing "<|end|>" gets plain text, not a control token.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { AI_TASKS, type AiTaskName } from '../db/enums.ts';
import { trainBpe } from './bpe-train.ts';
import { CURRENT_VIEW, MODEL_VIEWS, type ModelView } from './prompt-view.ts';

export const SPECIAL = {
  prompt: '<|prompt|>',
  response: '<|response|>',
  end: '<|end|>',
  pad: '<|pad|>',
} as const;
export const taskToken = (task: AiTaskName) => `<|task:${task}|>`;
export const SPECIAL_TOKENS: readonly string[] = [...AI_TASKS.map(taskToken), ...Object.values(SPECIAL)];

/** GPT-2's pre-tokenizer pattern, which HF's ByteLevel pre-tokenizer applies (use_regex). */
const PRE_TOKEN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export function preTokenize(text: string): string[] {
  return text.match(PRE_TOKEN) ?? [];
}

/**
 * GPT-2's bytes_to_unicode: printable Latin-1 bytes map to themselves, the rest to U+0100…,
 * so every byte is one visible character and a token string never holds a space.
 */
function byteChars(): string[] {
  const keep: number[] = [];
  for (let b = 33; b <= 126; b++) keep.push(b);
  for (let b = 161; b <= 172; b++) keep.push(b);
  for (let b = 174; b <= 255; b++) keep.push(b);
  const out: string[] = new Array(256);
  let n = 0;
  for (let b = 0; b < 256; b++) out[b] = String.fromCodePoint(keep.includes(b) ? b : 256 + n++);
  return out;
}
const BYTE_CHAR = byteChars();

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface TokenizerJson {
  version: '1.0';
  truncation: null;
  padding: null;
  added_tokens: { id: number; content: string; single_word: false; lstrip: false; rstrip: false; normalized: false; special: true }[];
  normalizer: null;
  pre_tokenizer: { type: 'ByteLevel'; add_prefix_space: false; trim_offsets: true; use_regex: true };
  post_processor: null;
  decoder: { type: 'ByteLevel'; add_prefix_space: false; trim_offsets: true; use_regex: true };
  /**
   * Which version of the in-house prompt view (src/model/prompt-view.ts) the model was trained on.
   * Not a Hugging Face field; absent in files written before view 2, which means view 1.
   */
  satprep_view?: ModelView;
  model: {
    type: 'BPE'; dropout: null; unk_token: null; continuing_subword_prefix: null; end_of_word_suffix: null;
    fuse_unk: false; byte_fallback: false; ignore_merges: false; vocab: Record<string, number>; merges: string[];
  };
}

export class Tokenizer {
  /** bytes of each non-special token */
  private readonly bytes: Uint8Array[];
  private readonly ranks = new Map<number, { rank: number; id: number }>();
  private readonly specialIds = new Map<string, number>();
  private readonly specialById = new Map<number, string>();
  private readonly cache = new Map<string, number[]>();
  private readonly specialRe: RegExp;

  /**
   * @param view the prompt view the model reads (prompt-view.ts `ModelView`): a tokenizer belongs to
   *   one model, and the view is part of how that model's text becomes ids.
   */
  constructor(readonly merges: readonly [number, number][], specials: readonly string[] = SPECIAL_TOKENS, readonly view: ModelView = CURRENT_VIEW) {
    this.bytes = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
    merges.forEach(([a, b], rank) => {
      const id = 256 + rank;
      if (a >= id || b >= id) throw new Error(`merge ${rank} refers to a later token`);
      const joined = new Uint8Array(this.bytes[a].length + this.bytes[b].length);
      joined.set(this.bytes[a]); joined.set(this.bytes[b], this.bytes[a].length);
      this.bytes.push(joined);
      this.ranks.set(a * (1 << 20) + b, { rank, id });
    });
    specials.forEach((s, i) => { this.specialIds.set(s, this.bytes.length + i); this.specialById.set(this.bytes.length + i, s); });
    const esc = specials.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    this.specialRe = new RegExp(`(${esc.join('|')})`);
  }

  /** Trains merges on `texts` so that the vocabulary (bytes + merges + specials) has `vocabSize` tokens at most. */
  static train(texts: Iterable<string>, vocabSize = 4096): Tokenizer {
    const numMerges = vocabSize - 256 - SPECIAL_TOKENS.length;
    if (numMerges < 0) throw new Error(`vocabSize ${vocabSize} is below ${256 + SPECIAL_TOKENS.length}`);
    return new Tokenizer(trainBpe(texts, numMerges).merges);
  }

  get vocabSize(): number {
    return this.bytes.length + this.specialIds.size;
  }

  special(token: string): number {
    const id = this.specialIds.get(token);
    if (id === undefined) throw new Error(`unknown special token ${token}`);
    return id;
  }

  isSpecial(id: number): boolean {
    return this.specialById.has(id);
  }

  /** BPE on one pre-token: repeatedly merge the adjacent pair of lowest rank. */
  private encodeChunk(chunk: Uint8Array): number[] {
    const ids = Array.from(chunk);
    for (;;) {
      let best = -1, bestRank = Infinity, bestId = -1;
      for (let i = 0; i + 1 < ids.length; i++) {
        const m = this.ranks.get(ids[i] * (1 << 20) + ids[i + 1]);
        if (m && m.rank < bestRank) { bestRank = m.rank; best = i; bestId = m.id; }
      }
      if (best < 0) return ids;
      const a = ids[best], b = ids[best + 1];
      const out: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) { out.push(bestId); i++; } else out.push(ids[i]);
      }
      ids.splice(0, ids.length, ...out);
    }
  }

  private encodePlain(text: string, out: number[]): void {
    for (const piece of preTokenize(text)) {
      let ids = this.cache.get(piece);
      if (!ids) {
        ids = this.encodeChunk(utf8.encode(piece));
        if (this.cache.size < 100_000) this.cache.set(piece, ids);
      }
      for (const id of ids) out.push(id);
    }
  }

  encode(text: string, opts: { allowSpecial?: boolean } = {}): number[] {
    const out: number[] = [];
    if (!opts.allowSpecial) { this.encodePlain(text, out); return out; }
    for (const part of text.split(this.specialRe)) {
      const id = this.specialIds.get(part);
      if (id !== undefined) out.push(id); else if (part) this.encodePlain(part, out);
    }
    return out;
  }

  /** Any byte string, UTF-8 or not: invalid UTF-8 is split by the same pattern over its Latin-1 reading. */
  encodeBytes(bytes: Uint8Array): number[] {
    try {
      return this.encode(strictUtf8.decode(bytes));
    } catch {
      const out: number[] = [];
      for (const piece of preTokenize(Buffer.from(bytes).toString('latin1'))) {
        for (const id of this.encodeChunk(Uint8Array.from(Buffer.from(piece, 'latin1')))) out.push(id);
      }
      return out;
    }
  }

  decodeBytes(ids: readonly number[]): Uint8Array {
    const parts: Uint8Array[] = [];
    for (const id of ids) {
      const s = this.specialById.get(id);
      if (s !== undefined) parts.push(utf8.encode(s));
      else if (id >= 0 && id < this.bytes.length) parts.push(this.bytes[id]);
      else throw new Error(`token id ${id} out of range`);
    }
    return Buffer.concat(parts);
  }

  /** Invalid UTF-8 (a token cut mid-character) decodes to U+FFFD, as HF's decoder does. */
  decode(ids: readonly number[]): string {
    return Buffer.from(this.decodeBytes(ids)).toString('utf8');
  }

  /** The token as its byte-level string (the tokenizer.json vocabulary key). */
  tokenString(id: number): string {
    return this.specialById.get(id) ?? Array.from(this.bytes[id], (b) => BYTE_CHAR[b]).join('');
  }

  toJSON(): TokenizerJson {
    const vocab: Record<string, number> = {};
    for (let id = 0; id < this.vocabSize; id++) vocab[this.tokenString(id)] = id;
    const flags = { single_word: false, lstrip: false, rstrip: false, normalized: false, special: true } as const;
    const byteLevel = { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true } as const;
    return {
      version: '1.0', truncation: null, padding: null, satprep_view: this.view,
      added_tokens: [...this.specialById].map(([id, content]) => ({ id, content, ...flags })),
      normalizer: null, pre_tokenizer: byteLevel, post_processor: null, decoder: byteLevel,
      model: {
        type: 'BPE', dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
        fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab,
        merges: this.merges.map(([a, b]) => `${this.tokenString(a)} ${this.tokenString(b)}`),
      },
    };
  }

  static fromJSON(j: TokenizerJson): Tokenizer {
    if (j.model?.type !== 'BPE') throw new Error('tokenizer.json: model.type must be BPE');
    if (j.pre_tokenizer?.type !== 'ByteLevel') throw new Error('tokenizer.json: only the ByteLevel pre-tokenizer is supported');
    const vocab = j.model.vocab;
    // Older files write a merge as "left right", newer ones as ["left", "right"].
    const merges = (j.model.merges as unknown as (string | [string, string])[]).map((m, rank): [number, number] => {
      const [l, r] = Array.isArray(m) ? m : m.split(' ');
      const a = vocab[l], b = vocab[r];
      if (a === undefined || b === undefined) throw new Error(`tokenizer.json: merge ${rank} (${m}) names an unknown token`);
      if (vocab[l + r] !== 256 + rank) throw new Error(`tokenizer.json: merge ${rank} must produce id ${256 + rank}`);
      return [a, b];
    });
    for (let b = 0; b < 256; b++) {
      if (vocab[BYTE_CHAR[b]] !== b) throw new Error(`tokenizer.json: byte ${b} must have id ${b}`);
    }
    const specials = [...j.added_tokens].sort((x, y) => x.id - y.id);
    specials.forEach((t, i) => {
      if (t.id !== 256 + merges.length + i) throw new Error(`tokenizer.json: special ${t.content} must have id ${256 + merges.length + i}`);
    });
    const view = j.satprep_view ?? 1;
    if (!MODEL_VIEWS.includes(view)) throw new Error(`tokenizer.json: satprep_view ${String(view)} is not one of ${MODEL_VIEWS.join(', ')}`);
    return new Tokenizer(merges, specials.map((t) => t.content), view);
  }

  save(path: string): void {
    writeFileSync(path, JSON.stringify(this.toJSON()));
  }

  static load(path: string): Tokenizer {
    return Tokenizer.fromJSON(JSON.parse(readFileSync(path, 'utf8')) as TokenizerJson);
  }
}
