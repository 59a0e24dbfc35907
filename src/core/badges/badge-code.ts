/**
 * What a door scanner read, or someone typed, as a badge's code: the claim token itself, or the
 * whole claim link printed as the badge's QR code (`…/claim/<token>`, with or without a query or
 * fragment). Anything else is no code at all.
 */
export function badgeCodeOf(text: string): string | undefined {
  const trimmed = text.trim();
  const fromLink = /\/claim\/([^/?#\s]+)\/?(?:[?#].*)?$/.exec(trimmed);
  const code = fromLink ? decodeSegment(fromLink[1]!) : trimmed;
  return code !== undefined && BADGE_CODE.test(code) ? code : undefined;
}

/** Claim tokens are made by the database as hex; letters, digits, `-` and `_` leave room for other makers. */
const BADGE_CODE = /^[A-Za-z0-9_-]{16,128}$/;

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** How many characters of the badge's code are printed under its QR code, for the door to type. */
export const DOOR_CODE_LENGTH = 8;

/**
 * The start of a badge's code as printed for typing at the door, in two groups of four: "3F9A 21BC".
 * It checks someone in (organizers only) but claims nothing: the claim link needs the whole code.
 */
export function doorCodeOf(token: string): string {
  const start = token.slice(0, DOOR_CODE_LENGTH).toUpperCase();
  return `${start.slice(0, 4)} ${start.slice(4)}`.trim();
}

/**
 * What someone typed as a printed door code ("3f9a 21bc", "3F9A-21BC"), as the lower-case start of
 * a badge's code; undefined when it is not one.
 */
export function typedDoorCodeOf(text: string): string | undefined {
  const compact = text.replace(/[\s-]+/g, '').toLowerCase();
  return new RegExp(`^[0-9a-f]{${DOOR_CODE_LENGTH}}$`).test(compact) ? compact : undefined;
}
