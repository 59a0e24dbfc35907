/** The letters a personal meet code is made of: no I, L, O, 0 or 1, which people misread. */
export const MEET_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

const CODE = new RegExp(`^[${MEET_CODE_ALPHABET}]{6,8}$`);
// What people put between groups when they type a code: spaces, and dashes of any kind
// (phones turn "-" into "–" or "—" as you type).
const SEPARATORS = /[\s\u2010-\u2015\u2212-]+/g;

function normalized(candidate: string): string | null {
  const code = candidate.replace(SEPARATORS, '').toUpperCase();
  return CODE.test(code) ? code : null;
}

function codeInLink(text: string): string | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:/i.test(text) ? text : `https://${text}`);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const match = /\/met\/([^/]+)\/*$/.exec(url.pathname);
  if (!match) return null;
  let segment: string;
  try {
    segment = decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
  return normalized(segment);
}

/**
 * The meet code in what a camera read or a person typed: a link whose path ends in
 * `/met/<CODE>` (any host, trailing slash and query allowed), or the code itself in any case,
 * with spaces or dashes. Null when it holds no well-formed code.
 */
export function parseMeetCode(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > 2048) return null;
  return trimmed.includes('/') ? codeInLink(trimmed) : normalized(trimmed);
}
