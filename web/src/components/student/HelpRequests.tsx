/**
 * The help a linked student asked for during practice, as their tutor or parent reads it
 * (GET /progress/:user_id/help, src/progress/help-requests.ts): the question's skill, when, what
 * the student wrote and what the AI answered — where they got stuck, in their own words. Older
 * ones load a page at a time with "Show more".
 */
import { progress } from '../../api/endpoints.ts';
import type { HelpRequestItem } from '../../api/types.ts';
import { dateTimeLabel } from '../../lib/sentence.ts';
import { usePages, type Paging } from '../../lib/use-pages.ts';
import { ShowMore } from '../ShowMore.tsx';
import { isSkillId, skill as skillInfo } from '../../../../src/content/taxonomy.ts';

export function useHelpRequests(studentId: string) {
  return usePages(async (cursor?: string) => {
    const r = await progress.helpRequests(studentId, cursor);
    return { items: r.helpRequests, next: r.next };
  }, [studentId]);
}

/** `who`: the student as the page names them ("Maya Lopez", or "the student"). */
export function HelpRequestList({ items, who, ...paging }: { items: readonly HelpRequestItem[]; who: string } & Paging) {
  return (
    <>
      <p className="hint">The help {who} asked for during practice, newest first, with the AI’s reply.</p>
      <ul className="activity">
        {items.map((h) => {
          const topic = h.skill && isSkillId(h.skill) ? skillInfo(h.skill).name : 'A practice question';
          return (
            <li key={h.id} className="card help-asked">
              <p className="activity-what">{topic}</p>
              <p className="activity-meta">
                <time dateTime={h.createdAt}>{dateTimeLabel(h.createdAt)}</time>
              </p>
              <ol className="chat-log is-static">
                <li className="bubble is-user">
                  <span className="visually-hidden">{who} asked: </span>
                  <p className="note-body">{h.message}</p>
                </li>
                <li className="bubble is-assistant">
                  <span className="visually-hidden">The AI replied: </span>
                  {h.reply ? <p className="ai-text">{h.reply}</p> : <p className="hint">No reply was recorded.</p>}
                </li>
              </ol>
            </li>
          );
        })}
      </ul>
      <ShowMore {...paging} what="help requests" />
    </>
  );
}
