/**
 * Who met whom at one event, as organizers may see it: the event's active members, the pairs of
 * them who met there, and how many of those were new connections. Names appear only for people
 * who said yes to being named; everyone else is "Attendee N", with no initials and no id.
 */

export type EncounterWay = 'meeting' | 'mixer' | 'scan' | 'tap';
export const encounterWays: readonly EncounterWay[] = ['meeting', 'mixer', 'scan', 'tap'];

export interface InsightsMember {
  /** Used to join members and encounters; never written into the picture. */
  id: string;
  name: string;
  role: 'organizer' | 'attendee';
  /** Said yes to "show my name in the organizers' who-met-whom picture". */
  named: boolean;
  interests: readonly string[];
}

export interface InsightsEncounter {
  a: string;
  b: string;
  way: EncounterWay;
  /** Milliseconds since the epoch. */
  metAt: number;
}

/** The first time a pair met anywhere but this event (milliseconds), for pairs who also met here. */
export interface MetElsewhere {
  a: string;
  b: string;
  firstMetAt: number;
}

export interface PersonInPicture {
  /** "Ana Lima", or "Attendee 17" ("Organizer 2") for someone not named. */
  label: string;
  /** "AL"; empty for someone not named. */
  initials: string;
  named: boolean;
  role: 'organizer' | 'attendee';
  /** Different people met at this event. */
  met: number;
  /** Of those, people met for the first time (see `isNewConnection`). */
  newlyMet: number;
}

export interface LinkInPicture {
  /** Indices into `people`, a < b. */
  a: number;
  b: number;
  /** Encounters of the two at this event (a meeting, a mixer and a scan make 3). */
  times: number;
  /** The ways they met, in the order of `encounterWays`. */
  ways: EncounterWay[];
  /** Their first encounter ever was at this event. */
  isNew: boolean;
}

export interface WhoMetWhom {
  people: PersonInPicture[];
  links: LinkInPicture[];
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Up to two letters: the first letters of the first and last words. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  if (words.length === 0) return '';
  const first = (word: string) => [...word.replace(/^[^\p{L}\p{N}]+/u, '')][0] ?? '';
  const letters = words.length === 1 ? first(words[0]!) : first(words[0]!) + first(words[words.length - 1]!);
  return letters.toUpperCase();
}

/**
 * A pair's connection at this event is new when neither met the other anywhere else before their
 * first encounter here: no encounter of the two in another event earlier than that (an encounter
 * elsewhere at the very same instant does not count as earlier). Later encounters elsewhere do
 * not matter; nor do introductions, which are not meeting in person.
 */
export function isNewConnection(firstHere: number, firstElsewhere: number | undefined): boolean {
  return firstElsewhere === undefined || firstElsewhere >= firstHere;
}

/**
 * The picture's people and links. Only encounters between two members count (someone who left
 * is in neither the picture nor the counts). People are ordered named ones first by name, then
 * the unnamed by id, numbered "Attendee 1", "Attendee 2", … ("Organizer 1", … for organizers) in
 * that order (ids are random, so the numbers tell nothing of who is who).
 */
export function whoMetWhom(
  members: readonly InsightsMember[],
  encounters: readonly InsightsEncounter[],
  metElsewhere: readonly MetElsewhere[] = [],
): WhoMetWhom {
  const byId = new Map<string, InsightsMember>();
  for (const member of members) if (!byId.has(member.id)) byId.set(member.id, member);
  const unique = [...byId.values()];
  const named = unique.filter((m) => m.named).sort((x, y) => compareText(x.name.toLowerCase(), y.name.toLowerCase()) || compareText(x.id, y.id));
  const unnamed = unique.filter((m) => !m.named).sort((x, y) => compareText(x.id, y.id));
  const ordered = [...named, ...unnamed];
  const indexOf = new Map(ordered.map((m, i) => [m.id, i]));

  const elsewhere = new Map<string, number>();
  for (const { a, b, firstMetAt } of metElsewhere) {
    const key = pairKey(a, b);
    elsewhere.set(key, Math.min(elsewhere.get(key) ?? Infinity, firstMetAt));
  }

  const pairs = new Map<string, { a: number; b: number; times: number; ways: Set<EncounterWay>; first: number }>();
  for (const encounter of encounters) {
    const x = indexOf.get(encounter.a);
    const y = indexOf.get(encounter.b);
    if (x === undefined || y === undefined || x === y) continue;
    const key = pairKey(encounter.a, encounter.b);
    const pair = pairs.get(key) ?? { a: Math.min(x, y), b: Math.max(x, y), times: 0, ways: new Set<EncounterWay>(), first: Infinity };
    pair.times++;
    pair.ways.add(encounter.way);
    pair.first = Math.min(pair.first, encounter.metAt);
    pairs.set(key, pair);
  }

  const met = new Array<number>(ordered.length).fill(0);
  const newlyMet = new Array<number>(ordered.length).fill(0);
  const links: LinkInPicture[] = [];
  for (const [key, pair] of pairs) {
    const isNew = isNewConnection(pair.first, elsewhere.get(key));
    met[pair.a]!++;
    met[pair.b]!++;
    if (isNew) {
      newlyMet[pair.a]!++;
      newlyMet[pair.b]!++;
    }
    links.push({ a: pair.a, b: pair.b, times: pair.times, ways: encounterWays.filter((way) => pair.ways.has(way)), isNew });
  }
  links.sort((x, y) => x.a - y.a || x.b - y.b);

  const numbers = { attendee: 0, organizer: 0 };
  const people = ordered.map((member, i): PersonInPicture => {
    const label = member.named
      ? member.name.trim() || 'Someone'
      : `${member.role === 'organizer' ? 'Organizer' : 'Attendee'} ${++numbers[member.role]}`;
    return {
      label,
      initials: member.named ? initialsOf(label) : '',
      named: member.named,
      role: member.role,
      met: met[i]!,
      newlyMet: newlyMet[i]!,
    };
  });
  return { people, links };
}
