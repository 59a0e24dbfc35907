/**
 * The 1:1 meeting scheduler. Tables are interchangeable within a slot, so the real problem is to
 * give meetings slots — an edge colouring of the request multigraph where each person has the
 * colours (slots) they are free in and each colour holds at most `tables` edges — and to number
 * the tables afterwards.
 *
 * 1. Greedy: the most constrained meetings first, each in its best free slot.
 * 2. Augmenting moves for every meeting left out: a Kempe chain (swap two slots along the path
 *    of meetings that alternates between them, so that the busy person becomes free), or a chain
 *    of meetings moved slot to slot until one lands where a table is free.
 * 3. If that leaves fewer than the upper bound, a tabu search over slot assignments (as
 *    PartialCol does for graph colouring): put a left-out meeting in a slot, evicting what clashes
 *    with it, and never put an evicted meeting straight back; the best assignment seen is kept.
 * 4. Moves that cost nothing: each meeting to its best slot that is free — where it was (replan),
 *    then its preferred slots in order, then the earliest.
 *
 * Randomness comes from the seed only; with a time limit the result also depends on how far the
 * search got, without one it depends on the input and the seed alone.
 */
import { createRandom, type Random } from '../synthetic/random.js';
import {
  readProblem,
  residualOf,
  type Placement,
  type ProblemModel,
  type Residual,
  type ScheduleMode,
  type SchedulingProblem,
} from './problem.js';
import { upperBoundOf } from './upper-bound.js';

export interface ScheduleOptions {
  /**
   * 'stable': meetings with `current` keep exactly their slot and table; only the others are
   * placed. 'replan': everything may move (meetings in closed slots stay), maximise placed
   * meetings, and among equally good plans keep as many meetings where they were as possible.
   */
  mode: ScheduleMode;
  /** For the randomised search; same seed + same input ⇒ same output. */
  seed?: number;
  /** Milliseconds; with timeLimitMs, stop improving when reached. */
  clock?: () => number;
  timeLimitMs?: number;
  /** The most steps of the tabu search (default 2,000,000; about a second on a few thousand meetings). Without a time limit it also stops after a long run of steps without a better plan. */
  maxIterations?: number;
}

export interface ScheduleResult {
  /** Per meeting, in input order; null when it could not be placed. */
  placements: (Placement | null)[];
  placed: number;
  /** placementUpperBound of the problem; in 'stable' mode, the bound given the fixed meetings. */
  upperBound: number;
}

export function scheduleMeetings(problem: SchedulingProblem, options: ScheduleOptions): ScheduleResult {
  const { clock, timeLimitMs } = options;
  const deadline = clock && timeLimitMs !== undefined ? clock() + timeLimitMs : Infinity;
  const model = readProblem(problem);
  const residual = residualOf(model, options.mode);
  const upperBound = upperBoundOf(model, residual);
  const search = new SlotSearch(model, residual, problem, options, upperBound, deadline);
  search.greedy();
  search.augmentAll();
  if (!search.atBest()) {
    search.tabu();
    search.augmentAll();
  }
  search.settle();
  const placements = search.tables();
  return { placements, placed: placements.filter((p) => p !== null).length, upperBound };
}

/**
 * A step of the tabu search weighs the moves of this many left-out meetings drawn at random.
 * Measured on dense instances of 7,000 requests with 1 s: with 1 (too blind) or 16 and more (too
 * greedy, the search circles) it stalls short of the bound; with 3 to 6 it reaches it.
 */
const SAMPLED_MEETINGS = 4;
/** Without a time limit, the tabu search stops after this many steps without a better state, plus a few per meeting. */
const PATIENCE = 50_000;
const PATIENCE_PER_MEETING = 50;
/** …and after this many steps in all (about a second for a few thousand meetings). */
const MAX_STEPS = 2_000_000;

/** The slots of every meeting, with who is where; the moves of the search change it in place. */
class SlotSearch {
  private readonly slots: number;
  private readonly tableCount: number;
  private readonly size: number;
  private readonly slotOf: Int32Array;
  /** The meeting of each person in each slot (p * slots + s), -1 when none. */
  private readonly occupant: Int32Array;
  /** Meetings per slot, fixed ones included. */
  private readonly count: Int32Array;
  /** The movable meetings of each slot: members[s * room .. + memberCount[s]). */
  private readonly room: number;
  private readonly members: Int32Array;
  private readonly memberCount: Int32Array;
  private readonly memberAt: Int32Array;
  /** Movable meetings that could be placed and are not. */
  private readonly left: Int32Array;
  private leftCount = 0;
  private readonly leftAt: Int32Array;
  /** Movable meetings not in the slot they were in (replan). */
  private displaced = 0;
  /** Each movable meeting's slots, best first (see `rank`). */
  private readonly ordered: Int32Array;
  private readonly preferred: (readonly number[] | undefined)[];
  private readonly placeable: number;
  private readonly random: Random;
  /** Bumped on every change, so that a failed search from a state is not repeated on that state. */
  private version = 0;

  constructor(
    private readonly model: ProblemModel,
    private readonly residual: Residual,
    problem: SchedulingProblem,
    private readonly options: ScheduleOptions,
    private readonly upperBound: number,
    private readonly deadline: number,
  ) {
    const { slots, tables, meetings, currentSlot } = model;
    this.slots = slots;
    this.tableCount = tables;
    this.size = meetings;
    this.slotOf = new Int32Array(meetings).fill(-1);
    this.occupant = Int32Array.from(residual.fixedOf);
    this.count = Int32Array.from(residual.fixedInSlot);
    this.room = Math.max(1, Math.min(tables, meetings));
    this.members = new Int32Array(slots * this.room);
    this.memberCount = new Int32Array(slots);
    this.memberAt = new Int32Array(meetings).fill(-1);
    this.left = new Int32Array(meetings);
    this.leftAt = new Int32Array(meetings).fill(-1);
    this.preferred = problem.meetings.map((meeting) => meeting.preferredSlots);
    this.random = createRandom(options.seed ?? 1);

    const { fixed, slotStart, slotList } = residual;
    this.ordered = new Int32Array(slotList.length);
    let placeable = 0;
    for (let m = 0; m < meetings; m++) {
      if (fixed[m]) {
        this.slotOf[m] = currentSlot[m]!;
        continue;
      }
      const from = slotStart[m]!;
      const to = slotStart[m + 1]!;
      const mine = Array.from(slotList.subarray(from, to));
      mine.sort((x, y) => this.rank(m, x) - this.rank(m, y));
      this.ordered.set(mine, from);
      if (currentSlot[m]! >= 0) this.displaced++;
      if (to > from) {
        placeable++;
        this.leftAt[m] = this.leftCount;
        this.left[this.leftCount++] = m;
      }
    }
    this.placeable = placeable;
  }

  /** Lower is better: where it was (replan), then its preferred slots in order, then the earliest. */
  private rank(m: number, slot: number): number {
    if (this.model.currentSlot[m] === slot) return 0;
    const preferred = this.preferred[m];
    const index = preferred ? preferred.indexOf(slot) : -1;
    if (index >= 0) return 1 + index;
    return 1 + (preferred?.length ?? 0) + slot;
  }

  private outOfTime(): boolean {
    return this.deadline !== Infinity && this.options.clock!() >= this.deadline;
  }

  private canPlace(m: number, slot: number): boolean {
    const { slots, occupant } = this;
    return (
      this.count[slot]! < this.tableCount &&
      occupant[this.model.a[m]! * slots + slot] === -1 &&
      occupant[this.model.b[m]! * slots + slot] === -1
    );
  }

  private place(m: number, slot: number): void {
    const { slots, occupant } = this;
    this.slotOf[m] = slot;
    occupant[this.model.a[m]! * slots + slot] = m;
    occupant[this.model.b[m]! * slots + slot] = m;
    this.count[slot]!++;
    const at = this.memberCount[slot]!++;
    this.members[slot * this.room + at] = m;
    this.memberAt[m] = at;
    const index = this.leftAt[m]!;
    const last = this.left[--this.leftCount]!;
    this.left[index] = last;
    this.leftAt[last] = index;
    this.leftAt[m] = -1;
    const current = this.model.currentSlot[m]!;
    if (current >= 0 && current === slot) this.displaced--;
    this.version++;
  }

  private remove(m: number): void {
    const { slots, occupant } = this;
    const slot = this.slotOf[m]!;
    this.slotOf[m] = -1;
    occupant[this.model.a[m]! * slots + slot] = -1;
    occupant[this.model.b[m]! * slots + slot] = -1;
    this.count[slot]!--;
    const at = this.memberAt[m]!;
    const lastAt = --this.memberCount[slot]!;
    const last = this.members[slot * this.room + lastAt]!;
    this.members[slot * this.room + at] = last;
    this.memberAt[last] = at;
    this.memberAt[m] = -1;
    this.leftAt[m] = this.leftCount;
    this.left[this.leftCount++] = m;
    const current = this.model.currentSlot[m]!;
    if (current >= 0 && current === slot) this.displaced++;
    this.version++;
  }

  private move(m: number, slot: number): void {
    this.remove(m);
    this.place(m, slot);
  }

  /** True when nothing can get better: the bound is reached and nobody was moved. */
  atBest(): boolean {
    return this.placed() >= this.upperBound && this.displaced === 0;
  }

  private placed(): number {
    return this.residual.fixedCount + this.placeable - this.leftCount;
  }

  /** Meetings where they were first (replan), then the ones with fewest slots and busiest people. */
  greedy(): void {
    const { a, b, currentSlot } = this.model;
    const { slotStart } = this.residual;
    const degree = new Int32Array(this.model.people);
    for (let i = 0; i < this.leftCount; i++) {
      const m = this.left[i]!;
      degree[a[m]!]!++;
      degree[b[m]!]!++;
    }
    const order = Array.from(this.left.subarray(0, this.leftCount)).sort(
      (x, y) =>
        Number(currentSlot[y]! >= 0) - Number(currentSlot[x]! >= 0) ||
        slotStart[x + 1]! - slotStart[x]! - (slotStart[y + 1]! - slotStart[y]!) ||
        degree[a[y]!]! + degree[b[y]!]! - degree[a[x]!]! - degree[b[x]!]! ||
        x - y,
    );
    for (const m of order) this.placeDirectly(m);
  }

  /** In its best free slot, if it has one. */
  private placeDirectly(m: number, tabooUntil?: Int32Array, now = 0): boolean {
    const { slotStart } = this.residual;
    for (let k = slotStart[m]!; k < slotStart[m + 1]!; k++) {
      const slot = this.ordered[k]!;
      if (tabooUntil && tabooUntil[m * this.slots + slot]! > now) continue;
      if (this.canPlace(m, slot)) {
        this.place(m, slot);
        return true;
      }
    }
    return false;
  }

  /** Augmenting moves for every meeting left out, until a whole round places none. */
  augmentAll(): void {
    const failedFrom = new Float64Array(this.slots).fill(-1);
    let progress = true;
    while (progress && this.leftCount > 0 && this.placed() < this.upperBound) {
      progress = false;
      const waiting = Array.from(this.left.subarray(0, this.leftCount)).sort((x, y) => x - y);
      for (const m of waiting) {
        if (this.outOfTime()) return;
        if (this.placed() >= this.upperBound) return;
        if (this.placeDirectly(m) || this.kempe(m) || this.tableChain(m, failedFrom)) progress = true;
      }
    }
  }

  /**
   * Places m in slot α where one of its people (x) is free and the other (y) is busy, by
   * swapping α and another slot β (where y is free) along the path of meetings that alternates
   * between α and β from y. Every meeting on the path must be allowed in its new slot, x must not
   * end up busy in α, and both slots must keep within the tables.
   */
  private kempe(m: number): boolean {
    const { slots, occupant } = this;
    const { a, b } = this.model;
    const { slotStart, feasible } = this.residual;
    for (const [x, y] of [
      [a[m]!, b[m]!],
      [b[m]!, a[m]!],
    ] as const) {
      for (let k = slotStart[m]!; k < slotStart[m + 1]!; k++) {
        const alpha = this.ordered[k]!;
        if (occupant[x * slots + alpha] !== -1) continue;
        const first = occupant[y * slots + alpha]!;
        if (first === -1) continue;
        for (let beta = 0; beta < slots; beta++) {
          if (beta === alpha || occupant[y * slots + beta] !== -1 || !feasible[first * slots + beta]) continue;
          if (this.swapChain(m, x, y, alpha, beta)) return true;
        }
      }
    }
    return false;
  }

  private swapChain(m: number, x: number, y: number, alpha: number, beta: number): boolean {
    const { slots, occupant } = this;
    const { a, b } = this.model;
    const { fixed, feasible } = this.residual;
    const path: number[] = [];
    let person = y;
    let colour = alpha;
    let alphaChange = 1;
    let betaChange = 0;
    for (;;) {
      const e = occupant[person * slots + colour]!;
      if (e === -1) break;
      if (fixed[e] || path.length >= this.size) return false;
      const other = colour === alpha ? beta : alpha;
      if (!feasible[e * slots + other]) return false;
      path.push(e);
      if (colour === alpha) {
        alphaChange--;
        betaChange++;
      } else {
        betaChange--;
        alphaChange++;
      }
      const next = a[e] === person ? b[e]! : a[e]!;
      if (next === x && other === alpha) return false;
      person = next;
      colour = other;
    }
    if (this.count[alpha]! + alphaChange > this.tableCount || this.count[beta]! + betaChange > this.tableCount) return false;
    const targets = path.map((e) => (this.slotOf[e] === alpha ? beta : alpha));
    for (const e of path) this.remove(e);
    path.forEach((e, i) => this.place(e, targets[i]!));
    this.place(m, alpha);
    return true;
  }

  /**
   * Places m in a slot where both its people are free but every table is taken, by moving a
   * meeting from there to another slot, and so on (breadth first over slots), until a meeting
   * lands in a slot with a free table.
   */
  private tableChain(m: number, failedFrom: Float64Array): boolean {
    const { slots, occupant, room, members } = this;
    const { a, b } = this.model;
    const { slotStart, slotList, fixed } = this.residual;
    let anyFree = false;
    for (let s = 0; s < slots; s++) if (this.model.open[s] && this.count[s]! < this.tableCount) anyFree = true;
    if (!anyFree) return false;
    for (let k = slotStart[m]!; k < slotStart[m + 1]!; k++) {
      const start = this.ordered[k]!;
      if (occupant[a[m]! * slots + start] !== -1 || occupant[b[m]! * slots + start] !== -1) continue;
      if (failedFrom[start] === this.version) continue;
      const cameFrom = new Int32Array(slots).fill(-2);
      const via = new Int32Array(slots).fill(-1);
      cameFrom[start] = -1;
      const queue = [start];
      let found = -1;
      search: for (let read = 0; read < queue.length; read++) {
        const slot = queue[read]!;
        for (let i = 0; i < this.memberCount[slot]!; i++) {
          const f = members[slot * room + i]!;
          if (fixed[f]) continue;
          for (let j = slotStart[f]!; j < slotStart[f + 1]!; j++) {
            const target = slotList[j]!;
            if (cameFrom[target] !== -2) continue;
            if (occupant[a[f]! * slots + target] !== -1 || occupant[b[f]! * slots + target] !== -1) continue;
            cameFrom[target] = slot;
            via[target] = f;
            if (this.count[target]! < this.tableCount) {
              found = target;
              break search;
            }
            queue.push(target);
          }
        }
      }
      if (found === -1) {
        failedFrom[start] = this.version;
        continue;
      }
      for (let slot = found; slot !== start; slot = cameFrom[slot]!) this.move(via[slot]!, slot);
      this.place(m, start);
      return true;
    }
    return false;
  }

  /**
   * Tabu search: pick a left-out meeting at random, put it in the slot that evicts the fewest
   * others (a random one among equals), and forbid each evicted meeting that slot for a while.
   * Evicted meetings go straight to a free slot if they have one. Keeps the best state seen:
   * fewest left out, then fewest moved from where they were.
   */
  tabu(): void {
    const { slots, occupant, random } = this;
    const { a, b, currentSlot } = this.model;
    const { slotStart } = this.residual;
    const weight = this.size + 1;
    const floor = weight * (this.placed() - this.upperBound + this.leftCount);
    const score = () => weight * this.leftCount + this.displaced;
    let best = score();
    const bestSlots = Int32Array.from(this.slotOf);
    const tabooUntil = new Int32Array(this.size * slots);
    const limit = this.options.maxIterations ?? MAX_STEPS;
    // With a time limit the search may use all of it.
    const patience = this.deadline === Infinity ? PATIENCE + PATIENCE_PER_MEETING * this.placeable : Infinity;
    let lastGain = 0;
    const evicted: number[] = [];
    for (let step = 1; step <= limit && this.leftCount > 0; step++) {
      if ((step & 63) === 0 && this.outOfTime()) break;
      if (step - lastGain > patience) break;
      const now = score();
      let chosen = -1;
      let m = -1;
      let chosenCost = Infinity;
      let ties = 0;
      for (let c = 0; c < SAMPLED_MEETINGS; c++) {
        const candidate = this.left[random.int(0, this.leftCount - 1)]!;
        const first0 = a[candidate]! * slots;
        const second0 = b[candidate]! * slots;
        for (let k = slotStart[candidate]!; k < slotStart[candidate + 1]!; k++) {
          const slot = this.ordered[k]!;
          const first = occupant[first0 + slot]!;
          let second = occupant[second0 + slot]!;
          if (second === first) second = -1;
          const blockers = (first === -1 ? 0 : 1) + (second === -1 ? 0 : 1);
          const full = this.count[slot]! - blockers >= this.tableCount ? 1 : 0;
          let cost = weight * (blockers + full - 1);
          if (currentSlot[candidate] === slot) cost--;
          if (first !== -1 && currentSlot[first] === slot) cost++;
          if (second !== -1 && currentSlot[second] === slot) cost++;
          if (cost > chosenCost) continue;
          if (tabooUntil[candidate * slots + slot]! > step && now + cost >= best) continue;
          if (cost < chosenCost) {
            chosen = slot;
            m = candidate;
            chosenCost = cost;
            ties = 1;
          } else if (random.int(0, ties++) === 0) {
            chosen = slot;
            m = candidate;
          }
        }
      }
      if (chosen === -1) continue;
      evicted.length = 0;
      for (const person of [a[m]!, b[m]!]) {
        const e = occupant[person * slots + chosen]!;
        if (e !== -1) {
          this.remove(e);
          evicted.push(e);
        }
      }
      if (this.count[chosen]! >= this.tableCount) {
        const victim = this.victimIn(chosen);
        this.remove(victim);
        evicted.push(victim);
      }
      this.place(m, chosen);
      const tenure = Math.min(Math.floor(0.6 * this.leftCount), 50) + random.int(1, 10);
      for (const e of evicted) tabooUntil[e * slots + chosen] = step + tenure;
      for (const e of evicted) this.placeDirectly(e, tabooUntil, step);
      const after = score();
      if (after < best) {
        best = after;
        bestSlots.set(this.slotOf);
        lastGain = step;
        if (best <= floor) break;
      }
    }
    this.load(bestSlots);
  }

  /** A meeting to evict from a full slot: of a few drawn at random, one that can go elsewhere at once, else one not where it was. */
  private victimIn(slot: number): number {
    const { random, room, members } = this;
    const { currentSlot } = this.model;
    const { slotStart } = this.residual;
    let chosen = -1;
    let chosenScore = Infinity;
    const many = this.memberCount[slot]!;
    for (let draw = 0; draw < Math.min(6, many); draw++) {
      const f = members[slot * room + random.int(0, many - 1)]!;
      let score = currentSlot[f] === slot ? 1 : 0;
      let elsewhere = false;
      for (let k = slotStart[f]!; k < slotStart[f + 1]! && !elsewhere; k++) {
        const other = this.ordered[k]!;
        if (other !== slot && this.canPlace(f, other)) elsewhere = true;
      }
      if (!elsewhere) score += 2;
      if (score < chosenScore) {
        chosen = f;
        chosenScore = score;
      }
    }
    return chosen;
  }

  /** Puts every movable meeting where `slotOf` says. */
  private load(slotOf: Int32Array): void {
    for (let m = 0; m < this.size; m++) if (!this.residual.fixed[m] && this.slotOf[m]! >= 0) this.remove(m);
    for (let m = 0; m < this.size; m++) if (!this.residual.fixed[m] && slotOf[m]! >= 0) this.place(m, slotOf[m]!);
  }

  /**
   * Moves that cost nothing: every meeting to its best-ranked slot that is free, until none can
   * move. Each move lowers one meeting's rank and no other's, so this ends.
   */
  settle(): void {
    const { slotStart } = this.residual;
    let moved = true;
    while (moved) {
      moved = false;
      for (let m = 0; m < this.size; m++) {
        if (this.residual.fixed[m]) continue;
        const now = this.slotOf[m]!;
        if (now === -1) {
          if (this.leftAt[m]! >= 0 && this.placeDirectly(m)) moved = true;
          continue;
        }
        const rank = this.rank(m, now);
        for (let k = slotStart[m]!; k < slotStart[m + 1]!; k++) {
          const slot = this.ordered[k]!;
          if (this.rank(m, slot) >= rank) break;
          if (this.canPlace(m, slot)) {
            this.move(m, slot);
            moved = true;
            break;
          }
        }
      }
    }
  }

  /**
   * Numbers the tables: fixed meetings, and meetings that stayed in their slot, keep their
   * table; the others take the lowest free tables, in input order.
   */
  tables(): (Placement | null)[] {
    const { currentSlot, currentTable } = this.model;
    const taken = Array.from({ length: this.slots }, () => new Set<number>());
    const placements: (Placement | null)[] = new Array<Placement | null>(this.size).fill(null);
    for (let m = 0; m < this.size; m++) {
      const slot = this.slotOf[m]!;
      if (slot >= 0 && slot === currentSlot[m]) {
        placements[m] = { slot, table: currentTable[m]! };
        taken[slot]!.add(currentTable[m]!);
      }
    }
    const nextFree = new Int32Array(this.slots);
    for (let m = 0; m < this.size; m++) {
      const slot = this.slotOf[m]!;
      if (slot < 0 || placements[m]) continue;
      const used = taken[slot]!;
      let table = nextFree[slot]!;
      while (used.has(table)) table++;
      nextFree[slot] = table + 1;
      placements[m] = { slot, table };
    }
    return placements;
  }
}
