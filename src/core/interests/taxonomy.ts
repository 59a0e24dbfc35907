import { interestKey } from './normalize.js';
import { properNames, taxonomy } from './taxonomy-data.js';

/**
 * Lookups over the interest taxonomy (taxonomy-data.ts), built once when this module loads:
 * canonical names, categories, related interests, and finding interests in a sentence.
 */

export interface InterestCategory {
  readonly id: string;
  readonly name: string;
}

const EMPTY: readonly string[] = Object.freeze([]);

/** Canonical name → its category, and canonical name itself for the fast path. */
const categoryByName = new Map<string, InterestCategory>();
/** interestKey of a canonical name or alias → canonical name. */
const canonicalByKey = new Map<string, string>();
const names: string[] = [];

export const interestCategories: readonly InterestCategory[] = Object.freeze(
  taxonomy.map((category) => Object.freeze({ id: category.id, name: category.name })),
);

for (const [index, category] of taxonomy.entries()) {
  const summary = interestCategories[index]!;
  for (const interest of category.interests) {
    names.push(interest.name);
    categoryByName.set(interest.name, summary);
    canonicalByKey.set(interestKey(interest.name), interest.name);
  }
}
for (const category of taxonomy) {
  for (const interest of category.interests) {
    for (const alias of interest.aliases ?? []) {
      const key = interestKey(alias);
      if (!canonicalByKey.has(key)) canonicalByKey.set(key, interest.name);
    }
  }
}
Object.freeze(names);

/** Every canonical interest name, in taxonomy order. */
export function taxonomyInterestNames(): readonly string[] {
  return names;
}

/** The canonical name for a canonical name or a known alias, compared by interestKey; else undefined. */
export function canonicalInterest(text: string): string | undefined {
  if (categoryByName.has(text)) return text;
  return canonicalByKey.get(interestKey(text));
}

/** The category of an interest (any known spelling), or undefined for an interest the taxonomy lacks. */
export function categoryOf(interest: string): InterestCategory | undefined {
  const canonical = canonicalInterest(interest);
  return canonical === undefined ? undefined : categoryByName.get(canonical);
}

const relatedByName = new Map<string, readonly string[]>();
{
  const sets = new Map<string, Set<string>>(names.map((name) => [name, new Set<string>()]));
  for (const category of taxonomy) {
    for (const interest of category.interests) {
      for (const other of interest.related ?? []) {
        if (other === interest.name || !sets.has(other)) continue;
        sets.get(interest.name)!.add(other);
        sets.get(other)!.add(interest.name);
      }
    }
  }
  for (const [name, set] of sets) {
    relatedByName.set(name, set.size === 0 ? EMPTY : Object.freeze([...set].sort(compareNames)));
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Interests close to this one (any known spelling), as canonical names, sorted: the related
 * lists of the taxonomy taken both ways. Empty for an unknown interest.
 */
export function relatedInterests(interest: string): readonly string[] {
  const canonical = canonicalInterest(interest);
  return canonical === undefined ? EMPTY : (relatedByName.get(canonical) ?? EMPTY);
}

/** Whether two interests are related. An interest is not related to itself. */
export function areRelated(a: string, b: string): boolean {
  const first = canonicalInterest(a);
  const second = canonicalInterest(b);
  if (first === undefined || second === undefined || first === second) return false;
  return relatedInterests(first).includes(second);
}

const properNameSet: ReadonlySet<string> = new Set(properNames);

/**
 * Whether an interest keeps its capitals in the middle of a sentence: a proper noun ("Spanish",
 * "Rust", "Dungeons & Dragons") or a name with capitals after its first letter ("AI ethics",
 * "PostgreSQL", "iOS development"). Other interests read in lower case ("rock climbing").
 */
export function isProperName(interest: string): boolean {
  const name = canonicalInterest(interest) ?? interest;
  return properNameSet.has(name) || /[A-Z]/.test(name.slice(1));
}

// ---------------------------------------------------------------------------------------------
// Interests in free text

/**
 * Interest keys (of canonical names or aliases) that are not matched in a sentence, because
 * their everyday meaning is the common one there: "where to go next", "running a team",
 * "grab a coffee", "polish my talk". Written as a name or alias in an interest list they
 * still mean the interest.
 */
export const ambiguousInFreeText: ReadonlySet<string> = new Set([
  // Programming languages and tools named by ordinary words, letters or given names
  'go', 'net', 'ts', 'py', 'c', 'r', 'julia', 'swift', 'ruby', 'rails', 'node', 'unity', 'dart',
  // Activities whose verb is everywhere
  'running', 'runner', 'writing', 'reading', 'drawing', 'speaking', 'talks', 'lifting', 'exercise', 'working out',
  'fostering', 'juggling', 'angling', 'knit',
  // Ordinary nouns and adjectives ("a .NET library" is software)
  'space', 'weather', 'coffee', 'tea', 'beer', 'bridge', 'ultimate', 'sup', 'boulder', 'gigs', 'magic',
  'myths', 'legends', 'habits', 'faith', 'logic', 'audit', 'stem', 'ip', 'library', 'libraries',
  // Words that are more often something else in a sentence
  'polish', 'latin',
]);

/** A word of a sentence: letters and digits, with the marks that belong inside names ("c++", "node.js", "d&d", ".net"). */
const WORD = /(?:(?<![\p{L}\p{N}.])\.)?[\p{L}\p{N}]+(?:['.&+#-]+[\p{L}\p{N}]+)*[+#]*/gu;
const NOT_PLAIN_ASCII = /[^ -~\t\n\r]/;

function rawWords(lowerText: string): string[] {
  const words: string[] = [];
  WORD.lastIndex = 0;
  for (let match = WORD.exec(lowerText); match !== null; match = WORD.exec(lowerText)) {
    const word = match[0];
    words.push(word.endsWith("'s") ? word.slice(0, -2) : word);
  }
  return words;
}

function lowerForScan(text: string): string {
  const lower = text.toLowerCase();
  return NOT_PLAIN_ASCII.test(lower) ? lower.normalize('NFKC').replace(/[’‘]/g, "'") : lower;
}

/**
 * Singular of the last word of a plural name ("Board games" → "board game"), or undefined when
 * the name does not end in a plain plural ("Physics", "Local news", "TV series", "DevOps", "Node.js").
 */
function singularOf(key: string): string | undefined {
  const space = key.lastIndexOf(' ');
  const last = key.slice(space + 1);
  if (last.length < 4 || !last.endsWith('s') || /(?:ss|us|is|ics|ops|tes|zes|news|series|'s|')$|\./.test(last)) return undefined;
  const singular = last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.slice(0, -1);
  return key.slice(0, space + 1) + singular;
}

/** Singulars that read as another word in a sentence. */
const NO_SINGULAR: ReadonlySet<string> = new Set(['blue', 'musical']);

/** Sentence form (words joined by single spaces) → canonical name. */
const freeTextForms = new Map<string, string>();
/** First word of a form → the most words any form starting with it has. */
const longestFormFrom = new Map<string, number>();
/** Every word of every form, so that a hyphenated word that is not one ("close-knit") is split. */
const formWords = new Set<string>();

function addForm(spelling: string, canonical: string): void {
  const words = rawWords(lowerForScan(spelling));
  if (words.length === 0) return;
  const form = words.join(' ');
  if (ambiguousInFreeText.has(form) || freeTextForms.has(form)) return;
  freeTextForms.set(form, canonical);
  const first = words[0]!;
  longestFormFrom.set(first, Math.max(longestFormFrom.get(first) ?? 0, words.length));
  for (const word of words) formWords.add(word);
}

for (const category of taxonomy) {
  for (const interest of category.interests) {
    for (const spelling of [interest.name, ...(interest.aliases ?? [])]) {
      const key = interestKey(spelling);
      addForm(key, interest.name);
      // ".NET" has the key "net"; its own spelling still names it in a sentence.
      if (key !== spelling.toLowerCase()) addForm(spelling, interest.name);
    }
  }
}
for (const category of taxonomy) {
  for (const interest of category.interests) {
    const key = interestKey(interest.name);
    const singular = singularOf(key);
    if (singular !== undefined && !NO_SINGULAR.has(singular) && !ambiguousInFreeText.has(key)) {
      addForm(singular, interest.name);
    }
  }
}

function sentenceWords(text: string): string[] {
  const words: string[] = [];
  for (const word of rawWords(lowerForScan(text))) {
    if (word.includes('-') && !formWords.has(word)) {
      for (const part of word.split('-')) if (part) words.push(part);
    } else {
      words.push(word);
    }
  }
  return words;
}

/**
 * The canonical interests a sentence mentions, in order of first mention, each once: runs of
 * up to a few words matched against every canonical name and alias (longest run first), with
 * a plural name also found in the singular ("a board game night"). Words in
 * ambiguousInFreeText are not matched on their own ("where to go next" names no interest).
 */
export function findInterestsInText(text: string): string[] {
  const found: string[] = [];
  if (!text) return found;
  const words = sentenceWords(text);
  for (let start = 0; start < words.length; start++) {
    const longest = longestFormFrom.get(words[start]!);
    if (longest === undefined) continue;
    const limit = Math.min(longest, words.length - start);
    let match: string | undefined;
    let length = 1;
    if (limit === 1) {
      match = freeTextForms.get(words[start]!);
    } else {
      const runs: string[] = [words[start]!];
      for (let n = 1; n < limit; n++) runs.push(`${runs[n - 1]} ${words[start + n]}`);
      for (let n = limit; n >= 1; n--) {
        match = freeTextForms.get(runs[n - 1]!);
        if (match !== undefined) {
          length = n;
          break;
        }
      }
    }
    if (match === undefined) continue;
    if (!found.includes(match)) found.push(match);
    start += length - 1;
  }
  return found;
}
