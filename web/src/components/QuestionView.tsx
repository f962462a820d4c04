/** One question as the student sees it: passage, stem, and the answer control (options or a grid-in). */
import { useId } from 'react';
import type { Question } from '../api/types.ts';
import { InlineMath, RichText } from './RichText.tsx';
import { SPR_MAX_CHARS, sprInput } from '../../../src/content/spr.ts';

const LETTERS = ['A', 'B', 'C', 'D'] as const;

interface Props {
  question: Question;
  number: number;
  answer: string;
  onAnswer(value: string): void;
  disabled?: boolean;
  /** After answering: the key and the student's choice, marked. */
  result?: { correctAnswer: string; correct: boolean } | null;
}

export function QuestionView({ question, number, answer, onAnswer, disabled, result }: Props) {
  const id = useId();
  const math = question.section === 'math';
  return (
    <article className={`question ${question.passage ? 'has-passage' : ''}`} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="visually-hidden">
        Question {number}
      </h2>
      {question.passage && (
        <section className="passage" aria-label="Passage">
          <RichText text={question.passage} math={math} />
        </section>
      )}
      <div className="question-main">
        <RichText text={question.stem} className="stem" math={math} />
        {question.type === 'mcq' && question.options ? (
          <fieldset className="options" disabled={disabled}>
            <legend className="visually-hidden">Answer choices</legend>
            {question.options.map((text, i) => {
              const letter = LETTERS[i];
              const marked = result && (letter === result.correctAnswer ? 'is-key' : letter === answer ? 'is-wrong' : '');
              return (
                <label key={letter} className={`option ${answer === letter ? 'is-selected' : ''} ${marked || ''}`}>
                  <input type="radio" name={`${id}-answer`} value={letter} checked={answer === letter} onChange={() => onAnswer(letter)} />
                  <span className="option-letter" aria-hidden="true">
                    {letter}
                  </span>
                  <span className="visually-hidden">{`Choice ${letter}: `}</span>
                  <span className="option-text">
                    <InlineMath text={text} math={math} />
                  </span>
                  {marked === 'is-key' && <span className="option-tag">Correct answer</span>}
                  {marked === 'is-wrong' && <span className="option-tag">Your answer</span>}
                </label>
              );
            })}
          </fieldset>
        ) : result ? (
          <p className="grid-in-result">
            Your answer: <strong>{answer || '—'}</strong> · Correct answer: <strong>{result.correctAnswer}</strong>
          </p>
        ) : (
          <div className="field grid-in">
            <label htmlFor={`${id}-spr`}>Your answer</label>
            <p id={`${id}-spr-hint`} className="hint">
              Enter a number; fractions like 7/2 and decimals like 3.5 are both fine. Up to {SPR_MAX_CHARS.positive} characters ({SPR_MAX_CHARS.negative} with a
              minus sign).
            </p>
            {/* The longest a negative answer may be: sprInput cuts a positive one at 5, and a minus can still go in front of 5 digits. */}
            <input
              id={`${id}-spr`}
              inputMode="decimal"
              autoComplete="off"
              maxLength={SPR_MAX_CHARS.negative}
              value={answer}
              disabled={disabled}
              aria-describedby={`${id}-spr-hint`}
              onChange={(e) => onAnswer(sprInput(e.target.value))}
            />
          </div>
        )}
      </div>
    </article>
  );
}
