/**
 * A database with a handful of items and people for the community rules: students, a
 * linked and an unlinked tutor, a linked parent, an admin, and the AI on its template
 * fallback (no provider configured).
 */
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../src/accounts/access.ts';
import { createAiService, type AiService } from '../../src/ai/service.ts';
import { buildBank } from '../../src/content/bank.ts';
import type { Item } from '../../src/content/item.ts';
import { writeItems } from '../../src/content/store.ts';
import { loadConfig } from '../../src/config.ts';
import type { Role } from '../../src/db/enums.ts';
import { schema } from '../../src/db/index.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/db.ts';

export interface Fixture {
  database: TestDatabase;
  ai: AiService;
  items: Item[];
  author: Actor;
  other: Actor;
  third: Actor;
  fourth: Actor;
  tutorLinked: Actor;
  tutorUnlinked: Actor;
  parentLinked: Actor;
  admin: Actor;
  newStudent(): Promise<Actor>;
}

let n = 0;
async function person(database: TestDatabase, role: Role): Promise<Actor> {
  const [u] = await database.db
    .insert(schema.users)
    .values({ email: `c${++n}-${role}@example.test`, passwordHash: '!test', displayName: `${role} ${n}`, role })
    .returning({ id: schema.users.id });
  return { userId: u.id, role };
}

export async function createFixture(): Promise<Fixture> {
  const database = await createTestDatabase();
  const items = buildBank({ perSkill: 1 }).slice(0, 6);
  await writeItems(database.db, items);
  const ai = createAiService({ config: loadConfig({ NODE_ENV: 'test' }) });
  const author = await person(database, 'student');
  const tutorLinked = await person(database, 'tutor');
  const parentLinked = await person(database, 'parent');
  for (const [p, kind] of [[tutorLinked, 'tutor'], [parentLinked, 'parent']] as const) {
    await database.db.insert(schema.links).values({ requesterId: p.userId, studentId: author.userId, kind, status: 'accepted' });
  }
  return {
    database,
    ai,
    items,
    author,
    other: await person(database, 'student'),
    third: await person(database, 'student'),
    fourth: await person(database, 'student'),
    tutorLinked,
    tutorUnlinked: await person(database, 'tutor'),
    parentLinked,
    admin: await person(database, 'admin'),
    newStudent: () => person(database, 'student'),
  };
}

export async function eventsOf(database: TestDatabase, type: string, userId?: string) {
  const where = userId ? and(eq(schema.events.type, type), eq(schema.events.userId, userId)) : eq(schema.events.type, type);
  return database.db.select().from(schema.events).where(where);
}
