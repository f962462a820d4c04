/** The AI tutor: conversations, a chat whose replies stream in, voice input, and a rating per reply. */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { tutor } from '../api/endpoints.ts';
import { useSession } from '../api/session.ts';
import { ErrorBox } from '../components/status.tsx';
import { useSpeech } from '../components/speech.ts';
import { Stars } from '../components/Stars.tsx';
import { useNow } from '../components/Timer.tsx';
import { useTutorChat } from '../lib/chat.ts';
import { useAsync } from '../lib/use-async.ts';

/** Questions a new conversation can start from: the test itself, a concept, a skill, and the student's own standing. */
const STARTERS = ['How should I pace myself on the Math module?', 'What is a comma splice?', 'How do I calculate percent change?', 'What should I work on next?'];

export default function Tutor() {
  const id = useId();
  const session = useSession()!;
  const [conversationId, setConversationId] = useState<string | null>(null);
  const list = useAsync(() => tutor.conversations(), []);
  const chat = useTutorChat(conversationId, (cid) => {
    setConversationId(cid);
    list.reload();
  });
  const [text, setText] = useState('');
  const [spoken, setSpoken] = useState(false);
  const [loadError, setLoadError] = useState<unknown>(null);
  const log = useRef<HTMLOListElement>(null);
  const speech = useSpeech((heard) => {
    setText((t) => (t ? `${t} ${heard}` : heard).slice(0, 2000));
    setSpoken(true);
  });

  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }, [chat.lines]);

  const open = async (cid: string | null) => {
    setConversationId(cid);
    setLoadError(null);
    chat.clearError();
    chat.setLines([]);
    if (!cid) return;
    try {
      const r = await tutor.interactions(session.user.id, cid);
      const msgs = r.conversations.find((c) => c.conversationId === cid)?.messages ?? [];
      chat.setLines(msgs.map((m) => ({ key: m.id, role: m.role, text: m.content, aiOutputId: m.aiOutputId, stars: m.rating?.stars ?? null })));
    } catch (err) {
      setLoadError(err);
    }
  };

  const submit = (e?: FormEvent) => {
    e?.preventDefault();
    if (!text.trim() || chat.waiting) return;
    chat.send(text.trim(), spoken ? 'voice' : 'text');
    setText('');
    setSpoken(false);
  };
  // Enter sends, Shift+Enter starts a new line, as in most chat apps.
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      submit();
    }
  };

  return (
    <div className="page tutor-page">
      <h1>AI tutor</h1>
      {/* Said where the student types, not only on the Account page: these chats are not private from the adults they linked. */}
      <p className="hint">An AI that answers from the lessons and the test guide. Tutors and parents you have linked can read these chats. If you write about hurting yourself, a person on our team is told, so someone can check in.</p>
      <div className="tutor-layout">
        <nav className="card conversations" aria-label="Conversations">
          <button type="button" className="btn btn-secondary btn-block" onClick={() => open(null)}>
            New conversation
          </button>
          {list.status === 'ready' && list.data.conversations.length > 0 && (
            <ul className="plain-list">
              {list.data.conversations.map((c) => (
                <li key={c.conversationId}>
                  <button type="button" className={`conv ${c.conversationId === conversationId ? 'is-current' : ''}`} aria-current={c.conversationId === conversationId ? 'true' : undefined} onClick={() => open(c.conversationId)}>
                    {c.title || 'Conversation'}
                  </button>
                </li>
              ))}
            </ul>
          )}
          {list.status === 'error' && <ErrorBox error={list.error} onRetry={list.reload} title="Could not load conversations" />}
        </nav>

        <section className="card chat" aria-labelledby={`${id}-title`}>
          <div className="chat-head">
            <h2 id={`${id}-title`}>{conversationId ? 'Conversation' : 'New conversation'}</h2>
            <span className={`chat-status is-${chat.status}`} role="status">
              {chat.status === 'ready' ? 'Connected' : chat.status === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
            </span>
          </div>
          {loadError !== null && <ErrorBox error={loadError} title="Could not load this conversation" />}
          <div role="log" aria-live="polite" aria-label="Messages" className="chat-log-wrap">
          <ol className="chat-log" ref={log}>
            {chat.lines.length === 0 && (
              <li className="chat-empty">
                <p>Ask anything about the SAT — a question you got wrong, a concept, or how to plan your week.</p>
                <div className="chat-starters" aria-label="Questions to start with" role="group">
                  {STARTERS.map((q) => (
                    <button key={q} type="button" className="btn btn-small btn-secondary" disabled={chat.waiting || chat.status !== 'ready'} onClick={() => chat.send(q, 'text')}>
                      {q}
                    </button>
                  ))}
                </div>
              </li>
            )}
            {chat.lines.map((l) => (
              <li key={l.key} className={`bubble is-${l.role}`}>
                <span className="visually-hidden">{l.role === 'user' ? 'You: ' : 'Tutor: '}</span>
                <p className="ai-text">
                  {l.text}
                  {l.streaming && <span className="typing" aria-hidden="true" />}
                </p>
                {l.role === 'assistant' && !l.streaming && l.aiOutputId && (
                  <Stars legend="Rate this reply" value={l.stars ?? 0} onChange={(n) => chat.rate(l.aiOutputId!, n)} />
                )}
              </li>
            ))}
          </ol>
          </div>
          {chat.error && (
            <div className="notice notice-error" role="alert">
              <p>{chat.error}</p>
              {chat.unanswered && <RetryButton retryAt={chat.unanswered.retryAt} disabled={chat.waiting || chat.status !== 'ready'} onRetry={chat.retry} />}
            </div>
          )}
          <form className="chat-form" onSubmit={submit}>
            <label htmlFor={`${id}-msg`} className="visually-hidden">
              Message the tutor
            </label>
            <textarea id={`${id}-msg`} rows={2} maxLength={2000} placeholder="Message the tutor" value={text} onKeyDown={onKey} onChange={(e) => setText(e.target.value)} />
            <div className="row">
              {speech.supported && (
                <button type="button" className="btn btn-quiet" aria-pressed={speech.listening} onClick={speech.listening ? speech.stop : speech.start}>
                  {speech.listening ? 'Stop listening' : 'Speak'}
                </button>
              )}
              <button type="submit" className="btn btn-primary" disabled={chat.waiting || chat.status !== 'ready'}>
                {chat.waiting ? 'Tutor is writing…' : 'Send'}
              </button>
            </div>
          </form>
        </section>
      </div>
    </div>
  );
}

/** Sends the unanswered message again; while a rate limit lasts it counts down instead, since sending would only be refused. */
function RetryButton({ retryAt, disabled, onRetry }: { retryAt: number; disabled: boolean; onRetry(): void }) {
  const now = useNow(500);
  const wait = Math.ceil((retryAt - now) / 1000);
  return (
    <button type="button" className="btn btn-small" disabled={disabled || wait > 0} onClick={onRetry}>
      {wait > 0 ? `Retry in ${wait} s` : 'Retry'}
      <span className="visually-hidden"> sending your last message</span>
    </button>
  );
}
