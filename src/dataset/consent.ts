/**
 * The consent and identity stage. A record passes only when every person whose words are
 * in it may be used for training: consent given and not revoked, not soft-deleted, and not
 * a simulated account unless simulated data was asked for. Then the student's id becomes
 * its keyed pseudonym (collect/pseudonym.ts), all text is scrubbed of PII, and a record
 * whose text still trips a detector is dropped — never written half-clean.
 */
import { or, eq } from 'drizzle-orm';
import { pseudonym } from '../collect/pseudonym.ts';
import type { Db } from '../db/client.ts';
import { links, users } from '../db/schema/index.ts';
import { drop, filterStage, KEEP, type FilterStage, type Verdict } from './pipeline.ts';
import { NameIndex, residualPii, scrubText, scrubValue } from './scrub.ts';
import type { Pair } from './types.ts';

export interface Person {
  /** Null when the person may be used; else the drop reason. */
  excluded: 'deleted' | 'no-consent' | 'simulated' | null;
  /** Their own display name and those of their accepted links (tutors, parents, students). */
  names: string[];
  email: string;
}

export interface Directory {
  people: Map<string, Person>;
  index: NameIndex;
}

/** Everyone in `users` with their consent state and linked names; small next to the interaction rows. */
export async function loadDirectory(db: Db, opts: { includeSimulated?: boolean } = {}): Promise<Directory> {
  const rows = await db.select().from(users).orderBy(users.id);
  const byId = new Map(rows.map((u) => [u.id, u]));
  const people = new Map<string, Person>();
  for (const u of rows) {
    const excluded = u.deletedAt ? 'deleted' : !u.trainingConsent || u.consentRevokedAt ? 'no-consent' : u.isSimulated && !opts.includeSimulated ? 'simulated' : null;
    people.set(u.id, { excluded, names: [u.displayName], email: u.email });
  }
  // Pending and revoked links count too: a name once shared with the student may be in their text.
  const ls = await db.select().from(links).where(or(eq(links.status, 'accepted'), eq(links.status, 'pending'), eq(links.status, 'revoked')));
  for (const l of ls) {
    const a = byId.get(l.requesterId), b = byId.get(l.studentId);
    if (a && b) {
      people.get(a.id)!.names.push(b.displayName);
      people.get(b.id)!.names.push(a.displayName);
    }
  }
  return { people, index: new NameIndex(rows.map((u) => u.displayName)) };
}

/** Reasons, prefixed by the check that gave them, as the manifest reports them. */
export function consentVerdict(pair: Pair, dir: Directory): Verdict {
  for (const id of pair.people) {
    const p = dir.people.get(id);
    if (!p) return drop('unknown-user');
    if (p.excluded) return drop(p.excluded);
  }
  return KEEP;
}

/**
 * Consent, then pseudonymise and scrub in place, then the residual check. Mutates the pair
 * (the stream owns it) so no copy with raw text outlives this stage.
 */
export function consentStage(dir: Directory, key: Uint8Array): FilterStage<Pair> {
  return filterStage('consent-identity', (pair) => {
    const c = consentVerdict(pair, dir);
    if (!c.keep) return drop(`consent:${c.reason}`);
    const names = pair.people.flatMap((id) => dir.people.get(id)!.names);
    const rawIds = new Set(pair.people);
    pair.user = pair.userId ? pseudonym(key, pair.userId) : null;
    pair.messages = pair.messages.map((m) => ({ role: m.role, content: scrubText(m.content, names, dir.index) }));
    pair.output = scrubText(pair.output, names, dir.index);
    pair.input = pair.input === null ? null : scrubValue(pair.input, names, dir.index);
    pair.userId = null;
    pair.people = [];
    for (const text of [...pair.messages.map((m) => m.content), pair.output]) {
      const kind = residualPii(text, names);
      if (kind) return drop(`pii-residual:${kind}`);
      for (const id of rawIds) if (text.includes(id)) return drop('pii-residual:user-id');
    }
    return KEEP;
  });
}
