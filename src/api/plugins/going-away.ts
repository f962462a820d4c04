/**
 * How open WebSockets end when the server shuts down (the `preClose` of @fastify/websocket,
 * run before the listener closes): each client is told in a frame why, then closed with
 * 1001 "going away" so it knows to reconnect (to another process, or this one restarted).
 * Clients get `graceMs` to complete the closing handshake; any still open are cut.
 */
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';

export const GOING_AWAY = 1001;
const FRAME = JSON.stringify({ type: 'error', error: 'going_away', message: 'the server is restarting; reconnect in a moment' });

export async function closeSockets(clients: Iterable<WebSocket>, graceMs = 2000): Promise<void> {
  const open = [...clients];
  await Promise.all(
    open.map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === ws.CLOSED) return resolve();
          const cut = setTimeout(() => {
            ws.terminate();
            resolve();
          }, graceMs);
          ws.once('close', () => {
            clearTimeout(cut);
            resolve();
          });
          try {
            ws.send(FRAME);
            ws.close(GOING_AWAY, 'server shutting down');
          } catch {
            ws.terminate();
          }
        }),
    ),
  );
}

/** The websocket plugin's `preClose` option. */
export function goingAway(graceMs?: number) {
  return async function preClose(this: FastifyInstance): Promise<void> {
    const wss = this.websocketServer;
    await closeSockets(wss.clients, graceMs);
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}
