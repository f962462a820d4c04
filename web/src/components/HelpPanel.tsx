/** "Ask for help" on one question: typed or spoken, answered by the AI, and ratable. */
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { help } from '../api/endpoints.ts';
import type { HelpReply } from '../api/types.ts';
import { useSpeech } from './speech.ts';
import { Stars } from './Stars.tsx';
import { useRating } from '../lib/use-rating.ts';

export function HelpPanel({ sessionId, questionId }: { sessionId: string; questionId: string }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [spoken, setSpoken] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reply, setReply] = useState<HelpReply | null>(null);
  const rating = useRating(setError);
  const speech = useSpeech((heard) => {
    setText((t) => (t ? `${t} ${heard}` : heard).slice(0, 2000));
    setSpoken(true);
  });

  const ask = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setError('Type or say what you are stuck on.');
    setBusy(true);
    setError(null);
    try {
      setReply(await help.ask(sessionId, questionId, text.trim(), spoken ? 'voice' : 'text'));
      rating.reset();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const rate = (n: number) => rating.rate(reply?.aiOutputId, n);

  return (
    <section className="help-panel" aria-labelledby={`${id}-title`}>
      <button type="button" className="btn btn-secondary" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen((o) => !o)}>
        <span id={`${id}-title`}>Ask for help</span>
      </button>
      <div id={`${id}-body`} hidden={!open} className="help-body">
        <form onSubmit={ask}>
          <label htmlFor={`${id}-q`}>What are you stuck on?</label>
          <textarea
            id={`${id}-q`}
            rows={3}
            maxLength={2000}
            value={text}
            placeholder="e.g. I don't see how to start this one"
            onChange={(e) => {
              setText(e.target.value);
              if (!e.target.value) setSpoken(false);
            }}
          />
          <div className="row">
            {speech.supported && (
              <button type="button" className="btn btn-quiet" aria-pressed={speech.listening} onClick={speech.listening ? speech.stop : speech.start}>
                <MicIcon />
                {speech.listening ? 'Stop listening' : 'Speak'}
              </button>
            )}
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {busy ? 'Asking…' : 'Get help'}
            </button>
          </div>
          {speech.error && <p className="field-error">{speech.error}</p>}
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
        </form>
        <div aria-live="polite">
          {reply && (
            <div className="ai-reply">
              <p className="ai-label">Tutor</p>
              <p className="ai-text">{reply.response}</p>
              <Stars legend="How helpful was this?" value={rating.stars} onChange={rate} />
              {rating.rated && <p className="hint">Thanks — your rating helps the tutor get better.</p>}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function MicIcon() {
  return (
    <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5 11a7 7 0 0 0 14 0M12 18v3" />
    </svg>
  );
}
