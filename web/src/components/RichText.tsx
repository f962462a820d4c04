/**
 * Question text as the bank writes it: paragraphs, Markdown pipe tables (data in passages),
 * and math lines, which KaTeX typesets (with MathML beside the visual form for screen readers).
 */
import katex from 'katex';
import 'katex/dist/katex.min.css';
import { Fragment, useMemo } from 'react';
import { isMathLine, proseSegments, toTex } from '../lib/math.ts';

function Tex({ tex, display, fallback }: { tex: string; display: boolean; fallback: string }) {
  const html = useMemo(() => {
    try {
      return katex.renderToString(tex, { displayMode: display, throwOnError: false, output: 'htmlAndMathml', strict: 'ignore' });
    } catch {
      return null;
    }
  }, [tex, display]);
  if (html === null) return <span>{fallback}</span>;
  const Tag = display ? 'div' : 'span';
  return <Tag className={display ? 'math-display' : 'math-inline'} dangerouslySetInnerHTML={{ __html: html }} />;
}

/** A sentence; with `math`, the expressions inside it (`If 5x + 6 = -26, …`) are typeset too. */
export function Prose({ text, math }: { text: string; math: boolean }) {
  if (!math) return <>{text}</>;
  return (
    <>
      {proseSegments(text).map((s, i) => (s.math ? <Tex key={i} tex={toTex(s.text)} display={false} fallback={s.text} /> : <Fragment key={i}>{s.text}</Fragment>))}
    </>
  );
}

/** One line or short text: typeset when it is math, plain otherwise (answer options, table cells). */
export function InlineMath({ text, math = true }: { text: string; math?: boolean }) {
  return math && isMathLine(text) ? <Tex tex={toTex(text)} display={false} fallback={text} /> : <Prose text={text} math={math} />;
}

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());

function Table({ lines, math }: { lines: string[]; math: boolean }) {
  const [head, ...rest] = lines;
  const body = rest.filter((l) => !/^\|?\s*:?-{2,}/.test(l.trim()));
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            {cells(head).map((c, i) => (
              <th key={i} scope="col">
                <InlineMath text={c} math={math} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {body.map((row, r) => (
            <tr key={r}>
              {cells(row).map((c, i) => (
                <td key={i}>
                  <InlineMath text={c} math={math} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * A passage or stem: blocks split on blank lines; a block of `|` rows is a table. With
 * `math` (Math questions), equation lines are displayed and expressions in sentences typeset.
 */
export function RichText({ text, className, math = false }: { text: string; className?: string; math?: boolean }) {
  const blocks = text.split(/\n\s*\n/);
  return (
    <div className={`rich-text ${className ?? ''}`}>
      {blocks.map((block, b) => {
        const lines = block.split('\n').filter((l) => l.trim() !== '');
        if (lines.length > 1 && lines.every((l) => l.trim().startsWith('|'))) return <Table key={b} lines={lines} math={math} />;
        return lines.map((line, i) =>
          math && isMathLine(line) ? (
            <Tex key={`${b}.${i}`} tex={toTex(line)} display fallback={line} />
          ) : (
            <p key={`${b}.${i}`}>
              <Prose text={line} math={math} />
            </p>
          ),
        );
      })}
    </div>
  );
}
