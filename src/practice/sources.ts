/** Point the AI search index at what the database now holds: lessons and the live bank. */
import type { AiService } from '../ai/service.ts';
import type { Db } from '../db/client.ts';
import { lessons } from '../db/schema/index.ts';
import { getBank } from './bank.ts';

export async function refreshAiSources(db: Db, ai: AiService): Promise<void> {
  const rows = await db.select().from(lessons);
  const bank = await getBank(db);
  ai.setSources(
    rows.map((l) => ({ id: l.id, title: l.title, text: l.body })),
    [...bank.items.values()],
  );
}
