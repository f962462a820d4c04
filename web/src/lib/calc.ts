/**
 * The Math calculator's arithmetic: + − × ÷ ^, parentheses, √, π, unary minus, implicit
 * multiplication (`2π`, `3(4)`), by recursive descent — never `eval`. Pure, so it is tested
 * without a browser. Throws `CalcError` with a message fit to show.
 */
export class CalcError extends Error {}

type Tok = { t: 'num'; v: number } | { t: 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  const s = src.replace(/\s+/g, '').replace(/×/g, '*').replace(/÷/g, '/').replace(/−/g, '-').replace(/sqrt/g, '√');
  for (let i = 0; i < s.length; ) {
    const m = /^(\d+\.?\d*|\.\d+)(e[+-]?\d+)?/i.exec(s.slice(i));
    if (m) {
      out.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (s[i] === 'π' || s.startsWith('pi', i)) {
      out.push({ t: 'num', v: Math.PI });
      i += s[i] === 'π' ? 1 : 2;
    } else if ('+-*/^()√'.includes(s[i])) {
      out.push({ t: 'op', v: s[i] });
      i++;
    } else throw new CalcError(`Unexpected “${s[i]}”`);
  }
  return out;
}

export function evaluate(src: string): number {
  const toks = tokenize(src);
  let i = 0;
  const peek = () => toks[i];
  const isOp = (v: string) => peek()?.t === 'op' && peek()!.v === v;
  const startsFactor = () => peek() !== undefined && (peek()!.t === 'num' || isOp('(') || isOp('√'));

  // expr := term (('+'|'-') term)*
  function expr(): number {
    let v = term();
    while (isOp('+') || isOp('-')) v = toks[i++].v === '+' ? v + term() : v - term();
    return v;
  }
  // term := unary (('*'|'/') unary | implicit unary)*
  function term(): number {
    let v = unary();
    for (;;) {
      if (isOp('*')) (i++, (v *= unary()));
      else if (isOp('/')) {
        i++;
        const d = unary();
        if (d === 0) throw new CalcError('Cannot divide by zero');
        v /= d;
      } else if (startsFactor()) v *= unary();
      else return v;
    }
  }
  // unary := '-' unary | power ; so -2^2 = -4 as on the test's calculator
  function unary(): number {
    if (isOp('-')) return i++, -unary();
    if (isOp('+')) return i++, unary();
    return power();
  }
  // power := atom ('^' unary)?  (right-associative)
  function power(): number {
    const base = atom();
    if (isOp('^')) {
      i++;
      return base ** unary();
    }
    return base;
  }
  function atom(): number {
    const tok = toks[i++];
    if (!tok) throw new CalcError('The expression is incomplete');
    if (tok.t === 'num') return tok.v;
    if (tok.v === '(') {
      const v = expr();
      if (!isOp(')')) throw new CalcError('A “)” is missing');
      i++;
      return v;
    }
    if (tok.v === '√') {
      const v = unary();
      if (v < 0) throw new CalcError('No real square root of a negative number');
      return Math.sqrt(v);
    }
    throw new CalcError(`Unexpected “${tok.v}”`);
  }

  if (toks.length === 0) throw new CalcError('Type an expression');
  const v = expr();
  if (i < toks.length) throw new CalcError(`Unexpected “${(toks[i] as { v: unknown }).v}”`);
  if (!Number.isFinite(v)) throw new CalcError('The result is too large');
  return v;
}

/** Up to 10 significant digits, without float noise (0.1 + 0.2 → 0.3). */
export function formatNumber(v: number): string {
  return String(Number(v.toPrecision(10)));
}
