import { interestKey, normalizeInterest } from '../interests/normalize.js';
import {
  defaultWeights,
  type CommonGroundProfile,
  type CommonGroundWeights,
  type InterestVocabulary,
} from './types.js';

/**
 * Lists of integers per row in two arrays (compressed sparse rows): row r is
 * `values[start[r] .. start[r + 1])`. Plain typed arrays, so that worker threads get a copy
 * cheaply.
 */
export interface Rows {
  readonly start: Int32Array;
  readonly values: Int32Array;
}

/** Lists of people per term, with each person's damping beside them so a search reads it in order. */
export interface PostingRows extends Rows {
  readonly damping: Float64Array;
}

/**
 * An event made ready for scoring: people and topics ("terms": interests, and interests named in
 * offers and needs) as integers. Everything here is a number or a typed array.
 */
export interface ScoringTables {
  readonly people: number;
  readonly terms: number;
  /** Per person, sorted term numbers of their interests. */
  readonly interests: Rows;
  /** Per person, sorted terms their offers are about. */
  readonly offers: Rows;
  /** Per person, sorted terms their needs are about. */
  readonly needs: Rows;
  /** Per term, the people with it as an interest, by damping from high to low. */
  readonly holders: PostingRows;
  /** Per term, the people who offer it, by damping from high to low. */
  readonly offerers: PostingRows;
  /** Per term, the people who need it, by damping from high to low. */
  readonly seekers: PostingRows;
  /** Per term, sorted related terms present at the event. */
  readonly related: Rows;
  /** Per term, how much sharing it counts: ln(1 + people / people mentioning it). */
  readonly weight: Float64Array;
  /** Per person, the factor that tones down very full profiles. */
  readonly damping: Float64Array;
  /** Per term, the largest damping among its holders, offerers and seekers. */
  readonly holdersTopDamping: Float64Array;
  readonly offerersTopDamping: Float64Array;
  readonly seekersTopDamping: Float64Array;
  /**
   * Bit b of a person's mask: they hold the b-th most widely held interest (31 at most). Lets a
   * search skip those long lists and still complete a seen person's bound in a few steps.
   */
  readonly commonMask: Int32Array;
  /** Per term, its bit in `commonMask`, or -1. */
  readonly commonBit: Int8Array;
  readonly relatedWeight: number;
  readonly offerNeedWeight: number;
}

export interface PreparedEvent {
  readonly tables: ScoringTables;
  /** Person number → id, in the order given. */
  readonly ids: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Term number → how it is shown. */
  readonly termNames: readonly string[];
  /** Per person, term → the first offer sentence about it. */
  readonly offerSentences: readonly ReadonlyMap<number, string>[];
  /** Per person, term → the first need sentence about it. */
  readonly needSentences: readonly ReadonlyMap<number, string>[];
  /** Per term, how many people have it as an interest. */
  readonly holderCounts: Int32Array;
}

function rowsFrom(lists: readonly (readonly number[])[]): Rows {
  const start = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((list, row) => {
    start[row] = total;
    total += list.length;
  });
  start[lists.length] = total;
  const values = new Int32Array(total);
  lists.forEach((list, row) => values.set(list, start[row]));
  return { start, values };
}

/**
 * Inverts person → terms into term → people, each list ordered by damping from high to low
 * (then by number), which lets a search read only the start of a long list.
 */
function invert(byPerson: Rows, terms: number, damping: Float64Array): PostingRows {
  const counts = new Int32Array(terms + 1);
  for (let i = 0; i < byPerson.values.length; i++) counts[(byPerson.values[i] as number) + 1]!++;
  for (let t = 0; t < terms; t++) counts[t + 1]! += counts[t]!;
  const start = counts.slice();
  const fill = counts.slice(0, terms);
  const values = new Int32Array(byPerson.values.length);
  const people = byPerson.start.length - 1;
  for (let person = 0; person < people; person++) {
    for (let i = byPerson.start[person]!; i < byPerson.start[person + 1]!; i++) {
      const term = byPerson.values[i]!;
      values[fill[term]!++] = person;
    }
  }
  for (let t = 0; t < terms; t++) {
    const list = values.subarray(start[t]!, start[t + 1]!);
    list.sort((a, b) => damping[b]! - damping[a]! || a - b);
  }
  const listDamping = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) listDamping[i] = damping[values[i]!]!;
  return { start, values, damping: listDamping };
}

function topDamping(rows: Rows, damping: Float64Array): Float64Array {
  const terms = rows.start.length - 1;
  const top = new Float64Array(terms);
  for (let t = 0; t < terms; t++) {
    let best = 0;
    for (let i = rows.start[t]!; i < rows.start[t + 1]!; i++) best = Math.max(best, damping[rows.values[i]!]!);
    top[t] = best;
  }
  return top;
}

function median(values: Float64Array): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const MAX_WORDS_IN_CUSTOM_TOPIC = 5;
/** Shorter unknown interests ("me", "art") are not looked for inside sentences. */
const MIN_CUSTOM_TOPIC_LENGTH = 4;
/** Words of everyday sentences that say nothing about a topic on their own. */
const FILLER_WORDS: ReadonlySet<string> = new Set(
  (
    'about advice anything anyone chat chats coffee ideas idea feedback help helping people person work working ' +
    'things thing stuff tips talk talking meet meeting learn learning share sharing life time friends new good ' +
    'great more someone something everything experience projects project questions question stories story world ' +
    'with and the for from that this what your mine ours them they their other others'
  ).split(' '),
);
/** Bits of an Int32 used for the most widely held interests (not the sign bit). */
const COMMON_BITS = 31;

/**
 * Finds interests people typed that the vocabulary does not know ("sea shanties") inside
 * sentences, so that an offer about one meets a need about it.
 */
function customTopicFinder(keys: ReadonlySet<string>): (text: string) => string[] {
  if (keys.size === 0) return () => [];
  return (text) => {
    const words = interestKey(text.replace(/[.,;:!?()"“”]/g, ' ')).split(' ');
    const found: string[] = [];
    for (let from = 0; from < words.length; from++) {
      for (let length = Math.min(MAX_WORDS_IN_CUSTOM_TOPIC, words.length - from); length >= 1; length--) {
        const key = words.slice(from, from + length).join(' ');
        if (keys.has(key)) {
          found.push(key);
          from += length - 1;
          break;
        }
      }
    }
    return found;
  };
}

/**
 * Turns profiles into scoring tables. Interests are normalized (aliases → canonical names);
 * two spellings of the same unknown interest are one term. The result depends on the set of
 * profiles and their order only through person numbers: ties in rankings go to the earlier
 * person, so give profiles in a stable order (by id) when that matters.
 */
export function prepareEvent(
  profiles: readonly CommonGroundProfile[],
  vocabulary: InterestVocabulary,
  weights: CommonGroundWeights = defaultWeights,
): PreparedEvent {
  const people = profiles.length;
  const termOf = new Map<string, number>();
  const shownAs: string[] = [];
  const canonicalKeys: boolean[] = [];
  // People type the same few hundred interests: normalize each distinct spelling once.
  const keyOf = new Map<string, string>();
  const normalizedOf = new Map<string, string>();
  const keyFor = (name: string) => {
    let key = keyOf.get(name);
    if (key === undefined) keyOf.set(name, (key = interestKey(name)));
    return key;
  };
  const normalize = (raw: string) => {
    let name = normalizedOf.get(raw);
    if (name === undefined) normalizedOf.set(raw, (name = normalizeInterest(raw)));
    return name;
  };
  const term = (name: string, canonical: boolean): number => {
    const key = keyFor(name);
    let number = termOf.get(key);
    if (number === undefined) {
      number = shownAs.length;
      termOf.set(key, number);
      shownAs.push(name);
      canonicalKeys.push(canonical);
    } else if (canonical && !canonicalKeys[number]) {
      shownAs[number] = name;
      canonicalKeys[number] = true;
    } else if (!canonicalKeys[number] && name < shownAs[number]!) {
      // Two spellings of one unknown interest: show the same one whoever typed it first.
      shownAs[number] = name;
    }
    return number;
  };

  const ids: string[] = [];
  const indexOf = new Map<string, number>();
  const interestLists: number[][] = [];
  for (const profile of profiles) {
    if (indexOf.has(profile.id)) throw new Error(`Two profiles have the id ${profile.id}.`);
    indexOf.set(profile.id, ids.length);
    ids.push(profile.id);
    const own = new Set<number>();
    for (const raw of profile.interests) {
      const name = normalize(raw);
      if (name) own.add(term(name, false));
    }
    interestLists.push([...own].sort((a, b) => a - b));
  }
  // An interest the vocabulary does not know is looked for in sentences only when at least two
  // people hold it and it is more than a filler word: one person typing "me" or "ideas" as an
  // interest must not turn everyone's sentences into matches.
  const holding = new Int32Array(shownAs.length);
  for (const list of interestLists) for (const number of list) holding[number]!++;
  const customKeys = new Set<string>();
  termOf.forEach((number, key) => {
    if (vocabulary.knows(shownAs[number]!) || holding[number]! < 2) return;
    const words = key.split(' ');
    if (words.length > MAX_WORDS_IN_CUSTOM_TOPIC || key.length < MIN_CUSTOM_TOPIC_LENGTH) return;
    if (words.every((word) => FILLER_WORDS.has(word))) return;
    customKeys.add(key);
  });
  const findCustom = customTopicFinder(customKeys);

  const mentionsOf = new Map<string, readonly string[]>();
  const namesIn = (sentence: string) => {
    let names = mentionsOf.get(sentence);
    if (names === undefined) mentionsOf.set(sentence, (names = vocabulary.findInText(sentence)));
    return names;
  };
  const topicsOf = (sentences: readonly string[] | undefined) => {
    const found = new Map<number, string>();
    for (const sentence of sentences ?? []) {
      for (const name of namesIn(sentence)) {
        const number = term(name, true);
        if (!found.has(number)) found.set(number, sentence);
      }
      for (const key of findCustom(sentence)) {
        const number = termOf.get(key);
        if (number !== undefined && !found.has(number)) found.set(number, sentence);
      }
    }
    return found;
  };
  const offerSentences = profiles.map((profile) => topicsOf(profile.offers));
  const needSentences = profiles.map((profile) => topicsOf(profile.seeking));
  const sortedKeys = (map: ReadonlyMap<number, string>) => [...map.keys()].sort((a, b) => a - b);

  // Related interests are looked up once the event's terms are known.
  const relatedLists: number[][] = shownAs.map((name, number) => {
    const list: number[] = [];
    for (const other of vocabulary.related(name)) {
      const found = termOf.get(interestKey(other));
      if (found !== undefined && found !== number) list.push(found);
    }
    return [...new Set(list)].sort((a, b) => a - b);
  });
  const terms = shownAs.length;

  const interests = rowsFrom(interestLists);
  const offers = rowsFrom(offerSentences.map(sortedKeys));
  const needs = rowsFrom(needSentences.map(sortedKeys));

  // A term's rarity counts everyone who mentions it anywhere in their profile, once each.
  const mentions = new Int32Array(terms);
  const seenBy = new Int32Array(terms).fill(-1);
  for (let person = 0; person < people; person++) {
    for (const rows of [interests, offers, needs]) {
      for (let i = rows.start[person]!; i < rows.start[person + 1]!; i++) {
        const t = rows.values[i]!;
        if (seenBy[t] !== person) {
          seenBy[t] = person;
          mentions[t]!++;
        }
      }
    }
  }
  const weight = new Float64Array(terms);
  for (let t = 0; t < terms; t++) weight[t] = Math.log(1 + people / Math.max(1, mentions[t]!));

  const mass = new Float64Array(people);
  for (let person = 0; person < people; person++) {
    let total = 0;
    for (let i = interests.start[person]!; i < interests.start[person + 1]!; i++) total += weight[interests.values[i]!]!;
    for (const rows of [offers, needs]) {
      for (let i = rows.start[person]!; i < rows.start[person + 1]!; i++) {
        total += weights.offerNeed * weight[rows.values[i]!]!;
      }
    }
    mass[person] = total;
  }
  const typical = 1 + median(mass);
  const damping = new Float64Array(people);
  for (let person = 0; person < people; person++) damping[person] = (typical / (1 + mass[person]!)) ** weights.damping;

  const holders = invert(interests, terms, damping);
  const offerers = invert(offers, terms, damping);
  const seekers = invert(needs, terms, damping);
  const holderCounts = new Int32Array(terms);
  for (let t = 0; t < terms; t++) holderCounts[t] = holders.start[t + 1]! - holders.start[t]!;
  const commonBit = new Int8Array(terms).fill(-1);
  const widest = Array.from({ length: terms }, (_, t) => t)
    .sort((a, b) => holderCounts[b]! - holderCounts[a]! || a - b)
    .slice(0, COMMON_BITS);
  widest.forEach((term, bit) => (commonBit[term] = bit));
  const commonMask = new Int32Array(people);
  for (let person = 0; person < people; person++) {
    let mask = 0;
    for (let i = interests.start[person]!; i < interests.start[person + 1]!; i++) {
      const bit = commonBit[interests.values[i]!]!;
      if (bit >= 0) mask |= 1 << bit;
    }
    commonMask[person] = mask;
  }

  return {
    tables: {
      people,
      terms,
      interests,
      offers,
      needs,
      holders,
      offerers,
      seekers,
      related: rowsFrom(relatedLists),
      weight,
      damping,
      holdersTopDamping: topDamping(holders, damping),
      offerersTopDamping: topDamping(offerers, damping),
      seekersTopDamping: topDamping(seekers, damping),
      commonMask,
      commonBit,
      relatedWeight: weights.related,
      offerNeedWeight: weights.offerNeed,
    },
    ids,
    indexOf,
    termNames: shownAs,
    offerSentences,
    needSentences,
    holderCounts,
  };
}
