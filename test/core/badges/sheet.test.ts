import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BADGE_LAYOUTS, findLayout, layoutsFor, MIN_MARGIN_MM, paginate, PAPERS, perPage, sheetMargins } from '../../../src/core/badges/sheet.js';

describe('badge layouts', () => {
  it('offers every paper at least one layout, with distinct ids', () => {
    expect(layoutsFor('a4').length).toBeGreaterThan(0);
    expect(layoutsFor('letter').length).toBeGreaterThan(0);
    expect(new Set(BADGE_LAYOUTS.map((l) => l.id)).size).toBe(BADGE_LAYOUTS.length);
  });

  it.each(BADGE_LAYOUTS.map((l) => [l.id, l] as const))('%s fits its paper with printable margins, centred', (_id, layout) => {
    const paper = PAPERS[layout.paper];
    const { topMm, leftMm } = sheetMargins(layout);
    expect(topMm).toBeGreaterThanOrEqual(MIN_MARGIN_MM);
    expect(leftMm).toBeGreaterThanOrEqual(MIN_MARGIN_MM);
    // Centred: the margins on both sides add up to what the grid leaves, within the rounding.
    expect(2 * topMm + layout.rows * layout.badgeHeightMm).toBeLessThanOrEqual(paper.heightMm);
    expect(paper.heightMm - (2 * topMm + layout.rows * layout.badgeHeightMm)).toBeLessThan(0.25);
    expect(paper.widthMm - (2 * leftMm + layout.columns * layout.badgeWidthMm)).toBeLessThan(0.25);
    // Room for a name, a headline, interests and a QR code of 28 mm.
    expect(layout.badgeWidthMm).toBeGreaterThanOrEqual(85);
    expect(layout.badgeHeightMm).toBeGreaterThanOrEqual(55);
  });

  it('says how many go on a page in its label', () => {
    for (const layout of BADGE_LAYOUTS) expect(layout.label).toMatch(new RegExp(`^${perPage(layout)} a page`));
  });

  it('finds a layout by id, and falls back to the paper’s first', () => {
    expect(findLayout('letter-6')).toMatchObject({ paper: 'letter', rows: 3, columns: 2 });
    expect(findLayout('a4-6', 'letter').id).toBe(layoutsFor('letter')[0]!.id);
    expect(findLayout('nonsense').id).toBe(layoutsFor('a4')[0]!.id);
    expect(findLayout(null, 'letter').paper).toBe('letter');
  });
});

describe('pages of badges', () => {
  it('keeps every badge once, in order, full pages but the last', () => {
    fc.assert(
      fc.property(fc.array(fc.uuid(), { maxLength: 200 }), fc.integer({ min: 1, max: 12 }), (badges, size) => {
        const pages = paginate(badges, size);
        expect(pages.flat()).toEqual(badges);
        expect(pages.length).toBe(Math.ceil(badges.length / size));
        pages.forEach((page, i) => {
          expect(page.length).toBeGreaterThan(0);
          if (i < pages.length - 1) expect(page.length).toBe(size);
          else expect(page.length).toBeLessThanOrEqual(size);
        });
      }),
    );
  });

  it('makes no page of nothing', () => {
    expect(paginate([], 8)).toEqual([]);
    expect(paginate(['a'], 8)).toEqual([['a']]);
    expect(() => paginate(['a'], 0)).toThrow(RangeError);
  });
});
