import { APART, MET_BEFORE, SAME_GROUP, type MixerModel } from './model.js';
import { repeatFreeBound, type MixerFigures } from './problem.js';

/** The people at each table of one round, tables in order. */
export function tablesOf(seats: ArrayLike<number>, tables: number): number[][] {
  const at: number[][] = Array.from({ length: tables }, () => []);
  for (let p = 0; p < seats.length; p++) {
    const table = seats[p]!;
    if (table >= 0) at[table]!.push(p);
  }
  return at;
}

/** The figures of a plan, counted from its seats alone (the solver's running totals are checked against this). */
export function countFigures(model: MixerModel, seats: ReadonlyArray<ArrayLike<number>>): MixerFigures {
  const { n, relation, weight } = model;
  const together = new Uint16Array(n * n);
  let apartViolations = 0;
  let groupPairs = 0;
  for (const round of seats) {
    for (const people of tablesOf(round, model.tables)) {
      for (let i = 0; i < people.length; i++) {
        for (let j = i + 1; j < people.length; j++) {
          const a = Math.min(people[i]!, people[j]!);
          const b = Math.max(people[i]!, people[j]!);
          together[a * n + b]!++;
          if (relation[a * n + b]! & APART) apartViolations++;
          if (relation[a * n + b]! & SAME_GROUP) groupPairs++;
        }
      }
    }
  }
  let repeatPairs = 0;
  let maxRepeat = 0;
  let distinctPairs = 0;
  let metBeforePairs = 0;
  let commonGround = 0;
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      const times = together[a * n + b]!;
      if (times === 0) continue;
      const before = relation[a * n + b]! & MET_BEFORE ? 1 : 0;
      repeatPairs += times + before - 1;
      maxRepeat = Math.max(maxRepeat, times);
      distinctPairs++;
      metBeforePairs += before;
      if (!before && weight) commonGround += weight[a * n + b]!;
    }
  }
  return { repeatPairs, metBeforePairs, maxRepeat, distinctPairs, commonGround, apartViolations, groupPairs, bound: repeatFreeBound(n, model.tableSize) };
}
