import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { interestKey, normalizeInterest, normalizeInterests } from '../../../src/core/interests/normalize.js';
import { createRandom, deriveSeed } from '../../../src/core/synthetic/random.js';
import { generatePeople, withArticles, type SyntheticPerson } from '../../../src/core/synthetic/people.js';
import {
  citySubjects,
  generalHereFor,
  generalQuestions,
  interestQuestionForms,
  lifeHereForForms,
  lifeInterests,
  nameRegions,
  offerForms,
  personas,
  seekingForms,
  subjectsByInterest,
} from '../../../src/core/synthetic/vocabulary.js';

/** Selling, hiring and investing have no place in what people offer, seek or come for. */
const PUSHY_WORD =
  /\b(sell|sells|selling|buy|buys|buying|hire|hires|hiring|recruit|recruits|recruiting|recruiter|invest|investing|investor|investors|investment|pitch|pitches|pitching|leads|sales)\b/i;

const RESERVED_EMAIL = /^[a-z]+\.[a-z]+\d+@example\.(org|com|net)$/;

function checkPerson(person: SyntheticPerson): void {
  expect(person.id).toMatch(/^p\d{5,}$/);
  expect(person.name.split(' ').length).toBeGreaterThanOrEqual(2);
  expect(person.email).toMatch(RESERVED_EMAIL);
  expect(person.headline.length).toBeGreaterThan(0);
  expect(person.bio).toMatch(/\.$/);
  expect(person.bio.split(/(?<=\.) /).length).toBeLessThanOrEqual(2);

  expect(person.interests.length).toBeGreaterThanOrEqual(3);
  expect(person.interests.length).toBeLessThanOrEqual(8);
  expect(normalizeInterests(person.interests)).toHaveLength(person.interests.length);

  for (const [list, min, max] of [
    [person.offers, 1, 3],
    [person.seeking, 1, 3],
    [person.questions, 0, 3],
  ] as const) {
    expect(list.length).toBeGreaterThanOrEqual(min);
    expect(list.length).toBeLessThanOrEqual(max);
    expect(new Set(list).size).toBe(list.length);
    for (const text of list) expect(text).toBe(text.trim());
  }
  for (const question of person.questions) expect(question.endsWith('?')).toBe(true);

  expect(person.hereFor.length).toBeGreaterThan(0);
  expect(person.hereFor).not.toMatch(/\n/);
  for (const text of [...person.offers, ...person.seeking, ...person.questions, person.hereFor, person.headline, person.bio]) {
    expect(text, text).not.toMatch(PUSHY_WORD);
    expect(text, text).not.toMatch(/[{}]/);
  }
  if (person.group !== undefined) expect(person.group.length).toBeGreaterThan(0);
  else expect('group' in person).toBe(false);
}

describe('createRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
    expect(draw(-1)).not.toEqual(draw(1));
  });

  it('starts seeds that differ in one bit far apart', () => {
    const firsts = new Set(Array.from({ length: 64 }, (_, i) => createRandom(i).next()));
    expect(firsts.size).toBe(64);
  });

  it('keeps every helper within its bounds', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -50, max: 50 }),
        fc.nat(60),
        fc.array(fc.nat(), { maxLength: 40 }),
        (seed, min, span, items) => {
          const random = createRandom(seed);
          const value = random.next();
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(1);
          const int = random.int(min, min + span);
          expect(Number.isInteger(int)).toBe(true);
          expect(int).toBeGreaterThanOrEqual(min);
          expect(int).toBeLessThanOrEqual(min + span);
          expect(random.chance(0)).toBe(false);
          expect(random.chance(1)).toBe(true);
          const before = items.slice();
          const shuffled = random.shuffle(items);
          expect(items).toEqual(before);
          expect(shuffled.slice().sort((a, b) => a - b)).toEqual(before.slice().sort((a, b) => a - b));
          if (items.length > 0) expect(items).toContain(random.pick(items));
          const positions = items.map((_, index) => index);
          const count = random.int(0, items.length);
          const sample = random.sample(positions, count);
          expect(sample).toHaveLength(count);
          expect(new Set(sample).size).toBe(count);
        },
      ),
    );
  });

  it('reaches both ends of int() and spreads next() evenly', () => {
    const random = createRandom(2024);
    const seen = new Set<number>();
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      seen.add(random.int(1, 6));
      const bucket = Math.floor(random.next() * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    expect([...seen].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(200);
  });

  it('refuses impossible requests', () => {
    const random = createRandom(1);
    expect(() => random.pick([])).toThrow(RangeError);
    expect(() => random.sample([1, 2], 3)).toThrow(RangeError);
    expect(() => random.int(3, 2)).toThrow(RangeError);
  });

  it('derives distinct seeds for distinct streams', () => {
    const seeds = new Set(Array.from({ length: 5000 }, (_, stream) => deriveSeed(42, stream)));
    expect(seeds.size).toBe(5000);
    for (const seed of seeds) expect(Number.isSafeInteger(seed)).toBe(true);
    expect(deriveSeed(42, 3)).toBe(deriveSeed(42, 3));
    expect(deriveSeed(42, 3)).not.toBe(deriveSeed(43, 3));
  });
});

describe('vocabulary', () => {
  const allInterests = [...new Set([...personas.flatMap((persona) => persona.topics), ...lifeInterests])];

  it('has many names from many regions', () => {
    const given = new Set(nameRegions.flatMap((region) => region.givenNames));
    const family = new Set(nameRegions.flatMap((region) => region.familyNames));
    expect(given.size).toBeGreaterThanOrEqual(150);
    expect(family.size).toBeGreaterThanOrEqual(150);
    expect(nameRegions.length).toBeGreaterThanOrEqual(8);
  });

  it('has at least twelve personas', () => {
    expect(new Set(personas.map((persona) => persona.id)).size).toBeGreaterThanOrEqual(12);
  });

  it('writes interests the way normalization writes them, each with its own key', () => {
    for (const interest of allInterests) expect(normalizeInterest(interest)).toBe(interest);
    expect(new Set(allInterests.map(interestKey)).size).toBe(allInterests.length);
    for (const interest of Object.keys(subjectsByInterest)) expect(allInterests).toContain(interest);
  });

  it('has no selling, hiring or investing language in any phrase', () => {
    const phrases = [
      ...Object.values(subjectsByInterest).flat(),
      ...citySubjects,
      ...offerForms,
      ...seekingForms,
      ...generalQuestions,
      ...interestQuestionForms,
      ...generalHereFor,
      ...lifeHereForForms,
      ...personas.flatMap((persona) => [...persona.hereFor, ...persona.questions, ...persona.about, persona.doing]),
    ];
    for (const phrase of phrases) expect(phrase, phrase).not.toMatch(PUSHY_WORD);
  });

  it('only has questions that end with a question mark', () => {
    const questions = [...generalQuestions, ...interestQuestionForms, ...personas.flatMap((persona) => persona.questions)];
    for (const question of questions) expect(question.endsWith('?'), question).toBe(true);
  });
});

describe('generatePeople', () => {
  it('gives the same people for the same seed', () => {
    expect(generatePeople(300, 42)).toEqual(generatePeople(300, 42));
  });

  it('gives other people for another seed', () => {
    const names = (seed: number) => generatePeople(50, seed).map((person) => person.name);
    expect(names(1)).not.toEqual(names(2));
  });

  it('keeps a person the same however many follow', () => {
    expect(generatePeople(1000, 9).slice(0, 40)).toEqual(generatePeople(40, 9));
  });

  it('gives unique ids and emails', () => {
    const people = generatePeople(5000, 3);
    expect(new Set(people.map((person) => person.id)).size).toBe(people.length);
    expect(new Set(people.map((person) => person.email)).size).toBe(people.length);
    expect(people[42]?.id).toBe('p00042');
  });

  it('returns nothing for 0 and refuses a negative or fractional count', () => {
    expect(generatePeople(0, 1)).toEqual([]);
    expect(() => generatePeople(-1, 1)).toThrow(RangeError);
    expect(() => generatePeople(1.5, 1)).toThrow(RangeError);
  });

  it('keeps every field within its bounds, for any seed and count', () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(25), (seed, count) => {
        const people = generatePeople(count, seed);
        expect(people).toHaveLength(count);
        for (const person of people) checkPerson(person);
        expect(new Set(people.map((person) => person.email)).size).toBe(count);
        expect(generatePeople(count, seed)).toEqual(people);
      }),
      { numRuns: 60 },
    );
  });

  describe('over a large crowd', () => {
    const people = generatePeople(3000, 2024);

    it('keeps every field within its bounds', () => {
      for (const person of people) checkPerson(person);
    });

    it('uses many names and all personas', () => {
      expect(new Set(people.map((person) => person.name.split(' ')[0])).size).toBeGreaterThan(120);
      expect(new Set(people.map((person) => person.name)).size).toBeGreaterThan(2000);
    });

    it('makes a few interests common and most of them rare', () => {
      const counts = new Map<string, number>();
      for (const person of people) {
        for (const interest of normalizeInterests(person.interests)) counts.set(interest, (counts.get(interest) ?? 0) + 1);
      }
      const sorted = [...counts.values()].sort((a, b) => b - a);
      const top = sorted[0] ?? 0;
      const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
      expect(sorted.length).toBeGreaterThan(150);
      expect(top).toBeGreaterThan(median * 10);
      expect(top / people.length).toBeGreaterThan(0.15);
      const rare = sorted.filter((count) => count <= people.length / 100);
      expect(rare.length).toBeGreaterThan(sorted.length * 0.4);
    });

    it('spells about one interest in ten the way people type, aliases included', () => {
      const raw = people.flatMap((person) => person.interests);
      const unusual = raw.filter((interest) => normalizeInterest(interest) !== interest);
      expect(unusual.length / raw.length).toBeGreaterThan(0.05);
      expect(unusual.length / raw.length).toBeLessThan(0.15);
      const aliases = unusual.filter((interest) => interestKey(interest) !== interestKey(normalizeInterest(interest)));
      expect(aliases.length).toBeGreaterThan(0);
    });

    it('has offers that meet what others are seeking', () => {
      const offers = new Set(people.flatMap((person) => person.offers));
      const seeking = people.flatMap((person) => person.seeking);
      const met = seeking.filter((need) => offers.has(need));
      expect(met.length / seeking.length).toBeGreaterThan(0.3);
      for (const person of people) {
        for (const need of person.seeking) expect(person.offers).not.toContain(need);
      }
    });

    it('puts about 30% in groups, and some groups have several colleagues', () => {
      const groups = new Map<string, number>();
      for (const person of people) if (person.group) groups.set(person.group, (groups.get(person.group) ?? 0) + 1);
      const grouped = [...groups.values()].reduce((sum, count) => sum + count, 0);
      expect(grouped / people.length).toBeGreaterThan(0.25);
      expect(grouped / people.length).toBeLessThan(0.35);
      expect(Math.max(...groups.values())).toBeGreaterThanOrEqual(5);
    });

    it('gives some people no questions and some three', () => {
      const sizes = new Set(people.map((person) => person.questions.length));
      expect(sizes).toContain(0);
      expect(sizes).toContain(3);
    });
  });
});

describe('withArticles', () => {
  it('writes "an" before a vowel and "a" before a consonant', () => {
    expect(withArticles('Finding a amateur radio buddy')).toBe('Finding an amateur radio buddy');
    expect(withArticles('Finding an cycling buddy in Lima')).toBe('Finding a cycling buddy in Lima');
    expect(withArticles('A open question about a idea')).toBe('An open question about an idea');
  });

  it('leaves no "a" before a vowel in anyone’s here-for line', () => {
    for (const person of generatePeople(2000, 11)) expect(person.hereFor).not.toMatch(/\b[Aa] [aeiouAEIOU]/);
  });
});
