import { createRandom, deriveSeed } from '../synthetic/random.js';
import { findDesign } from './constructions.js';
import { countFigures } from './figures.js';
import { MET_BEFORE, readMixerProblem, type MixerModel } from './model.js';
import type { MixerOptions, MixerPlan, MixerProblem } from './problem.js';
import { improveSeating, seatRoundGreedily } from './search.js';
import { SeatingState } from './state.js';

const GREEDY_STREAM = 2;

/**
 * Seats everyone present in every round: no apart pair together, then as few repeat pairs as
 * it can find, then as few colleagues together, then as much common ground among new pairs.
 * Starts from a construction when one fits (everyone present, nothing pinned or fixed), else
 * from a greedy plan, and improves it by search until nothing is left to gain, the time is up
 * or `maxIterations` steps are made. Deterministic for a seed when the time limit is not hit.
 */
export function planMixer(problem: MixerProblem, options: MixerOptions): MixerPlan {
  const model = readMixerProblem(problem);
  const startedAt = options.clock();
  const random = createRandom(deriveSeed(options.seed, 1));
  // The greedy rounds draw from the baseline's stream: without a construction or an earlier plan
  // the search starts from exactly the plan greedyMixerPlan gives, and only keeps what is better.
  const greedyRandom = createRandom(deriveSeed(options.seed, GREEDY_STREAM));
  const state = new SeatingState(model);
  seatFixedRounds(state, model);
  let method = 'greedy start, then tabu search';
  let firstGreedy = model.fixed;
  if (constructible(model) && !model.startFrom) {
    const design = findDesign(model.n, model.tableSize, model.rounds);
    if (design) {
      const person = random.shuffle(Array.from({ length: model.n }, (_, i) => i));
      design.rounds.forEach((seats, r) => {
        for (let point = 0; point < model.n; point++) state.sit(r, person[point]!, seats[point]!);
      });
      firstGreedy = design.rounds.length;
      method = design.rounds.length === model.rounds ? `${design.name}, then search` : `${design.name} for ${design.rounds.length} rounds, greedy after, then search`;
    }
  }
  const warm = model.startFrom;
  if (warm) method = 'previous plan kept where it fits, conflicts repaired by tabu search';
  for (let r = firstGreedy; r < model.rounds; r++) seatRoundGreedily(state, model, r, greedyRandom, warm?.[r]);
  improveSeating(state, model, {
    conflictsOnly: warm !== null,
    random,
    timeUp: () => options.clock() - startedAt >= options.timeLimitMs,
    maxIterations: options.maxIterations ?? Number.MAX_SAFE_INTEGER,
    targetPenalty: repeatLowerBound(model) * state.repeatWeight,
  });
  return planOf(state, model, method);
}

/** The round-by-round greedy plan the solver is measured against: nothing is ever revisited. */
export function greedyMixerPlan(problem: MixerProblem, seed: number): MixerPlan {
  const model = readMixerProblem(problem);
  const random = createRandom(deriveSeed(seed, GREEDY_STREAM));
  const state = new SeatingState(model);
  seatFixedRounds(state, model);
  for (let r = model.fixed; r < model.rounds; r++) seatRoundGreedily(state, model, r, random);
  return planOf(state, model, 'round-by-round greedy');
}

function seatFixedRounds(state: SeatingState, model: MixerModel): void {
  model.fixedSeats.forEach((seats, r) => {
    for (let p = 0; p < model.n; p++) if (seats[p]! >= 0) state.sit(r, p, seats[p]!);
  });
}

/** Constructions seat everyone in every round with nothing pinned or given. */
function constructible(model: MixerModel): boolean {
  if (model.fixed > 0 || model.pinned.some((table) => table >= 0) || !model.present.every((there) => there === 1)) return false;
  // The design's tables are 0..u-1 with u = ceil(n / k): the plan must use just those.
  const used = Math.ceil(model.n / model.tableSize);
  return model.sizes.every((sizes) => sizes.every((size, t) => (t < used ? size > 0 : size === 0)));
}

/**
 * No plan has fewer repeats than this: someone at tables of s for R rounds sits with (s − 1)·R
 * people, and only n − 1 of them can be new. Counted only when nothing was met before.
 */
function repeatLowerBound(model: MixerModel): number {
  const { n } = model;
  if (model.fixed > 0 || model.relation.some((rel) => (rel & MET_BEFORE) !== 0)) return 0;
  let excess = 0;
  for (let p = 0; p < n; p++) {
    let seatmates = 0;
    for (let r = 0; r < model.rounds; r++) {
      if (!model.present[r * n + p]) continue;
      let smallest = Infinity;
      for (const size of model.sizes[r]!) if (size > 0) smallest = Math.min(smallest, size);
      seatmates += smallest - 1;
    }
    excess += Math.max(0, seatmates - (n - 1));
  }
  return Math.ceil(excess / 2);
}

function planOf(state: SeatingState, model: MixerModel, method: string): MixerPlan {
  const seats: number[][] = [];
  for (let r = 0; r < model.rounds; r++) seats.push(Array.from(state.seat.subarray(r * model.n, (r + 1) * model.n)));
  let tables = 0;
  for (const sizes of model.sizes) sizes.forEach((size, t) => (tables = size > 0 ? Math.max(tables, t + 1) : tables));
  return { seats, tables, figures: countFigures(model, seats), method };
}
