import type { PostingRows, PreparedEvent, Rows, ScoringTables } from './prepare.js';
import { commonGroundOf, pairScore } from './score.js';
import type { Exclusions, Match } from './types.js';

/** Person numbers never suggested to one viewer: `hidden(other)` is true for them. */
export type HiddenTest = (other: number) => boolean;

/**
 * The best `size` people seen so far, best first: higher score, then lower person number. Small
 * (ten or so), so a sorted array beats a heap.
 */
class Leaderboard {
  readonly people: Int32Array;
  readonly scores: Float64Array;
  count = 0;

  constructor(readonly size: number) {
    this.people = new Int32Array(size);
    this.scores = new Float64Array(size);
  }

  reset(): void {
    this.count = 0;
  }

  /** The score a newcomer must reach to enter (ties go to the lower number); 0 until full. */
  get threshold(): number {
    return this.count < this.size ? 0 : this.scores[this.size - 1]!;
  }

  offer(person: number, score: number): void {
    if (!(score > 0) || this.size === 0) return;
    let position = this.count;
    while (position > 0) {
      const above = this.scores[position - 1]!;
      if (above > score || (above === score && this.people[position - 1]! < person)) break;
      position--;
    }
    if (position >= this.size) return;
    const last = Math.min(this.count, this.size - 1);
    for (let i = last; i > position; i--) {
      this.people[i] = this.people[i - 1]!;
      this.scores[i] = this.scores[i - 1]!;
    }
    this.people[position] = person;
    this.scores[position] = score;
    if (this.count < this.size) this.count++;
  }
}

/** Bounds are inflated by this much so that rounding in sums never prunes a tie. */
const SLACK = 1 + 1e-9;
/** A list shorter than this is read rather than weighed against a threshold check. */
const SHORT_LIST = 4096;
/** Threshold raises per query: each scans everyone seen, and the first ones raise it most. */
const MAX_CHECKS = 2;
/** A check scores this many times `top` of the people with the highest bounds so far. */
const LEADER_FACTOR = 2;

const enum ListKind {
  Holders = 0,
  Offerers = 1,
  Seekers = 2,
}

/**
 * Finds one person's best matches without scoring everyone: an inverted index from terms to
 * people, read from the rarest (heaviest) terms down, stopping once the terms left cannot lift
 * anyone not yet seen above the current tenth best — common interests shared by half the room
 * are then never read. Candidates seen are scored exactly with `pairScore`, so the result is the
 * same as scoring every pair. Holds scratch space: one per thread, reused for every query.
 */
export class MatchFinder {
  private readonly bound: Float64Array;
  private readonly exact: Float64Array;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly relatedBound: Float64Array;
  private readonly relatedSeen: Int32Array;
  private readonly queryKind: Int32Array;
  private readonly queryTerm: Int32Array;
  private readonly queryCoefficient: Float64Array;
  private readonly queryBound: Float64Array;
  private readonly queryOrder: Int32Array;
  /** Suffix sums of the query's coefficients, in reading order. */
  private readonly remainingCoefficient: Float64Array;
  /** Per bit of the common-interest mask, the coefficient of its list when it was cut short. */
  private readonly cutCoefficient: Float64Array;
  private readonly candidates: Leaderboard;
  private readonly shortList: number;
  private readonly eager: boolean;
  /** Postings read and pairs scored by the last query: for tests and benchmarks. */
  postingsRead = 0;
  pairsScored = 0;
  /** Times the last query raised its threshold (it limits them), and seen people whose bound it completed. */
  checks = 0;
  completions = 0;

  /**
   * `tuning` is for tests: `shortList` — lists shorter than this are read without first raising
   * the threshold; `eager` — raise it before every list. Both make small events prune.
   */
  constructor(
    private readonly tables: ScoringTables,
    private readonly top: number,
    tuning: { shortList?: number; eager?: boolean } = {},
  ) {
    this.shortList = tuning.shortList ?? SHORT_LIST;
    this.eager = tuning.eager ?? false;
    const { people, terms } = tables;
    this.bound = new Float64Array(people);
    this.exact = new Float64Array(people).fill(-1);
    this.touched = new Int32Array(people);
    this.relatedBound = new Float64Array(terms);
    this.relatedSeen = new Int32Array(terms);
    // A query reads each of the viewer's terms in up to three ways, plus related terms.
    const most = Math.max(1, terms * 3);
    this.queryKind = new Int32Array(most);
    this.queryTerm = new Int32Array(most);
    this.queryCoefficient = new Float64Array(most);
    this.queryBound = new Float64Array(most);
    this.queryOrder = new Int32Array(most);
    this.remainingCoefficient = new Float64Array(most + 1);
    this.cutCoefficient = new Float64Array(32);
    this.candidates = new Leaderboard(top);
  }

  private listOf(kind: number): { rows: PostingRows; topDamping: Float64Array } {
    const { tables } = this;
    if (kind === ListKind.Holders) return { rows: tables.holders, topDamping: tables.holdersTopDamping };
    if (kind === ListKind.Offerers) return { rows: tables.offerers, topDamping: tables.offerersTopDamping };
    return { rows: tables.seekers, topDamping: tables.seekersTopDamping };
  }

  /** The viewer's terms as lists to read, with what a person on each list can gain from it at most. */
  private buildQuery(viewer: number): number {
    const { tables } = this;
    const { interests, related, weight } = tables;
    let count = 0;
    const add = (kind: number, term: number, coefficient: number) => {
      this.queryKind[count] = kind;
      this.queryTerm[count] = term;
      this.queryCoefficient[count] = coefficient;
      this.queryBound[count] = coefficient * this.listOf(kind).topDamping[term]!;
      count++;
    };
    const own = interests.values.subarray(interests.start[viewer]!, interests.start[viewer + 1]!);
    for (const term of own) add(ListKind.Holders, term, weight[term]!);
    if (tables.relatedWeight > 0) {
      let seen = 0;
      for (const mine of own) {
        for (let k = related.start[mine]!; k < related.start[mine + 1]!; k++) {
          const theirs = related.values[k]!;
          if (own.includes(theirs)) continue;
          if (this.relatedBound[theirs] === 0) this.relatedSeen[seen++] = theirs;
          this.relatedBound[theirs]! += tables.relatedWeight * Math.min(weight[mine]!, weight[theirs]!);
        }
      }
      for (let i = 0; i < seen; i++) {
        const term = this.relatedSeen[i]!;
        add(ListKind.Holders, term, this.relatedBound[term]!);
        this.relatedBound[term] = 0;
      }
    }
    const { offers, needs, offerNeedWeight } = tables;
    for (let i = offers.start[viewer]!; i < offers.start[viewer + 1]!; i++) {
      const term = offers.values[i]!;
      add(ListKind.Seekers, term, offerNeedWeight * weight[term]!);
    }
    for (let i = needs.start[viewer]!; i < needs.start[viewer + 1]!; i++) {
      const term = needs.values[i]!;
      add(ListKind.Offerers, term, offerNeedWeight * weight[term]!);
    }
    const damping = tables.damping[viewer]!;
    for (let i = 0; i < count; i++) {
      this.queryCoefficient[i]! *= damping;
      this.queryBound[i]! *= damping;
      this.queryOrder[i] = i;
    }
    const order = this.queryOrder.subarray(0, count);
    order.sort((x, y) => this.queryBound[y]! - this.queryBound[x]! || x - y);
    this.remainingCoefficient[count] = 0;
    for (let i = count - 1; i >= 0; i--) {
      this.remainingCoefficient[i] = this.remainingCoefficient[i + 1]! + this.queryCoefficient[order[i]!]!;
    }
    return count;
  }

  private score(viewer: number, other: number): number {
    let known = this.exact[other]!;
    if (known < 0) {
      known = pairScore(this.tables, viewer, other);
      this.exact[other] = known;
      this.pairsScored++;
    }
    return known;
  }

  /** Scores the `top` candidates with the highest bounds, to raise the entry threshold early. */
  private scoreLeaders(viewer: number, hidden: HiddenTest | undefined): void {
    const leaders = new Leaderboard(this.top * LEADER_FACTOR);
    for (let i = 0; i < this.touchedCount; i++) {
      const person = this.touched[i]!;
      if (this.exact[person]! < 0 && !(hidden?.(person) ?? false)) leaders.offer(person, this.bound[person]!);
    }
    for (let i = 0; i < leaders.count; i++) {
      const person = leaders.people[i]!;
      this.candidates.offer(person, this.score(viewer, person));
    }
  }

  /** What the cut lists could add to a person's bound: one bit per list they are on. */
  private cutBound(person: number, cutMask: number): number {
    let bits = this.tables.commonMask[person]! & cutMask;
    let total = 0;
    while (bits !== 0) {
      const lowest = bits & -bits;
      total += this.cutCoefficient[31 - Math.clz32(lowest)]!;
      bits ^= lowest;
    }
    return total * this.tables.damping[person]!;
  }

  /**
   * The viewer's best `top` matches: person numbers and scores, best first (ties: lower number
   * first), only people with a score above 0 and not hidden from the viewer.
   */
  find(viewer: number, hidden?: HiddenTest): { people: Int32Array; scores: Float64Array } {
    const { tables, bound, touched, candidates } = this;
    const { damping } = tables;
    candidates.reset();
    this.touchedCount = 0;
    this.postingsRead = 0;
    this.pairsScored = 0;
    this.checks = 0;
    this.completions = 0;
    const count = this.buildQuery(viewer);
    let touchedCount = 0;
    let cutMask = 0;
    let cutTotal = 0;
    const { commonBit } = tables;
    for (let next = 0; next < count; next++) {
      const query = this.queryOrder[next]!;
      const kind = this.queryKind[query]!;
      const { rows } = this.listOf(kind);
      const term = this.queryTerm[query]!;
      const from = rows.start[term]!;
      const to = rows.start[term + 1]!;
      const values = rows.values;
      const listDamping = rows.damping;
      const length = to - from;
      const bit = kind === ListKind.Holders ? commonBit[term]! : -1;
      // Raising the threshold scans everyone seen so far: only before a long list that might be cut.
      if (bit >= 0 && length >= this.shortList && (this.eager || (length >= touchedCount && this.checks < MAX_CHECKS))) {
        this.touchedCount = touchedCount;
        this.scoreLeaders(viewer, hidden);
        this.checks++;
      }
      // Lists run from the highest damping down: past the point where even every list left
      // could not lift an unseen person to the threshold, only people already seen matter, and
      // their bounds are completed at the end from their masks of widely held interests.
      let end = to;
      const threshold = candidates.threshold;
      if (bit >= 0 && threshold > 0) {
        const least = threshold / (this.remainingCoefficient[next]! * SLACK);
        if (listDamping[from]! < least) end = from;
        else if (listDamping[to - 1]! < least) {
          let low = from;
          let high = to - 1;
          while (low < high) {
            const middle = (low + high) >>> 1;
            if (listDamping[middle]! < least) high = middle;
            else low = middle + 1;
          }
          end = low;
        }
      }
      const coefficient = this.queryCoefficient[query]!;
      if (end < to) {
        cutMask |= 1 << bit;
        this.cutCoefficient[bit] = coefficient;
        cutTotal += coefficient;
      }
      this.postingsRead += end - from;
      for (let i = from; i < end; i++) {
        const person = values[i]!;
        if (person === viewer) continue;
        const before = bound[person]!;
        if (before === 0) touched[touchedCount++] = person;
        bound[person] = before + coefficient * listDamping[i]!;
      }
    }
    this.touchedCount = touchedCount;
    const exact = this.exact;
    for (let i = 0; i < touchedCount; i++) {
      const person = touched[i]!;
      // Already scored people were offered when they were scored.
      if (exact[person]! >= 0) continue;
      let most = bound[person]!;
      const threshold = candidates.threshold;
      if (most * SLACK < threshold) {
        // Cheap test first: even every cut list together would not be enough.
        if (cutMask === 0 || (most + cutTotal * damping[person]!) * SLACK < threshold) continue;
        most += this.cutBound(person, cutMask);
        this.completions++;
        if (most * SLACK < threshold) continue;
      }
      if (!(hidden?.(person) ?? false)) candidates.offer(person, this.score(viewer, person));
    }
    for (let i = 0; i < touchedCount; i++) {
      const person = touched[i]!;
      bound[person] = 0;
      this.exact[person] = -1;
    }
    return {
      people: candidates.people.slice(0, candidates.count),
      scores: candidates.scores.slice(0, candidates.count),
    };
  }
}

/** The reference: every pair scored. Slow (all pairs); for tests and the benchmark's baseline. */
export function bruteForceMatches(
  tables: ScoringTables,
  viewer: number,
  top: number,
  hidden?: HiddenTest,
): { people: Int32Array; scores: Float64Array } {
  const board = new Leaderboard(top);
  for (let other = 0; other < tables.people; other++) {
    if (other === viewer || (hidden?.(other) ?? false)) continue;
    board.offer(other, pairScore(tables, viewer, other));
  }
  return { people: board.people.slice(0, board.count), scores: board.scores.slice(0, board.count) };
}

/** Exclusions by person number: typed arrays, so that worker threads get them cheaply. */
export interface HiddenTables {
  /** 1 for people who turned suggestions off. */
  readonly unsuggestable: Uint8Array;
  /** Per viewer, sorted people hidden from them. */
  readonly hidden: Rows;
}

export function hiddenTables(event: PreparedEvent, exclusions: Exclusions = {}): HiddenTables {
  const people = event.ids.length;
  const unsuggestable = new Uint8Array(people);
  for (const id of exclusions.unsuggestable ?? []) {
    const index = event.indexOf.get(id);
    if (index !== undefined) unsuggestable[index] = 1;
  }
  const lists: number[][] = Array.from({ length: people }, () => []);
  for (const [viewerId, others] of exclusions.hidden ?? []) {
    const viewer = event.indexOf.get(viewerId);
    if (viewer === undefined) continue;
    for (const id of others) {
      const index = event.indexOf.get(id);
      if (index !== undefined) lists[viewer]!.push(index);
    }
  }
  const start = new Int32Array(people + 1);
  let total = 0;
  lists.forEach((list, viewer) => {
    list.sort((a, b) => a - b);
    start[viewer] = total;
    total += list.length;
  });
  start[people] = total;
  const values = new Int32Array(total);
  lists.forEach((list, viewer) => values.set(list, start[viewer]));
  return { unsuggestable, hidden: { start, values } };
}

/** What one viewer may not be shown, as a test on person numbers. */
export function hiddenFrom(tables: HiddenTables, viewer: number): HiddenTest {
  const { unsuggestable, hidden } = tables;
  const from = hidden.start[viewer]!;
  const to = hidden.start[viewer + 1]!;
  if (from === to) return (other) => unsuggestable[other] === 1;
  const set = new Set(hidden.values.subarray(from, to));
  return (other) => unsuggestable[other] === 1 || set.has(other);
}

/** Everyone's best matches, as two flat arrays of `top` entries per person (-1 and 0 pad). */
export interface MatchTable {
  readonly top: number;
  readonly people: Int32Array;
  readonly scores: Float64Array;
}

/**
 * How to rank: the pruned index; the same index read in full (a plain inverted index); or every
 * pair scored. All three give the same result; the last two are baselines for the benchmark.
 */
export type RankingMethod = 'index' | 'plain-index' | 'brute-force';

/** Rankings for the viewers `from` ≤ viewer < `to`: what one thread computes. */
export function matchRange(
  tables: ScoringTables,
  exclusions: HiddenTables,
  top: number,
  from: number,
  to: number,
  method: RankingMethod = 'index',
): MatchTable {
  const finder =
    method === 'brute-force' ? undefined : new MatchFinder(tables, top, method === 'plain-index' ? { shortList: Infinity } : {});
  const people = new Int32Array((to - from) * top).fill(-1);
  const scores = new Float64Array((to - from) * top);
  for (let viewer = from; viewer < to; viewer++) {
    const hidden = hiddenFrom(exclusions, viewer);
    const found = finder ? finder.find(viewer, hidden) : bruteForceMatches(tables, viewer, top, hidden);
    people.set(found.people, (viewer - from) * top);
    scores.set(found.scores, (viewer - from) * top);
  }
  return { top, people, scores };
}

/** Everyone's best `top` matches on this thread. See `recommendEveryone` for both cores. */
export function rankEveryone(
  event: PreparedEvent,
  options: { top: number; exclusions?: Exclusions; method?: RankingMethod },
): MatchTable {
  return matchRange(event.tables, hiddenTables(event, options.exclusions), options.top, 0, event.ids.length, options.method);
}

/** One viewer's matches with their reasons, best first. `hide` says who must not be shown to them. */
export function recommendFor(
  event: PreparedEvent,
  viewerId: string,
  options: { top: number; hide?: (id: string) => boolean; finder?: MatchFinder },
): Match[] {
  const viewer = event.indexOf.get(viewerId);
  if (viewer === undefined) return [];
  const finder = options.finder ?? new MatchFinder(event.tables, options.top);
  const { hide } = options;
  const found = finder.find(viewer, hide ? (other) => hide(event.ids[other]!) : undefined);
  return matchesOf(event, viewer, found.people, found.scores);
}

/** Person numbers and scores to matches with ids and reasons. */
export function matchesOf(event: PreparedEvent, viewer: number, people: Int32Array, scores: Float64Array): Match[] {
  const matches: Match[] = [];
  for (let i = 0; i < people.length; i++) {
    const other = people[i]!;
    if (other < 0) break;
    matches.push({ id: event.ids[other]!, score: scores[i]!, reasons: commonGroundOf(event, viewer, other).reasons });
  }
  return matches;
}
