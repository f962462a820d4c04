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
import { compileNames, mentionsName, NameIndex, residualPattern, residualPii, scrubText, scrubValue, type NamePatterns } from './scrub.ts';
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
 * (the stream owns it) so no copy with raw text outlives this stage. Name patterns are
 * compiled once per set of people; the cache is bounded by clearing it when it is full.
 */
export function consentStage(dir: Directory, key: Uint8Array): FilterStage<Pair> {
  const patterns = new Map<string, NamePatterns>();
  const pseudonyms = new Map<string, string>();
  // System messages are the tasks' fixed instructions: scrubbed and checked once, reused while no one's name is in them.
  const system = new Map<string, { text: string; residual: string | null }>();
  const namesOf = (people: readonly string[]): NamePatterns => {
    const k = people.join(',');
    let p = patterns.get(k);
    if (!p) {
      if (patterns.size >= 20_000) patterns.clear();
      patterns.set(k, (p = compileNames(people.flatMap((id) => dir.people.get(id)!.names))));
    }
    return p;
  };
  const pseudonymOf = (id: string): string => {
    let p = pseudonyms.get(id);
    if (!p) {
      if (pseudonyms.size >= 100_000) pseudonyms.clear();
      pseudonyms.set(id, (p = pseudonym(key, id)));
    }
    return p;
  };
  const noNames = compileNames([]);
  const scrubSystem = (content: string, names: NamePatterns) => {
    if (mentionsName(content, names)) return null;
    let s = system.get(content);
    if (!s) {
      if (system.size >= 1024) system.clear();
      const text = scrubText(content, noNames, dir.index);
      system.set(content, (s = { text, residual: residualPattern(text) }));
    }
    return s;
  };
  return filterStage('consent-identity', (pair) => {
    const c = consentVerdict(pair, dir);
    if (!c.keep) return drop(`consent:${c.reason}`);
    const names = namesOf(pair.people);
    const rawIds = pair.people;
    pair.user = pair.userId ? pseudonymOf(pair.userId) : null;
    let residual: string | null = null;
    const scrub = (text: string) => {
      const out = scrubText(text, names, dir.index);
      residual ??= residualPii(out, names);
      return out;
    };
    pair.messages = pair.messages.map((m) => {
      const sys = m.role === 'system' ? scrubSystem(m.content, names) : null;
      if (sys) residual ??= sys.residual;
      return { role: m.role, content: sys ? sys.text : scrub(m.content) };
    });
    pair.output = scrub(pair.output);
    if (residual) return drop(`pii-residual:${residual}`);
    pair.input = pair.input === null ? null : scrubValue(pair.input, names, dir.index);
    pair.userId = null;
    pair.people = [];
    for (const id of rawIds) {
      if (pair.output.includes(id) || pair.messages.some((m) => m.content.includes(id))) return drop('pii-residual:user-id');
    }
    return KEEP;
  });
}
