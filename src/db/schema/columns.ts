import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Primary key shared by most tables: a random UUID made by the database. */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true });
