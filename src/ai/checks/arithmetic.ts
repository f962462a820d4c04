/**
 * "arithmetic-steps-evaluate": every purely numeric equation written in a text
 * (`13 - 4 = 9`, `2(3) + 1 = 7`, `3/4 = 0.75`) must be true. Equations with a variable on
 * either side (`3x = 9`) are algebra, not arithmetic, and are left alone.
 */
import type { CheckResult } from '../task.ts';
import { normaliseNumerals } from './numbers.ts';

const ARITH = /[0-9.+\-*/^() ×÷·]/;

type Tok = { k: 'num'; v: number } | { k: 'op'; v: string };

function tokenize(s: string): Tok[] | null {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === ' ') { i++; continue; }
    const m = /^\d+(?:\.\d+)?/.exec(s.slice(i));
    if (m) { out.push({ k: 'num', v: Number(m[0]) }); i += m[0].length; continue; }
    const op = c === '×' || c === '·' ? '*' : c === '÷' ? '/' : c;
    if (!'+-*/^()'.includes(op)) return null;
    out.push({ k: 'op', v: op });
    i++;
  }
  return out;
}

/** Recursive descent over + - * / ^ and parentheses, with implicit multiplication `2(3)`. */
export function evaluate(expr: string): number | null {
  const toks = tokenize(expr);
  if (!toks || toks.length === 0) return null;
  let p = 0;
  const peek = () => toks[p];
  const isOp = (v: string) => peek()?.k === 'op' && peek().v === v;
  function primary(): number | null {
    const t = peek();
    if (!t) return null;
    if (t.k === 'num') { p++; return t.v; }
    if (t.v === '-') { p++; const v = primary(); return v === null ? null : -v; }
    if (t.v === '(') {
      p++;
      const v = sum();
      if (v === null || !isOp(')')) return null;
      p++;
      return v;
    }
    return null;
  }
  function power(): number | null {
    const base = primary();
    if (base === null) return null;
    if (isOp('^')) { p++; const e = power(); return e === null ? null : base ** e; }
    return base;
  }
  function product(): number | null {
    let v = power();
    while (v !== null) {
      if (isOp('*') || isOp('/')) {
        const op = peek().v; p++;
        const r = power();
        if (r === null) return null;
        v = op === '*' ? v * r : v / r;
      } else if (peek() && (peek().k === 'num' || isOp('('))) {
        const r = power();
        if (r === null) return null;
        v *= r;
      } else break;
    }
    return v;
  }
  function sum(): number | null {
    let v = product();
    while (v !== null && (isOp('+') || isOp('-'))) {
      const op = peek().v; p++;
      const r = product();
      if (r === null) return null;
      v = op === '+' ? v + r : v - r;
    }
    return v;
  }
  const v = sum();
  return v !== null && p === toks.length && Number.isFinite(v) ? v : null;
}

export interface Equation { left: string; right: string; lhs: number; rhs: number }

/** Numeric equations in the text: the arithmetic runs on each side of every `=`. */
export function numericEquations(text: string): Equation[] {
  const s = normaliseNumerals(text);
  const out: Equation[] = [];
  for (let i = s.indexOf('='); i >= 0; i = s.indexOf('=', i + 1)) {
    let a = i;
    while (a > 0 && ARITH.test(s[a - 1])) a--;
    let b = i + 1;
    while (b < s.length && ARITH.test(s[b])) b++;
    while (a < i && s[a] === ' ') a++;
    while (b > i + 1 && (s[b - 1] === ' ' || s[b - 1] === '.')) b--;
    const left = s.slice(a, i).trim();
    const right = s.slice(i + 1, b).trim();
    // Only a whole expression counts: a run that starts or ends on an operator, or touches a
    // letter, is a piece of algebra ("x - 2 = 5", "3x = 9", "f(2) = 7", "= 5x").
    if (!/^[\d(]/.test(left) || !/^[\d(-]/.test(right) || !/[\d)]$/.test(right)) continue;
    if (a > 0 && /[\p{L}\p{N}_)]/u.test(s[a - 1])) continue;
    if (b < s.length && /[\p{L}\p{N}_(]/u.test(s[b])) continue;
    // Roots, π, powers and percents are notation this evaluator does not read: "√44 = 2√11".
    if (a > 0 && /[√∛π±²³%°]/u.test(s[a - 1])) continue;
    if (b < s.length && /[√∛π²³%°]/u.test(s[b])) continue;
    const lhs = evaluate(left);
    const rhs = evaluate(right);
    if (lhs === null || rhs === null) continue;
    out.push({ left, right, lhs, rhs });
  }
  return out;
}

/** Tolerance fits values rounded to 2 decimals in prose (1/3 = 0.33). */
function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= Math.max(0.005 + 1e-9, 1e-6 * Math.abs(a));
}

export function arithmeticStepsEvaluate(text: string): CheckResult {
  const wrong = numericEquations(text).filter((e) => !close(e.lhs, e.rhs));
  return {
    name: 'arithmetic-steps-evaluate',
    pass: wrong.length === 0,
    critical: true,
    reason: wrong.length ? `false: ${wrong.map((e) => `${e.left} = ${e.right}`).join('; ')}` : undefined,
  };
}
