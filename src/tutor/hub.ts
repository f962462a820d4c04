/**
 * Where a chat turn's frames go: every open tutor socket of the user, wherever it is held.
 * A turn publishes to the user, never to a socket, so that with several API processes
 * (issue 15) a Redis pub/sub hub can replace this one without touching the turn or the
 * route: `publish` is async and frames are plain JSON for that reason.
 */
import type { ServerFrame } from './frames.ts';

export type FrameListener = (frame: ServerFrame) => void;

export interface TutorHub {
  /** Resolves once the frame is handed on (in order per user), not when sockets have read it. */
  publish(userId: string, frame: ServerFrame): Promise<void>;
  /** Returns the unsubscribe function. */
  subscribe(userId: string, listener: FrameListener): () => void;
}

/** One process: a map from user to listeners. A throwing listener (a closed socket) never stops the others. */
export function createMemoryHub(onListenerError: (err: unknown) => void = () => {}): TutorHub {
  const byUser = new Map<string, Set<FrameListener>>();
  return {
    async publish(userId, frame) {
      for (const listener of byUser.get(userId) ?? []) {
        try {
          listener(frame);
        } catch (err) {
          onListenerError(err);
        }
      }
    },
    subscribe(userId, listener) {
      let set = byUser.get(userId);
      if (!set) byUser.set(userId, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && byUser.get(userId) === set) byUser.delete(userId);
      };
    },
  };
}
