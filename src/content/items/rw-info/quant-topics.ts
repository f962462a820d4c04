/**
 * Data topics for Command of Evidence: Quantitative. Row labels are lowercase so that the
 * tables themselves vary the passage's words. Numbers are drawn per item; the key is
 * recomputed from the table printed in the passage.
 */

/** Two measures per row; the row highest on the first is made highest on the second. */
export interface PairTopic {
  id: string;
  role: string;
  /** Past-tense verb phrase after the researcher's name; `{n}` rows. */
  context: string;
  things: string;
  header: string;
  rows: readonly string[];
  h1: string;
  h2: string;
  /** "the greatest water depth" */
  sup1: string;
  sup2: string;
  /** Noun phrase for comparisons: "water depth". */
  p1: string;
  u1: string;
  u2: string;
  range1: readonly [number, number];
  range2: readonly [number, number];
  claim: string;
}

export const PAIR_TOPICS: readonly PairTopic[] = [
  { id: 'wetlands', role: 'ecologist', context: 'surveyed {n} wetland sites, recording the average water depth at each and the number of frog species found there', things: 'sites', header: 'Site', rows: ['north marsh', 'cedar fen', 'willow bog', 'reed flat', 'heron pond', 'salt meadow', 'otter creek'], h1: 'Water depth (cm)', h2: 'Frog species', sup1: 'the greatest water depth', sup2: 'the most frog species', p1: 'water depth', u1: 'cm', u2: 'species', range1: [12, 95], range2: [2, 14], claim: 'deeper wetlands tend to support a greater variety of frogs' },
  { id: 'orchards', role: 'agricultural scientist', context: 'counted bee visits to blossoms in {n} apple orchards and later weighed the harvest from each', things: 'orchards', header: 'Orchard', rows: ['hillside orchard', 'river orchard', 'east orchard', 'stone wall orchard', 'old mill orchard', 'south slope orchard'], h1: 'Bee visits per hour', h2: 'Apples per tree (kg)', sup1: 'the most bee visits per hour', sup2: 'the heaviest harvest per tree', p1: 'bee visits per hour', u1: 'visits', u2: 'kg', range1: [20, 140], range2: [30, 120], claim: 'orchards that draw more bees tend to produce more fruit' },
  { id: 'branches', role: 'urban sociologist', context: 'compared the weekly opening hours of {n} public library branches with the number of visitors each received in a month', things: 'branches', header: 'Branch', rows: ['central branch', 'harbor branch', 'maple branch', 'elm street branch', 'riverside branch', 'park branch', 'hill branch'], h1: 'Weekly opening hours', h2: 'Monthly visitors', sup1: 'the longest weekly opening hours', sup2: 'the most monthly visitors', p1: 'weekly opening hours', u1: 'hours', u2: 'visitors', range1: [24, 70], range2: [900, 9500], claim: 'branches that stay open longer attract more visitors' },
  { id: 'lakes', role: 'freshwater biologist', context: 'measured dissolved oxygen in {n} mountain lakes and counted the trout caught in a standard net at each', things: 'lakes', header: 'Lake', rows: ['clear lake', 'long lake', 'mirror lake', 'stone lake', 'pine lake', 'loon lake', 'fern lake'], h1: 'Dissolved oxygen (mg/L)', h2: 'Trout counted', sup1: 'the highest level of dissolved oxygen', sup2: 'the most trout', p1: 'level of dissolved oxygen', u1: 'mg/L', u2: 'trout', range1: [4, 12], range2: [3, 40], claim: 'trout are most abundant in lakes rich in dissolved oxygen' },
  { id: 'settlements', role: 'archaeologist', context: 'counted the grain storage pits at {n} excavated settlements and compared them with estimates of each settlement’s population', things: 'settlements', header: 'Settlement', rows: ['hill fort', 'river camp', 'lake village', 'coastal site', 'upland farmstead', 'valley town', 'marsh hamlet'], h1: 'Storage pits', h2: 'Estimated population', sup1: 'the most storage pits', sup2: 'the largest estimated population', p1: 'number of storage pits', u1: 'pits', u2: 'people', range1: [6, 80], range2: [40, 900], claim: 'larger communities needed more grain storage' },
  { id: 'gardens', role: 'plant scientist', context: 'recorded the average hours of direct sunlight in {n} school gardens and the mass of tomatoes each garden produced', things: 'gardens', header: 'Garden', rows: ['north yard garden', 'rooftop garden', 'courtyard garden', 'greenhouse bed', 'fence-line garden', 'field garden'], h1: 'Sunlight (hours per day)', h2: 'Tomatoes harvested (kg)', sup1: 'the most hours of sunlight', sup2: 'the largest tomato harvest', p1: 'daily sunlight', u1: 'hours', u2: 'kg', range1: [3, 11], range2: [8, 60], claim: 'sunnier gardens produce more tomatoes' },
];

/** One measure under two conditions; the hypothesis says which way condition B moves it. */
export interface CondTopic {
  id: string;
  role: string;
  context: string;
  things: string;
  header: string;
  rows: readonly string[];
  measure: string;
  hA: string;
  hB: string;
  condA: string;
  condB: string;
  dir: 'higher' | 'lower';
  hypothesis: string;
  range: readonly [number, number];
  /** Smallest and largest change between conditions. */
  delta: readonly [number, number];
}

export const COND_TOPICS: readonly CondTopic[] = [
  { id: 'compost', role: 'agronomist', context: 'grew {n} grain crops on plots with and without added compost and measured each crop’s yield', things: 'crop', header: 'Crop', rows: ['barley', 'oats', 'rye', 'wheat', 'millet', 'sorghum', 'spelt'], measure: 'yield', hA: 'Yield without compost (bushels per acre)', hB: 'Yield with compost (bushels per acre)', condA: 'without compost', condB: 'with compost', dir: 'higher', hypothesis: 'adding compost increases the yield of every crop in the study', range: [30, 90], delta: [2, 15] },
  { id: 'birdsong', role: 'ornithologist', context: 'recorded the songs of {n} bird species at quiet forest sites and at noisy roadside sites', things: 'species', header: 'Species', rows: ['wren', 'finch', 'sparrow', 'warbler', 'thrush', 'robin', 'chickadee'], measure: 'average song pitch', hA: 'Pitch at quiet sites (Hz)', hB: 'Pitch at noisy sites (Hz)', condA: 'at quiet sites', condB: 'at noisy sites', dir: 'higher', hypothesis: 'birds of every species in the study sing at higher pitches where traffic noise is loud', range: [2400, 5600], delta: [80, 400] },
  { id: 'dam', role: 'hydrologist', context: 'measured summer water temperatures in {n} streams, both upstream and downstream of small dams', things: 'stream', header: 'Stream', rows: ['cold brook', 'mill run', 'beaver creek', 'fox brook', 'birch creek', 'sand run', 'alder brook'], measure: 'average temperature', hA: 'Upstream (°C)', hB: 'Downstream (°C)', condA: 'upstream of its dam', condB: 'downstream of its dam', dir: 'higher', hypothesis: 'the dams warm the water that flows below them in every stream studied', range: [11, 19], delta: [1, 4] },
  { id: 'bike-lanes', role: 'transportation planner', context: 'counted cyclists on a main street in {n} neighborhoods in the year before and the year after protected bike lanes were built', things: 'neighborhood', header: 'Neighborhood', rows: ['harbor district', 'midtown', 'eastgate', 'old mill', 'parkside', 'riverside', 'university hill'], measure: 'average daily number of cyclists', hA: 'Daily cyclists before', hB: 'Daily cyclists after', condA: 'before the lanes were built', condB: 'after the lanes were built', dir: 'higher', hypothesis: 'protected lanes increased cycling in every neighborhood studied', range: [120, 900], delta: [20, 160] },
  { id: 'fabric', role: 'textile chemist', context: 'tested how long {n} fabrics took to dry, first untreated and then after a new coating was applied', things: 'fabric', header: 'Fabric', rows: ['cotton', 'linen', 'wool', 'silk', 'hemp', 'rayon', 'denim'], measure: 'drying time', hA: 'Untreated (minutes)', hB: 'Coated (minutes)', condA: 'untreated', condB: 'with the coating', dir: 'lower', hypothesis: 'the coating shortens the drying time of every fabric tested', range: [40, 180], delta: [5, 35] },
  { id: 'coral', role: 'marine biologist', context: 'kept colonies of {n} coral species in shaded and unshaded tanks during a simulated heat wave and recorded the share of colonies that bleached', things: 'species', header: 'Coral species', rows: ['brain coral', 'staghorn coral', 'pillar coral', 'star coral', 'finger coral', 'elkhorn coral', 'lettuce coral'], measure: 'percentage of colonies that bleached', hA: 'Bleached, unshaded (%)', hB: 'Bleached, shaded (%)', condA: 'in unshaded tanks', condB: 'in shaded tanks', dir: 'lower', hypothesis: 'shade reduced bleaching in every coral species tested', range: [30, 90], delta: [4, 25] },
];
