/** Types for `vader-sentiment` (a CommonJS port of Hutto & Gilbert's VADER; it ships none). */
declare module 'vader-sentiment' {
  export interface PolarityScores {
    neg: number;
    neu: number;
    pos: number;
    /** Normalised sum of valences, x / √(x² + 15), in [−1, 1]. */
    compound: number;
  }
  interface Analyzer {
    polarity_scores(text: string): PolarityScores;
  }
  const vader: { SentimentIntensityAnalyzer: Analyzer };
  export default vader;
}
