/**
 * The tutor chat over its WebSocket (protocol: src/tutor/frames.ts). The token goes in the
 * first frame rather than the URL, so it never lands in a log. A turn streams as `chunk`
 * frames into one growing assistant message; `reset` discards what streamed (the server is
 * switching provider); `done` replaces it with the stored, checked text.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { refresh } from '../api/client.ts';
import { sessionStore } from '../api/session.ts';
import type { ChatServerFrame } from '../api/types.ts';

export interface ChatLine {
  key: string;
  role: 'user' | 'assistant';
  text: string;
  streaming?: boolean;
  aiOutputId?: string | null;
  stars?: number | null;
}

export type ChatStatus = 'connecting' | 'ready' | 'closed';

const url = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ai_tutor/chat`;
let seq = 0;

export function useTutorChat(conversationId: string | null, onConversation: (id: string) => void) {
  const [status, setStatus] = useState<ChatStatus>('connecting');
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [waiting, setWaiting] = useState(false);
  const [error, setError] = useState<string | null>(null);
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
        break;
      case 'rated':
        setLines((ls) => ls.map((l) => (l.aiOutputId === frame.aiOutputId ? { ...l, stars: frame.stars } : l)));
        break;
      case 'error':
        setError(frame.message);
        setWaiting(false);
        setLines((ls) => ls.filter((l) => !(l.streaming && l.text === '')));
        break;
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

  const send = useCallback((text: string, inputMode: 'text' | 'voice') => {
    const ws = socket.current;
    if (!ws || ws.readyState !== WebSocket.OPEN) return setError('Not connected yet — try again in a moment.');
    setError(null);
    setWaiting(true);
    setLines((ls) => [...ls, { key: `u${++seq}`, role: 'user', text }]);
    ws.send(JSON.stringify({ type: 'message', text, inputMode, ...(conv.current ? { conversationId: conv.current } : {}) }));
  }, []);

  const rate = useCallback((aiOutputId: string, stars: number) => {
    setLines((ls) => ls.map((l) => (l.aiOutputId === aiOutputId ? { ...l, stars } : l)));
    socket.current?.send(JSON.stringify({ type: 'rate', aiOutputId, stars }));
  }, []);

  return { status, lines, setLines, waiting, error, send, rate };
}
