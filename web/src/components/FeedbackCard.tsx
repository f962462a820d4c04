/** The AI's feedback on a set, with the 1–5 star rating (and optional comment) that trains it. */
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { help } from '../api/endpoints.ts';
import { Stars } from './Stars.tsx';

export function FeedbackCard({ aiOutputId, text, title = 'Feedback from your tutor' }: { aiOutputId: string; text: string; title?: string }) {
  const id = useId();
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    if (!stars) return setError('Choose from 1 to 5 stars.');
    setBusy(true);
    setError(null);
    try {
      await help.rate(aiOutputId, stars, comment.trim() || undefined);
      setSent(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card feedback" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p className="ai-text">{text}</p>
      {sent ? (
        <p className="notice notice-success" role="status">
          Thanks for rating this feedback ({stars} of 5).
        </p>
      ) : (
        <form onSubmit={send} className="rate-form">
          <Stars legend="How useful was this feedback?" value={stars} onChange={setStars} disabled={busy} />
          <label htmlFor={`${id}-comment`}>Anything to add? (optional)</label>
          <textarea id={`${id}-comment`} rows={2} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} />
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? 'Sending…' : 'Send rating'}
          </button>
        </form>
      )}
    </section>
  );
}
