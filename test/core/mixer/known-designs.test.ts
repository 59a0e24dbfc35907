import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { planMixer, repeatFreeBound } from '../../../src/core/mixer/index.js';

/**
 * Sizes where a plan without a single repeat exists (Kirkman's schoolgirls, 15/3/7; resolvable
 * designs and their parts for the others): the solver must find one. The time limit is generous
 * for a noisy CI machine; what is checked is the plan, not the speed.
 */
const CASES = [
  { people: 15, tableSize: 3, rounds: 7 },
  { people: 20, tableSize: 4, rounds: 5 },
  { people: 32, tableSize: 4, rounds: 8 },
  { people: 200, tableSize: 8, rounds: 6 },
] as const;

describe('planMixer on sizes that have a plan without repeats', () => {
  for (const { people, tableSize, rounds } of CASES) {
    it(`${people} people, tables of ${tableSize}, ${rounds} rounds: no pair meets twice`, () => {
      expect(rounds).toBeLessThanOrEqual(repeatFreeBound(people, tableSize));
      const problem = { people: Array.from({ length: people }, (_, p) => ({ id: `p${p}` })), rounds, tableSize };
      const plan = planMixer(problem, { seed: 1, timeLimitMs: 5_000, clock: () => performance.now() });
      // Checked from the seats, not from the solver's own figures.
      const met = new Set<number>();
      let repeats = 0;
      for (const round of plan.seats) {
        const atTable = new Map<number, number[]>();
        round.forEach((table, p) => {
          expect(table).toBeGreaterThanOrEqual(0);
          atTable.set(table, [...(atTable.get(table) ?? []), p]);
        });
        expect(atTable.size).toBe(people / tableSize);
        for (const seated of atTable.values()) {
          expect(seated).toHaveLength(tableSize);
          for (let i = 0; i < seated.length; i++) {
            for (let j = i + 1; j < seated.length; j++) {
              const pair = seated[i]! * people + seated[j]!;
              if (met.has(pair)) repeats++;
              met.add(pair);
            }
          }
        }
      }
      expect(repeats).toBe(0);
      expect(plan.figures.repeatPairs).toBe(0);
      expect(met.size).toBe((rounds * people * (tableSize - 1)) / 2);
    }, 30_000);
  }
});
