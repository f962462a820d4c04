/** A plain calculator for Math questions (the real test offers one on every Math question). */
import { useId, useState, type FormEvent } from 'react';
import { CalcError, evaluate, formatNumber } from '../lib/calc.ts';

const KEYS = ['7', '8', '9', '÷', '4', '5', '6', '×', '1', '2', '3', '−', '0', '.', '^', '+', '(', ')', '√', 'π'];

export function Calculator() {
  const id = useId();
  const [expr, setExpr] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = (e?: FormEvent) => {
    e?.preventDefault();
    try {
      setResult(formatNumber(evaluate(expr)));
      setError(null);
    } catch (err) {
      setError(err instanceof CalcError ? err.message : 'That expression cannot be worked out');
      setResult(null);
    }
  };

  return (
    <form className="calculator" onSubmit={run} aria-label="Calculator">
      <label htmlFor={`${id}-expr`}>Expression</label>
      <input id={`${id}-expr`} className="calc-input" autoComplete="off" spellCheck={false} value={expr} onChange={(e) => setExpr(e.target.value)} />
      <output htmlFor={`${id}-expr`} className={`calc-result ${error ? 'is-error' : ''}`} aria-live="polite">
        {error ?? (result !== null ? `= ${result}` : '\u00a0')}
      </output>
      <div className="calc-keys">
        {KEYS.map((k) => (
          <button key={k} type="button" className="calc-key" onClick={() => setExpr((x) => x + k)} aria-label={k === '√' ? 'square root' : k === '^' ? 'power' : k === '−' ? 'minus' : undefined}>
            {k}
          </button>
        ))}
        <button type="button" className="calc-key calc-wide" onClick={() => (setExpr(''), setResult(null), setError(null))}>
          Clear
        </button>
        <button type="button" className="calc-key" aria-label="delete last character" onClick={() => setExpr((x) => x.slice(0, -1))}>
          ⌫
        </button>
        <button type="submit" className="calc-key calc-equals">
          =
        </button>
      </div>
    </form>
  );
}
