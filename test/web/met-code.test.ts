import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MEET_CODE_ALPHABET, parseMeetCode } from '../../src/web/met-code.js';

const code = fc.string({ unit: fc.constantFrom(...MEET_CODE_ALPHABET), minLength: 6, maxLength: 8 });

describe('reading a meet code from a scan or from typing', () => {
  it('takes the code from the end of a scanned link, on any host', () => {
    expect(parseMeetCode('https://example.org/e/abc/met/K7PQ3Z')).toBe('K7PQ3Z');
    expect(parseMeetCode('https://example.org/e/abc/met/K7PQ3Z/')).toBe('K7PQ3Z');
    expect(parseMeetCode('https://example.org/e/abc/met/K7PQ3Z?via=badge#top')).toBe('K7PQ3Z');
    expect(parseMeetCode('http://127.0.0.1:3000/e/3f1c2a9e-1d7b-4c55-9a8e-2f0b4d6c8a10/met/ABCD2345')).toBe('ABCD2345');
    expect(parseMeetCode('  https://cg.example/met/k7pq3z \n')).toBe('K7PQ3Z');
    expect(parseMeetCode('cg.example/e/abc/met/K7PQ3Z')).toBe('K7PQ3Z');
  });

  it('takes a code typed by a person: any case, spaces and dashes between groups', () => {
    expect(parseMeetCode('K7PQ3Z')).toBe('K7PQ3Z');
    expect(parseMeetCode(' k7p q3z ')).toBe('K7PQ3Z');
    expect(parseMeetCode('K7P-Q3Z')).toBe('K7PQ3Z');
    expect(parseMeetCode('abcd–2345')).toBe('ABCD2345');
    expect(parseMeetCode('ABC\u00a0D23')).toBe('ABCD23');
  });

  it('refuses what is not a code', () => {
    for (const text of [
      '',
      '   ',
      'K7PQ3', // too short
      'K7PQ3ZABC', // too long
      'K7PQ3O', // O is not in the alphabet (nor 0, 1, I, L)
      'K7PQ30',
      'ILL123',
      'K7PQ3Z!',
      'K7_PQ3Z',
      'https://example.org/e/abc/met/',
      'https://example.org/e/abc/met/K7PQ3O',
      'https://example.org/e/abc/met/K7PQ3Z/extra',
      'https://example.org/e/abc/K7PQ3Z',
      'https://example.org/?next=/met/K7PQ3Z',
      'javascript:alert(1)//met/K7PQ3Z',
      'ftp://example.org/met/K7PQ3Z',
      'https://example.org/met/%E0%A4%A',
      'WIFI:S:cafe;T:WPA;P:secret;;',
    ]) {
      expect(parseMeetCode(text), text).toBeNull();
    }
  });

  it('reads back any code embedded in a link, with or without trailing slash and query', () => {
    fc.assert(
      fc.property(
        code,
        fc.webUrl({ withQueryParameters: false, withFragments: false }),
        fc.uuid(),
        fc.boolean(),
        fc.option(fc.webQueryParameters(), { nil: undefined }),
        (met, base, eventId, slash, query) => {
          const link = `${base.replace(/\/+$/, '')}/e/${eventId}/met/${met}${slash ? '/' : ''}${query === undefined ? '' : `?${query}`}`;
          expect(parseMeetCode(link)).toBe(met);
        },
      ),
    );
  });

  it('reads back any code typed in lowercase, with spaces or dashes anywhere', () => {
    fc.assert(
      fc.property(
        code,
        fc.array(fc.constantFrom('', ' ', '-', '  ', ' - ', '\t'), { minLength: 10, maxLength: 10 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        (met, gaps, lower) => {
          const chars = [...met].map((c, i) => (lower[i] ? c.toLowerCase() : c));
          const typed = gaps[0] + chars.map((c, i) => c + gaps[i + 1]).join('');
          expect(parseMeetCode(typed)).toBe(met);
        },
      ),
    );
  });

  it('answers a well-formed code or nothing, whatever it is given', () => {
    const wellFormed = new RegExp(`^[${MEET_CODE_ALPHABET}]{6,8}$`);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.string({ unit: 'grapheme' })), (text) => {
        const parsed = parseMeetCode(text);
        expect(parsed === null || wellFormed.test(parsed)).toBe(true);
      }),
    );
  });
});
