/**
 * The item bank writes math as plain text a student could type — `8/(x + 6) = 4/(x + 5)`,
 * `4x² - 32x + 48 = 0`, `x^(9/4)`, `(⁴√x)⁵·x` — so the same text serves the AI tasks and
 * the dataset. This module finds the lines that are math and turns them into TeX for
 * KaTeX; prose stays prose. Pure, so it is tested without a browser.
 */

const SUPERSCRIPTS: Record<string, string> = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-' };

const SYMBOLS: Record<string, string> = {
  '·': '\\cdot ',
  '×': '\\times ',
  '÷': '\\div ',
  '≠': '\\neq ',
  '≤': '\\le ',
  '≥': '\\ge ',
  '±': '\\pm ',
  '−': '-',
  '–': '-',
  π: '\\pi ',
  θ: '\\theta ',
  '°': '^{\\circ}',
  '%': '\\%',
  '$': '\\$',
  '∠': '\\angle ',
  '△': '\\triangle ',
};
const FUNCTIONS = new Set(['sin', 'cos', 'tan', 'log', 'ln']);
/** Short words that can stand in a math line without making it prose. */
const MATH_WORDS = new Set([...FUNCTIONS, 'or', 'and']);

/**
 * Is this line an equation, inequality or expression rather than a sentence? Sentences
 * have words; math has single-letter variables (or their products, `ax`, `xy`) and symbols.
 */
export function isMathLine(line: string): boolean {
  const t = line.trim();
  if (!t || t.length > 120) return false;
  const words = t.match(/[A-Za-z]+/g) ?? [];
  if (words.some((w) => w.length > 2 && !MATH_WORDS.has(w))) return false;
  if (/[.?!:;]\s*$/.test(t) || /,\s*[A-Za-z]{2}/.test(t)) return false;
  // Something a plain rendering would do badly: an operator between terms, a power, a root, a fraction.
  return /[=<>≤≥≠^√/·×÷|±]|[⁰¹²³⁴⁵⁶⁷⁸⁹]|\d\s*[+\-−]\s*\d|[A-Za-z]\s*[+\-−]|[+\-−]\s*[A-Za-z]|\d[A-Za-z]/.test(t);
}

type Tok = { kind: 'num' | 'id' | 'sup' | 'op' | 'open' | 'close' | 'root' | 'bar' | 'space'; text: string };

function tokenize(s: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    let m: RegExpMatchArray | null;
    const rest = s.slice(i);
    if ((m = rest.match(/^\s+/))) out.push({ kind: 'space', text: ' ' });
    else if ((m = rest.match(/^\d+(?:[.,]\d+)*(?:\.\d+)?/))) out.push({ kind: 'num', text: m[0] });
    else if ((m = rest.match(/^[A-Za-z]+/))) out.push({ kind: 'id', text: m[0] });
    else if ((m = rest.match(/^[⁰¹²³⁴⁵⁶⁷⁸⁹]+√/))) out.push({ kind: 'root', text: [...m[0].slice(0, -1)].map((ch) => SUPERSCRIPTS[ch]).join('') });
    else if ((m = rest.match(/^[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+/))) out.push({ kind: 'sup', text: [...m[0]].map((ch) => SUPERSCRIPTS[ch]).join('') });
    else if (c === '√') out.push({ kind: 'root', text: '' });
    else if (c === '(' || c === '[') out.push({ kind: 'open', text: c });
    else if (c === ')' || c === ']') out.push({ kind: 'close', text: c });
    else if (c === '|') out.push({ kind: 'bar', text: c });
    else out.push({ kind: 'op', text: c });
    i += m ? m[0].length : 1;
  }
  return out;
}

/**
 * Recursive descent over the tokens: a sequence of items, where an item is an atom with
 * its powers, and `item / item` becomes \frac. Powers are written `x²` or `x^(…)`/`x^n`.
 */
class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(skipSpace = false): Tok | undefined {
    let j = this.i;
    if (skipSpace) while (this.toks[j]?.kind === 'space') j++;
    return this.toks[j];
  }

  more(): boolean {
    return this.i < this.toks.length;
  }

  stray(): string {
    return this.toks[this.i++].text;
  }

  private skipSpaces() {
    while (this.toks[this.i]?.kind === 'space') this.i++;
  }

  /** Items until a closing bracket (or `|` when inside bars) or the end. */
  sequence(inBars = false): string {
    let out = '';
    for (;;) {
      const t = this.peek();
      if (!t || t.kind === 'close' || (inBars && t.kind === 'bar')) return out;
      if (t.kind === 'space') {
        this.i++;
        out += ' ';
        continue;
      }
      out += this.fraction();
    }
  }

  private fraction(): string {
    const num = this.powered();
    const next = this.peek(true);
    if (next?.kind === 'op' && next.text === '/' && num.frac !== false) {
      this.skipSpaces();
      this.i++;
      this.skipSpaces();
      const den = this.powered();
      return `\\frac{${num.inner}}{${den.inner}}`;
    }
    return num.tex;
  }

  /** An atom with any powers after it; `inner` drops a group's own parentheses (for \frac). */
  private powered(): { tex: string; inner: string; frac?: false } {
    const atom = this.atom();
    let tex = atom.tex;
    let powered = false;
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'sup') {
        this.i++;
        tex += `^{${t.text}}`;
        powered = true;
      } else if (t?.kind === 'op' && t.text === '^') {
        this.i++;
        const exp = this.peek();
        if (exp?.kind === 'open') {
          this.i++;
          // Exponents keep their slash: x^{9/4} reads better than a nested fraction.
          const inner = this.rawUntilClose();
          tex += `^{${inner}}`;
        } else if (exp && (exp.kind === 'num' || exp.kind === 'id')) {
          this.i++;
          tex += `^{${exp.text}}`;
        } else tex += '\\^{}';
        powered = true;
      } else break;
    }
    return { tex, inner: powered ? tex : atom.inner, ...(atom.frac === false ? { frac: false as const } : {}) };
  }

  private rawUntilClose(): string {
    let depth = 0;
    let out = '';
    while (this.i < this.toks.length) {
      const t = this.toks[this.i++];
      if (t.kind === 'open') depth++;
      if (t.kind === 'close' && depth-- === 0) break;
      out += t.kind === 'op' ? (SYMBOLS[t.text] ?? t.text) : t.kind === 'sup' ? `^{${t.text}}` : t.text;
    }
    return out.trim();
  }

  private atom(): { tex: string; inner: string; frac?: false } {
    const t = this.toks[this.i++];
    switch (t.kind) {
      case 'num':
        return { tex: t.text.replace(/,/g, '{,}'), inner: t.text.replace(/,/g, '{,}') };
      case 'id': {
        if (FUNCTIONS.has(t.text)) return { tex: `\\${t.text} `, inner: `\\${t.text} `, frac: false };
        if (t.text.length > 2) return { tex: `\\text{${t.text}}`, inner: `\\text{${t.text}}`, frac: false };
        return { tex: t.text, inner: t.text };
      }
      case 'open': {
        const inner = this.sequence().trim();
        const close = this.toks[this.i]?.kind === 'close' ? this.toks[this.i++].text : '';
        const right = close === ']' ? ']' : ')';
        const left = t.text === '[' ? '[' : '(';
        // `(1/3)x`: the parentheses only kept a fraction together; TeX's \frac already does.
        if (t.text === '(' && close && /^\\frac\{[^{}]*\}\{[^{}]*\}$/.test(inner)) return { tex: inner, inner };
        return { tex: `\\left${left}${inner}\\right${close ? right : '.'}`, inner };
      }
      case 'bar': {
        const inner = this.sequence(true).trim();
        if (this.toks[this.i]?.kind === 'bar') this.i++;
        return { tex: `\\left|${inner}\\right|`, inner: `\\left|${inner}\\right|` };
      }
      case 'root': {
        this.skipSpaces();
        const radicand = this.peek() ? this.powered() : { inner: '' };
        const index = t.text ? `[${t.text}]` : '';
        return { tex: `\\sqrt${index}{${radicand.inner}}`, inner: `\\sqrt${index}{${radicand.inner}}` };
      }
      case 'sup':
        return { tex: `{}^{${t.text}}`, inner: `{}^{${t.text}}` };
      case 'close':
        return { tex: t.text === ']' ? ']' : ')', inner: t.text, frac: false };
      case 'op':
        return { tex: SYMBOLS[t.text] ?? (t.text === '\\' ? '\\backslash ' : t.text === '{' || t.text === '}' ? `\\${t.text}` : t.text), inner: '', frac: false };
      default:
        return { tex: ' ', inner: ' ', frac: false };
    }
  }
}

/** Plain-text math to TeX: `8/(x + 6)` → `\frac{8}{x + 6}`, `x²` → `x^{2}`, `⁴√x` → `\sqrt[4]{x}`. */
export function toTex(line: string): string {
  const p = new Parser(tokenize(line.trim()));
  let out = p.sequence();
  // A stray closing bracket ends `sequence`; keep it and carry on so no text is lost.
  while (p.more()) out += p.stray() + p.sequence();
  return out.replace(/\s+/g, ' ').trim();
}

/** A block of text split into lines tagged math or prose (the stem shows each as its kind). */
export function splitMath(text: string): { math: boolean; text: string }[] {
  return text.split('\n').map((line) => ({ math: isMathLine(line), text: line }));
}

/** Short words of English prose (compared in lower case); any other one- or two-letter word can be a variable (`x`, `ax`, `DE`). */
const STOP = new Set(['is', 'of', 'to', 'in', 'at', 'by', 'an', 'as', 'be', 'if', 'it', 'on', 'or', 'so', 'up', 'we', 'no', 'do', 'he', 'me', 'my', 'us', 'am']);
const TOKEN = /\s+|\d+(?:,\d{3})*(?:\.\d+)?|[A-Za-z]+|[⁰¹²³⁴⁵⁶⁷⁸⁹⁻]+|[√()[\]|π°]|[+\-−=<>≤≥≠·×÷/^±]|[\s\S]/gu;
const OPERATOR = /^[+\-−=<>≤≥≠·×÷/^±]$/;

type Kind = 'operand' | 'operator' | 'space' | 'break';
function kindOf(tok: string): Kind {
  if (/^\s+$/.test(tok)) return 'space';
  if (OPERATOR.test(tok)) return 'operator';
  if (/^\d/.test(tok) || /^[⁰¹²³⁴⁵⁶⁷⁸⁹⁻√()[\]|π°]/.test(tok)) return 'operand';
  if (/^[A-Za-z]+$/.test(tok)) return (tok.length <= 2 && !STOP.has(tok.toLowerCase())) || FUNCTIONS.has(tok) ? 'operand' : 'break';
  return 'break';
}

const balanced = (s: string) => {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
};

/**
 * A prose line split into text and inline math: a run of variables, numbers and operators
 * such as `5x + 6 = -26` or `(x − 5)² + (y + 8)² = 49` inside a sentence. A run counts as
 * math only with a variable, power or root and an operator, so `10-20` or `3-point` stay text.
 */
export function proseSegments(text: string): { math: boolean; text: string }[] {
  const toks = text.match(TOKEN) ?? [];
  const out: { math: boolean; text: string }[] = [];
  const push = (math: boolean, t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last && last.math === math && !math) last.text += t;
    else out.push({ math, text: t });
  };
  let i = 0;
  while (i < toks.length) {
    if (kindOf(toks[i]) === 'break') {
      push(false, toks[i++]);
      continue;
    }
    let j = i;
    while (j < toks.length && kindOf(toks[j]) !== 'break') j++;
    // Trim the run to start and end on an operand (a leading minus or bracket belongs to it).
    let a = i;
    let b = j;
    while (a < b && (kindOf(toks[a]) === 'space' || (kindOf(toks[a]) === 'operator' && !/^[-−]$/.test(toks[a])))) a++;
    while (b > a && kindOf(toks[b - 1]) !== 'operand') b--;
    const run = toks.slice(a, b).join('');
    const isMath =
      b > a &&
      balanced(run) &&
      /[A-Za-z⁰¹²³⁴⁵⁶⁷⁸⁹√^π]|[=<>≤≥≠]/.test(run) &&
      /[=<>≤≥≠+\-−·×÷/^±⁰¹²³⁴⁵⁶⁷⁸⁹√]/.test(run.replace(/^[-−]/, ''));
    push(false, toks.slice(i, a).join(''));
    push(isMath, run);
    push(false, toks.slice(b, j).join(''));
    i = j;
  }
  return out;
}
