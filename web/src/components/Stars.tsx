/** A 1–5 star rating built on radio buttons, so arrow keys and screen readers work as for any choice. */
import { useId } from 'react';

export function Stars({ legend, value, onChange, disabled }: { legend: string; value: number; onChange(v: number): void; disabled?: boolean }) {
  const id = useId();
  return (
    <fieldset className="stars" disabled={disabled}>
      <legend>{legend}</legend>
      <div className="stars-row">
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={`star ${n <= value ? 'is-on' : ''}`}>
            <input type="radio" className="visually-hidden" name={`${id}-stars`} value={n} checked={value === n} onChange={() => onChange(n)} />
            <span aria-hidden="true">★</span>
            <span className="visually-hidden">{n === 1 ? '1 star' : `${n} stars`}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
