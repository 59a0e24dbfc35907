import { APART, MET_BEFORE, SAME_GROUP, type MixerModel } from './model.js';

// Local copies: read in the innermost loops, where an imported binding can cost a getter call per read (tsx).
const apartBit = APART;
const metBeforeBit = MET_BEFORE;
const groupBit = SAME_GROUP;

/**
 * A plan being improved: seats, who sits at each table, and how often each pair has shared a
 * table, so that the change a swap of two people makes is known in O(k) without recounting.
 *
 * The cost is compared in order: `penalty` (apart pairs together, then repeats, then piles —
 * meetings of a pair beyond its second —, then group pairs together, weighted so that one of a
 * kind outweighs any number of the next), then common ground (more is better).
 */
export class SeatingState {
  readonly n: number;
  readonly rounds: number;
  readonly tables: number;
  readonly k: number;
  /** seat[r * n + p]: the table, or -1. */
  readonly seat: Int32Array;
  /** members[(r * tables + t) * k + i]: the i-th person at table t in round r. */
  readonly members: Int32Array;
  readonly memberCount: Int32Array;
  /** Where p sits in its table's member list. */
  readonly position: Int32Array;
  /** Rounds (within the plan) each pair has shared a table, symmetric. */
  readonly together: Uint8Array;

  apart = 0;
  repeats = 0;
  /** Meetings of a pair beyond its second: of two plans with as many repeats, the one that spreads them is better. */
  piles = 0;
  groups = 0;
  commonGround = 0;
  /** Weights of the penalty: one apart pair outweighs every repeat, one repeat every pile, one pile every group pair. */
  readonly pileWeight: number;
  readonly repeatWeight: number;
  readonly apartWeight: number;

  // The last change computed by `swapDelta`.
  deltaApart = 0;
  deltaRepeats = 0;
  deltaPiles = 0;
  deltaGroups = 0;
  deltaPenalty = 0;
  deltaCommonGround = 0;

  constructor(readonly model: MixerModel) {
    const { n, rounds, tables, tableSize } = model;
    this.n = n;
    this.rounds = rounds;
    this.tables = tables;
    this.k = tableSize;
    this.seat = new Int32Array(rounds * n).fill(-1);
    this.members = new Int32Array(rounds * tables * tableSize).fill(-1);
    this.memberCount = new Int32Array(rounds * tables);
    this.position = new Int32Array(rounds * n).fill(-1);
    this.together = new Uint8Array(n * n);
    // Most pairs one round can seat, times the rounds: more than any count of group pairs or repeats.
    const pairsPerRound = Math.ceil(n / tableSize) * ((tableSize * (tableSize - 1)) / 2);
    const most = pairsPerRound * rounds + 1;
    this.pileWeight = most;
    this.repeatWeight = most * most;
    this.apartWeight = most * most * most;
  }

  get penalty(): number {
    return this.apart * this.apartWeight + this.repeats * this.repeatWeight + this.piles * this.pileWeight + this.groups;
  }

  /** Seats p at table t in round r (p must not be seated in r), keeping every count. */
  sit(r: number, p: number, t: number): void {
    const { n, k, members, together, model } = this;
    const { relation, weight } = model;
    const base = (r * this.tables + t) * k;
    const count = this.memberCount[r * this.tables + t]!;
    for (let i = 0; i < count; i++) {
      const x = members[base + i]!;
      const pair = p * n + x;
      const rel = relation[pair]!;
      const times = together[pair]!;
      const before = rel & metBeforeBit ? 1 : 0;
      if (times + before >= 1) this.repeats++;
      if (times + before >= 2) this.piles++;
      if (rel & apartBit) this.apart++;
      if (rel & groupBit) this.groups++;
      if (weight && times === 0 && !before) this.commonGround += weight[pair]!;
      together[pair] = times + 1;
      together[x * n + p] = times + 1;
    }
    members[base + count] = p;
    this.position[r * n + p] = count;
    this.memberCount[r * this.tables + t] = count + 1;
    this.seat[r * n + p] = t;
  }

  /** Computes into deltaPenalty / deltaCommonGround what swapping a and b (at different tables) in round r would change. */
  swapDelta(r: number, a: number, b: number): void {
    const { n, k, members, together, model } = this;
    const { relation, weight } = model;
    const tableA = this.seat[r * n + a]!;
    const tableB = this.seat[r * n + b]!;
    let repeats = 0;
    let piles = 0;
    let apart = 0;
    let groups = 0;
    let gain = 0;
    for (let side = 0; side < 2; side++) {
      const leaving = side === 0 ? a : b;
      const coming = side === 0 ? b : a;
      const table = side === 0 ? tableA : tableB;
      const base = (r * this.tables + table) * k;
      const count = this.memberCount[r * this.tables + table]!;
      for (let i = 0; i < count; i++) {
        const x = members[base + i]!;
        if (x === leaving) continue;
        // The pair (leaving, x) loses this round together…
        let pair = leaving * n + x;
        let rel = relation[pair]!;
        let times = together[pair]!;
        let before = rel & metBeforeBit ? 1 : 0;
        if (times + before >= 2) repeats--;
        if (times + before >= 3) piles--;
        if (rel & apartBit) apart--;
        if (rel & groupBit) groups--;
        if (weight && times === 1 && !before) gain -= weight[pair]!;
        // …and (coming, x) gains one.
        pair = coming * n + x;
        rel = relation[pair]!;
        times = together[pair]!;
        before = rel & metBeforeBit ? 1 : 0;
        if (times + before >= 1) repeats++;
        if (times + before >= 2) piles++;
        if (rel & apartBit) apart++;
        if (rel & groupBit) groups++;
        if (weight && times === 0 && !before) gain += weight[pair]!;
      }
    }
    this.deltaApart = apart;
    this.deltaRepeats = repeats;
    this.deltaPiles = piles;
    this.deltaGroups = groups;
    this.deltaPenalty = apart * this.apartWeight + repeats * this.repeatWeight + piles * this.pileWeight + groups;
    this.deltaCommonGround = gain;
  }

  // The last terms computed by `joinTerms`, `leaveTerms` or `pairTerms`.
  termPenalty = 0;
  termGround = 0;

  /** What p sitting down at table t in round r would add (p's own seat there, if any, left out). */
  joinTerms(r: number, p: number, t: number): void {
    const { n, k, members, together, model } = this;
    const { relation, weight } = model;
    const base = (r * this.tables + t) * k;
    const count = this.memberCount[r * this.tables + t]!;
    let penalty = 0;
    let gain = 0;
    for (let i = 0; i < count; i++) {
      const x = members[base + i]!;
      if (x === p) continue;
      const pair = p * n + x;
      const rel = relation[pair]!;
      const times = together[pair]!;
      const before = rel & metBeforeBit ? 1 : 0;
      if (times + before >= 1) penalty += this.repeatWeight;
      if (times + before >= 2) penalty += this.pileWeight;
      if (rel & apartBit) penalty += this.apartWeight;
      if (rel & groupBit) penalty += 1;
      if (weight && times === 0 && !before) gain += weight[pair]!;
    }
    this.termPenalty = penalty;
    this.termGround = gain;
  }

  /** What p leaving its table in round r would take away (negative when it helps). */
  leaveTerms(r: number, p: number): void {
    const { n, k, members, together, model } = this;
    const { relation, weight } = model;
    const t = this.seat[r * n + p]!;
    const base = (r * this.tables + t) * k;
    const count = this.memberCount[r * this.tables + t]!;
    let penalty = 0;
    let gain = 0;
    for (let i = 0; i < count; i++) {
      const x = members[base + i]!;
      if (x === p) continue;
      const pair = p * n + x;
      const rel = relation[pair]!;
      const times = together[pair]!;
      const before = rel & metBeforeBit ? 1 : 0;
      if (times + before >= 2) penalty -= this.repeatWeight;
      if (times + before >= 3) penalty -= this.pileWeight;
      if (rel & apartBit) penalty -= this.apartWeight;
      if (rel & groupBit) penalty -= 1;
      if (weight && times === 1 && !before) gain -= weight[pair]!;
    }
    this.termPenalty = penalty;
    this.termGround = gain;
  }

  /** The join term of the one pair (p, x), as `joinTerms` counts it. */
  pairTerms(p: number, x: number): void {
    const pair = p * this.n + x;
    const rel = this.model.relation[pair]!;
    const times = this.together[pair]!;
    const before = rel & metBeforeBit ? 1 : 0;
    let penalty = 0;
    if (times + before >= 1) penalty += this.repeatWeight;
    if (times + before >= 2) penalty += this.pileWeight;
    if (rel & apartBit) penalty += this.apartWeight;
    if (rel & groupBit) penalty += 1;
    this.termPenalty = penalty;
    this.termGround = this.model.weight && times === 0 && !before ? this.model.weight[pair]! : 0;
  }

  /** Swaps a and b (at different tables) in round r, keeping every count. */
  swap(r: number, a: number, b: number): void {
    this.swapDelta(r, a, b);
    const { n, k, members, together } = this;
    const tableA = this.seat[r * n + a]!;
    const tableB = this.seat[r * n + b]!;
    for (let side = 0; side < 2; side++) {
      const leaving = side === 0 ? a : b;
      const coming = side === 0 ? b : a;
      const table = side === 0 ? tableA : tableB;
      const base = (r * this.tables + table) * k;
      const count = this.memberCount[r * this.tables + table]!;
      for (let i = 0; i < count; i++) {
        const x = members[base + i]!;
        if (x === leaving) continue;
        together[leaving * n + x]!--;
        together[x * n + leaving]!--;
        together[coming * n + x]!++;
        together[x * n + coming]!++;
      }
    }
    const positionA = this.position[r * n + a]!;
    const positionB = this.position[r * n + b]!;
    members[(r * this.tables + tableA) * k + positionA] = b;
    members[(r * this.tables + tableB) * k + positionB] = a;
    this.position[r * n + a] = positionB;
    this.position[r * n + b] = positionA;
    this.seat[r * n + a] = tableB;
    this.seat[r * n + b] = tableA;
    this.applyDelta();
  }

  private applyDelta(): void {
    this.apart += this.deltaApart;
    this.repeats += this.deltaRepeats;
    this.piles += this.deltaPiles;
    this.groups += this.deltaGroups;
    this.commonGround += this.deltaCommonGround;
  }

  /** True when p, in round r, shares the table with someone it should not (apart, met already, same group). */
  inConflict(r: number, p: number): boolean {
    const { n, k, members, together, model } = this;
    const t = this.seat[r * n + p]!;
    if (t < 0) return false;
    const base = (r * this.tables + t) * k;
    const count = this.memberCount[r * this.tables + t]!;
    for (let i = 0; i < count; i++) {
      const x = members[base + i]!;
      if (x === p) continue;
      const rel = model.relation[p * n + x]!;
      if (rel & (apartBit | groupBit)) return true;
      if (together[p * n + x]! + (rel & metBeforeBit ? 1 : 0) >= 2) return true;
    }
    return false;
  }

  /** The seats of every round, as the plan gives them. */
  snapshot(): Int32Array {
    return this.seat.slice();
  }

  /** Puts the seats of a snapshot back (same people present, same sizes), recounting everything. */
  restore(seats: Int32Array): void {
    this.members.fill(-1);
    this.memberCount.fill(0);
    this.position.fill(-1);
    this.seat.fill(-1);
    this.together.fill(0);
    this.apart = this.repeats = this.piles = this.groups = this.commonGround = 0;
    for (let r = 0; r < this.rounds; r++) {
      for (let p = 0; p < this.n; p++) {
        const t = seats[r * this.n + p]!;
        if (t >= 0) this.sit(r, p, t);
      }
    }
  }
}

/** Compares two (penalty, common ground) costs: negative when the first is better. */
export function compareCost(penaltyA: number, groundA: number, penaltyB: number, groundB: number): number {
  if (penaltyA !== penaltyB) return penaltyA - penaltyB;
  const difference = groundB - groundA;
  return Math.abs(difference) <= 1e-9 * Math.max(1, Math.abs(groundA), Math.abs(groundB)) ? 0 : difference;
}
