/**
 * Drawing and reading back the slot values of the shared scenario banks (studies, literary
 * scenes, creator profiles). A draw stores ids and indices in the item's spec; `*Slots`
 * turns a spec back into the strings frames and keys use, so the verifier rebuilds keys
 * from the spec and the data, never from the rendered text.
 */
import type { Rng } from '../../../lib/rng.ts';
import { byId, cap, CHARACTERS, num, PEOPLE, str, type Spec } from './kit.ts';
import { ATTITUDES, BACKGROUNDS, ERAS, OBJECTS, PROFILES, REACTIONS, RELATIVES, ROOMS, TRIGGERS } from './scenes.ts';
import { STUDIES } from './studies.ts';

/** Lowercase lead-ins for an assumption (sentence-initial, so capitalised when used). */
export const LEADS = [
  'it has long been assumed that',
  'many researchers have assumed that',
  'a common view holds that',
  'the usual explanation has been that',
  'textbooks have often stated that',
  'it is widely believed that',
] as const;

export const REPORTS = ['suggests that', 'indicates that', 'implies that', 'points to the conclusion that'] as const;

/** Parenthetical asides after a researcher's name: they vary the words, never the logic. */
export const ASIDES = [
  'working with a small team',
  'together with several graduate students',
  'drawing on years of earlier fieldwork',
  'in collaboration with local volunteers',
  'with support from a research foundation',
  'in a project lasting several years',
] as const;

export function drawStudy(rng: Rng): Spec {
  const s = rng.pick(STUDIES);
  return {
    study: s.id,
    method: rng.int(0, s.methods.length - 1),
    role: rng.int(0, s.roles.length - 1),
    person: rng.int(0, PEOPLE.length - 1),
    lead: rng.int(0, LEADS.length - 1),
    report: rng.int(0, REPORTS.length - 1),
    aside: rng.int(0, ASIDES.length - 1),
  };
}

export function studySlots(spec: Spec): Record<string, string> {
  const s = byId(STUDIES, str(spec, 'study'));
  const p = PEOPLE[num(spec, 'person')];
  if (!p) throw new Error('spec.person out of range');
  const method = s.methods[num(spec, 'method')];
  const role = s.roles[num(spec, 'role')];
  if (!method || !role) throw new Error('spec.method/role out of range');
  return {
    topic: s.topic,
    assumption: s.assumption,
    finding: s.finding,
    implication: s.implication,
    misread: s.misread,
    broad: s.broad,
    irrelevant: s.irrelevant,
    support: s.support,
    weaken: s.weaken,
    shared: s.shared,
    limitation: s.limitation,
    method,
    role,
    name: p.name,
    last: p.last,
    sub: p.sub,
    Sub: cap(p.sub),
    pos: p.pos,
    obj: p.obj,
    lead: cap(LEADS[num(spec, 'lead')] ?? LEADS[0]),
    report: REPORTS[num(spec, 'report')] ?? REPORTS[0],
    aside: ASIDES[num(spec, 'aside')] ?? ASIDES[0],
  };
}

export function drawScene(rng: Rng): Spec {
  return {
    character: rng.int(0, CHARACTERS.length - 1),
    object: rng.int(0, OBJECTS.length - 1),
    room: rng.int(0, ROOMS.length - 1),
    relative: rng.int(0, RELATIVES.length - 1),
    attitude: rng.int(0, ATTITUDES.length - 1),
    trigger: rng.int(0, TRIGGERS.length - 1),
    reaction: rng.int(0, REACTIONS.length - 1),
  };
}

export function sceneSlots(spec: Spec): Record<string, string> {
  const c = CHARACTERS[num(spec, 'character')];
  const o = OBJECTS[num(spec, 'object')];
  const a = ATTITUDES[num(spec, 'attitude')];
  const room = ROOMS[num(spec, 'room')];
  const rel = RELATIVES[num(spec, 'relative')];
  const trig = TRIGGERS[num(spec, 'trigger')];
  const react = REACTIONS[num(spec, 'reaction')];
  if (!c || !o || !a || !room || !rel || !trig || !react) throw new Error('scene spec out of range');
  const pron = { sub: c.sub, pos: c.pos, obj: c.obj, rel };
  const sub = (t: string) => t.replace(/\{(\w+)\}/g, (_, k: string) => pron[k as keyof typeof pron] ?? `{${k}}`);
  return {
    name: c.name,
    sub: c.sub,
    Sub: cap(c.sub),
    pos: c.pos,
    obj: c.obj,
    object: o.np,
    short: o.short,
    Short: cap(o.short),
    room,
    rel,
    adj: a.adj,
    verb: a.verb,
    child: a.child,
    trigger: sub(trig),
    reaction: sub(react),
  };
}

export function drawProfile(rng: Rng): Spec {
  return {
    profile: rng.pick(PROFILES).id,
    person: rng.int(0, PEOPLE.length - 1),
    background: rng.int(0, BACKGROUNDS.length - 1),
    era: rng.int(0, ERAS.length - 1),
  };
}

export function profileSlots(spec: Spec): Record<string, string> {
  const pr = byId(PROFILES, str(spec, 'profile'));
  const p = PEOPLE[num(spec, 'person')];
  const bg = BACKGROUNDS[num(spec, 'background')];
  const era = ERAS[num(spec, 'era')];
  if (!p || !bg || !era) throw new Error('profile spec out of range');
  return {
    discipline: pr.discipline,
    works: pr.works,
    convention: pr.convention,
    approach: pr.approach,
    effect: pr.effect,
    sacrifice: pr.sacrifice,
    background: bg,
    era,
    name: p.name,
    last: p.last,
    sub: p.sub,
    Sub: cap(p.sub),
    pos: p.pos,
    Pos: cap(p.pos),
    obj: p.obj,
  };
}
