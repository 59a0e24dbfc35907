import type { Random } from '../synthetic/random.js';
import type { MixerModel } from './model.js';
import { compareCost, type SeatingState } from './state.js';

// A local copy: called in the innermost loops, where an imported binding can cost a getter call per read (tsx).
const compareCosts = compareCost;

/** Seats round r greedily: pinned people first, then everyone else in random order at the open table that costs least. */
export function seatRoundGreedily(state: SeatingState, model: MixerModel, r: number, random: Random, keep?: Int32Array): void {
  const { n } = model;
  const open = model.sizes[r]!.slice();
  let others: number[] = [];
  for (let p = 0; p < n; p++) {
    if (!model.present[r * n + p]) continue;
    const pin = model.pinned[p]!;
    if (pin >= 0) {
      state.sit(r, p, pin);
      open[pin]!--;
    } else others.push(p);
  }
  others = random.shuffle(others);
  if (keep) {
    // People keep the seat they had where it is still open (in random order when a table shrank).
    const rest: number[] = [];
    for (const p of others) {
      const t = keep[p]!;
      if (t >= 0 && open[t]! > 0) {
        state.sit(r, p, t);
        open[t]!--;
      } else rest.push(p);
    }
    others = rest;
  }
  for (const p of others) {
    let bestTable = -1;
    let bestPenalty = 0;
    let bestGain = 0;
    let ties = 0;
    for (let t = 0; t < state.tables; t++) {
      if (open[t]! <= 0) continue;
      state.joinTerms(r, p, t);
      const penalty = state.termPenalty;
      const gain = state.termGround;
      const order = bestTable < 0 ? -1 : compareCosts(penalty, gain, bestPenalty, bestGain);
      if (order < 0) {
        bestTable = t;
        bestPenalty = penalty;
        bestGain = gain;
        ties = 1;
      } else if (order === 0 && random.next() * ++ties < 1) {
        bestTable = t;
      }
    }
    state.sit(r, p, bestTable);
    open[bestTable]!--;
  }
}

export interface SearchLimits {
  random: Random;
  /** True when the time is up (checked every few dozen steps). */
  timeUp: () => boolean;
  maxIterations: number;
  /** Stop removing conflicts at this penalty (a proven lower bound). */
  targetPenalty: number;
  /** Leave common ground alone (re-planning: move nobody who is not in a conflict). */
  conflictsOnly?: boolean;
}

export interface SearchReport {
  iterations: number;
  restarts: number;
}

/**
 * Tabu search over swaps of two people at different tables of one round, focused on people in
 * a conflict (a repeat, an apart pair, a group pair), then a hill climb on common ground that
 * never lets the penalty grow. The best plan seen is left in `state`.
 */
export function improveSeating(state: SeatingState, model: MixerModel, limits: SearchLimits): SearchReport {
  const { n } = state;
  const { random } = limits;
  const movable: number[][] = [];
  for (let r = 0; r < model.rounds; r++) {
    const people: number[] = [];
    if (r >= model.fixed) for (let p = 0; p < n; p++) if (model.present[r * n + p] && model.pinned[p]! < 0) people.push(p);
    movable.push(people);
  }
  const freeRounds = movable.map((people, r) => (people.length >= 2 ? r : -1)).filter((r) => r >= 0);
  const report: SearchReport = { iterations: 0, restarts: 0 };
  if (freeRounds.length === 0) return report;

  let best = state.snapshot();
  let bestPenalty = state.penalty;
  let bestGround = state.commonGround;
  const keepIfBest = () => {
    if (compareCosts(state.penalty, state.commonGround, bestPenalty, bestGround) < 0) {
      best = state.snapshot();
      bestPenalty = state.penalty;
      bestGround = state.commonGround;
      return true;
    }
    return false;
  };

  // ---- Conflicts away: tabu search --------------------------------------------------------
  const tabuTable = new Int32Array(model.rounds * n).fill(-1);
  const tabuUntil = new Int32Array(model.rounds * n);
  const conflicted: number[] = [];
  const joinPenalty = new Float64Array(state.tables);
  const joinGround = new Float64Array(state.tables);
  const leavePenalty = new Float64Array(model.rounds * n);
  const leaveGround = new Float64Array(model.rounds * n);
  const leaveStamp = new Int32Array(model.rounds * n).fill(-1);
  let sinceBest = 0;
  // Tuned on 32 people at tables of 4 for 10 rounds (the hard case): shorter tenures cycle,
  // longer ones and bigger shakes did no better over 8 seeds. Sampling the conflicted people
  // matters: looking at 64 rather than 24 per step left all 8 seeds stuck at 16 repeats (60/6/8
  // gained 1–2 repeats from it).
  const stall = 2000 + 20 * n;
  const sampleSize = 24;
  const tenureMin = 4;
  const tenureSpread = 10;
  let iteration = 0;
  while (state.penalty > limits.targetPenalty && iteration < limits.maxIterations) {
    if ((iteration & 31) === 0 && limits.timeUp()) break;
    iteration++;
    conflicted.length = 0;
    for (const r of freeRounds) for (const p of movable[r]!) if (state.inConflict(r, p)) conflicted.push(r * n + p);
    if (conflicted.length === 0) break;
    const candidates = conflicted.length <= sampleSize ? conflicted : random.sample(conflicted, sampleSize);
    let moveRound = -1;
    let moveA = -1;
    let moveB = -1;
    let movePenalty = 0;
    let moveGround = 0;
    let ties = 0;
    for (const entry of candidates) {
      const r = Math.floor(entry / n);
      const a = entry - r * n;
      const tableA = state.seat[entry]!;
      // A swap's change = a leaves A + a joins B (without b) + b leaves B + b joins A (without a):
      // the parts of a are computed once per table, b's leaving once per round and step.
      state.leaveTerms(r, a);
      const leavePenaltyA = state.termPenalty;
      const leaveGroundA = state.termGround;
      for (let t = 0; t < state.tables; t++) {
        if (t === tableA || model.sizes[r]![t] === 0) continue;
        state.joinTerms(r, a, t);
        joinPenalty[t] = state.termPenalty;
        joinGround[t] = state.termGround;
      }
      for (const b of movable[r]!) {
        const tableB = state.seat[r * n + b]!;
        if (tableB === tableA) continue;
        const slot = r * n + b;
        if (leaveStamp[slot] !== iteration) {
          state.leaveTerms(r, b);
          leavePenalty[slot] = state.termPenalty;
          leaveGround[slot] = state.termGround;
          leaveStamp[slot] = iteration;
        }
        state.pairTerms(a, b);
        const pairPenalty = state.termPenalty;
        const pairGround = state.termGround;
        state.joinTerms(r, b, tableA);
        const deltaPenalty = leavePenaltyA + joinPenalty[tableB]! + leavePenalty[slot]! + state.termPenalty - 2 * pairPenalty;
        const deltaGround = leaveGroundA + joinGround[tableB]! + leaveGround[slot]! + state.termGround - 2 * pairGround;
        const tabu =
          (tabuTable[entry] === tableB && tabuUntil[entry]! > iteration) || (tabuTable[slot] === tableA && tabuUntil[slot]! > iteration);
        if (tabu && state.penalty + deltaPenalty >= bestPenalty) continue;
        const order = moveA < 0 ? -1 : compareCosts(deltaPenalty, deltaGround, movePenalty, moveGround);
        if (order < 0) {
          moveRound = r;
          moveA = a;
          moveB = b;
          movePenalty = deltaPenalty;
          moveGround = deltaGround;
          ties = 1;
        } else if (order === 0 && random.next() * ++ties < 1) {
          moveRound = r;
          moveA = a;
          moveB = b;
        }
      }
    }
    if (moveA < 0) continue;
    const tableA = state.seat[moveRound * n + moveA]!;
    const tableB = state.seat[moveRound * n + moveB]!;
    state.swap(moveRound, moveA, moveB);
    tabuTable[moveRound * n + moveA] = tableA;
    tabuUntil[moveRound * n + moveA] = iteration + tenureMin + random.int(0, tenureSpread);
    tabuTable[moveRound * n + moveB] = tableB;
    tabuUntil[moveRound * n + moveB] = iteration + tenureMin + random.int(0, tenureSpread);
    if (keepIfBest()) sinceBest = 0;
    else if (++sinceBest > stall) {
      // Re-planning a mixer under way: a repeat the search cannot remove in this many steps is
      // most likely there to stay (pairs already met count), and every shake moves more people
      // away from their printed tables. Stop at the best plan.
      if (limits.conflictsOnly) break;
      // Stuck: back to the best plan, shaken by a few random swaps.
      state.restore(best);
      report.restarts++;
      const shakes = 2 + random.int(0, Math.max(2, Math.floor(n / 10)));
      for (let i = 0; i < shakes; i++) randomSwap(state, movable, freeRounds, random);
      sinceBest = 0;
    }
  }
  if (compareCosts(state.penalty, state.commonGround, bestPenalty, bestGround) > 0) state.restore(best);

  // ---- More common ground, never more penalty ------------------------------------------------
  if (model.weight && !limits.conflictsOnly) {
    let idle = 0;
    const patience = 4 * n * freeRounds.length + 1000;
    while (idle < patience && iteration < limits.maxIterations) {
      if ((iteration & 31) === 0 && limits.timeUp()) break;
      iteration++;
      idle++;
      if (random.next() < 0.25) {
        if (relabel(state, movable, freeRounds, random)) idle = 0;
        continue;
      }
      const r = random.pick(freeRounds);
      const a = random.pick(movable[r]!);
      const tableA = state.seat[r * n + a]!;
      let moveB = -1;
      let movePenalty = 0;
      let moveGround = 0;
      for (const b of movable[r]!) {
        if (state.seat[r * n + b] === tableA) continue;
        state.swapDelta(r, a, b);
        if (state.deltaPenalty > 0) continue;
        if (moveB < 0 || compareCosts(state.deltaPenalty, state.deltaCommonGround, movePenalty, moveGround) < 0) {
          moveB = b;
          movePenalty = state.deltaPenalty;
          moveGround = state.deltaCommonGround;
        }
      }
      if (moveB >= 0 && compareCosts(movePenalty, moveGround, 0, 0) < 0) {
        state.swap(r, a, moveB);
        idle = 0;
      }
    }
  }
  report.iterations = iteration;
  return report;
}

function randomSwap(state: SeatingState, movable: number[][], freeRounds: number[], random: Random): void {
  const r = random.pick(freeRounds);
  const people = movable[r]!;
  const a = random.pick(people);
  for (let tries = 0; tries < 8; tries++) {
    const b = random.pick(people);
    if (state.seat[r * state.n + a] !== state.seat[r * state.n + b]) {
      state.swap(r, a, b);
      return;
    }
  }
}

/**
 * Two people trade places in every round both are movable in (their "labels" swap): a design's
 * structure stays, and who meets whom changes. Kept when it is better, undone otherwise.
 */
function relabel(state: SeatingState, movable: number[][], freeRounds: number[], random: Random): boolean {
  const r0 = random.pick(freeRounds);
  const a = random.pick(movable[r0]!);
  const b = random.pick(movable[r0]!);
  if (a === b || state.model.pinned[a]! >= 0 || state.model.pinned[b]! >= 0) return false;
  const penalty = state.penalty;
  const ground = state.commonGround;
  const swapped: number[] = [];
  for (const r of freeRounds) {
    const n = state.n;
    if (state.seat[r * n + a]! < 0 || state.seat[r * n + b]! < 0 || state.seat[r * n + a] === state.seat[r * n + b]) continue;
    state.swap(r, a, b);
    swapped.push(r);
  }
  if (swapped.length > 0 && compareCosts(state.penalty, state.commonGround, penalty, ground) < 0) return true;
  for (const r of swapped.reverse()) state.swap(r, a, b);
  return false;
}
