/**
 * Literary scenes and creator profiles, written by the project as slot lists. A scene is
 * one character's change of feeling about an inherited object; a profile is a maker whose
 * approach departs from the usual practice of the field. Phrases are lowercase so frames
 * can place them mid-sentence; `convention` and `approach` are gerund phrases.
 */

export interface SceneObject {
  np: string;
  short: string;
}

export const OBJECTS: readonly SceneObject[] = [
  { np: 'the cracked blue teapot', short: 'the teapot' },
  { np: 'the heavy oak clock', short: 'the clock' },
  { np: 'the faded green armchair', short: 'the armchair' },
  { np: 'the dented brass lamp', short: 'the lamp' },
  { np: 'the walnut sewing cabinet', short: 'the cabinet' },
  { np: 'the painted tin box', short: 'the tin box' },
  { np: 'the tall mirror with its spotted glass', short: 'the mirror' },
  { np: 'the upright piano', short: 'the piano' },
  { np: 'the patched wool quilt', short: 'the quilt' },
  { np: 'the iron kettle', short: 'the kettle' },
  { np: 'the carved rocking chair', short: 'the rocking chair' },
  { np: 'the glass-fronted bookcase', short: 'the bookcase' },
];

export const ROOMS = ['kitchen', 'attic', 'front hall', 'sitting room', 'workshop', 'back bedroom'] as const;
export const RELATIVES = ['grandmother', 'grandfather', 'aunt', 'uncle'] as const;

/** The initial attitude: the adjective of the passage, the verb of the key, the childhood habit. */
export interface Attitude {
  adj: string;
  verb: string;
  child: string;
}

export const ATTITUDES: readonly Attitude[] = [
  { adj: 'ugly', verb: 'disliked', child: 'avoided even looking at it' },
  { adj: 'old-fashioned', verb: 'dismissed', child: 'joked about it with cousins' },
  { adj: 'ordinary', verb: 'ignored', child: 'walked past it a thousand times without a glance' },
  { adj: 'gloomy', verb: 'disliked', child: 'hurried past it on the way to bed' },
  { adj: 'useless', verb: 'dismissed', child: 'wondered aloud why anyone kept it' },
];

/** What the character learns or notices; `{rel}` is the relative, `{pos}`/`{sub}` the character's pronouns. */
export const TRIGGERS: readonly string[] = [
  'learned from a neighbor that {pos} {rel} had saved for two years to buy it',
  'found a letter in which {pos} {rel} called it the one thing in the house worth keeping',
  'noticed {pos} own childhood initials scratched faintly into one corner',
  'saw, in its worn places, exactly where {pos} {rel}’s hands had rested each evening',
  'discovered a small paper tag, in {pos} {rel}’s handwriting, bearing {pos} own name',
  'remembered, all at once, {pos} {rel} humming beside it on winter evenings',
];

/** The character's reaction; must suit any object. */
export const REACTIONS: readonly string[] = [
  'stood looking at it for a long time',
  'touched it lightly, as if it might disappear',
  'sat down beside it on the dusty floor',
  'found that {sub} could not, for the moment, say anything at all',
];

export interface Profile {
  id: string;
  discipline: string;
  works: string;
  /** A gerund phrase ("relying on government archives"): after a verb, templates say "the practice of …". */
  convention: string;
  approach: string;
  /** Present-tense clause: what the approach achieves. */
  effect: string;
  /** What critics of the approach said it sacrificed. */
  sacrifice: string;
}

export const PROFILES: readonly Profile[] = [
  { id: 'architect', discipline: 'architect', works: 'schools and clinics', convention: 'importing steel and glass', approach: 'building with compressed earth dug from each site', effect: 'the buildings stay cool without air-conditioning and can be repaired by local workers', sacrifice: 'durability' },
  { id: 'composer', discipline: 'composer', works: 'orchestral pieces', convention: 'writing only for the instruments of a standard orchestra', approach: 'weaving recordings of city streets into the score', effect: 'listeners hear familiar sounds as part of the music', sacrifice: 'musical coherence' },
  { id: 'poet', discipline: 'poet', works: 'poems', convention: 'relying on rhyme and regular meter', approach: 'shaping each poem around the rhythms of overheard conversation', effect: 'readers recognize the voices of their own neighborhoods', sacrifice: 'formal craft' },
  { id: 'choreographer', discipline: 'choreographer', works: 'dances', convention: 'casting only professionally trained dancers', approach: 'casting residents of the towns where the works were performed', effect: 'each performance reflects the community that stages it', sacrifice: 'technical polish' },
  { id: 'ceramicist', discipline: 'ceramicist', works: 'bowls and vases', convention: 'smoothing away the marks of the potter’s wheel', approach: 'leaving fingerprints and tool marks visible in the clay', effect: 'each piece records the process of its own making', sacrifice: 'refinement' },
  { id: 'novelist', discipline: 'novelist', works: 'novels', convention: 'telling a story through a single narrator', approach: 'passing the narration among a dozen minor characters', effect: 'no single character’s view of events is allowed to dominate', sacrifice: 'narrative unity' },
  { id: 'photographer', discipline: 'photographer', works: 'photographs', convention: 'photographing famous landmarks', approach: 'photographing the same street corner every day for years', effect: 'slow changes in a neighborhood become visible', sacrifice: 'visual variety' },
  { id: 'weaver', discipline: 'textile artist', works: 'tapestries', convention: 'weaving from detailed preparatory drawings', approach: 'weaving without a plan and letting each row suggest the next', effect: 'the finished works have an unpredictable, improvised quality', sacrifice: 'design discipline' },
  { id: 'landscape', discipline: 'landscape designer', works: 'public parks', convention: 'planting neat lawns and flower beds', approach: 'letting native grasses and wildflowers grow freely', effect: 'the parks need little water and attract birds and insects', sacrifice: 'order and tidiness' },
  { id: 'playwright', discipline: 'playwright', works: 'plays', convention: 'staging plays in traditional theaters', approach: 'staging plays in laundromats, buses, and kitchens', effect: 'audiences experience drama in spaces they use every day', sacrifice: 'the focus a theater provides' },
  { id: 'muralist', discipline: 'painter', works: 'murals', convention: 'painting canvases for galleries', approach: 'painting large murals on the walls of factories and schools', effect: 'people who never visit museums encounter art daily', sacrifice: 'artistic seriousness' },
  { id: 'oral-historian', discipline: 'historian', works: 'histories of the region', convention: 'relying on government archives', approach: 'recording interviews with elderly residents', effect: 'the experiences of ordinary people enter the historical record', sacrifice: 'documentary reliability' },
  { id: 'sculptor', discipline: 'sculptor', works: 'sculptures', convention: 'carving in marble and casting in bronze', approach: 'assembling figures from discarded machine parts', effect: 'the sculptures invite viewers to think about waste and reuse', sacrifice: 'permanence' },
  { id: 'filmmaker', discipline: 'documentary filmmaker', works: 'films', convention: 'narrating films with an off-screen expert', approach: 'letting the people in the films narrate their own stories', effect: 'viewers hear events described by those who lived them', sacrifice: 'balance' },
];

/** Background clauses that fit any maker (after "who"). */
export const BACKGROUNDS: readonly string[] = [
  'trained first as an engineer',
  'grew up in a family of farmers',
  'was largely self-taught',
  'spent a decade teaching before turning to this work',
  'began working as a teenager in a relative’s shop',
  'studied mathematics at university',
  'worked for years as a newspaper illustrator',
  'moved often as a child',
];

export const ERAS: readonly string[] = [
  'early in the twentieth century',
  'in the decades after the war',
  'in the late twentieth century',
  'in the nineteenth century',
  'over the past few decades',
];
