/**
 * The Markdown lessons are written in (src/content/lessons/*.md): `##` headings, `-` and
 * `1.` lists, paragraphs, **bold** and *italic*; the answer of a "Check yourself" section is
 * folded behind "Show the answer". Rendered to React elements, never to HTML strings, so no
 * text can inject markup.
 */
import { Fragment, type ReactNode } from 'react';
import { Prose } from './RichText.tsx';

function inline(text: string, math: boolean): ReactNode[] {
  const out: ReactNode[] = [];
  const re = /\*\*([^*]+)\*\*|\*([^*]+)\*/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push(<Prose key={out.length} text={text.slice(last, m.index)} math={math} />);
    out.push(m[1] !== undefined ? <strong key={out.length}>{m[1]}</strong> : <em key={out.length}>{m[2]}</em>);
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(<Prose key={out.length} text={text.slice(last)} math={math} />);
  return out;
}

/** A lesson's self-check answer ("**Answer: B.** …" under "Check yourself"): folded, so the student tries first. */
const isSelfCheckAnswer = (heading: string, para: string) => /^check yourself$/i.test(heading.trim()) && para.startsWith('**Answer:');

export function Markdown({ text, math = false, headingLevel = 2 }: { text: string; math?: boolean; headingLevel?: 2 | 3 }) {
  const blocks: ReactNode[] = [];
  const lines = text.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    if (!line.trim()) {
      i++;
      continue;
    }
    const h = /^(#{1,4})\s+(.*)$/.exec(line);
    if (h) {
      const H = headingLevel === 2 ? 'h2' : 'h3';
      blocks.push(<H key={i}>{inline(h[2], math)}</H>);
      heading = h[2];
      i++;
      continue;
    }
    const listItem = (l: string) => /^\s*(?:[-*]|\d+\.)\s+/.test(l);
    if (listItem(line)) {
      const ordered = /^\s*\d+\./.test(line);
      const items: string[] = [];
      while (i < lines.length && listItem(lines[i])) items.push(lines[i++].replace(/^\s*(?:[-*]|\d+\.)\s+/, ''));
      const L = ordered ? 'ol' : 'ul';
      blocks.push(
        <L key={i}>
          {items.map((it, k) => (
            <li key={k}>{inline(it, math)}</li>
          ))}
        </L>,
      );
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && lines[i].trim() && !/^#{1,4}\s/.test(lines[i]) && !listItem(lines[i])) para.push(lines[i++]);
    const joined = para.join(' ');
    if (isSelfCheckAnswer(heading, joined)) {
      blocks.push(
        <details key={i} className="self-check">
          <summary>Show the answer</summary>
          <p>{inline(joined, math)}</p>
        </details>,
      );
      continue;
    }
    blocks.push(<p key={i}>{inline(joined, math)}</p>);
  }
  return <div className="markdown">{blocks.map((b, k) => <Fragment key={k}>{b}</Fragment>)}</div>;
}
