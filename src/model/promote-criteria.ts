/** When a candidate model may replace the active one; apart from promote.ts so the CLI's help reads the defaults cheaply. */
export interface PromotionCriteria {
  maxPassRateDrop: number;
  maxTaskPassRateDrop: number | null;
  minPerplexityGain: number;
}

export const DEFAULT_CRITERIA: PromotionCriteria = { maxPassRateDrop: 0, maxTaskPassRateDrop: null, minPerplexityGain: 0 };
