/**
 * A module's or the break's clock, counting to a deadline the server set. The server's
 * clock decides; `offset` (server − client, from the reply) keeps a skewed client honest.
 * Announces 5 minutes and 1 minute left to screen readers, and calls `onExpire` once.
 */
import { useEffect, useRef, useState } from 'react';
import { clock, useNow } from '../Timer.tsx';

export function Countdown({ deadline, offset, onExpire, label, hideable = true }: { deadline: string; offset: number; onExpire(): void; label: string; hideable?: boolean }) {
  const now = useNow(500);
  const remaining = Date.parse(deadline) - (now + offset);
  const [hidden, setHidden] = useState(false);
  const [said, setSaid] = useState('');
  const fired = useRef(false);
  const warned = useRef<Set<number>>(new Set());

  useEffect(() => {
    if (remaining <= 0 && !fired.current) {
      fired.current = true;
      onExpire();
    }
    for (const min of [5, 1]) {
      if (remaining <= min * 60_000 && remaining > (min * 60 - 5) * 1000 && !warned.current.has(min)) {
        warned.current.add(min);
        setSaid(`${min} ${min === 1 ? 'minute' : 'minutes'} left`);
      }
    }
  }, [remaining, onExpire]);

  const urgent = remaining <= 5 * 60_000;
  return (
    <div className={`countdown ${urgent ? 'is-urgent' : ''}`}>
      {(!hidden || urgent) && (
        <span role="timer" aria-label={label} className="countdown-value">
          {clock(remaining)}
        </span>
      )}
      {hideable && !urgent && (
        <button type="button" className="btn btn-quiet btn-small" aria-pressed={hidden} onClick={() => setHidden((h) => !h)}>
          {hidden ? 'Show' : 'Hide'}
        </button>
      )}
      <span className="visually-hidden" aria-live="assertive">
        {said}
      </span>
    </div>
  );
}
