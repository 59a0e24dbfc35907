import type { PreparedEvent, Rows, ScoringTables } from './prepare.js';
import type { CommonGround, CommonGroundReason, PersonInterest } from './types.js';

function has(rows: Rows, row: number, value: number): boolean {
  let low = rows.start[row]!;
  let high = rows.start[row + 1]! - 1;
  const values = rows.values;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = values[middle]!;
    if (found === value) return true;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}

/** Sum of the weights of the terms in both sorted rows. */
function overlap(left: Rows, a: number, right: Rows, b: number, weight: Float64Array): number {
  let i = left.start[a]!;
  const iEnd = left.start[a + 1]!;
  let j = right.start[b]!;
  const jEnd = right.start[b + 1]!;
  let total = 0;
  while (i < iEnd && j < jEnd) {
    const x = left.values[i]!;
    const y = right.values[j]!;
    if (x === y) {
      total += weight[x]!;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return total;
}

/** Related pairs: an interest of `a` that `b` lacks, related to one of `b`'s that `a` lacks. */
function relatedOverlap(tables: ScoringTables, a: number, b: number): number {
  const { interests, related, weight } = tables;
  let total = 0;
  for (let i = interests.start[a]!; i < interests.start[a + 1]!; i++) {
    const mine = interests.values[i]!;
    if (has(interests, b, mine)) continue;
    for (let k = related.start[mine]!; k < related.start[mine + 1]!; k++) {
      const theirs = related.values[k]!;
      if (has(interests, b, theirs) && !has(interests, a, theirs)) total += Math.min(weight[mine]!, weight[theirs]!);
    }
  }
  return total;
}

/**
 * The common-ground score of two people (person numbers): shared interests weighted by rarity,
 * related interests, and offers meeting needs in both directions, toned down for very full
 * profiles. Symmetric to the last bit: it is always computed from the lower number's side.
 */
export function pairScore(tables: ScoringTables, first: number, second: number): number {
  if (first === second) return 0;
  const a = Math.min(first, second);
  const b = Math.max(first, second);
  const { weight } = tables;
  const shared = overlap(tables.interests, a, tables.interests, b, weight);
  const related = tables.relatedWeight > 0 ? relatedOverlap(tables, a, b) : 0;
  const offered =
    overlap(tables.offers, a, tables.needs, b, weight) + overlap(tables.offers, b, tables.needs, a, weight);
  const raw = shared + tables.relatedWeight * related + tables.offerNeedWeight * offered;
  return raw * (tables.damping[a]! * tables.damping[b]!);
}

const KIND_ORDER: Record<CommonGroundReason['kind'], number> = {
  'shared-interest': 0,
  'offer-meets-need': 1,
  'related-interests': 2,
};

function reasonKey(reason: CommonGroundReason): string {
  switch (reason.kind) {
    case 'shared-interest':
      return reason.interest;
    case 'related-interests':
      return `${reason.interests[0].interest}\u0000${reason.interests[1].interest}`;
    case 'offer-meets-need':
      return `${reason.topic}\u0000${reason.offeredBy}`;
  }
}

/** Strongest first; the order does not depend on which of the two people asks. */
function compareReasons(x: CommonGroundReason, y: CommonGroundReason): number {
  if (x.weight !== y.weight) return y.weight - x.weight;
  if (x.kind !== y.kind) return KIND_ORDER[x.kind] - KIND_ORDER[y.kind];
  const kx = reasonKey(x);
  const ky = reasonKey(y);
  return kx < ky ? -1 : kx > ky ? 1 : 0;
}

function termsOf(rows: Rows, person: number): Int32Array {
  return rows.values.subarray(rows.start[person]!, rows.start[person + 1]!);
}

/** The score of two people (by id) and every reason behind it. */
export function commonGroundBetween(event: PreparedEvent, firstId: string, secondId: string): CommonGround {
  const first = event.indexOf.get(firstId);
  const second = event.indexOf.get(secondId);
  if (first === undefined || second === undefined || first === second) return { score: 0, reasons: [] };
  return commonGroundOf(event, first, second);
}

/** The same as `commonGroundBetween`, by person number. */
export function commonGroundOf(event: PreparedEvent, first: number, second: number): CommonGround {
  const { tables, termNames, ids } = event;
  const a = Math.min(first, second);
  const b = Math.max(first, second);
  const pair = tables.damping[a]! * tables.damping[b]!;
  const { weight } = tables;
  const reasons: CommonGroundReason[] = [];
  const { interests } = tables;
  const aInterests = termsOf(interests, a);

  for (const term of aInterests) {
    if (!has(interests, b, term)) continue;
    reasons.push({
      kind: 'shared-interest',
      interest: termNames[term]!,
      peopleWithIt: event.holderCounts[term]!,
      weight: weight[term]! * pair,
    });
  }
  if (tables.relatedWeight > 0) {
    for (const mine of aInterests) {
      if (has(interests, b, mine)) continue;
      for (const theirs of termsOf(tables.related, mine)) {
        if (!has(interests, b, theirs) || has(interests, a, theirs)) continue;
        const sides: [PersonInterest, PersonInterest] = [
          { person: ids[a]!, interest: termNames[mine]! },
          { person: ids[b]!, interest: termNames[theirs]! },
        ];
        if (sides[0].person > sides[1].person) sides.reverse();
        reasons.push({
          kind: 'related-interests',
          interests: sides,
          weight: tables.relatedWeight * Math.min(weight[mine]!, weight[theirs]!) * pair,
        });
      }
    }
  }
  for (const [giver, taker] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const topic of termsOf(tables.offers, giver)) {
      if (!has(tables.needs, taker, topic)) continue;
      reasons.push({
        kind: 'offer-meets-need',
        offeredBy: ids[giver]!,
        soughtBy: ids[taker]!,
        topic: termNames[topic]!,
        offer: event.offerSentences[giver]!.get(topic) ?? '',
        need: event.needSentences[taker]!.get(topic) ?? '',
        weight: tables.offerNeedWeight * weight[topic]! * pair,
      });
    }
  }
  reasons.sort(compareReasons);
  return { score: pairScore(tables, a, b), reasons };
}
