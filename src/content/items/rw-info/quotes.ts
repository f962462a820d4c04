/**
 * Character traits and invented quotations that show them, for "Which quotation most
 * effectively illustrates the claim?" items. Each quotation shows exactly one trait of the
 * list; `{name}`, `{sub}`, `{pos}`, `{obj}` are the character. `plain` describes the trait
 * in common words (easy), `formal` in less common ones (hard).
 */
export interface Trait {
  id: string;
  plain: string;
  formal: string;
  quotes: readonly string[];
}

export const TRAITS: readonly Trait[] = [
  {
    id: 'impatient',
    plain: 'cannot bear to wait for anything',
    formal: 'is temperamentally incapable of patience',
    quotes: [
      '“Must we wait all day for the kettle to make up its mind?” {name} asked, already reaching for {pos} coat.',
      '{name} drummed {pos} fingers on the counter and sighed loudly each time the clerk turned a page.',
      'Before the ferry had even touched the dock, {name} was pushing toward the rail, muttering that the crossing had taken an age.',
    ],
  },
  {
    id: 'meticulous',
    plain: 'pays careful attention to every detail',
    formal: 'is fastidious in even the smallest tasks',
    quotes: [
      '{name} labeled every jar in the pantry, then checked each label a second time against {pos} list.',
      'Each evening {name} wiped the tools, oiled the hinges, and returned every chisel to its marked place on the wall.',
      '“Measure twice,” {name} said, sliding the ruler back to the start, “and then measure once more.”',
    ],
  },
  {
    id: 'generous',
    plain: 'gives freely to others, even at a cost to {obj}self',
    formal: 'is openhanded to the point of self-neglect',
    quotes: [
      '{name} pressed the last of {pos} coins into the boy’s hand and walked home without supper.',
      'Whenever a neighbor admired a plant in {pos} garden, {name} dug it up and sent it home with them.',
      '“Take the warmer coat,” {name} insisted, wrapping it around {pos} friend’s shoulders. “I never feel the cold.”',
    ],
  },
  {
    id: 'timid',
    plain: 'is painfully shy',
    formal: 'is diffident almost to the point of silence',
    quotes: [
      '{name} rehearsed the question a dozen times on the stairs but, at the door, could only whisper good evening.',
      'When the teacher called on {obj}, {name} flushed and stared at the floor until someone else answered.',
      'At the party {name} kept close to the wall, smiling at anyone who glanced over but never speaking first.',
    ],
  },
  {
    id: 'curious',
    plain: 'is endlessly curious about how things work',
    formal: 'possesses an insatiable curiosity',
    quotes: [
      '{name} took the clock apart on the kitchen table, determined to learn what made it keep time.',
      'Every stone on the beach seemed to {name} a question; {sub} filled {pos} pockets and asked the fishermen where each had come from.',
      '“But why does the river bend there and not here?” {name} asked, and went on asking long after the guide had run out of answers.',
    ],
  },
  {
    id: 'stubborn',
    plain: 'refuses to change {pos} mind once it is made up',
    formal: 'is obstinate in the face of every argument',
    quotes: [
      'Though the whole family urged {obj} to wait for spring, {name} set out through the snow that same afternoon.',
      '“I have said I will finish it, and I will,” {name} declared, ignoring the doctor’s advice for the third time.',
      'No argument moved {name}; {sub} simply folded {pos} arms and repeated {pos} answer.',
    ],
  },
  {
    id: 'forgetful',
    plain: 'is very forgetful',
    formal: 'is chronically absent-minded',
    quotes: [
      '{name} searched the house for {pos} spectacles for an hour before a child pointed out that {sub} was wearing them.',
      'Twice that week {name} set out for the market and came home having bought nothing but a newspaper.',
      '{name} left the kettle on the stove so often that the neighbors learned to listen for its whistle.',
    ],
  },
  {
    id: 'frugal',
    plain: 'is extremely careful with money',
    formal: 'is thrifty to the point of parsimony',
    quotes: [
      '{name} mended the same pair of gloves every winter rather than spend a penny on new ones.',
      'Every scrap of string that came into the house {name} wound onto a ball kept in the kitchen drawer.',
      '{name} bought day-old bread, reused every envelope, and recorded each coin {sub} spent in a small ledger.',
    ],
  },
  {
    id: 'optimistic',
    plain: 'stays hopeful no matter what happens',
    formal: 'is irrepressibly sanguine',
    quotes: [
      'Even as the rain flattened the wheat, {name} was describing how fine next year’s harvest would be.',
      '“The letter will come tomorrow,” {name} said each evening, setting out a fresh sheet of paper for the reply.',
      'Whatever went wrong, {name} only shrugged and said the next attempt was sure to go better.',
    ],
  },
  {
    id: 'anxious',
    plain: 'is always worried that something will go wrong',
    formal: 'is perpetually apprehensive',
    quotes: [
      '{name} checked the lock three times before bed and still lay awake listening for footsteps.',
      'Every cloud on the horizon made {name} fret that the hay would be ruined before it could be brought in.',
      'Long after the children had come home safely, {name} kept glancing toward the window.',
    ],
  },
];

export const GENRES = ['short story', 'novel', 'novella'] as const;
export const WORK_SETTINGS = [
  'in a fishing village',
  'in a mountain mining town',
  'on a river barge',
  'in a crowded boardinghouse',
  'on a remote sheep farm',
  'in a small printing shop',
  'in a lighthouse keeper’s cottage',
  'in a railway town',
] as const;
export const OCCUPATIONS = [
  'retired schoolteacher',
  'ferry pilot',
  'village baker',
  'clockmaker',
  'seamstress',
  'station clerk',
  'fruit seller',
  'bookbinder',
] as const;
export const TITLE_ADJ = ['Long', 'Quiet', 'Narrow', 'Silver', 'Winter', 'Hollow', 'Distant', 'Empty'] as const;
export const TITLE_NOUN = ['Harbor', 'Lantern', 'Orchard', 'Crossing', 'Threshold', 'Season', 'Garden', 'Road'] as const;
