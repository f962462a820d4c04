/**
 * Which of a fixed list of phrases occur in a text, in one regex pass. Checks and the
 * paraphraser test a text against dozens of per-phrase patterns (skill names, banned words,
 * synonym groups), and a separate scan per phrase costs far more than the patterns that end
 * up matching. One alternation of all phrases, matched with the same flags, finds every
 * phrase the text contains (overlaps included: the scan resumes one character after each
 * hit), so a phrase it does not report cannot match its own, stricter pattern.
 */
import { escapeRe } from './pii.ts';

export class PhraseSet {
  private readonly re: RegExp;
  /** Alternative k (longest first) → the phrase indices it stands for, with those that are its prefixes. */
  private readonly hits: number[][];

  /** `flags`: the case rule of the phrases' own patterns ('i', 'iu' or '' / 'u'). */
  constructor(readonly phrases: readonly string[], flags: string) {
    const order = phrases.map((_, i) => i).sort((a, b) => phrases[b].length - phrases[a].length || a - b);
    const caseless = flags.includes('i');
    const key = (s: string) => (caseless ? s.toLowerCase() : s);
    // At one position the regex reports only the first (longest) alternative that matches;
    // any shorter phrase matching there too is a prefix of it, so it is counted with it.
    this.hits = order.map((i) => order.filter((j) => key(phrases[i]).startsWith(key(phrases[j]))));
    this.re = new RegExp(order.map((i) => `(${escapeRe(phrases[i])})`).join('|'), `${flags.replace('g', '')}g`);
  }

  /** True when any phrase occurs in the text. */
  any(text: string): boolean {
    this.re.lastIndex = 0;
    return this.re.test(text);
  }

  /** found[i] is true when phrase i occurs in the text. */
  scan(text: string): boolean[] {
    const found = new Array<boolean>(this.phrases.length).fill(false);
    const re = this.re;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      let k = 1;
      while (m[k] === undefined) k++;
      for (const i of this.hits[k - 1]) found[i] = true;
      re.lastIndex = m.index + 1;
    }
    return found;
  }
}
