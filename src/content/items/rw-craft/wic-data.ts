/**
 * Sense inventories for vocabulary items, written by the project.
 *
 * Polysemes ("As used in the text, what does the word … most nearly mean?"): each sense has
 * a gloss and contexts that select it; distractors are the word's other senses and
 * `others` (meanings that fit the topic but not the sentence's logic).
 *
 * Word groups ("…the most logical and precise word or phrase"): each word of a group has a
 * gloss and one context whose logic calls for it; the other words of the group are the
 * distractors. Within a group no context admits a second word.
 *
 * Templates: `{a|b|c}` is an authored alternative (the item stores which); `{name}`,
 * `{sub}`, `{obj}`, `{pos}`, `{Pos}` are a person and pronouns.
 */
export type Level = 0 | 1 | 2;

export interface Polyseme {
  word: string;
  level: Level;
  senses: readonly { gloss: string; contexts: readonly string[] }[];
  others: readonly string[];
}

export const POLYSEMES: readonly Polyseme[] = [
  { word: 'sound', level: 0, others: ['noisy', 'deep'], senses: [
    { gloss: 'logically valid', contexts: ['Reviewers questioned several details of {name}’s {survey|experiment|analysis} of {river erosion|urban birdsong|coral growth}, but they agreed that its basic reasoning was sound: each conclusion followed {directly|clearly|carefully} from the evidence presented.'] },
    { gloss: 'structurally solid', contexts: ['After the {storm|flood|earthquake}, engineers inspected the old {footbridge|mill|granary} beam by beam. To the relief of the town, they reported that its frame was still sound, needing only fresh paint and a few new {bolts|boards|railings}.'] },
  ] },
  { word: 'striking', level: 1, others: ['hitting', 'protesting'], senses: [
    { gloss: 'noticeable', contexts: ['{name}’s {photographs|paintings|drawings} of {desert towns|harbor workers|mountain villages} are known for a striking use of color: against muted backgrounds, a single red {door|scarf|kite} immediately draws the viewer’s eye.', 'The two {manuscripts|melodies|recipes}, though recorded {centuries|hundreds of miles|generations} apart, show a striking resemblance, and {name} believes one must have been copied from the {other|older one|first}.'] },
  ] },
  { word: 'reserved', level: 1, others: ['doubtful', 'delayed'], senses: [
    { gloss: 'restrained in manner', contexts: ['In public, the {senator|scientist|composer} {name} was famously reserved, rarely {speaking|laughing|smiling} at events and answering reporters in a sentence or two. {Pos} private {letters|diaries|notebooks}, by contrast, are full of jokes and strong opinions.'] },
    { gloss: 'set aside', contexts: ['The first {two|three|four} rows of the hall were reserved for the {students|local farmers|volunteers} who had helped build the {theater|library|museum}, and ushers turned away anyone else who tried to sit there.'] },
  ] },
  { word: 'charged', level: 1, others: ['billed', 'electrified'], senses: [
    { gloss: 'emotionally tense', contexts: ['The {town meeting|council session|public hearing} about the proposed {highway|dam|stadium} was charged from the start: residents interrupted one another, and {more than one|at least one|a visibly upset} speaker left the room in anger.'] },
    { gloss: 'given responsibility', contexts: ['In {1901|1923|1957}, {name} was charged with organizing the city’s first {public library|science museum|botanical garden}, a task that occupied {obj} for nearly a {decade|decade and a half|dozen years}.'] },
  ] },
  { word: 'check', level: 0, others: ['mark', 'pause'], senses: [
    { gloss: 'hold back', contexts: ['Farmers hoped that releasing {ladybugs|lacewings|parasitic wasps} would check the spread of {aphids|mites|whiteflies} in their {greenhouses|orchards|fields} without the need for chemical sprays.'] },
    { gloss: 'confirm', contexts: ['Before publishing, {name} asked two colleagues to check {pos} calculations of the {river’s flow|comet’s orbit|bridge’s load}, since a single error could {invalidate|undermine|overturn} the entire report.'] },
  ] },
  { word: 'commands', level: 2, others: ['orders', 'leads'], senses: [
    { gloss: 'overlooks', contexts: ['Built on a steep {ridge|bluff|hill}, the old {fortress|monastery|lighthouse} commands a view of the entire {valley|harbor|coastline}, which explains why it served as a lookout post for {centuries|generations|hundreds of years}.'] },
    { gloss: 'deserves and receives', contexts: ['Although {name} never sought public office, {pos} {careful research|quiet integrity|long service} commands respect among {historians|scientists|civic leaders} of every political {persuasion|stripe|background}.'] },
  ] },
  { word: 'address', level: 0, others: ['locate', 'label'], senses: [
    { gloss: 'deal with', contexts: ['The new {study|report|proposal} does not merely describe the shortage of {clean water|affordable housing|rural doctors}; it also tries to address the problem by recommending {three|several|specific} practical steps.'] },
    { gloss: 'speak formally to', contexts: ['In {1912|1948|1963}, {name} was invited to address the {graduating class|national assembly|annual convention}, and {pos} speech was reprinted in {newspapers|magazines|pamphlets} across the country.'] },
  ] },
  { word: 'yielded', level: 1, others: ['slowed', 'promised'], senses: [
    { gloss: 'produced', contexts: ['The {first season|second season|long-delayed excavation} at the site yielded hundreds of {pottery fragments|stone tools|glass beads}, far more than {name}’s team had expected to find.'] },
    { gloss: 'gave way', contexts: ['For years the council refused to alter the {ferry schedule|market rules|school calendar}, but it finally yielded to pressure from {residents|merchants|parents} who had signed petitions in {large numbers|the thousands|every district}.'] },
  ] },
  { word: 'appreciated', level: 2, others: ['felt grateful for', 'criticized'], senses: [
    { gloss: 'increased in value', contexts: ['Land along the new {rail line|canal|highway} appreciated rapidly; plots bought for a modest sum in one decade sold for many times that amount in the next, {enriching|rewarding|benefiting} the earliest buyers.'] },
    { gloss: 'recognized fully', contexts: ['Only decades later did critics of {name}’s {novels|films|plays} appreciate how carefully {sub} had structured them, with each {chapter|scene|act} echoing an earlier one in {subtle|quiet|deliberate} ways.'] },
  ] },
  { word: 'arrest', level: 2, others: ['detain', 'reverse'], senses: [
    { gloss: 'halt', contexts: ['Conservators hope that the new treatment will arrest the decay of the {medieval tapestry|old ship’s hull|ancient scrolls}, though {name} cautions that it cannot undo the {damage|harm|deterioration} already done.'] },
  ] },
  { word: 'fashioned', level: 1, others: ['styled', 'popularized'], senses: [
    { gloss: 'made', contexts: ['Lacking proper tools, the {settlers|sailors|shepherds} fashioned needles from {fish bones|bird bones|copper wire}, a skill that historian {name} describes in {detail|a chapter|an essay} on everyday life in the {colony|outpost|valley}.'] },
  ] },
  { word: 'channeled', level: 1, others: ['broadcast', 'dug'], senses: [
    { gloss: 'directed', contexts: ['After {pos} {proposal|design|manuscript} was rejected, {name} channeled {pos} frustration into a {book|series of essays|documentary} that eventually persuaded many of {pos} {critics|rivals|doubters}.'] },
  ] },
  { word: 'registered', level: 2, others: ['enrolled', 'complained'], senses: [
    { gloss: 'was noticed', contexts: ['The warning was printed in small type on the back of the {form|ticket|pamphlet}, and for most {readers|travelers|visitors} it never registered; few could recall it when {asked|questioned|surveyed} later.'] },
    { gloss: 'recorded', contexts: ['During the {eruption|storm|earthquake}, instruments at the {station|observatory|field camp} registered the strongest readings in {decades|a century|the site’s history}, according to {name}.'] },
  ] },
  { word: 'sharp', level: 0, others: ['pointed', 'unkind'], senses: [
    { gloss: 'sudden', contexts: ['The {survey|report|census} showed a sharp decline in {bee colonies|river fish|farm jobs} between two consecutive years, a drop far {steeper|larger|faster} than in any earlier period.'] },
    { gloss: 'perceptive', contexts: ['{name}’s {reviews|essays|letters} were admired for their sharp observations: {sub} noticed {details|patterns|contradictions} that other critics {overlooked|missed|ignored}.'] },
  ] },
  { word: 'holds', level: 1, others: ['grips', 'delays'], senses: [
    { gloss: 'remains true', contexts: ['The pattern holds across {all six|each of the|every one of the} {regions|species|seasons} that {name}’s team examined, which suggests that it is not an accident of {one location|chance|a single sample}.'] },
    { gloss: 'contains', contexts: ['The museum’s new {storeroom|vault|wing} holds more than {two|three|five} thousand {fossils|manuscripts|textiles}, most of which have never been {displayed|catalogued|studied}.'] },
  ] },
  { word: 'raised', level: 0, others: ['lifted', 'increased'], senses: [
    { gloss: 'brought up', contexts: ['At the meeting, several {teachers|farmers|nurses} raised concerns about the plan, pointing out that it had been drafted {without consulting|in secret from|with no input from} the people it would affect.'] },
    { gloss: 'grew', contexts: ['{name}’s family raised {sheep|barley|apples} on the same hillside for {five|six|seven} generations, adapting to droughts and falling prices along the way.'] },
  ] },
  { word: 'spare', level: 2, others: ['free', 'thin'], senses: [
    { gloss: 'economical', contexts: ['{name}’s prose is spare: short sentences, few adjectives, and almost no description, so that each {image|gesture|line of dialogue} carries unusual {weight|force|significance}.'] },
    { gloss: 'extra', contexts: ['The expedition carried spare {parts|lanterns|ropes} for every essential piece of equipment, a precaution that proved wise when the {first storm|river crossing|long climb} damaged {its|their|most of its} supplies.'] },
  ] },
  { word: 'dwell', level: 1, others: ['live', 'hide'], senses: [
    { gloss: 'focus at length', contexts: ['The {memoir|biography|documentary} does not dwell on {name}’s early failures; it mentions them in a single {paragraph|sentence|scene} before turning to the {discoveries|work|achievements} that made {obj} famous.'] },
  ] },
];

export interface WordGroup {
  id: string;
  kind: 'academic' | 'stance' | 'literary' | 'phrase';
  words: readonly { word: string; gloss: string; level: Level; context: string }[];
}

export const GROUPS: readonly WordGroup[] = [
  { id: 'certainty', kind: 'academic', words: [
    { word: 'tentative', gloss: 'not yet settled', level: 1, context: 'Because {name}’s sample of {glaciers|river otters|ancient coins} was {small|limited|tiny}, {sub} described {pos} conclusions as ______, noting that a larger {study|survey|analysis} could easily overturn them.' },
    { word: 'conclusive', gloss: 'settling the question', level: 1, context: 'The new measurements of {ocean temperature|lake sediment|tree growth} were so consistent across {every site|all twelve sites|each region} that many {researchers|specialists|scientists} regard them as ______: in their view, the long debate is effectively over.' },
    { word: 'arbitrary', gloss: 'based on no clear principle', level: 2, context: 'Critics complained that the boundaries of the new {school districts|voting districts|grazing zones} were ______, drawn without any {clear|stated|consistent} principle and with no regard for the {communities|neighborhoods|farms} they divided.' },
    { word: 'redundant', gloss: 'needlessly repeating something', level: 2, context: 'Because the second {survey|inspection|trial} asked exactly the same questions as the first, {reviewers|auditors|the committee} judged it ______ and recommended that its {funding|budget|staff} go elsewhere.' },
  ] },
  { id: 'change', kind: 'academic', words: [
    { word: 'gradual', gloss: 'happening slowly, by degrees', level: 0, context: 'Fossils from the {lake bed|canyon walls|coastal cliffs} show that the change in the {snails’ shells|fishes’ fins|plants’ leaves} was ______: it unfolded over thousands of generations, with no sudden jumps {anywhere|at any point} in the record.' },
    { word: 'abrupt', gloss: 'sudden', level: 1, context: 'Ice cores show that the region’s climate shift was ______: temperatures rose by several degrees within {a single decade|a few years|one human lifetime} rather than over {centuries|many centuries|thousands of years}.' },
    { word: 'negligible', gloss: 'too small to matter', level: 2, context: 'The {new filter|added fertilizer|second coating} had a ______ effect on the results; the differences it produced were so {small|slight|minor} that they fell within the range of ordinary measurement error.' },
    { word: 'reversible', gloss: 'able to be undone', level: 1, context: 'Fortunately, the damage to the {coral|soil|wetland} is ______: when the {pollution|pressure|disturbance} is removed, the {habitat|ecosystem|area} recovers within {a few seasons|two or three years|a single decade}.' },
  ] },
  { id: 'fit', kind: 'academic', words: [
    { word: 'consistent', gloss: 'in agreement', level: 0, context: 'The new {pollen records|tree-ring data|sediment samples} are ______ with the earlier findings: both point to a long dry period beginning in the same {century|decade|era}.' },
    { word: 'incompatible', gloss: 'unable to both be true', level: 1, context: 'The two surviving accounts of the {battle|treaty|voyage} are ______: one places the event in {spring|early spring} and the other in {winter|deep winter}, so {both cannot|they cannot both} be correct.' },
    { word: 'ambiguous', gloss: 'open to more than one reading', level: 1, context: 'The {inscription|letter|map label} is ______: its final word could be read either as a {name|person’s name} or as a place, and scholars remain {divided|split|uncertain} over which reading is correct.' },
    { word: 'peripheral', gloss: 'of minor importance', level: 2, context: 'To {name}, the question of who paid for the {expedition|building|newspaper} is ______ to {pos} study, which focuses {instead|mainly|chiefly} on how ordinary people experienced it.' },
  ] },
  { id: 'reception', kind: 'stance', words: [
    { word: 'skeptical', gloss: 'doubtful', level: 0, context: 'Many {astronomers|geologists|historians} remain ______ of {name}’s claim; they want to see the {results|measurements|findings} repeated by an independent team before accepting them.' },
    { word: 'receptive', gloss: 'open to', level: 1, context: 'Though the idea once met resistance, today’s {engineers|doctors|teachers} are largely ______ to it, and several {hospitals|schools|firms} have already {adopted|tried|embraced} it.' },
    { word: 'indifferent', gloss: 'uninterested', level: 1, context: 'The public was at first ______ to the discovery: {newspapers|most papers|the local press} gave it a single line, and few readers seem to have noticed it {at all|for years|until much later}.' },
    { word: 'dismissive', gloss: 'treating as unworthy of attention', level: 2, context: 'Some critics were openly ______ of {name}’s early {poems|paintings|designs}, calling them slight and {unworthy of|not worth|beneath} serious attention.' },
  ] },
  { id: 'tone', kind: 'stance', words: [
    { word: 'wry', gloss: 'dryly humorous', level: 2, context: '{name}’s {memoir|essay|column} about {pos} failed {bakery|bookshop|farm} is ______ rather than bitter: {sub} describes each {disaster|setback|blunder} with a dry, knowing humor that invites readers to laugh along.' },
    { word: 'reverent', gloss: 'deeply respectful', level: 1, context: 'The {biography|documentary|tribute} treats the old {teacher|composer|scientist} with a ______ tone, lingering admiringly on every {achievement|kindness|discovery} and passing over every flaw.' },
    { word: 'clinical', gloss: 'detached and impersonal', level: 2, context: 'The {report|account|record} of the {shipwreck|epidemic|famine} is strikingly ______: it lists dates, numbers, and causes without a single {expression|word|hint} of feeling.' },
    { word: 'urgent', gloss: 'insisting on immediate action', level: 0, context: 'The {letter|appeal|editorial} is ______ in tone, warning that unless the {river|forest|harbor} is protected {within the year|this season|at once}, the damage will be permanent.' },
  ] },
  { id: 'amount', kind: 'academic', words: [
    { word: 'scarce', gloss: 'in short supply', level: 0, context: 'Records from the {early colony|mining camp|island settlement} are ______: only a handful of {letters|diaries|receipts} and one incomplete account book survive.' },
    { word: 'abundant', gloss: 'plentiful', level: 0, context: 'Fossils are ______ at the {quarry|riverbank|cliff site}; {volunteers|students|a small crew} collected thousands of specimens in a single {summer|season|month}.' },
    { word: 'sporadic', gloss: 'occurring irregularly', level: 2, context: 'Rainfall in the {region|valley|basin} is ______, arriving in a few unpredictable bursts rather than in a {steady|regular|reliable} seasonal pattern.' },
    { word: 'uniform', gloss: 'the same throughout', level: 1, context: 'The {bricks|coins|tiles} found at the site are remarkably ______ in size, which suggests to {name} that they were made in {standardized|identical|shared} molds.' },
  ] },
  { id: 'feeling', kind: 'literary', words: [
    { word: 'wistful', gloss: 'longing for what is past', level: 2, context: 'Looking at the old photograph of the {farm|harbor|schoolhouse} where {sub} had grown up, {name} felt ______, longing for a time that {sub} knew could not return.' },
    { word: 'elated', gloss: 'overjoyed', level: 1, context: 'When the letter of acceptance finally arrived, {name} was ______, running through the {house|yard|street} and shouting the news to anyone who would listen.' },
    { word: 'indignant', gloss: 'angered by unfairness', level: 2, context: 'Accused of a {theft|lie|mistake} {sub} had not committed, {name} was ______, insisting loudly on {pos} innocence and demanding an apology.' },
    { word: 'apprehensive', gloss: 'anxious about the future', level: 1, context: 'As the day of the {audition|examination|voyage} approached, {name} grew increasingly ______, sleeping poorly and imagining every way that things might go wrong.' },
  ] },
  { id: 'manner', kind: 'literary', words: [
    { word: 'candid', gloss: 'frank', level: 1, context: 'Asked what {sub} thought of the {plan|painting|proposal}, {name} was ______: {sub} said plainly that it was {badly conceived|poorly made|a mistake} and explained exactly why.' },
    { word: 'evasive', gloss: 'avoiding direct answers', level: 1, context: 'Whenever anyone asked where {sub} had spent the {winter|missing years|summer}, {name} became ______, changing the subject or answering a different question {altogether|entirely|instead}.' },
    { word: 'terse', gloss: 'brief to the point of rudeness', level: 2, context: '{name}’s replies to the {visitors|reporters|neighbors} were ______, often a single word; {sub} seemed to regard any longer answer as a waste of breath.' },
    { word: 'effusive', gloss: 'unrestrained in expressing feeling', level: 2, context: '{name} was ______ in {pos} thanks, praising the {gift|meal|performance} at length and writing {three|several|two} separate letters to express {pos} gratitude.' },
  ] },
  { id: 'character', kind: 'literary', words: [
    { word: 'diligent', gloss: 'hardworking', level: 0, context: 'Every morning before dawn, {name} was already at {pos} {desk|bench|loom}, working steadily through tasks that others had set aside; no one in the {village|workshop|household} was more ______.' },
    { word: 'reckless', gloss: 'careless of danger', level: 0, context: '{name} was ______, crossing the {frozen river|flooded road|crumbling bridge} without testing it first and laughing off every warning {sub} received.' },
    { word: 'aloof', gloss: 'distant and uninvolved', level: 2, context: 'At {gatherings|parties|family dinners} {name} remained ______, standing apart from the others and answering politely but never joining the conversation.' },
    { word: 'steadfast', gloss: 'unwavering', level: 1, context: 'Through years of {hardship|ridicule|poverty}, {name} remained ______ in {pos} loyalty to {pos} old friend, never once {doubting|regretting|questioning} {pos} choice.' },
  ] },
  { id: 'evidence', kind: 'phrase', words: [
    { word: 'call into question', gloss: 'cast doubt on', level: 1, context: 'If confirmed, the discovery of {tools|hearths|pottery} far older than the settlement’s accepted founding date would ______ that date, forcing {historians|archaeologists|scholars} to reconsider when people first arrived.' },
    { word: 'lend support to', gloss: 'strengthen', level: 1, context: 'The new {fossils|measurements|documents} match exactly what {name}’s theory predicted, so they ______ it, though {they do not|no single result can} prove it beyond doubt.' },
    { word: 'give rise to', gloss: 'cause', level: 1, context: 'Heavy rains on the {bare|dry|cleared} slopes can ______ sudden mudslides, as water loosens soil that has no {roots|plants|vegetation} to hold it in place.' },
    { word: 'take issue with', gloss: 'disagree with', level: 2, context: 'Not all {historians|biologists|economists} accept the new account; {name}, for one, is likely to ______ its central claim, arguing that the {evidence|data|record} has been misread.' },
  ] },
  { id: 'explain', kind: 'phrase', words: [
    { word: 'account for', gloss: 'explain', level: 1, context: 'Differences in {rainfall|soil|sunlight} alone cannot ______ the gap in {yields|harvests|growth} between the two valleys; {name} argues that something else must explain the rest.' },
    { word: 'make up for', gloss: 'compensate for', level: 1, context: 'The {library|museum|orchestra} hoped that a larger budget the next year would ______ the cuts it had suffered, restoring the {services|programs|concerts} it had lost.' },
    { word: 'stand in for', gloss: 'substitute for', level: 2, context: 'In the early experiments, a simple {wax model|wooden frame|paper cutout} had to ______ the real {wing|hull|leaf}, which was too fragile to {test|handle|use} repeatedly.' },
    { word: 'rule out', gloss: 'eliminate as a possibility', level: 1, context: 'Tests of the {water|soil|feed} showed no trace of the chemical, which allowed investigators to ______ contamination as the cause of the {fish deaths|illness|crop failure}.' },
  ] },
  { id: 'treatment', kind: 'phrase', words: [
    { word: 'bear out', gloss: 'confirm', level: 2, context: 'Later excavations would ______ {name}’s early guess: the site was indeed a {market|temple|harbor}, just as {sub} had {suggested|proposed|predicted}.' },
    { word: 'play down', gloss: 'make seem less important', level: 1, context: 'Officials tried to ______ the {flood|shortage|outbreak}, describing it as minor even as reports of {damage|hardship|cases} {mounted|multiplied|grew}.' },
    { word: 'set aside', gloss: 'put to one side for now', level: 1, context: 'To focus on the {letters|diaries|maps}, the archivists had to ______ the rest of the collection, leaving it uncatalogued for {another year|several months|the time being}.' },
    { word: 'point to', gloss: 'indicate', level: 0, context: 'Several clues ______ a single {author|workshop|source}: the same unusual spelling, the same {paper|binding|ink}, and the same {handwriting|errors|stamp} appear in every copy.' },
  ] },
];

/**
 * Closing sentences that situate a context without touching its logic (they add length and
 * variety; the blank's clue is always inside the context itself). One list per kind.
 */
export const CLOSERS: Record<WordGroup['kind'] | 'meaning', readonly string[]> = {
  stance: [
    'The {example|case|passage} is {one of several|among the many|one of a dozen} that {name} {cites|quotes|examines} in a {recent|new|widely read} {essay|study|lecture} on {public opinion|the press|literary style}.',
    '{name} {discusses|considers|returns to} this {example|case|point} {at length|in detail|more than once} in a {recent|new|forthcoming} {book|article|lecture}.',
  ],
  academic: [
    '{name} {discusses|examines|takes up} this {point|question|evidence} {at length|in detail|closely} in a {recent|new|forthcoming} {article|book|lecture}.',
    '{name} {makes|develops|defends} this {point|argument|claim} in a {recent|new|widely read} {book|essay|report} that {surveys|reviews|compares} {several|many|a dozen} related {cases|studies|findings}.',
  ],
  phrase: [
    '{name} {discusses|examines|takes up} this {point|question|issue} {at length|in detail|closely} in a {recent|new|forthcoming} {article|book|lecture}.',
    '{name} {makes|develops|defends} this {point|argument|claim} in a {recent|new|widely read} {book|essay|report} that {surveys|reviews|compares} {several|many|a dozen} related {cases|studies|episodes}.',
  ],
  literary: [
    'The {scene|passage|moment} comes {early|midway|late} in the {novel|story|novella}, and it {reveals|establishes|deepens} the reader’s {sense|understanding|view} of {name}.',
    'Much of the {novel|story|novella} is {told|narrated|seen} through the eyes of a {younger cousin|neighbor|former student} who {admires|studies|watches} {name} {closely|from a distance|with affection}.',
  ],
  meaning: [
    'This {detail|observation|description} {comes from|is drawn from|appears in} {name}’s {recent|new|widely read} {history|account|study} of the {period|subject|place}.',
    '{name} {mentions|notes|describes} this {detail|episode|example} in a {recent|new|short} {essay|article|lecture} on the {subject|period|topic}.',
  ],
};
