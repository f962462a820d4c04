/**
 * The hub across processes (issue 15): a turn's frames are published on the student's Redis
 * channel, and every API process that holds a socket of that student is subscribed to it,
 * so a turn run by process A streams to a socket held by process B. Redis delivers one
 * connection's publishes in order, and one turn publishes from one process, so a turn's
 * frames arrive in order. A process subscribes to a channel while it holds at least one
 * listener for that user and unsubscribes after the last one leaves.
 *
 * Frames published in this process wait for this process's own pending SUBSCRIBEs, so a
 * socket that has just subscribed here never misses a turn started here.
 */
import { Redis } from 'ioredis';
import type { ServerFrame } from './frames.ts';
import type { FrameListener, TutorHub } from './hub.ts';

export interface RedisHubOptions {
  /** Channel prefix: deployments (and test runs) sharing one Redis stay apart. */
  prefix?: string;
  /** A throwing listener, a lost Redis, a malformed message: for the log. */
  onError?: (err: unknown) => void;
}

export interface ClosableHub extends TutorHub {
  readonly kind: 'redis';
  close(): Promise<void>;
}

export function createRedisHub(url: string, opts: RedisHubOptions = {}): ClosableHub {
  const prefix = opts.prefix ?? 'satprep:tutor:';
  const onError = opts.onError ?? (() => {});
  // A subscribed connection can do nothing else, hence two.
  const pub = new Redis(url, { maxRetriesPerRequest: 2, connectTimeout: 3000 });
  const sub = new Redis(url, { maxRetriesPerRequest: null, connectTimeout: 3000 });
  pub.on('error', onError);
  sub.on('error', onError);
  const byUser = new Map<string, Set<FrameListener>>();
  let pending = new Set<Promise<unknown>>();

  const channel = (userId: string) => `${prefix}${userId}`;
  const track = (p: Promise<unknown>) => {
    const settled = p.catch(onError).finally(() => pending.delete(settled));
    pending.add(settled);
  };

  sub.on('message', (ch: string, message: string) => {
    if (!ch.startsWith(prefix)) return;
    const listeners = byUser.get(ch.slice(prefix.length));
    if (!listeners?.size) return;
    let frame: ServerFrame;
    try {
      frame = JSON.parse(message) as ServerFrame;
    } catch (err) {
      return onError(err);
    }
    for (const listener of [...listeners]) {
      try {
        listener(frame);
      } catch (err) {
        onError(err);
      }
    }
  });

  return {
    kind: 'redis',
    async publish(userId, frame) {
      if (pending.size) await Promise.all(pending);
      await pub.publish(channel(userId), JSON.stringify(frame));
    },
    subscribe(userId, listener) {
      let set = byUser.get(userId);
      if (!set) {
        byUser.set(userId, (set = new Set()));
        track(sub.subscribe(channel(userId)));
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && byUser.get(userId) === set) {
          byUser.delete(userId);
          track(sub.unsubscribe(channel(userId)));
        }
      };
    },
    async close() {
      byUser.clear();
      pending = new Set();
      await Promise.all([pub.quit().catch(() => pub.disconnect()), sub.quit().catch(() => sub.disconnect())]);
    },
  };
}
