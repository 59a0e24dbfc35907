import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { interestAliases } from '../../../src/core/interests/aliases.js';
import {
  MAX_INTEREST_LENGTH,
  interestKey,
  normalizeInterest,
  normalizeInterests,
  normalizePhrases,
} from '../../../src/core/interests/normalize.js';

const knownSpellings = Object.entries(interestAliases).flatMap(([canonical, aliases]) => [
  canonical,
  ...aliases,
]);

/** Text that looks like what people type: words, aliases, odd case, stray spaces and punctuation. */
const typedInterest = fc
  .array(
    fc.oneof(
      fc.constantFrom(...knownSpellings),
      fc.constantFrom('Rust', 'rust', 'AI ethics', 'iOS', 'NASA', 'x', 'Ä', 'ß', 'İstanbul', 'C#', 'C++', '😀'),
      fc.stringMatching(/^[a-zA-Z]{1,12}$/),
      fc.constantFrom(' ', '  ', '\t', '_', '-', '.', ',', ';', '\n', '#', '!', '"', '，', '；', '\u00a0', '\u3000'),
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''))
  .chain((text) =>
    fc.constantFrom(
      text,
      text.toUpperCase(),
      text.toLowerCase(),
      `  ${text}  `,
      text.replace(/ /g, '   '),
    ),
  );

/** Anything at all, including lone surrogates and combining marks. */
const anyText = fc.oneof(
  typedInterest,
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ maxLength: 200 }),
);

const textList = fc.array(anyText, { maxLength: 15 });

function isWellFormed(text: string): boolean {
  return !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

function casingAndSpacingVariants(text: string): string[] {
  return [
    text,
    text.toUpperCase(),
    text.toLowerCase(),
    `  ${text}\t`,
    text.replace(/ /g, '  '),
    text.replace(/ /g, '_'),
  ];
}

describe('interestKey', () => {
  it('ignores case, spacing and surrounding punctuation', () => {
    expect(interestKey('  Rock   CLIMBING! ')).toBe('rock climbing');
    expect(interestKey('#rust')).toBe('rust');
    expect(interestKey('machine_learning')).toBe('machine learning');
    expect(interestKey('"Jazz".')).toBe('jazz');
  });

  it('keeps characters that belong to a name', () => {
    expect(interestKey('C#')).toBe('c#');
    expect(interestKey('C++')).toBe('c++');
  });

  it('is a fixed point of itself', () => {
    fc.assert(fc.property(anyText, (text) => interestKey(interestKey(text)) === interestKey(text)));
  });
});

describe('normalizeInterest', () => {
  it('maps known aliases to their canonical name', () => {
    expect(normalizeInterest('JS')).toBe('JavaScript');
    expect(normalizeInterest('js')).toBe('JavaScript');
    expect(normalizeInterest(' machine   LEARNING ')).toBe('Machine learning');
    expect(normalizeInterest('ml')).toBe('Machine learning');
    expect(normalizeInterest('ML')).toBe('Machine learning');
    expect(normalizeInterest('machine-learning')).toBe('Machine learning');
    expect(normalizeInterest('k8s')).toBe('Kubernetes');
    expect(normalizeInterest('postgres')).toBe('PostgreSQL');
    expect(normalizeInterest('#climbing')).toBe('Rock climbing');
    expect(normalizeInterest('rock climbing ')).toBe('Rock climbing');
  });

  it('maps every alias and every canonical name to the canonical name', () => {
    for (const [canonical, aliases] of Object.entries(interestAliases)) {
      expect(normalizeInterest(canonical)).toBe(canonical);
      for (const alias of aliases) {
        for (const variant of casingAndSpacingVariants(alias)) expect(normalizeInterest(variant)).toBe(canonical);
      }
    }
  });

  it('writes unknown interests in sentence case but keeps acronyms and inner capitals', () => {
    expect(normalizeInterest('urban   sketching')).toBe('Urban sketching');
    expect(normalizeInterest('Urban Sketching')).toBe('Urban sketching');
    expect(normalizeInterest('AI ethics')).toBe('AI ethics');
    expect(normalizeInterest('iOS development')).toBe('iOS development');
    expect(normalizeInterest('GraphQL')).toBe('GraphQL');
  });

  it('lowers shouting', () => {
    expect(normalizeInterest('URBAN SKETCHING')).toBe('Urban sketching');
    expect(normalizeInterest('NASA')).toBe('NASA');
  });

  it('gives "" for text without an interest in it', () => {
    for (const text of ['', '   ', '\n\t', '...', '#', ' - ', '"" ']) expect(normalizeInterest(text)).toBe('');
  });

  it('cuts long text at a word boundary', () => {
    const long = 'the history and practice of very slow traditional woodworking in northern european villages';
    const interest = normalizeInterest(long);
    expect(interest.length).toBeLessThanOrEqual(MAX_INTEREST_LENGTH);
    expect(long.toLowerCase().startsWith(interest.toLowerCase())).toBe(true);
    expect(long.charAt(interest.length)).toBe(' ');
  });

  it('never ends a cut text with punctuation', () => {
    const text = `${'a'.repeat(30)} - ${'b'.repeat(40)}`;
    expect(normalizeInterest(text)).toBe(`A${'a'.repeat(29)}`);
  });

  it('never splits a character made of two code units', () => {
    const text = `${'a'.repeat(MAX_INTEREST_LENGTH - 1)}😀😀`;
    const interest = normalizeInterest(text);
    expect(interest.length).toBeLessThanOrEqual(MAX_INTEREST_LENGTH);
    expect(isWellFormed(interest)).toBe(true);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(anyText, (text) => normalizeInterest(normalizeInterest(text)) === normalizeInterest(text)), {
      numRuns: 2000,
    });
  });

  it('is idempotent on tricky cases', () => {
    for (const text of [
      'x ABCDE',
      'a1 FOOBAR',
      `artificial-intelligence ${'x'.repeat(50)}`,
      `ml ${'y'.repeat(70)}`,
      'ΐ',
      'ß'.repeat(70),
      `${'İ'.repeat(59)}`,
      'ŉ abc',
    ]) {
      const once = normalizeInterest(text);
      expect(normalizeInterest(once)).toBe(once);
      expect(once.length).toBeLessThanOrEqual(MAX_INTEREST_LENGTH);
    }
  });

  it('never returns more than MAX_INTEREST_LENGTH characters', () => {
    fc.assert(fc.property(anyText, (text) => normalizeInterest(text).length <= MAX_INTEREST_LENGTH), { numRuns: 2000 });
  });

  it('collapses case and spacing variants to one interest', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,10}( [a-z]{1,10}){0,3}$/), (text) => {
        const variants = casingAndSpacingVariants(text).map(normalizeInterest);
        return new Set(variants.map(interestKey)).size === 1;
      }),
    );
  });
});

describe('normalizeInterests', () => {
  it('keeps the first spelling, in the order given, without duplicates or empties', () => {
    expect(normalizeInterests(['Rust', ' rust ', 'JS', '', 'javascript', 'ml', 'Machine Learning', '  '])).toEqual([
      'Rust',
      'JavaScript',
      'Machine learning',
    ]);
  });

  it('splits entries on commas, semicolons and new lines', () => {
    expect(normalizeInterests(['jazz, hiking; k8s\nbees'])).toEqual(['Jazz', 'Hiking', 'Kubernetes', 'Beekeeping']);
  });

  it('splits on full-width commas and semicolons too', () => {
    expect(normalizeInterests(['jazz，hiking；bees'])).toEqual(['Jazz', 'Hiking', 'Beekeeping']);
  });

  it('collapses case and spacing variants', () => {
    expect(normalizeInterests(['Rock climbing', 'ROCK CLIMBING', 'rock  climbing', 'rock_climbing', 'climbing'])).toEqual([
      'Rock climbing',
    ]);
    expect(normalizeInterests(['urban sketching', 'URBAN SKETCHING', ' Urban  Sketching '])).toEqual(['Urban sketching']);
  });

  it('respects the limit, 30 by default', () => {
    const many = Array.from({ length: 50 }, (_, i) => `topic ${i}`);
    expect(normalizeInterests(many)).toHaveLength(30);
    expect(normalizeInterests(many, 3)).toEqual(['Topic 0', 'Topic 1', 'Topic 2']);
    expect(normalizeInterests(many, 0)).toEqual([]);
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(textList, fc.integer({ min: 0, max: 40 }), (list, limit) => {
        const once = normalizeInterests(list, limit);
        expect(normalizeInterests(once, limit)).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns distinct, non-empty, bounded interests within the limit', () => {
    fc.assert(
      fc.property(textList, fc.integer({ min: 0, max: 40 }), (list, limit) => {
        const result = normalizeInterests(list, limit);
        const keys = result.map(interestKey);
        expect(result.length).toBeLessThanOrEqual(limit);
        expect(new Set(keys).size).toBe(result.length);
        for (const [index, interest] of result.entries()) {
          expect(interest.trim()).not.toBe('');
          expect(keys[index]).not.toBe('');
          expect(interest.length).toBeLessThanOrEqual(MAX_INTEREST_LENGTH);
          expect(normalizeInterest(interest)).toBe(interest);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('preserves first-seen order', () => {
    fc.assert(
      fc.property(textList, (list) => {
        const result = normalizeInterests(list, Number.MAX_SAFE_INTEGER);
        const allParts = list.flatMap((entry) => normalizeInterests([entry], Number.MAX_SAFE_INTEGER));
        const firstSeen: string[] = [];
        const seen = new Set<string>();
        for (const interest of allParts) {
          const key = interestKey(interest);
          if (seen.has(key)) continue;
          seen.add(key);
          firstSeen.push(interest);
        }
        expect(result).toEqual(firstSeen);
      }),
    );
  });

  it('is a prefix of the unlimited result when limited', () => {
    fc.assert(
      fc.property(textList, fc.nat({ max: 20 }), (list, limit) => {
        const all = normalizeInterests(list, Number.MAX_SAFE_INTEGER);
        expect(normalizeInterests(list, limit)).toEqual(all.slice(0, limit));
      }),
    );
  });

  it('returns one interest for any mix of spellings of a known interest', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(interestAliases)),
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        (canonical, picks) => {
          const spellings = [canonical, ...(interestAliases[canonical] ?? [])];
          const list = picks.map((pick, i) => {
            const spelling = spellings[pick % spellings.length] ?? canonical;
            return casingAndSpacingVariants(spelling)[i % 6] ?? spelling;
          });
          expect(normalizeInterests(list)).toEqual([canonical]);
        },
      ),
    );
  });
});

describe('normalizePhrases', () => {
  it('trims, collapses spaces, drops empties and case-insensitive duplicates, in order', () => {
    expect(
      normalizePhrases(['  Advice on   moving to Berlin ', '', 'advice on moving to berlin', '\n', 'Intro to gardening'], 100, 10),
    ).toEqual(['Advice on moving to Berlin', 'Intro to gardening']);
  });

  it('cuts phrases to maxLength without trailing spaces', () => {
    expect(normalizePhrases(['Code review for Rust beginners'], 12, 5)).toEqual(['Code review']);
  });

  it('respects the limit, including 0', () => {
    expect(normalizePhrases(['a', 'b', 'c'], 10, 2)).toEqual(['a', 'b']);
    expect(normalizePhrases(['a', 'b', 'c'], 10, 0)).toEqual([]);
  });

  it('never splits a character made of two code units', () => {
    const [phrase] = normalizePhrases(['abc😀'], 4, 1);
    expect(phrase).toBe('abc');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(textList, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 12 }), (list, maxLength, limit) => {
        const once = normalizePhrases(list, maxLength, limit);
        expect(normalizePhrases(once, maxLength, limit)).toEqual(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('returns distinct, non-empty, bounded, well-formed phrases within the limit', () => {
    fc.assert(
      fc.property(textList, fc.integer({ min: 0, max: 120 }), fc.integer({ min: 0, max: 12 }), (list, maxLength, limit) => {
        const result = normalizePhrases(list, maxLength, limit);
        expect(result.length).toBeLessThanOrEqual(limit);
        expect(new Set(result.map((phrase) => phrase.toLowerCase())).size).toBe(result.length);
        for (const phrase of result) {
          expect(phrase).not.toBe('');
          expect(phrase).toBe(phrase.trim());
          expect(phrase).not.toMatch(/\s\s/);
          expect(phrase.length).toBeLessThanOrEqual(maxLength);
          if (list.every((entry) => isWellFormed(entry))) expect(isWellFormed(phrase)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('preserves first-seen order', () => {
    fc.assert(
      fc.property(textList, (list) => {
        const result = normalizePhrases(list, 1000, 1000);
        const singles = list.flatMap((entry) => normalizePhrases([entry], 1000, 1));
        const firstSeen = singles.filter(
          (phrase, index) => singles.findIndex((other) => other.toLowerCase() === phrase.toLowerCase()) === index,
        );
        expect(result).toEqual(firstSeen);
      }),
    );
  });
});

describe('aliases', () => {
  it('never gives one spelling two canonical names', () => {
    const owner = new Map<string, string>();
    for (const [canonical, aliases] of Object.entries(interestAliases)) {
      for (const spelling of [canonical, ...aliases]) {
        const key = interestKey(spelling);
        expect(key).not.toBe('');
        const previous = owner.get(key);
        if (previous !== undefined) expect(previous).toBe(canonical);
        owner.set(key, canonical);
      }
    }
  });

  it('has canonical names that are already normalized', () => {
    for (const canonical of Object.keys(interestAliases)) {
      expect(canonical.length).toBeLessThanOrEqual(MAX_INTEREST_LENGTH);
      expect(normalizeInterests([canonical])).toEqual([canonical]);
    }
  });
});
