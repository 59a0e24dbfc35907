/**
 * The table-rotation mixer: people sit at tables, and change tables each round. This file holds
 * the problem's words (what goes in, what comes out, what counts) and reads a problem into the
 * flat arrays the solver works on, checking every rule a plan could not keep.
 */

export interface MixerPerson {
  /** Passed through; the solver works on indices. */
  id: string;
  /** present[r] is false for a round the person misses; undefined = present in every round. */
  present?: readonly boolean[] | undefined;
  /** The table (0-based) the person stays at in every round they are present, e.g. a host. */
  pinnedTable?: number | undefined;
  /** People of one group (colleagues, friends who came together) are kept apart when possible. */
  group?: string | undefined;
}

export interface MixerProblem {
  people: readonly MixerPerson[];
  rounds: number;
  /** The most people at one table. */
  tableSize: number;
  /** Tables available; default: as many as the fullest round needs. A round uses ceil(present / tableSize) of them. */
  tables?: number | undefined;
  /** Person-index pairs that never share a table. */
  apart?: ReadonlyArray<readonly [number, number]> | undefined;
  /** Common ground of person-index pairs, any scale ≥ 0 (pairs not listed: 0). */
  commonGround?: ReadonlyArray<{ a: number; b: number; weight: number }> | undefined;
  /**
   * Rounds already played, kept as they are: fixedRounds[r][person] is the table or -1.
   * Their pairs count as met; only the rounds after them are planned.
   */
  fixedRounds?: ReadonlyArray<readonly number[]> | undefined;
  /**
   * The plan so far, when re-planning: startFrom[r][person] is the table or -1. Rounds after the
   * fixed ones start from it — people keep their seats where they still fit, the rest are seated
   * greedily — and only conflicts are then repaired, so printed round sheets stay right for
   * nearly everyone.
   */
  startFrom?: ReadonlyArray<readonly number[]> | undefined;
  /** Person-index pairs who met before this mixer: seating them together counts as a repeat. */
  metBefore?: ReadonlyArray<readonly [number, number]> | undefined;
}

export interface MixerOptions {
  seed: number;
  /** Wall-clock budget; the best plan found so far is returned when it runs out. */
  timeLimitMs: number;
  /** Milliseconds; only differences are used. */
  clock: () => number;
  /** Also stop after this many search steps: with it (and time to spare) the plan depends on the seed alone. */
  maxIterations?: number | undefined;
}

export interface MixerFigures {
  /** Pairs who share a table in more than one round (3 times counts 2), met-before pairs counting one round. */
  repeatPairs: number;
  /** Of the pairs seated together, those who met before the mixer (each counts in repeatPairs from its first round together). */
  metBeforePairs: number;
  /** The most rounds any pair shares a table. */
  maxRepeat: number;
  /** Pairs who share a table at least once in the plan. */
  distinctPairs: number;
  /** The common ground summed over the distinct pairs seated together (each pair once) who had not met before the mixer. */
  commonGround: number;
  /** Rounds in which an apart pair shares a table. */
  apartViolations: number;
  /** Table-rounds shared by two people of one group. */
  groupPairs: number;
  /** floor((N − 1) / (k − 1)): the most rounds that can ever be free of repeats. */
  bound: number;
}

export interface MixerPlan {
  /** seats[round][person]: the table (0-based), or -1 when the person is not there. */
  seats: number[][];
  /** The tables the plan needs: every seat is below this number (a pin to table 9 makes it at least 10). */
  tables: number;
  figures: MixerFigures;
  /** How the plan was made, for people to read, e.g. "affine plane of order 5, then search". */
  method: string;
}

/** A problem no plan can satisfy, said for a person to read. */
export class MixerProblemError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MixerProblemError';
  }
}

/** floor((N − 1) / (k − 1)): after that many rounds someone must have met everyone they can. */
export function repeatFreeBound(people: number, tableSize: number): number {
  if (people <= 1 || tableSize <= 1) return 0;
  return Math.floor((people - 1) / (tableSize - 1));
}
