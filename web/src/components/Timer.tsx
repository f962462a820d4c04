/** Time on the current question, in the corner like the real test, and hideable like it too. */
import { useEffect, useState } from 'react';

export const clock = (ms: number) => {
  const s = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}

export function Timer({ since, label = 'Time on this question' }: { since: number; label?: string }) {
  const now = useNow();
  const [hidden, setHidden] = useState(false);
  return (
    <div className="timer">
      {!hidden && (
        <span role="timer" aria-label={label} className="timer-value">
          {clock(now - since)}
        </span>
      )}
      <button type="button" className="btn btn-quiet btn-small" aria-pressed={hidden} onClick={() => setHidden((h) => !h)}>
        {hidden ? 'Show timer' : 'Hide timer'}
      </button>
    </div>
  );
}
