/**
 * How many safety alerts wait for review, for the admin's navigation: an alert is a student who
 * wrote of hurting themself, and it must not wait unseen because nobody opened the Safety page.
 * Read again on every page change; 0 for everyone else and when the read fails (the page itself
 * says why).
 */
import { useEffect, useState } from 'react';
import type { listAlerts } from '../../../src/safety/alerts.ts';
import { call } from '../api/client.ts';
import type { Json } from '../api/types.ts';

export function useWaitingAlerts(isAdmin: boolean, path: string): number {
  const [waiting, setWaiting] = useState(0);
  useEffect(() => {
    if (!isAdmin) return setWaiting(0);
    let live = true;
    call<Json<Awaited<ReturnType<typeof listAlerts>>>>('GET', '/admin/safety-alerts?limit=1').then(
      (r) => live && setWaiting(r.waiting),
      () => live && setWaiting(0),
    );
    return () => {
      live = false;
    };
  }, [isAdmin, path]);
  return waiting;
}
