import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { badgeCodeOf, doorCodeOf, typedDoorCodeOf } from '../../../src/core/badges/badge-code.js';

const TOKEN = '3f2a9c0d1e4b5a6978877665544332211ffeeddccbbaa00998877665544332211';

describe('a badge’s code from what was scanned or typed', () => {
  it('reads the token alone, and from the whole claim link', () => {
    expect(badgeCodeOf(TOKEN)).toBe(TOKEN);
    expect(badgeCodeOf(`  ${TOKEN}\n`)).toBe(TOKEN);
    expect(badgeCodeOf(`https://events.example.org/claim/${TOKEN}`)).toBe(TOKEN);
    expect(badgeCodeOf(`http://127.0.0.1:3000/claim/${TOKEN}/`)).toBe(TOKEN);
    expect(badgeCodeOf(`https://events.example.org/claim/${TOKEN}?utm_source=badge#top`)).toBe(TOKEN);
  });

  it('takes nothing else for a code', () => {
    for (const text of ['', '   ', 'hello', 'https://example.org/', `https://example.org/join/${TOKEN}extra/more`, 'https://example.org/claim/', 'https://example.org/claim/%E0%A4%A', `${TOKEN} ${TOKEN}`]) {
      expect(badgeCodeOf(text), text).toBeUndefined();
    }
    // A "we met" code of another screen, or a short word, is not a badge.
    expect(badgeCodeOf('https://example.org/e/1b2c/met/ABCD-1234')).toBeUndefined();
  });

  it('finds the token in any link that ends in /claim/<token>', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: false, withFragments: false }), fc.stringMatching(/^[a-f0-9]{64}$/), (base, token) => {
        expect(badgeCodeOf(`${base.replace(/\/+$/, '')}/claim/${token}`)).toBe(token);
      }),
    );
  });
});

describe('the door code printed under the QR code', () => {
  const token = fc.stringMatching(/^[0-9a-f]{64}$/);

  it('is the start of the badge’s code in two groups of four, and typed back in any case and spacing it is that start', () => {
    fc.assert(
      fc.property(token, fc.constantFrom(' ', '-', '', '  '), fc.boolean(), (code, gap, lower) => {
        const printed = doorCodeOf(code);
        expect(printed).toMatch(/^[0-9A-F]{4} [0-9A-F]{4}$/);
        const typed = (lower ? printed.toLowerCase() : printed).replace(' ', gap);
        expect(typedDoorCodeOf(` ${typed} `)).toBe(code.slice(0, 8));
      }),
    );
  });

  it('is not a whole badge code, so it claims nothing; and anything else is no door code', () => {
    expect(badgeCodeOf('3F9A21BC')).toBeUndefined();
    for (const text of ['3F9A 21B', '3F9A 21BC0', 'GHIJ KLMN', '', 'https://x.example/claim/3f9a21bc']) expect(typedDoorCodeOf(text), text).toBeUndefined();
  });
});
