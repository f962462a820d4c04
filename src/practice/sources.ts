/** Point the AI search index at the lessons the database now holds, section by section, and the test guide. */
import { lessonPassages } from '../ai/search/sources.ts';
import type { AiService } from '../ai/service.ts';
import { guideSources } from '../content/guide.ts';
import type { Db } from '../db/client.ts';
import { lessons } from '../db/schema/index.ts';

/** What the free-text tasks search: every lesson's sections, then the guide's. */
export const aiPassages = (rows: readonly { id: string; title: string; body: string }[]) => [...rows.flatMap(lessonPassages), ...guideSources()];

export async function refreshAiSources(db: Db, ai: AiService): Promise<void> {
  ai.setSources(aiPassages(await db.select().from(lessons)));
}
