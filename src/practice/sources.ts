/** Point the AI search index at the lessons the database now holds, section by section, and the test guide. */
import { searchPassages } from '../ai/search/sources.ts';
import type { AiService } from '../ai/service.ts';
import type { Db } from '../db/client.ts';
import { lessons } from '../db/schema/index.ts';

export async function refreshAiSources(db: Db, ai: AiService): Promise<void> {
  ai.setSources(searchPassages(await db.select().from(lessons)));
}
