/** A synth run's task mix, and the origin plan's default (20K feedback, 20K explanations, 10K plan adjustments of 50K). Kept apart from the generator so the CLI's help reads it cheaply. */
import type { AiTaskName } from '../db/enums.ts';

export type Mix = Partial<Record<AiTaskName, number>>;

export const DEFAULT_MIX: Mix = { feedback: 0.4, explain: 0.4, plan_adjust: 0.2 };
