/**
 * A small exact evaluator for the expressions our Math items print ("3x² - 5x + 2",
 * "(P - 2L)/2", "2400(0.85)^t"), so verifiers can check an option by evaluating the text
 * the student sees rather than trusting the code that wrote it.
 *
 * Grammar: sums of products of powers; implicit multiplication ("3x", "2(x + 1)", "xy");
 * single-letter variables; integer exponents written "^n" or as superscripts; "√" of a
 * perfect-square rational. Anything else throws, so an unparseable option never matches.
 */
import { add, div, mul, neg, rat, sub, type Rational } from '../../../lib/rational.ts';

export type Env = Readonly<Record<string, Rational>>;

const SUPERSCRIPTS: Record<string, string> = {
  '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-',
};

type Tok = { k: 'num'; v: Rational } | { k: 'var'; v: string } | { k: 'op'; v: string };

function tokenize(src: string): Tok[] {
  let s = '';
  // Superscript runs become "^(…)" so x⁻² and x¹⁰ parse like x^(-2) and x^(10).
  for (let i = 0; i < src.length; i++) {
    if (SUPERSCRIPTS[src[i]] !== undefined) {
      let run = '';
      while (i < src.length && SUPERSCRIPTS[src[i]] !== undefined) run += SUPERSCRIPTS[src[i++]];
      i--;
      s += `^(${run})`;
    } else s += src[i];
  }
  s = s.replace(/[−–]/g, '-').replace(/[·×]/g, '*').replace(/(\d),(?=\d{3}(?!\d))/g, '$1');
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ') {
      i++;
      continue;
    }
    if (/[0-9.]/.test(c)) {
      let j = i;
      while (j < s.length && /[0-9.]/.test(s[j])) j++;
      const text = s.slice(i, j);
      const m = /^(\d*)(?:\.(\d+))?$/.exec(text);
      if (!m || (!m[1] && !m[2])) throw new SyntaxError(`bad number ${text}`);
      const frac = m[2] ?? '';
      out.push({ k: 'num', v: rat(Number((m[1] || '0') + frac), 10 ** frac.length) });
      i = j;
    } else if (/[A-Za-z]/.test(c)) {
      out.push({ k: 'var', v: c });
      i++;
    } else if ('+-*/^()√'.includes(c)) {
      out.push({ k: 'op', v: c });
      i++;
    } else throw new SyntaxError(`unexpected '${c}' in ${src}`);
  }
  return out;
}

function powInt(x: Rational, e: Rational): Rational {
  if (e.d !== 1) throw new RangeError('non-integer exponent');
  if (Math.abs(e.n) > 30) throw new RangeError('exponent too large');
  let r = rat(1);
  for (let k = 0; k < Math.abs(e.n); k++) r = mul(r, x);
  return e.n < 0 ? div(rat(1), r) : r;
}

function sqrtExact(x: Rational): Rational {
  const rn = Math.round(Math.sqrt(x.n));
  const rd = Math.round(Math.sqrt(x.d));
  if (x.n < 0 || rn * rn !== x.n || rd * rd !== x.d) throw new RangeError('irrational square root');
  return rat(rn, rd);
}

/** Evaluates `src` exactly with the variables in `env`; throws if it cannot. */
export function evaluate(src: string, env: Env): Rational {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => peek()?.k === 'op' && peek()!.v === v;
  const startsFactor = () => {
    const t = peek();
    return t !== undefined && (t.k !== 'op' || t.v === '(' || t.v === '√');
  };
  function expr(): Rational {
    let v = term();
    while (isOp('+') || isOp('-')) {
      const op = toks[p++].v;
      const r = term();
      v = op === '+' ? add(v, r) : sub(v, r);
    }
    return v;
  }
  function term(): Rational {
    let v = unary();
    for (;;) {
      if (isOp('*')) {
        p++;
        v = mul(v, unary());
      } else if (isOp('/')) {
        p++;
        v = div(v, unary());
      } else if (startsFactor()) v = mul(v, power());
      else return v;
    }
  }
  function unary(): Rational {
    if (isOp('-')) {
      p++;
      return neg(unary());
    }
    if (isOp('+')) {
      p++;
      return unary();
    }
    return power();
  }
  function power(): Rational {
    const b = atom();
    if (isOp('^')) {
      p++;
      return powInt(b, unary());
    }
    return b;
  }
  function atom(): Rational {
    const t = toks[p++];
    if (!t) throw new SyntaxError(`unexpected end of ${src}`);
    if (t.k === 'num') return t.v;
    if (t.k === 'var') {
      const v = env[t.v];
      if (!v) throw new SyntaxError(`unknown variable ${t.v}`);
      return v;
    }
    if (t.v === '(') {
      const v = expr();
      if (!isOp(')')) throw new SyntaxError(`missing ) in ${src}`);
      p++;
      return v;
    }
    if (t.v === '√') return sqrtExact(atom());
    throw new SyntaxError(`unexpected ${t.v} in ${src}`);
  }
  const v = expr();
  if (p !== toks.length) throw new SyntaxError(`trailing input in ${src}`);
  return v;
}

/** Evaluates, or null when the expression is undefined there (division by zero, √ of a non-square) or unparseable. */
export function tryEvaluate(src: string, env: Env): Rational | null {
  try {
    return evaluate(src, env);
  } catch {
    return null;
  }
}

export type RelOp = '=' | '<' | '>' | '≤' | '≥';

/** Splits "3x - 2y = 12" or "x ≥ 5/2" at its one relation sign. */
export function splitRelation(src: string): { lhs: string; op: RelOp; rhs: string } | null {
  const s = src.replace(/<=/g, '≤').replace(/>=/g, '≥');
  const m = /^([^=<>≤≥]+)(=|<|>|≤|≥)([^=<>≤≥]+)$/.exec(s);
  if (!m) return null;
  return { lhs: m[1].trim(), op: m[2] as RelOp, rhs: m[3].trim() };
}

/** Truth of "lhs op rhs" at `env`, or null when either side cannot be evaluated. */
export function holds(src: string, env: Env): boolean | null {
  const r = splitRelation(src);
  if (!r) return null;
  const a = tryEvaluate(r.lhs, env);
  const b = tryEvaluate(r.rhs, env);
  if (!a || !b) return null;
  const c = Math.sign(a.n * b.d - b.n * a.d);
  return { '=': c === 0, '<': c < 0, '>': c > 0, '≤': c <= 0, '≥': c >= 0 }[r.op];
}

/** Sample points for identity checks: varied signs and non-integers, so distinct polynomials and rational functions differ on at least one. */
export const SAMPLES: readonly Rational[] = [rat(2), rat(-3), rat(5), rat(1, 2), rat(-7, 3), rat(11), rat(3, 5)];

/**
 * Do two expressions in one variable agree wherever both are defined (at ≥ 4 sample
 * points)? `ref` is the verifier's own function, the option is evaluated from its text.
 */
export function sameFunction(option: string, ref: (x: Rational) => Rational, variable = 'x'): boolean {
  let checked = 0;
  for (const x of SAMPLES) {
    let want: Rational;
    try {
      want = ref(x);
    } catch {
      continue;
    }
    const got = tryEvaluate(option, { [variable]: x });
    if (got === null) return false;
    if (got.n !== want.n || got.d !== want.d) return false;
    checked++;
  }
  return checked >= 4;
}

/** The root of a function known to be linear and non-constant, from its values at 0 and 1. */
export function rootOfLinear(f: (t: Rational) => Rational): Rational {
  const f0 = f(rat(0));
  const slope = sub(f(rat(1)), f0);
  if (slope.n === 0) throw new RangeError('constant function has no single root');
  return div(neg(f0), slope);
}

/** lhs − rhs of an equation text, as a function of the named variables. */
export function residual(equation: string, env: Env): Rational {
  const r = splitRelation(equation);
  if (!r || r.op !== '=') throw new SyntaxError(`not an equation: ${equation}`);
  return sub(evaluate(r.lhs, env), evaluate(r.rhs, env));
}

/** Coefficients [A, B, C] of a polynomial of degree ≤ 2 from its values at −1, 0 and 1. */
export function quadCoeffs(p: (x: Rational) => Rational): [Rational, Rational, Rational] {
  const [m, z, o] = [p(rat(-1)), p(rat(0)), p(rat(1))];
  return [sub(div(add(o, m), rat(2)), z), div(sub(o, m), rat(2)), z];
}
