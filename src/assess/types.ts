/**
 * The minimal item shape the assessment engine works on. The engine never needs stems or
 * keys, only what the measurement model and the content constraints read.
 */
import type { Item } from '../content/item.ts';
import type { DomainId, SkillId } from '../content/taxonomy.ts';

/** 3PL parameters: discrimination a > 0, difficulty b (θ scale), lower asymptote c ∈ [0, 1). */
export interface IrtParams {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

export interface AssessItem extends IrtParams {
  readonly id: string;
  readonly skill: SkillId;
  readonly domain: DomainId;
}

/** One scored answer: the item's parameters and whether the answer was right. */
export interface Answer {
  readonly item: IrtParams;
  readonly correct: boolean;
}

/** An ability estimate with its standard error (posterior SD for EAP). */
export interface Estimate {
  readonly theta: number;
  readonly se: number;
}

/** Adapter from the content contract: the IRT parameters live in `item.irt`. */
export function toAssessItem(item: Pick<Item, 'id' | 'skill' | 'domain' | 'irt'>): AssessItem {
  return { id: item.id, skill: item.skill, domain: item.domain, a: item.irt.a, b: item.irt.b, c: item.irt.c };
}
