/**
 * How badges fall on sheets of paper: the sizes on offer for each paper, where the grid sits on
 * the sheet, and which badges go on which page. Lengths are millimetres.
 */

export type Paper = 'a4' | 'letter';

export interface PaperSize {
  paper: Paper;
  label: string;
  /** The CSS `@page` size keyword. */
  cssSize: 'A4' | 'letter';
  widthMm: number;
  heightMm: number;
}

export const PAPERS: Record<Paper, PaperSize> = {
  a4: { paper: 'a4', label: 'A4', cssSize: 'A4', widthMm: 210, heightMm: 297 },
  letter: { paper: 'letter', label: 'US Letter', cssSize: 'letter', widthMm: 215.9, heightMm: 279.4 },
};

/** Home and office printers leave about 4 mm unprinted at each edge; no layout puts a badge there. */
export const MIN_MARGIN_MM = 6;

export interface BadgeLayout {
  /** Stable, for the address bar: `a4-8`, `letter-6`. */
  id: string;
  paper: Paper;
  columns: number;
  rows: number;
  badgeWidthMm: number;
  badgeHeightMm: number;
  /** What the organizer picks from, e.g. "8 a page, 95 × 65 mm". */
  label: string;
}

const INCH_MM = 25.4;

function layout(paper: Paper, columns: number, rows: number, width: number, height: number, size: string): BadgeLayout {
  return {
    id: `${paper}-${columns * rows}`,
    paper,
    columns,
    rows,
    badgeWidthMm: width,
    badgeHeightMm: height,
    label: `${columns * rows} a page, ${size}`,
  };
}

/**
 * Sizes that fit common badge holders: 8 to a sheet for the usual clip-on holders, 6 larger ones
 * for 4 × 3 in holders. Every one leaves room for a name read from two metres and a QR code of
 * about 28 mm, which a phone reads from arm's length.
 */
export const BADGE_LAYOUTS: readonly BadgeLayout[] = [
  layout('a4', 2, 4, 95, 65, '95 × 65 mm'),
  layout('a4', 2, 3, 98, 80, '98 × 80 mm'),
  layout('letter', 2, 4, 3.75 * INCH_MM, 2.5 * INCH_MM, '3¾ × 2½ in'),
  layout('letter', 2, 3, 4 * INCH_MM, 3 * INCH_MM, '4 × 3 in'),
];

export function layoutsFor(paper: Paper): BadgeLayout[] {
  return BADGE_LAYOUTS.filter((l) => l.paper === paper);
}

/** The layout of that id, else the first one of the paper (or of A4). */
export function findLayout(id: string | null | undefined, paper?: Paper): BadgeLayout {
  const found = BADGE_LAYOUTS.find((l) => l.id === id && (paper === undefined || l.paper === paper));
  return found ?? layoutsFor(paper ?? 'a4')[0]!;
}

export function perPage(layout: BadgeLayout): number {
  return layout.columns * layout.rows;
}

/** The page margins that centre the grid of badges on the sheet. */
export function sheetMargins(layout: BadgeLayout): { topMm: number; leftMm: number } {
  const paper = PAPERS[layout.paper];
  const round = (mm: number) => Math.floor(mm * 10) / 10;
  return {
    topMm: round((paper.heightMm - layout.rows * layout.badgeHeightMm) / 2),
    leftMm: round((paper.widthMm - layout.columns * layout.badgeWidthMm) / 2),
  };
}

/** Badges in pages of `size`, in the order given; every page but the last is full. */
export function paginate<T>(badges: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`a page holds at least one badge, not ${size}`);
  const pages: T[][] = [];
  for (let start = 0; start < badges.length; start += size) pages.push(badges.slice(start, start + size));
  return pages;
}
