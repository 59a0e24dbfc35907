/**
 * Finding someone among one's people by what one remembers of them: part of a name, a tag,
 * an interest, a word from a note, typed without accents.
 */

export interface Searchable {
  name: string;
  headline?: string;
  note?: string;
  caresAbout?: string;
  tags?: readonly string[];
  interests?: readonly string[];
  eventNames?: readonly string[];
}

// Letters that NFKD does not take apart into a base letter and a mark.
const LETTER_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i', ς: 'σ' };
const LETTERS_TO_FOLD = /[ßæœøłđðþıς]/g;

/**
 * Text as search compares it: lower case, without accents (NFKD, so ligatures and full-width
 * letters fold too), ß as ss, whitespace collapsed to single spaces.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(LETTERS_TO_FOLD, (char) => LETTER_FOLDS[char] ?? char)
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a text, folded: runs of letters and digits, so "Jean-Pierre" is "jean" and "pierre". */
function wordsOf(text: string): string[] {
  return foldForSearch(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

interface Term {
  word: string;
  tagsOnly: boolean;
}

function termsOf(query: string): Term[] {
  return query.split(/\s+/).flatMap((part) => {
    const tagsOnly = foldForSearch(part).startsWith('#');
    return wordsOf(part).map((word) => ({ word, tagsOnly }));
  });
}

type Field = 'name' | 'tags' | 'headline' | 'interests' | 'caresAbout' | 'note' | 'eventNames';

// Each step is worth more than an exact match one step down (a prefix match times 1.25).
const WEIGHTS: Record<Field, number> = { name: 16, tags: 8, headline: 6, interests: 4, caresAbout: 2, note: 2, eventNames: 1 };

function fieldWords(person: Searchable): [Field, string[]][] {
  const list = (values: readonly string[] | undefined) => (values ?? []).flatMap(wordsOf);
  return [
    ['name', wordsOf(person.name)],
    ['tags', list(person.tags)],
    ['headline', wordsOf(person.headline ?? '')],
    ['interests', list(person.interests)],
    ['caresAbout', wordsOf(person.caresAbout ?? '')],
    ['note', wordsOf(person.note ?? '')],
    ['eventNames', list(person.eventNames)],
  ];
}

/** How well one query word matches the person: the best field it starts a word of, more for a whole word; 0 for none. */
function termScore(term: Term, fields: readonly [Field, string[]][]): number {
  let best = 0;
  for (const [field, words] of fields) {
    if (term.tagsOnly && field !== 'tags') continue;
    for (const word of words) {
      if (!word.startsWith(term.word)) continue;
      const score = WEIGHTS[field] * (word === term.word ? 1.25 : 1);
      if (score > best) best = score;
    }
  }
  return best;
}

/**
 * How well the person matches the query, to sort results by: each query word scores by the
 * best field it starts a word of (name, then tags, headline, interests, what they care about
 * and the note, then event names), more for a whole word. 0 when any query word matches
 * nothing; an empty query matches everyone equally.
 */
export function searchScore(query: string, person: Searchable): number {
  const terms = termsOf(query);
  if (terms.length === 0) return 1;
  const fields = fieldWords(person);
  let total = 0;
  for (const term of terms) {
    const score = termScore(term, fields);
    if (score === 0) return 0;
    total += score;
  }
  return total;
}

/**
 * Whether every word of the query starts a word of one of the person's fields, accents and case
 * aside. A word written `#tag` looks at tags only. An empty query matches everyone.
 */
export function matchesSearch(query: string, person: Searchable): boolean {
  return searchScore(query, person) > 0;
}
