import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { prepareEvent, type Rows, type ScoringTables } from '../../../src/core/common-ground/prepare.js';
import { commonGroundBetween, pairScore } from '../../../src/core/common-ground/score.js';
import {
  bruteForceMatches,
  hiddenFrom,
  hiddenTables,
  MatchFinder,
  rankEveryone,
  recommendFor,
} from '../../../src/core/common-ground/recommend.js';
import type { CommonGroundProfile, InterestVocabulary } from '../../../src/core/common-ground/types.js';

/** A small vocabulary of its own, so that these tests do not depend on the shipped taxonomy. */
const POOL = [
  'Rock climbing',
  'Bouldering',
  'Beekeeping',
  'Gardening',
  'Rust',
  'Systems programming',
  'Jazz',
  'Running',
  'Trail running',
  'Photography',
  'Cooking',
  'Baking',
  'Chess',
  'Go',
  'Sailing',
];
const RELATED: [string, string][] = [
  ['Rock climbing', 'Bouldering'],
  ['Beekeeping', 'Gardening'],
  ['Rust', 'Systems programming'],
  ['Running', 'Trail running'],
  ['Cooking', 'Baking'],
  ['Chess', 'Go'],
];
const relatedOf = new Map<string, string[]>();
for (const [x, y] of RELATED) {
  relatedOf.set(x, [...(relatedOf.get(x) ?? []), y]);
  relatedOf.set(y, [...(relatedOf.get(y) ?? []), x]);
}
const vocabulary: InterestVocabulary = {
  knows: (name) => POOL.includes(name),
  related: (name) => relatedOf.get(name) ?? [],
  findInText: (text) => POOL.filter((name) => text.toLowerCase().includes(name.toLowerCase())),
};

const CUSTOM = ['Sea shanties', 'sea shanties', 'Kombucha'];
const interest = fc.constantFrom(...POOL, ...CUSTOM, 'JAZZ', ' rust ');
const sentence = (prefix: string) => interest.map((topic) => `${prefix} ${topic.trim().toLowerCase()}`);

function profilesArbitrary(maxPeople: number) {
  return fc
    .array(
      fc.record({
        interests: fc.array(interest, { maxLength: 6 }),
        offers: fc.array(sentence('Happy to show people'), { maxLength: 2 }),
        seeking: fc.array(sentence('Looking for tips on'), { maxLength: 2 }),
      }),
      { minLength: 2, maxLength: maxPeople },
    )
    .map((people) => people.map((person, index): CommonGroundProfile => ({ id: `u${index}`, ...person })));
}

describe('common-ground score', () => {
  it('is symmetric, with the same reasons in the same order from both sides', () => {
    fc.assert(
      fc.property(profilesArbitrary(12), (profiles) => {
        const event = prepareEvent(profiles, vocabulary);
        for (const a of profiles) {
          for (const b of profiles) {
            if (a === b) continue;
            const ab = commonGroundBetween(event, a.id, b.id);
            const ba = commonGroundBetween(event, b.id, a.id);
            expect(ab.score).toBe(ba.score);
            expect(ab.reasons).toEqual(ba.reasons);
          }
        }
      }),
    );
  });

  it('has a reason for every positive score, and its reasons add up to the score', () => {
    fc.assert(
      fc.property(profilesArbitrary(10), (profiles) => {
        const event = prepareEvent(profiles, vocabulary);
        for (const a of profiles) {
          for (const b of profiles) {
            if (a === b) continue;
            const { score, reasons } = commonGroundBetween(event, a.id, b.id);
            expect(score).toBeGreaterThanOrEqual(0);
            expect(reasons.length > 0).toBe(score > 0);
            const total = reasons.reduce((sum, reason) => sum + reason.weight, 0);
            expect(total).toBeCloseTo(score, 9);
          }
        }
      }),
    );
  });

  it('counts a rare shared interest above a common one', () => {
    const crowd = Array.from({ length: 30 }, (_, i) => ({ id: `c${i}`, interests: ['Running'] }));
    const profiles = [
      { id: 'a', interests: ['Beekeeping', 'Running'] },
      { id: 'b', interests: ['Beekeeping', 'Photography'] },
      { id: 'c', interests: ['Running', 'Photography'] },
      ...crowd,
    ];
    const event = prepareEvent(profiles, vocabulary);
    const rare = commonGroundBetween(event, 'a', 'b');
    const common = commonGroundBetween(event, 'a', 'c');
    expect(rare.score).toBeGreaterThan(common.score);
    expect(rare.reasons[0]).toMatchObject({ kind: 'shared-interest', interest: 'Beekeeping', peopleWithIt: 2 });
    expect(common.reasons[0]).toMatchObject({ kind: 'shared-interest', interest: 'Running', peopleWithIt: 32 });
  });

  it('gives related interests and offers meeting needs their own reasons', () => {
    const profiles = [
      { id: 'a', interests: ['Bouldering'], offers: ['Happy to show people sourdough baking'], seeking: [] },
      { id: 'b', interests: ['climbing'], offers: [], seeking: ['Looking for tips on baking bread'] },
      { id: 'c', interests: ['Chess'] },
    ];
    const event = prepareEvent(profiles, vocabulary);
    const { reasons } = commonGroundBetween(event, 'b', 'a');
    expect(reasons).toContainEqual(
      expect.objectContaining({
        kind: 'related-interests',
        interests: [
          { person: 'a', interest: 'Bouldering' },
          { person: 'b', interest: 'Rock climbing' },
        ],
      }),
    );
    expect(reasons).toContainEqual(
      expect.objectContaining({
        kind: 'offer-meets-need',
        offeredBy: 'a',
        soughtBy: 'b',
        topic: 'Baking',
        offer: 'Happy to show people sourdough baking',
        need: 'Looking for tips on baking bread',
      }),
    );
    expect(commonGroundBetween(event, 'a', 'c').score).toBe(0);
  });

  it('finds an unknown interest in sentences only when two people hold it and it is more than a filler word', () => {
    const people = (holders: string[]) => [
      ...holders.map((interest, i) => ({ id: `h${i}`, interests: [interest] })),
      { id: 'offer', interests: [], offers: ['Ask me anything about sea shanties'] },
      { id: 'need', interests: [], seeking: ['Tell me which sea shanties to learn'] },
    ];
    const shared = prepareEvent(people(['Sea shanties', 'sea shanties']), vocabulary);
    expect(commonGroundBetween(shared, 'offer', 'need').reasons).toEqual([
      expect.objectContaining({ kind: 'offer-meets-need', offeredBy: 'offer', soughtBy: 'need', topic: 'Sea shanties' }),
    ]);
    const alone = prepareEvent(people(['Sea shanties', 'Me']), vocabulary);
    expect(commonGroundBetween(alone, 'offer', 'need').score).toBe(0);
    const filler = prepareEvent(people(['Me', 'me', 'Ideas', 'ideas']), vocabulary);
    expect(commonGroundBetween(filler, 'offer', 'need').score).toBe(0);
  });

  it('matches two spellings of an interest it does not know, shown the same way to both', () => {
    const event = prepareEvent(
      [
        { id: 'a', interests: ['sea  shanties'] },
        { id: 'b', interests: ['Sea Shanties'] },
      ],
      vocabulary,
    );
    const { reasons } = commonGroundBetween(event, 'a', 'b');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toMatchObject({ kind: 'shared-interest' });
    const reversed = prepareEvent(
      [
        { id: 'b', interests: ['Sea Shanties'] },
        { id: 'a', interests: ['sea  shanties'] },
      ],
      vocabulary,
    );
    expect(commonGroundBetween(reversed, 'a', 'b').reasons).toEqual(reasons);
  });
});

/** How many postings a plain inverted index reads for one viewer: every list of every term. */
function totalPostings(tables: ScoringTables, viewer: number): number {
  const length = (rows: Rows, term: number) => rows.start[term + 1]! - rows.start[term]!;
  let total = 0;
  const own = tables.interests.values.subarray(tables.interests.start[viewer]!, tables.interests.start[viewer + 1]!);
  const related = new Set<number>();
  for (const term of own) {
    total += length(tables.holders, term);
    for (const other of tables.related.values.subarray(tables.related.start[term]!, tables.related.start[term + 1]!)) {
      if (!own.includes(other)) related.add(other);
    }
  }
  for (const term of related) total += length(tables.holders, term);
  for (const term of tables.offers.values.subarray(tables.offers.start[viewer]!, tables.offers.start[viewer + 1]!)) {
    total += length(tables.seekers, term);
  }
  for (const term of tables.needs.values.subarray(tables.needs.start[viewer]!, tables.needs.start[viewer + 1]!)) {
    total += length(tables.offerers, term);
  }
  return total;
}

describe('recommendations', () => {
  const exclusionsArbitrary = (people: number) =>
    fc.record({
      unsuggestable: fc.uniqueArray(fc.integer({ min: 0, max: people - 1 }), { maxLength: 3 }),
      hidden: fc.array(fc.tuple(fc.integer({ min: 0, max: people - 1 }), fc.integer({ min: 0, max: people - 1 })), {
        maxLength: people * 2,
      }),
    });

  it('finds with the index exactly what scoring every pair finds, and never anyone excluded', () => {
    let postingsRead = 0;
    let postingsInIndex = 0;
    fc.assert(
      fc.property(
        profilesArbitrary(40).chain((profiles) =>
          fc.tuple(fc.constant(profiles), exclusionsArbitrary(profiles.length), fc.integer({ min: 1, max: 8 })),
        ),
        ([profiles, picked, top]) => {
          const event = prepareEvent(profiles, vocabulary);
          const hidden = new Map<string, string[]>();
          for (const [viewer, other] of picked.hidden) {
            hidden.set(`u${viewer}`, [...(hidden.get(`u${viewer}`) ?? []), `u${other}`]);
          }
          const exclusions = { unsuggestable: picked.unsuggestable.map((i) => `u${i}`), hidden };
          const tables = hiddenTables(event, exclusions);
          const finder = new MatchFinder(event.tables, top, { shortList: 0, eager: true });
          for (let viewer = 0; viewer < profiles.length; viewer++) {
            const test = hiddenFrom(tables, viewer);
            const fast = finder.find(viewer, test);
            const slow = bruteForceMatches(event.tables, viewer, top, test);
            expect([...fast.people]).toEqual([...slow.people]);
            expect([...fast.scores]).toEqual([...slow.scores]);
            postingsRead += finder.postingsRead;
            postingsInIndex += totalPostings(event.tables, viewer);
            for (const other of fast.people) {
              expect(other).not.toBe(viewer);
              expect(picked.unsuggestable).not.toContain(other);
              expect(hidden.get(`u${viewer}`) ?? []).not.toContain(`u${other}`);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
    // The same results, without reading every list: otherwise the pruning was never tried.
    expect(postingsRead).toBeLessThan(postingsInIndex * 0.97);
  });

  it('ranks best first with ties to the earlier person, and only people with common ground', () => {
    fc.assert(
      fc.property(profilesArbitrary(25), (profiles) => {
        const event = prepareEvent(profiles, vocabulary);
        const table = rankEveryone(event, { top: 5 });
        for (let viewer = 0; viewer < profiles.length; viewer++) {
          let previous = { score: Infinity, person: -1 };
          for (let i = 0; i < 5; i++) {
            const person = table.people[viewer * 5 + i]!;
            if (person < 0) break;
            const score = table.scores[viewer * 5 + i]!;
            expect(score).toBe(pairScore(event.tables, viewer, person));
            expect(score).toBeGreaterThan(0);
            expect(score < previous.score || (score === previous.score && person > previous.person)).toBe(true);
            previous = { score, person };
          }
        }
      }),
    );
  });

  it('gives the same lists for the same input', () => {
    fc.assert(
      fc.property(profilesArbitrary(30), (profiles) => {
        const first = rankEveryone(prepareEvent(profiles, vocabulary), { top: 4 });
        const second = rankEveryone(prepareEvent(structuredClone(profiles), vocabulary), { top: 4 });
        expect([...first.people]).toEqual([...second.people]);
        expect([...first.scores]).toEqual([...second.scores]);
      }),
    );
  });

  it('says why for each person suggested, and leaves out who the caller hides', () => {
    const profiles = [
      { id: 'me', interests: ['Beekeeping', 'Jazz', 'Chess'] },
      { id: 'bee', interests: ['Beekeeping'] },
      { id: 'jazz', interests: ['Jazz'] },
      { id: 'go', interests: ['Go'] },
      { id: 'none', interests: ['Sailing'] },
    ];
    const event = prepareEvent(profiles, vocabulary);
    const all = recommendFor(event, 'me', { top: 10 });
    expect(all.map((match) => match.id).sort()).toEqual(['bee', 'go', 'jazz']);
    for (const match of all) expect(match.reasons.length).toBeGreaterThan(0);
    const hidden = recommendFor(event, 'me', { top: 10, hide: (id) => id === 'bee' });
    expect(hidden.map((match) => match.id)).not.toContain('bee');
    expect(recommendFor(event, 'stranger', { top: 10 })).toEqual([]);
  });
});
