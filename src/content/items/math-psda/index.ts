import type { SkillGenerator } from '../../item.ts';
import { inference } from './inference.ts';
import { oneVarData } from './one-var-data.ts';
import { percentages } from './percentages.ts';
import { probability } from './probability.ts';
import { ratiosRates } from './ratios-rates.ts';
import { statisticalClaims } from './statistical-claims.ts';
import { twoVarData } from './two-var-data.ts';

/** Generators of the Problem-Solving and Data Analysis skills, in taxonomy order. */
export const GENERATORS: readonly SkillGenerator[] = [
  ratiosRates,
  percentages,
  oneVarData,
  twoVarData,
  probability,
  inference,
  statisticalClaims,
];
