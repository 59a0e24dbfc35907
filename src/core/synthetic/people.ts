import { interestAliases } from '../interests/aliases.js';
import { createRandom, deriveSeed, type Random } from './random.js';
import {
  citySubjects,
  cities,
  emailDomains,
  generalHereFor,
  generalQuestions,
  groupFirstWords,
  groupSecondWords,
  interestQuestionForms,
  lifeHereForForms,
  lifeInterests,
  nameRegions,
  offerForms,
  personas,
  properInterestNames,
  seekingForms,
  subjectsByInterest,
  type NameRegion,
  type Persona,
} from './vocabulary.js';

export interface SyntheticPerson {
  /** Stable for a seed and position: 'p00042'. */
  id: string;
  name: string;
  /** At a reserved domain (example.org, .com, .net). */
  email: string;
  headline: string;
  bio: string;
  /** 3–8, mostly canonical names; about one in ten spelled the way people type them. */
  interests: string[];
  offers: string[];
  seeking: string[];
  /** Each ends with "?". */
  questions: string[];
  hereFor: string;
  /** Company or team, for about 30%; people who share one are colleagues. */
  group?: string;
}

interface Weighted<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
}

function weighted<T>(items: readonly T[], weights: readonly number[]): Weighted<T> {
  const cumulative = new Float64Array(items.length);
  let total = 0;
  items.forEach((_, index) => {
    total += weights[index] ?? 0;
    cumulative[index] = total;
  });
  return { items, cumulative };
}

/** Rank r gets weight 1/(r+1)^exponent: a few common items and a long tail. */
function byPopularity<T>(items: readonly T[], exponent: number): Weighted<T> {
  return weighted(
    items,
    items.map((_, rank) => 1 / (rank + 1) ** exponent),
  );
}

function pickWeighted<T>(random: Random, choice: Weighted<T>): T {
  const { cumulative, items } = choice;
  const target = random.next() * (cumulative[cumulative.length - 1] ?? 0);
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] ?? 0) > target) high = middle;
    else low = middle + 1;
  }
  return items[low] as T;
}

/** Up to `count` distinct items not in `taken`, favouring popular ones; adds them to `taken`. */
function pickDistinctWeighted(random: Random, choice: Weighted<string>, count: number, taken: Set<string>): string[] {
  const result: string[] = [];
  for (let attempt = 0; result.length < count && attempt < count * 20; attempt++) {
    const item = pickWeighted(random, choice);
    if (taken.has(item)) continue;
    taken.add(item);
    result.push(item);
  }
  return result;
}

const STUDENT = 'student';
const PARENTING = 'Parenting';
/** "a" before a consonant sound, "an" before a vowel: "an amateur radio buddy". */
export function withArticles(sentence: string): string {
  return sentence.replace(/\b([Aa])n? (?=(\p{L}))/gu, (_match, a: string, next: string) =>
    /[aeiouAEIOU]/.test(next) ? `${a}n ` : `${a} `,
  );
}

/** Life interests that read oddly in "Finding a … buddy" and the like. */
const NOT_FOR_HERE_FOR = new Set([PARENTING, 'Mental health', 'Volunteering', 'Sustainability', 'History']);

const personaChoice = weighted(
  personas,
  personas.map((persona) => persona.weight),
);
const regionChoice = weighted(
  nameRegions,
  nameRegions.map((region) => region.weight),
);
const lifeChoice = byPopularity(lifeInterests, 1);
const topicChoices = new Map<Persona, Weighted<string>>(
  personas.map((persona) => [persona, byPopularity(persona.topics, 0.9)]),
);

/** How an interest reads inside a sentence: "rock climbing", but "Rust" and "AI ethics". */
function readInSentence(interest: string): string {
  if (properInterestNames.has(interest)) return interest;
  const [first = '', ...rest] = interest.split(' ');
  if (/[A-Z0-9]/.test(first.slice(1)) || rest.some((word) => /[A-Z]/.test(word))) return interest;
  return interest.charAt(0).toLowerCase() + interest.slice(1);
}

const allInterests = new Set([...personas.flatMap((persona) => persona.topics), ...lifeInterests]);
const inSentenceByInterest = new Map([...allInterests].map((interest) => [interest, readInSentence(interest)]));

function inSentence(interest: string): string {
  return inSentenceByInterest.get(interest) ?? readInSentence(interest);
}

function fallbackSubjects(prefix: string): Map<string, readonly string[]> {
  return new Map(
    [...allInterests].map((interest) => [interest, subjectsByInterest[interest] ?? [`${prefix} ${inSentence(interest)}`]]),
  );
}

const workSubjects = fallbackSubjects('getting started with');
const lifeSubjects = fallbackSubjects('getting into');

function subjectsOf(interest: string, isWork: boolean): readonly string[] {
  return (isWork ? workSubjects : lifeSubjects).get(interest) ?? subjectsByInterest[interest] ?? [inSentence(interest)];
}

/** Roughly one interest in ten written the way people type: an alias, odd case or stray spaces. */
function spelling(random: Random, interest: string): string {
  if (!random.chance(0.1)) return interest;
  const aliases = interestAliases[interest];
  if (aliases && aliases.length > 0 && random.chance(0.6)) {
    const alias = random.pick(aliases);
    return alias.length <= 3 && random.chance(0.5) ? alias.toUpperCase() : alias;
  }
  return random.pick([interest.toLowerCase(), `${interest.toLowerCase()} `, interest.toUpperCase(), ` ${interest}  `]);
}

const SLUG_LETTERS: Readonly<Record<string, string>> = {
  ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};
const slugCache = new Map<string, string>();

/** "Nguyễn" → "nguyen", "de Vries" → "devries": ASCII letters only, for the local part of an email. */
function emailSlug(name: string): string {
  let slug = slugCache.get(name);
  if (slug === undefined) {
    slug = name
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[øæœßłđðþı]/g, (letter) => SLUG_LETTERS[letter] ?? '')
      .replace(/[^a-z]/g, '');
    slugCache.set(name, slug || 'guest');
  }
  return slug || 'guest';
}

function joinList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Group names by position: a seed-chosen bijection over word pairs, then a city suffix once the
 * pairs run out, so that distinct groups never share a name.
 */
function groupNamer(seed: number): (index: number) => string {
  const pairs = groupFirstWords.length * groupSecondWords.length;
  const random = createRandom(deriveSeed(seed, -1));
  let step = random.int(1, pairs - 1);
  while (greatestCommonDivisor(step, pairs) !== 1) step++;
  const offset = random.int(0, pairs - 1);
  return (index) => {
    const pair = (offset + step * (index % pairs)) % pairs;
    const base = `${groupFirstWords[pair % groupFirstWords.length]} ${groupSecondWords[Math.floor(pair / groupFirstWords.length)]}`;
    const round = Math.floor(index / pairs);
    if (round === 0) return base;
    const city = cities[(round - 1) % cities.length];
    return round <= cities.length ? `${base} ${city}` : `${base} ${city} ${round}`;
  };
}

function greatestCommonDivisor(a: number, b: number): number {
  return b === 0 ? a : greatestCommonDivisor(b, a % b);
}

function personName(random: Random): string {
  const region = pickWeighted(random, regionChoice);
  const familyRegion: NameRegion = random.chance(0.12) ? pickWeighted(random, regionChoice) : region;
  return `${random.pick(region.givenNames)} ${random.pick(familyRegion.familyNames)}`;
}

function headlineOf(random: Random, persona: Persona, city: string, group: string | undefined): string {
  const role = random.pick(persona.roles);
  if (group !== undefined && persona.id !== STUDENT && random.chance(0.4)) return `${role} at ${group}`;
  const place = random.pick(persona.workplaces).replaceAll('{city}', city);
  return place.startsWith('at ') ? `${role} ${place}` : `${role}, ${place}`;
}

function bioOf(random: Random, persona: Persona, city: string, work: readonly string[], life: readonly string[]): string {
  const about = random.pick(persona.about);
  const [firstWork = '', secondWork = firstWork] = work.map(inSentence);
  const lifeInSentence = life.map(inSentence);
  switch (random.int(0, 3)) {
    case 0:
      return `${about}, mostly around ${firstWork} and ${secondWork}.`;
    case 1:
      return `${about}. Outside work I'm into ${joinList(lifeInSentence)}.`;
    case 2:
      return `Based in ${city}. ${about}, lately with a lot of ${firstWork}.`;
    default:
      return `${about}. When I'm not working: ${lifeInSentence[0] ?? 'long walks'}.`;
  }
}

interface Subject {
  readonly text: string;
  readonly interest: string;
}

function offersOf(random: Random, city: string, work: readonly string[], life: readonly string[]): Subject[] {
  const topics = random.chance(0.25) ? [...work, ...life, city] : [...work, ...life];
  return random.sample(topics, Math.min(topics.length, random.int(1, 3))).map((interest) => {
    if (interest === city) return { text: random.pick(citySubjects).replaceAll('{city}', city), interest };
    return { text: random.pick(subjectsOf(interest, work.includes(interest))), interest };
  });
}

function seekingOf(
  random: Random,
  persona: Persona,
  city: string,
  interests: readonly string[],
  offered: readonly Subject[],
): Subject[] {
  const count = random.int(1, 3);
  const taken = new Set(offered.map((subject) => subject.text));
  const result: Subject[] = [];
  for (let attempt = 0; result.length < count && attempt < 30; attempt++) {
    const source = random.next();
    let subject: Subject;
    if (source < 0.35) {
      const interest = random.pick(interests);
      subject = { text: random.pick(subjectsOf(interest, persona.topics.includes(interest))), interest };
    } else if (source < 0.7) {
      const interest = pickWeighted(random, topicChoices.get(persona) ?? lifeChoice);
      subject = { text: random.pick(subjectsOf(interest, true)), interest };
    } else if (source < 0.9) {
      const interest = pickWeighted(random, lifeChoice);
      subject = { text: random.pick(subjectsOf(interest, false)), interest };
    } else {
      const elsewhere = random.pick(cities);
      if (elsewhere === city) continue;
      subject = { text: random.pick(citySubjects).replaceAll('{city}', elsewhere), interest: elsewhere };
    }
    if (taken.has(subject.text)) continue;
    taken.add(subject.text);
    result.push(subject);
  }
  if (result.length === 0) {
    // Offers about a place are about one's own city, so another city cannot repeat one.
    const elsewhere = cities[(cities.indexOf(city) + 1) % cities.length] ?? city;
    result.push({ text: random.pick(citySubjects).replaceAll('{city}', elsewhere), interest: elsewhere });
  }
  return result;
}

function questionsOf(random: Random, persona: Persona, city: string, interests: readonly string[]): string[] {
  const count = random.int(0, 3);
  const result = new Set<string>();
  for (let attempt = 0; result.size < count && attempt < 20; attempt++) {
    const source = random.next();
    if (source < 0.35) result.add(random.pick(persona.questions));
    else if (source < 0.65) {
      result.add(random.pick(interestQuestionForms).replaceAll('{interest}', inSentence(random.pick(interests))));
    } else result.add(random.pick(generalQuestions).replaceAll('{city}', city));
  }
  return [...result];
}

function hereForOf(random: Random, persona: Persona, city: string, life: readonly string[]): string {
  if (life.includes(PARENTING) && random.chance(0.5)) return `Meeting other parents who ${persona.doing}`;
  const source = random.next();
  if (source < 0.4) return random.pick(persona.hereFor);
  const shareable = life.filter((interest) => !NOT_FOR_HERE_FOR.has(interest));
  if (source < 0.65 && shareable.length > 0) {
    return capitalize(
      withArticles(
        random.pick(lifeHereForForms).replaceAll('{interest}', inSentence(random.pick(shareable))).replaceAll('{city}', city),
      ),
    );
  }
  return random.pick(generalHereFor).replaceAll('{city}', city);
}

function generatePerson(index: number, seed: number, groupName: (index: number) => string): SyntheticPerson {
  const random = createRandom(deriveSeed(seed, index));
  const persona = pickWeighted(random, personaChoice);
  const name = personName(random);
  const city = random.pick(cities);
  // Groups open as people are added, so early groups grow large and later ones stay small.
  const group = random.chance(0.3) ? groupName(random.int(0, 2 + Math.floor(index / 20))) : undefined;

  const taken = new Set<string>();
  const topics = topicChoices.get(persona) ?? lifeChoice;
  const work = pickDistinctWeighted(random, topics, random.int(2, 5), taken);
  const life = pickDistinctWeighted(random, lifeChoice, random.int(1, 3), taken);
  const interests = [...work, ...life];

  const offered = offersOf(random, city, work, life);
  const sought = seekingOf(random, persona, city, interests, offered);
  const [given = '', ...family] = name.split(' ');

  const person: SyntheticPerson = {
    id: `p${String(index).padStart(5, '0')}`,
    name,
    email: `${emailSlug(given)}.${emailSlug(family.join(' '))}${index}@${random.pick(emailDomains)}`,
    headline: headlineOf(random, persona, city, group),
    bio: bioOf(random, persona, city, work, life),
    interests: interests.map((interest) => spelling(random, interest)),
    offers: offered.map((subject) => random.pick(offerForms).replace('{subject}', subject.text)),
    seeking: sought.map((subject) => random.pick(seekingForms).replace('{subject}', subject.text)),
    questions: questionsOf(random, persona, city, interests),
    hereFor: hereForOf(random, persona, city, life),
  };
  if (group !== undefined) person.group = group;
  return person;
}

/**
 * `count` made-up attendees for tests, demos and benchmarks: the same seed always gives the
 * same people, and person i does not depend on how many come after it.
 */
export function generatePeople(count: number, seed: number): SyntheticPerson[] {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`generatePeople needs a count ≥ 0, not ${count}`);
  const groupName = groupNamer(seed);
  const people: SyntheticPerson[] = [];
  for (let index = 0; index < count; index++) people.push(generatePerson(index, seed, groupName));
  return people;
}
