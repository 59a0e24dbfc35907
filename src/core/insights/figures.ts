/**
 * The organizers' figures of one event: new connections, meetings, mixers' repeats and the
 * interests people share. Counts only: no figure names or points at anyone.
 */
import { interestKey, normalizeInterest } from '../interests/normalize.js';
import type { InsightsEncounter, InsightsMember, WhoMetWhom } from './who-met-whom.js';

export interface MeetingCounts {
  /** Every request to meet made at the event, whatever became of it. */
  requested: number;
  /** Requests the other said yes to. */
  accepted: number;
  /** Meetings the two confirmed they held (an encounter from the meeting). */
  held: number;
}

export interface MixerSeating {
  name: string;
  /** seats[round][position]: the table (from 0), or -1 for someone not there. */
  seats: readonly (readonly number[])[];
  /** Rounds sat so far, from the first; later rounds of the plan are left out. */
  roundsPlayed: number;
}

export interface MixerRepeats {
  name: string;
  roundsPlayed: number;
  /** Pairs who shared a table in at least one round played. */
  distinctPairs: number;
  /** Of those, pairs who shared a table in more than one round. */
  repeatedPairs: number;
  /** repeatedPairs / distinctPairs; null when nobody shared a table yet. */
  repeatRate: number | null;
}

export interface InterestHeld {
  interest: string;
  people: number;
}

export interface InterestInCommon {
  interest: string;
  /** Pairs who met at the event and both hold it. */
  pairs: number;
}

export interface InsightsFigures {
  /** Active members who attend (organizers are not counted here, though they are in the picture). */
  attendees: number;
  organizers: number;
  /** Pairs of members who met at the event. */
  pairsMet: number;
  /** Of those pairs, the ones meeting for the first time anywhere. */
  newPairs: number;
  attendeesWhoMet: number;
  attendeesWithNew: { atLeastOne: number; atLeastThree: number };
  meetings: MeetingCounts;
  mixers: { each: MixerRepeats[]; distinctPairs: number; repeatedPairs: number; repeatRate: number | null };
  interests: { mostHeld: InterestHeld[]; mostInCommon: InterestInCommon[] };
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How often pairs shared a table again, over the rounds played. */
export function mixerRepeats(mixer: MixerSeating): MixerRepeats {
  const played = mixer.seats.slice(0, Math.max(0, Math.floor(mixer.roundsPlayed)));
  const together = new Map<string, number>();
  for (const round of played) {
    const tables = new Map<number, number[]>();
    round.forEach((table, person) => {
      if (!(Number.isInteger(table) && table >= 0)) return;
      const list = tables.get(table);
      if (list) list.push(person);
      else tables.set(table, [person]);
    });
    for (const people of tables.values()) {
      for (let i = 0; i < people.length; i++) {
        for (let j = i + 1; j < people.length; j++) {
          const key = `${people[i]},${people[j]}`;
          together.set(key, (together.get(key) ?? 0) + 1);
        }
      }
    }
  }
  let repeatedPairs = 0;
  for (const times of together.values()) if (times > 1) repeatedPairs++;
  const distinctPairs = together.size;
  return { name: mixer.name, roundsPlayed: played.length, distinctPairs, repeatedPairs, repeatRate: distinctPairs === 0 ? null : repeatedPairs / distinctPairs };
}

/** Interests held by at least two members, most held first (ties by name), as normalization writes them. */
export function mostHeldInterests(members: readonly InsightsMember[], limit = 10): InterestHeld[] {
  const counts = new Map<string, { interest: string; people: number }>();
  for (const member of members) {
    for (const key of interestKeysOf(member, counts)) counts.get(key)!.people++;
  }
  return [...counts.values()]
    .filter((c) => c.people >= 2)
    .sort((x, y) => y.people - x.people || compareText(x.interest, y.interest))
    .slice(0, Math.max(0, limit));
}

/** The member's interests' keys, each once; `names` learns how each key is written. */
function interestKeysOf(member: InsightsMember, names: Map<string, { interest: string; people: number }>): Set<string> {
  const keys = new Set<string>();
  for (const written of member.interests) {
    const interest = normalizeInterest(written);
    const key = interestKey(interest);
    if (!key) continue;
    keys.add(key);
    if (!names.has(key)) names.set(key, { interest, people: 0 });
  }
  return keys;
}

/** Interests both people of a pair who met hold, by how many such pairs, most first. */
export function interestsInCommon(members: readonly InsightsMember[], encounters: readonly InsightsEncounter[], limit = 10): InterestInCommon[] {
  const names = new Map<string, { interest: string; people: number }>();
  const keysOf = new Map(members.map((m) => [m.id, interestKeysOf(m, names)]));
  const seen = new Set<string>();
  const pairs = new Map<string, number>();
  for (const { a, b } of encounters) {
    const key = a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
    const mine = keysOf.get(a);
    const theirs = keysOf.get(b);
    if (a === b || !mine || !theirs || seen.has(key)) continue;
    seen.add(key);
    for (const interest of mine) if (theirs.has(interest)) pairs.set(interest, (pairs.get(interest) ?? 0) + 1);
  }
  return [...pairs.entries()]
    .map(([key, count]) => ({ interest: names.get(key)!.interest, pairs: count }))
    .sort((x, y) => y.pairs - x.pairs || compareText(x.interest, y.interest))
    .slice(0, Math.max(0, limit));
}

export interface FiguresInput {
  members: readonly InsightsMember[];
  encounters: readonly InsightsEncounter[];
  picture: WhoMetWhom;
  meetings: MeetingCounts;
  mixers: readonly MixerSeating[];
}

export function insightsFigures(input: FiguresInput): InsightsFigures {
  const attendees = input.picture.people.filter((p) => p.role === 'attendee');
  const each = input.mixers.map(mixerRepeats);
  const distinctPairs = each.reduce((sum, m) => sum + m.distinctPairs, 0);
  const repeatedPairs = each.reduce((sum, m) => sum + m.repeatedPairs, 0);
  return {
    attendees: attendees.length,
    organizers: input.picture.people.length - attendees.length,
    pairsMet: input.picture.links.length,
    newPairs: input.picture.links.filter((l) => l.isNew).length,
    attendeesWhoMet: attendees.filter((p) => p.met > 0).length,
    attendeesWithNew: {
      atLeastOne: attendees.filter((p) => p.newlyMet >= 1).length,
      atLeastThree: attendees.filter((p) => p.newlyMet >= 3).length,
    },
    meetings: input.meetings,
    mixers: { each, distinctPairs, repeatedPairs, repeatRate: distinctPairs === 0 ? null : repeatedPairs / distinctPairs },
    interests: { mostHeld: mostHeldInterests(input.members), mostInCommon: interestsInCommon(input.members, input.encounters) },
  };
}
