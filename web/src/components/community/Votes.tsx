/** An upvote toggle for a note or reply; optimistic, rolled back if the server refuses. */
import { useState } from 'react';
import { community } from '../../api/endpoints.ts';
import { counted } from '../../lib/sentence.ts';

export function UpvoteButton({ kind, id, count, voted, disabled }: { kind: 'notes' | 'replies'; id: string; count: number; voted: boolean; disabled?: boolean }) {
  const [state, setState] = useState({ count, voted });
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    const next = { voted: !state.voted, count: state.count + (state.voted ? -1 : 1) };
    const before = state;
    setState(next);
    setBusy(true);
    try {
      const r = await community.vote(kind, id, next.voted);
      setState({ voted: r.voted, count: r.upvotes });
    } catch {
      setState(before);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className={`btn btn-small vote ${state.voted ? 'is-on' : 'btn-quiet'}`} aria-pressed={state.voted} disabled={busy || disabled} onClick={toggle}>
      <span aria-hidden="true">▲ {state.count}</span>
      <span className="visually-hidden">
        {counted(state.count, 'upvote')}
        {state.voted ? ', you upvoted' : ''}
      </span>
    </button>
  );
}
