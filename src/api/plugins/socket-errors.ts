/**
 * Errors on an open WebSocket (the `errorHandler` of @fastify/websocket). A frame that
 * breaks the protocol — text that is not UTF-8, a frame past the size limit, a bad opcode —
 * is the client's doing: ws has already closed the socket with the code that says so (1007,
 * 1009, 1002), so the log notes it like a 4xx and keeps error level for faults of ours.
 */
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';

/** ws names every error of its frame reader (the client's frames) `WS_ERR_…`. */
const brokeProtocol = (err: Error) => String((err as { code?: unknown }).code ?? '').startsWith('WS_ERR_');

export function socketErrorHandler(error: Error, socket: WebSocket, request: FastifyRequest): void {
  if (brokeProtocol(error)) request.log.info({ err: error }, 'websocket closed: the client broke the protocol');
  else request.log.error({ err: error }, 'websocket failed');
  socket.terminate();
}
