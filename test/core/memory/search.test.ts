import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldForSearch, matchesSearch, searchScore, type Searchable } from '../../../src/core/memory/search.js';

const jose: Searchable = {
  name: 'José Álvarez-Núñez',
  headline: 'Hardware founder at Ferrocarril Labs',
  note: 'Wants a co-founder who knows Rust.',
  caresAbout: 'Open source maintainers',
  tags: ['rust', 'hiring'],
  interests: ['Climbing', 'Heat pumps'],
  eventNames: ['Lisbon Tech Week'],
};

describe('foldForSearch', () => {
  it('lower-cases, drops accents, spells ß as ss and collapses whitespace', () => {
    expect(foldForSearch('  José\t ÁLVAREZ\n Straße  ')).toBe('jose alvarez strasse');
    expect(foldForSearch('Jose\u0301')).toBe('jose');
    expect(foldForSearch('Łódź Øresund Ærø ẞ')).toBe('lodz oresund aero ss');
    expect(foldForSearch('ﬁne ＡＢＣ')).toBe('fine abc');
    expect(foldForSearch('ΟΔΥΣΣΕΥΣ')).toBe('οδυσσευσ');
    expect(foldForSearch('')).toBe('');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        expect(foldForSearch(foldForSearch(text))).toBe(foldForSearch(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('matchesSearch', () => {
  it('finds names without their accents, by the start of any word', () => {
    for (const query of ['jose', 'JOSÉ', 'alv', 'nunez', 'jo nu', '  Jos  ']) expect(matchesSearch(query, jose), query).toBe(true);
    for (const query of ['ose', 'varez', 'josex']) expect(matchesSearch(query, jose), query).toBe(false);
  });

  it('looks in every field', () => {
    for (const query of ['clim', 'heat pump', 'ferro', 'co-found', 'maintain', 'lisbon week', 'hir']) expect(matchesSearch(query, jose), query).toBe(true);
  });

  it('wants every word of the query to match somewhere', () => {
    expect(matchesSearch('jose climbing', jose)).toBe(true);
    expect(matchesSearch('jose cooking', jose)).toBe(false);
  });

  it('looks only at tags for #tag', () => {
    expect(matchesSearch('#rust', jose)).toBe(true);
    expect(matchesSearch('#ru', jose)).toBe(true);
    expect(matchesSearch('#climbing', jose)).toBe(false);
    expect(matchesSearch('#jose', jose)).toBe(false);
    expect(matchesSearch('#hiring jose', jose)).toBe(true);
    const rustInNoteOnly: Searchable = { name: 'Bo', note: 'Loves Rust', tags: ['go'] };
    expect(matchesSearch('rust', rustInNoteOnly)).toBe(true);
    expect(matchesSearch('#rust', rustInNoteOnly)).toBe(false);
  });

  it('matches everyone for an empty query', () => {
    for (const query of ['', '   ', '#', '- ,']) expect(matchesSearch(query, { name: 'Bo' }), query).toBe(true);
  });

  it('takes missing fields as empty', () => {
    expect(matchesSearch('bo', { name: 'Bo' })).toBe(true);
    expect(matchesSearch('x', { name: 'Bo' })).toBe(false);
  });
});

describe('searchScore', () => {
  it('is 0 exactly when the person does not match', () => {
    expect(searchScore('cooking', jose)).toBe(0);
    expect(searchScore('jose', jose)).toBeGreaterThan(0);
  });

  it('ranks a match in the name above tags, tags above interests, interests above what they care about and the note', () => {
    const byName: Searchable = { name: 'Rosa Green' };
    const byTag: Searchable = { name: 'Ana', tags: ['green'] };
    const byInterest: Searchable = { name: 'Bo', interests: ['Green energy'] };
    const byCare: Searchable = { name: 'Chidi', caresAbout: 'green roofs' };
    const byNote: Searchable = { name: 'Dee', note: 'Greenhouse builder' };
    const scores = [byName, byTag, byInterest, byCare, byNote].map((person) => searchScore('gree', person));
    expect(scores.every((score) => score > 0)).toBe(true);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores.slice(0, 4)).size).toBe(4);
  });

  it('ranks a whole word above a word it only starts, but not above a better field', () => {
    expect(searchScore('green', { name: 'x', tags: ['green'] })).toBeGreaterThan(searchScore('green', { name: 'x', tags: ['greenhouse'] }));
    expect(searchScore('green', { name: 'Greenberg' })).toBeGreaterThan(searchScore('green', { name: 'x', tags: ['green'] }));
  });
});

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', 'B', 'é', 'ß', 'Σ', 'ﬁ', '-', '#', ' ', '\u0301'), maxLength: 40 }));
const person: fc.Arbitrary<Searchable> = fc.record(
  {
    name: anyText,
    headline: anyText,
    note: anyText,
    caresAbout: anyText,
    tags: fc.array(anyText, { maxLength: 3 }),
    interests: fc.array(anyText, { maxLength: 3 }),
    eventNames: fc.array(anyText, { maxLength: 2 }),
  },
  { requiredKeys: ['name'] },
);

/** The texts of a person's fields, as someone would type from them. */
function textsOf(someone: Searchable): string[] {
  return [someone.name, someone.headline, someone.note, someone.caresAbout, ...(someone.tags ?? []), ...(someone.interests ?? []), ...(someone.eventNames ?? [])].filter(
    (value): value is string => value !== undefined,
  );
}

describe('search, for any person', () => {
  it('matches a query made of the starts of words of one field', () => {
    fc.assert(
      fc.property(person, fc.nat(), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 4 }), (someone, fieldPick, picks) => {
        const texts = textsOf(someone);
        const words = texts[fieldPick % texts.length]!.split(/\s+/).filter(Boolean);
        fc.pre(words.length > 0);
        const prefixes = picks.map(([wordPick, length]) => {
          const chars = Array.from(words[wordPick % words.length]!);
          return chars.slice(0, 1 + (length % chars.length)).join('');
        });
        // A word that reads as `#tag` asks about tags alone.
        fc.pre(prefixes.every((prefix) => !foldForSearch(prefix).startsWith('#')));
        expect(matchesSearch(prefixes.join(' '), someone)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('never matches more people when a word is added to the query', () => {
    const query = fc.oneof(anyText, fc.constantFrom('a', 'b', 'e', '#a', '#b', 'ss', 'fi'));
    fc.assert(
      fc.property(fc.array(person, { minLength: 1, maxLength: 6 }), query, query, (people, before, word) => {
        const matchedAfter = people.filter((someone) => matchesSearch(`${before} ${word}`, someone));
        const matchedBefore = people.filter((someone) => matchesSearch(before, someone));
        for (const someone of matchedAfter) expect(matchedBefore).toContain(someone);
      }),
      { numRuns: 1000 },
    );
  });

  it('scores above 0 exactly for the people it matches, and scores everyone the same for an empty query', () => {
    fc.assert(
      fc.property(person, anyText, (someone, query) => {
        const score = searchScore(query, someone);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score > 0).toBe(matchesSearch(query, someone));
        expect(searchScore('', someone)).toBe(searchScore(' ', { name: '' }));
      }),
      { numRuns: 2000 },
    );
  });
});
