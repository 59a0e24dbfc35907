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
