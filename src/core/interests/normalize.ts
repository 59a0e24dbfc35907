import { interestAliases } from './aliases.js';

/** At most this many characters in one interest; longer text is cut at a word boundary. */
export const MAX_INTEREST_LENGTH = 60;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Control characters and invisible spaces count as spaces: PostgreSQL rejects NUL in text. */
const SPACE_LIKE = /[\s\p{Cc}\u200B\u2060]+/gu;
const SPACE_OR_UNDERSCORE = /[\s_]+/g;
const EDGE_PUNCTUATION = /^[\s#.,;:!?*"'`‘’“”«»¿¡-]+|[\s.,;:!?*"'`‘’“”«»¿¡-]+$/g;
/** Where one entry holds several interests. NFKC has already turned full-width forms into these. */
const INTEREST_SEPARATOR = /[,;\n\r\u2028\u2029、،؛]/;

/** Well-formed, NFKC, every run of spaces and control characters one space. */
function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, '').normalize('NFKC').replace(SPACE_LIKE, ' ');
}

function stripEdges(text: string): string {
  return text.replace(EDGE_PUNCTUATION, '').trim();
}

/** The key two interests are compared by: lower case, single spaces, no surrounding punctuation. */
export function interestKey(text: string): string {
  return stripEdges(cleanText(text).toLowerCase().normalize('NFKC').replace(SPACE_OR_UNDERSCORE, ' '));
}

const canonicalByKey = new Map<string, string>();
for (const [canonical, aliases] of Object.entries(interestAliases)) {
  canonicalByKey.set(interestKey(canonical), canonical);
  for (const alias of aliases) canonicalByKey.set(interestKey(alias), canonical);
}

/** The first `length` UTF-16 units of `text`, one fewer rather than half a surrogate pair. */
function cutAt(text: string, length: number): string {
  if (text.length <= length) return text;
  const end = Math.max(0, length);
  const cut = text.slice(0, end);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

function truncate(text: string, length: number): string {
  if (text.length <= length) return text;
  const cut = cutAt(text, length);
  if (text.charAt(cut.length) === ' ') return stripEdges(cut);
  const space = cut.lastIndexOf(' ');
  return stripEdges(space > 20 ? cut.slice(0, space) : cut);
}

function isShouting(text: string): boolean {
  return text.length > 5 && text === text.toUpperCase() && text !== text.toLowerCase();
}

/** Letters whose capital is several letters ("ß" → "SS", "ᾀ" → "ἈΙ") are left as they are. */
function upperFirst(word: string): string {
  const first = word.codePointAt(0);
  if (first === undefined) return word;
  const letter = String.fromCodePoint(first);
  const capital = letter.toUpperCase();
  return [...capital].length === 1 ? capital + word.slice(letter.length) : word;
}

function sentenceCase(text: string, keepInnerCapitals: boolean): string {
  const words = text.split(' ').map((word, index) => {
    if (keepInnerCapitals && /[A-Z]/.test(word.slice(1))) return word;
    const lower = word.toLowerCase();
    return index === 0 ? upperFirst(lower) : lower;
  });
  return words.join(' ').normalize('NFKC');
}

/**
 * Sentence case, keeping acronyms and inner capitals ("AI ethics", "iOS") unless the whole text
 * is shouted. Text that would come out looking shouted ("x ABCDE" → "X ABCDE") is treated as
 * shouted, or normalizing it again would change it.
 */
function writeCase(text: string): string {
  if (!isShouting(text)) {
    const kept = sentenceCase(text, true);
    if (!isShouting(kept)) return kept;
  }
  return sentenceCase(text, false);
}

/**
 * One interest as people should see it: a known alias becomes its canonical name ("JS" →
 * "JavaScript"); anything else keeps its words, in sentence case unless a word is written as
 * an acronym or with inner capitals ("AI ethics", "PostgreSQL"). Empty text gives "".
 * Normalizing a normalized interest changes nothing.
 */
export function normalizeInterest(text: string): string {
  const key = interestKey(text);
  if (!key) return '';
  const known = canonicalByKey.get(key);
  if (known) return known;
  const cleaned = stripEdges(cleanText(text).replace(SPACE_OR_UNDERSCORE, ' '));
  // Case mapping can lengthen text ("ß" → "SS"), so cut shorter until the result fits.
  let room = MAX_INTEREST_LENGTH;
  let shown = writeCase(truncate(cleaned, room));
  while (shown.length > MAX_INTEREST_LENGTH) {
    room -= shown.length - MAX_INTEREST_LENGTH;
    shown = writeCase(truncate(cleaned, room));
  }
  const shownKey = interestKey(shown);
  if (!shownKey) return '';
  return canonicalByKey.get(shownKey) ?? shown;
}

/**
 * A list of interests, normalized, without duplicates (compared case-insensitively, first one
 * kept) and without empties, in the order given, at most `limit` of them. Entries may hold
 * several interests separated by commas, semicolons or new lines.
 */
export function normalizeInterests(list: readonly string[], limit = 30): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const entry of list) {
    for (const part of entry.replace(LONE_SURROGATE, '').normalize('NFKC').split(INTEREST_SEPARATOR)) {
      if (result.length >= limit) return result;
      const interest = normalizeInterest(part);
      const key = interestKey(interest);
      if (!key || seen.has(key)) continue;
      seen.add(key);
      result.push(interest);
    }
  }
  return result;
}

/**
 * Short free-text items (what I can offer, what I am looking for, questions): trimmed, single
 * spaces, at most `maxLength` characters, no empties or case-insensitive duplicates, in the
 * order given, at most `limit` of them.
 */
export function normalizePhrases(list: readonly string[], maxLength: number, limit: number): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const entry of list) {
    if (result.length >= limit) break;
    const phrase = cutAt(cleanText(entry).trim(), maxLength).trim();
    const key = phrase.toLowerCase();
    if (!phrase || seen.has(key)) continue;
    seen.add(key);
    result.push(phrase);
  }
  return result;
}
