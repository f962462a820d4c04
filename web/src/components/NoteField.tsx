/** A note on the question: private by default (the student and their linked tutors and parents), or shared with other students for answers. */
import { useId, useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client.ts';
import { community } from '../api/endpoints.ts';

/**
 * Who reads a note that is not shared, said beside each share choice: "private" reads as "only
 * me", yet linked tutors and parents read these notes too (src/community/visibility.ts).
 */
export const PRIVATE_NOTE = 'Unshared notes are private: you and your linked tutors and parents can read them, other students cannot.';

export function NoteField({ questionId }: { questionId: string }) {
  const id = useId();
  const [body, setBody] = useState('');
  const [share, setShare] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<'private' | 'community' | null>(null);
  const [error, setError] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) return setError('Write something first.');
    setBusy(true);
    setError(null);
    try {
      const visibility = share ? 'community' : 'private';
      await community.post({ body: body.trim(), questionId, visibility });
      setSaved(visibility);
      setBody('');
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="note-field" onSubmit={save}>
      <label htmlFor={`${id}-note`}>My note on this question</label>
      <textarea id={`${id}-note`} rows={2} maxLength={4000} value={body} onChange={(e) => (setBody(e.target.value), setSaved(null))} />
      <div className="row">
        <label className="check">
          <input type="checkbox" checked={share} aria-describedby={`${id}-private`} onChange={(e) => setShare(e.target.checked)} /> Share with other students
        </label>
        <button type="submit" className="btn btn-secondary btn-small" disabled={busy}>
          {busy ? 'Saving…' : 'Save note'}
        </button>
      </div>
      <p id={`${id}-private`} className="hint">
        {PRIVATE_NOTE}
      </p>
      <div aria-live="polite">
        {saved && <p className="hint">{saved === 'community' ? 'Shared with the community — replies will show in Community.' : 'Saved to your notes.'}</p>}
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
