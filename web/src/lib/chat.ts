/**
 * The tutor chat over its WebSocket (protocol: src/tutor/frames.ts). The token goes in the
 * first frame rather than the URL, so it never lands in a log. A turn streams as `chunk`
 * frames into one growing assistant message; `reset` discards what streamed (the server is
 * switching provider); `done` replaces it with the stored, checked text. An `error` frame
 * leaves the student's last message without a reply: it is kept to be sent again.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { refresh } from '../api/client.ts';
import { sessionStore } from '../api/session.ts';
import type { ChatServerFrame } from '../api/types.ts';
import { asSentence } from './sentence.ts';

export interface ChatLine {
  key: string;
  role: 'user' | 'assistant';
  text: string;
  streaming?: boolean;
  aiOutputId?: string | null;
  stars?: number | null;
}

export type ChatStatus = 'connecting' | 'ready' | 'closed';

/** The student's message the last error left without a reply, and when sending it again can work. */
export interface Unanswered {
  text: string;
  inputMode: 'text' | 'voice';
  retryAt: number;
}

type ErrorFrame = Extract<ChatServerFrame, { type: 'error' }>;

const retryInMs = (frame: ErrorFrame) => {
  const ms = (frame.details as { retryInMs?: unknown } | undefined)?.retryInMs;
  return typeof ms === 'number' && ms > 0 ? ms : 0;
};

/** What the student reads: the server's message as a sentence, and a rate limit in plain words with its wait. */
export function chatErrorText(frame: ErrorFrame): string {
  if (frame.error === 'rate_limited') {
    const s = Math.max(1, Math.ceil(retryInMs(frame) / 1000));
    return `You are sending messages faster than the tutor can answer. Wait ${s} ${s === 1 ? 'second' : 'seconds'} and try again.`;
  }
  if (frame.error === 'busy') return 'The tutor is still answering your other message. Wait for that reply and try again.';
  return asSentence(frame.message);
}

const url = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ai_tutor/chat`;
let seq = 0;

export function useTutorChat(conversationId: string | null, onConversation: (id: string) => void) {
  const [status, setStatus] = useState<ChatStatus>('connecting');
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [unanswered, setUnanswered] = useState<Unanswered | null>(null);
  const pending = useRef<Omit<Unanswered, 'retryAt'> | null>(null);
  const socket = useRef<WebSocket | null>(null);
  const conv = useRef(conversationId);
  conv.current = conversationId;
  const onConv = useRef(onConversation);
  onConv.current = onConversation;

  const handle = useCallback((frame: ChatServerFrame) => {
    switch (frame.type) {
      case 'ready':
        setStatus('ready');
        break;
      case 'start':
        if (!conv.current) onConv.current(frame.conversationId);
        setLines((ls) => [...ls, { key: `a${++seq}`, role: 'assistant', text: '', streaming: true }]);
        break;
      case 'chunk':
        setLines((ls) => ls.map((l, i) => (i === ls.length - 1 && l.streaming ? { ...l, text: l.text + frame.text } : l)));
        break;
      case 'reset':
        setLines((ls) => ls.map((l, i) => (i === ls.length - 1 && l.streaming ? { ...l, text: '' } : l)));
        break;
      case 'done':
        setLines((ls) => ls.map((l, i) => (i === ls.length - 1 && l.streaming ? { ...l, text: frame.text, streaming: false, aiOutputId: frame.aiOutputId } : l)));
        setWaiting(false);
        pending.current = null;
        break;
      case 'rated':
        setLines((ls) => ls.map((l) => (l.aiOutputId === frame.aiOutputId ? { ...l, stars: frame.stars } : l)));
        break;
      case 'error': {
        setError(chatErrorText(frame));
        const sent = pending.current;
        if (sent) setUnanswered({ ...sent, retryAt: Date.now() + retryInMs(frame) });
        pending.current = null;
        setWaiting(false);
        setLines((ls) => ls.filter((l) => !(l.streaming && l.text === '')));
        break;
      }
    }
  }, []);

  useEffect(() => {
    let stopped = false;
    let retried = false;
    const open = () => {
      setStatus('connecting');
      const ws = new WebSocket(url());
      socket.current = ws;
      ws.onopen = () => ws.send(JSON.stringify({ type: 'auth', token: sessionStore.get()?.accessToken ?? '' }));
      ws.onmessage = (e) => {
        try {
          handle(JSON.parse(String(e.data)) as ChatServerFrame);
        } catch {
          /* not a frame of ours */
        }
      };
      ws.onclose = async (e) => {
        if (stopped) return;
        setStatus('closed');
        setWaiting(false);
        // An expired access token closes with 4401: refresh once and reconnect.
        if (e.code === 4401 && !retried && (await refresh())) {
          retried = true;
          open();
        } else if (e.code === 4401 || e.code === 4403) {
          setError(e.code === 4403 ? 'The tutor chat is for students.' : 'Please sign in again.');
        } else {
          // A reply cut off with the connection will not come on the new one: offer to send the message again.
          const sent = pending.current;
          if (sent) {
            pending.current = null;
            setUnanswered({ ...sent, retryAt: 0 });
            setError('The connection dropped before the tutor answered. It reconnects by itself; then retry your message.');
          }
          setTimeout(() => !stopped && open(), 2000);
        }
      };
    };
    open();
    return () => {
      stopped = true;
      socket.current?.close();
    };
  }, [handle]);

  const transmit = useCallback((text: string, inputMode: 'text' | 'voice', again: boolean) => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return setError('Not connected yet — try again in a moment.');
    setError(null);
    setUnanswered(null);
    setWaiting(true);
    pending.current = { text, inputMode };
    // Sent again, the message is already on screen.
    if (!again) setLines((ls) => [...ls, { key: `u${++seq}`, role: 'user', text }]);
    ws.send(JSON.stringify({ type: 'message', text, inputMode, ...(conv.current ? { conversationId: conv.current } : {}) }));
  }, []);
  const send = useCallback((text: string, inputMode: 'text' | 'voice') => transmit(text, inputMode, false), [transmit]);
  const retry = useCallback(() => unanswered && transmit(unanswered.text, unanswered.inputMode, true), [transmit, unanswered]);
  /** Another conversation is opening: what failed in this one is not for it. */
  const clearError = useCallback(() => (setError(null), setUnanswered(null)), []);

  const rate = useCallback((aiOutputId: string, stars: number) => {
    setLines((ls) => ls.map((l) => (l.aiOutputId === aiOutputId ? { ...l, stars } : l)));
    socket.current?.send(JSON.stringify({ type: 'rate', aiOutputId, stars }));
  }, []);

  return { status, lines, setLines, waiting, error, unanswered, send, retry, clearError, rate };
}
