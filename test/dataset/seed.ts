/**
 * A small population for dataset tests, written straight into the tables: consenting,
 * non-consenting, deleted and simulated students, linked tutors, help requests with their
 * AI outputs and ratings, tutor chats and notes with community replies — with hundreds of
 * unique PII values planted in the free text. Every value planted is returned so a test can
 * grep the output bytes for it.
 */
import { help, renderPromptFor } from './task-helpers.ts';
import type { Db } from '../../src/db/client.ts';
import { aiOutputs, feedbackRatings, helpRequests, links, noteReplies, notes, tutorMessages, users } from '../../src/db/schema/index.ts';
import type { Item } from '../../src/content/item.ts';
import { createRng, type Rng } from '../../src/lib/rng.ts';

export interface Seeded {
  planted: string[];
  /** Student ids by kind. */
  consenting: string[];
  excluded: string[];
  allUserIds: string[];
  /** Words in chats that also speak of self-harm: never in any output. */
  crisisMarkers: string[];
}

const SYL = ['zor', 'bel', 'quin', 'tar', 'vex', 'ol', 'mira', 'dun', 'kesh', 'lav', 'oth', 'pry', 'sul', 'wen', 'yad', 'grom'];
function madeUpName(rng: Rng, used: Set<string>): string {
  for (;;) {
    const w = () => { const s = rng.sample(SYL, 3).join(''); return s[0].toUpperCase() + s.slice(1); };
    const n = `${w()} ${w()}`;
    if (!used.has(n)) { used.add(n); return n; }
  }
}

const TIPS = [
  'Rise over run: divide the vertical change by the horizontal change, never the reverse.',
  'When two lines are parallel their slopes match, so compare the coefficients of x first.',
  'Plug the point into the equation and see whether both sides balance before choosing.',
  'A negative slope falls from left to right; sketching one quickly catches sign mistakes.',
  'Rewrite the equation in slope-intercept form, then read the slope straight off the page.',
  'Perpendicular slopes multiply to negative one, which makes flipping and negating the quick route.',
  'Label both intercepts on a tiny graph and the answer choices usually sort themselves out.',
  'Track units carefully: a rate in miles per hour is a slope on a distance and time graph.',
  'Check the table for a constant difference between outputs before calling anything linear.',
  'Horizontal lines have zero slope and vertical lines have none, so watch which one is asked.',
  'Substituting the answer choices back in is slower but settles any doubt about the algebra.',
  'Mark where the line crosses the axes; two clean points give the slope without guesswork.',
];

export async function seedPopulation(db: Db, items: readonly Item[], seed = 'dataset-test'): Promise<Seeded> {
  const rng = createRng(seed);
  const planted: string[] = [];
  const crisisMarkers: string[] = [];
  const usedNames = new Set<string>();
  const uniq = new Set<string>();
  let serial = 100;
  const plant = (v: string) => { if (uniq.has(v)) throw new Error(`duplicate plant ${v}`); uniq.add(v); planted.push(v); return v; };
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join('');
  const phone = () => {
    const a = `${rng.int(2, 9)}${digits(2)}`, b = `${rng.int(2, 9)}${digits(2)}`, c = String(serial++).padStart(4, '0');
    const forms = [`(${a}) ${b}-${c}`, `${a}-${b}-${c}`, `${a}.${b}.${c}`, `+1 ${a} ${b} ${c}`, `+44 20 ${b}${digits(1)} ${c}`, `${a}${b}${c}`];
    return plant(rng.pick(forms));
  };
  const email = (name: string) => plant(`${name.toLowerCase().replace(' ', '.')}${serial++}@${rng.pick(['gmail', 'school', 'mailbox'])}.com`);
  const address = () => plant(`${serial++} ${rng.pick(['Maple', 'Cedar', 'Harbor', 'Old Mill'])} ${rng.pick(['Street', 'Avenue', 'Road', 'Lane', 'Drive'])}`);
  const url = () => plant(`https://portal.example.org/students/${serial++}${digits(3)}/grades`);
  const handle = () => plant(`@${rng.pick(['sat', 'study', 'math'])}_${SYL[rng.int(0, SYL.length - 1)]}${serial++}`);
  const pii = (name: string) => [phone(), email(name), address(), url(), handle()];

  const mk = async (role: 'student' | 'tutor', state: { consent: boolean; deleted?: boolean; simulated?: boolean }) => {
    const name = madeUpName(rng, usedNames);
    const [u] = await db.insert(users).values({
      email: `${name.toLowerCase().replace(' ', '.')}@example.test`, passwordHash: 'x', displayName: name, role,
      trainingConsent: state.consent, isSimulated: state.simulated ?? false, deletedAt: state.deleted ? new Date() : null,
    }).returning();
    return { id: u.id, name };
  };
  const consenting = await Promise.all(Array.from({ length: 8 }, () => mk('student', { consent: true })));
  const excludedStudents = [
    await mk('student', { consent: false }), await mk('student', { consent: false }),
    await mk('student', { consent: true, deleted: true }), await mk('student', { consent: true, simulated: true }),
  ];
  const tutor = await mk('tutor', { consent: true });
  const students = [...consenting, ...excludedStudents];
  for (const p of [...students, tutor]) plant(p.name);
  for (const s of students) await db.insert(links).values({ requesterId: tutor.id, studentId: s.id, kind: 'tutor', status: 'accepted' });

  for (const [si, s] of students.entries()) {
    const first = s.name.split(' ')[0];
    // Help requests: the student's message carries PII; the AI output is the task's own template.
    for (let k = 0; k < 7; k++) {
      const item = items[(si * 7 + k) % items.length];
      const [ph, em, ad, ur, ha] = pii(s.name);
      const message = `Hi, I'm ${s.name}. Why is my answer wrong? Email me at ${em} or call ${ph}. I live at ${ad}. My report: ${ur}, I post as ${ha}. Ask ${tutor.name}?`;
      const input = help.input.parse({ item, message });
      const output = help.template(input, rng.fork(`help${si}/${k}`));
      const [o] = await db.insert(aiOutputs).values({
        task: 'help', promptVersion: help.promptVersion, input, prompt: renderPromptFor(help, input), output, provider: 'template',
        latencyMs: 1, checks: [], passed: true, userId: s.id, questionId: item.id,
      }).returning();
      await db.insert(helpRequests).values({ userId: s.id, questionId: item.id, message, aiOutputId: o.id });
      const stars = [5, 1, 3, null, 4, 2, null][k];
      if (stars !== null) await db.insert(feedbackRatings).values({ aiOutputId: o.id, userId: s.id, stars });
      // The student asked again: a second answer to the same prompt, rated 1 (a preference pair with the 5) or 4 (too close for one).
      if (k === 0 && si < 8) {
        const again = help.template(input, rng.fork(`help-again${si}`));
        const [o2] = await db.insert(aiOutputs).values({
          task: 'help', promptVersion: help.promptVersion, input, prompt: renderPromptFor(help, input), output: again === output ? `${again} Try it once more.` : again,
          provider: 'template', latencyMs: 1, checks: [], passed: true, userId: s.id, questionId: item.id,
        }).returning();
        await db.insert(feedbackRatings).values({ aiOutputId: o2.id, userId: s.id, stars: si < 7 ? 1 : 4 });
      }
    }
    // A tutor chat: PII in the student's turns, the name in the assistant's greeting.
    const conversationId = crypto.randomUUID();
    const turns = [
      { role: 'user' as const, content: `My number is ${phone()} and my email ${email(s.name)}. Can you help with slopes?` },
      { role: 'assistant' as const, content: `Sure, ${first}! For the question that starts "${items[si].stem.slice(0, 90)}", read it once slowly, then write down what it asks before you compute anything.` },
      { role: 'user' as const, content: `My friend ${plant(madeUpName(rng, usedNames))} says it's the other way. Her page is ${url()}.` },
      // A different tip for each student: this pair has no question, so no split conflict can drop it, and no twin can either.
      { role: 'assistant' as const, content: `Good question, ${first}. ${TIPS[si % TIPS.length]}` },
    ];
    let t = Date.UTC(2024, 0, 1, 0, si);
    for (const m of turns) await db.insert(tutorMessages).values({ userId: s.id, conversationId, role: m.role, content: m.content, createdAt: new Date(t++ * 1) });
    // A second chat that speaks of self-harm, with a word of its own to look for in the output.
    const marker = `quillorange${si}`;
    crisisMarkers.push(marker);
    const crisisChat = crypto.randomUUID();
    await db.insert(tutorMessages).values({ userId: s.id, conversationId: crisisChat, role: 'user', content: `I failed the ${marker} quiz again and some days I want to end my life`, createdAt: new Date(t++) });
    await db.insert(tutorMessages).values({ userId: s.id, conversationId: crisisChat, role: 'assistant', content: `I'm sorry, ${first}. Please call or text 988 right now, or talk to a parent or school counselor today.`, createdAt: new Date(t++) });
    // A note answered by the tutor, with PII on both sides.
    const [note] = await db.insert(notes).values({ userId: s.id, skill: items[si].skill, questionId: items[si].id, body: `Note from ${s.name}: stuck here, text me at ${phone()} or find me at ${handle()}.`, visibility: 'community' }).returning();
    await db.insert(noteReplies).values({ noteId: note.id, authorId: tutor.id, kind: 'tutor', body: `Hi ${first}, try isolating the variable first, then check by substituting back. Reach ${tutor.name} at ${email(tutor.name)} or ${address()}.` });
  }
  return { crisisMarkers, planted, consenting: consenting.map((c) => c.id), excluded: excludedStudents.map((c) => c.id), allUserIds: [...students.map((s) => s.id), tutor.id] };
}
