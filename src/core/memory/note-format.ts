/**
 * Private notes: plain text with a little formatting (bold, italic, code, links, lists), read
 * into blocks a client renders as elements, never as HTML.
 */

export const NOTE_MAX_LENGTH = 5000;

export type NoteInline = { kind: 'text' | 'strong' | 'em' | 'code'; text: string } | { kind: 'link'; text: string; href: string };
export type NoteBlock = { kind: 'paragraph'; lines: NoteInline[][] } | { kind: 'list'; items: NoteInline[][] };

// eslint-disable-next-line no-control-regex -- these are the characters being removed
const CONTROL_EXCEPT_TAB_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The form a note is stored in: NFC, LF line breaks, no control characters but tab and line
 * break, no trailing spaces, nothing blank around it, and at most two blank lines in a row.
 * Idempotent.
 */
export function normalizeNote(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(CONTROL_EXCEPT_TAB_LF, '')
      .replace(LONE_SURROGATE, '')
      // After the removals: a control character between a letter and its accent would keep them apart.
      .normalize('NFC')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .replace(/\n{4,}/g, '\n\n\n')
      .trim()
  );
}

const LIST_ITEM = /^[ \t]*[-*][ \t]+(\S.*)$/;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const SPACE = /\s/;
const BARE_URL = /https?:\/\/[^\s<>"`]+/iy;
const SAFE_HREF = /^(?:https?:\/\/[^\s<>"`]+|mailto:[^\s<>"`]+)$/i;

/** The href with its scheme in lower case, or undefined when it is not an http, https or mailto address. */
function safeHref(href: string): string | undefined {
  if (!SAFE_HREF.test(href)) return undefined;
  const colon = href.indexOf(':');
  return href.slice(0, colon).toLowerCase() + href.slice(colon);
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && SPACE.test(char);
}

interface Match {
  inline: NoteInline;
  end: number;
}

function codeAt(line: string, at: number): Match | undefined {
  const close = line.indexOf('`', at + 1);
  if (close <= at + 1) return undefined;
  return { inline: { kind: 'code', text: line.slice(at + 1, close) }, end: close + 1 };
}

function strongAt(line: string, at: number): Match | undefined {
  const start = at + 2;
  if (isSpace(line[start]) || line[start] === '*') return undefined;
  for (let close = line.indexOf('**', start + 1); close !== -1; close = line.indexOf('**', close + 1)) {
    if (!isSpace(line[close - 1])) return { inline: { kind: 'strong', text: line.slice(start, close) }, end: close + 2 };
  }
  return undefined;
}

/** `*em*` anywhere, `_em_` only around whole words, so that snake_case_names stay as they are. */
function emAt(line: string, at: number): Match | undefined {
  const marker = line[at]!;
  const start = at + 1;
  if (marker === '_' && isWordChar(line[at - 1])) return undefined;
  if (start >= line.length || isSpace(line[start]) || line[start] === marker) return undefined;
  for (let close = line.indexOf(marker, start + 1); close !== -1; close = line.indexOf(marker, close + 1)) {
    if (isSpace(line[close - 1]) || line[close - 1] === marker || line[close + 1] === marker) continue;
    if (marker === '_' && isWordChar(line[close + 1])) continue;
    return { inline: { kind: 'em', text: line.slice(start, close) }, end: close + 1 };
  }
  return undefined;
}

/** `[text](href)`; the href may hold balanced parentheses, as Wikipedia addresses do. */
function linkAt(line: string, at: number): Match | undefined {
  const closeText = line.indexOf(']', at + 1);
  if (closeText <= at + 1 || line[closeText + 1] !== '(') return undefined;
  let depth = 0;
  for (let end = closeText + 2; end < line.length; end++) {
    const char = line[end]!;
    if (isSpace(char)) return undefined;
    if (char === '(') depth++;
    else if (char === ')' && depth-- === 0) {
      const href = safeHref(line.slice(closeText + 2, end));
      if (href === undefined) return undefined;
      return { inline: { kind: 'link', text: line.slice(at + 1, closeText), href }, end: end + 1 };
    }
  }
  return undefined;
}

/** A web address in running text, without the punctuation that ends the sentence around it. */
function bareUrlAt(line: string, at: number): Match | undefined {
  if (isWordChar(line[at - 1])) return undefined;
  BARE_URL.lastIndex = at;
  const found = BARE_URL.exec(line);
  if (!found) return undefined;
  let url = found[0];
  while (true) {
    const last = url[url.length - 1]!;
    if (/[.,;:!?'*_\]]/.test(last)) url = url.slice(0, -1);
    else if (last === ')' && url.split(')').length > url.split('(').length) url = url.slice(0, -1);
    else break;
  }
  if (!/:\/\/[^/]/.test(url)) return undefined;
  return { inline: { kind: 'link', text: url, href: safeHref(url)! }, end: at + url.length };
}

function inlineAt(line: string, at: number): Match | undefined {
  switch (line[at]) {
    case '`':
      return codeAt(line, at);
    case '*':
      return (line[at + 1] === '*' ? strongAt(line, at) : undefined) ?? emAt(line, at);
    case '_':
      return emAt(line, at);
    case '[':
      return linkAt(line, at);
    case 'h':
    case 'H':
      return bareUrlAt(line, at);
    default:
      return undefined;
  }
}

function parseInline(line: string): NoteInline[] {
  const inlines: NoteInline[] = [];
  let text = '';
  let at = 0;
  while (at < line.length) {
    const match = inlineAt(line, at);
    if (match === undefined) {
      text += line[at];
      at++;
      continue;
    }
    if (text !== '') inlines.push({ kind: 'text', text });
    text = '';
    inlines.push(match.inline);
    at = match.end;
  }
  if (text !== '') inlines.push({ kind: 'text', text });
  return inlines;
}

/**
 * The note as blocks: blank lines separate paragraphs, a single line break stays a line break,
 * and lines starting with `- ` or `* ` make a list. Markers that are not closed, and links to
 * anything but http, https and mailto addresses, stay as the text they are.
 */
export function parseNote(text: string): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  let current: NoteBlock | undefined;
  for (const line of normalizeNote(text).split('\n')) {
    if (line === '') {
      current = undefined;
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      if (current?.kind !== 'list') blocks.push((current = { kind: 'list', items: [] }));
      current.items.push(parseInline(item[1]!));
    } else {
      if (current?.kind !== 'paragraph') blocks.push((current = { kind: 'paragraph', lines: [] }));
      current.lines.push(parseInline(line));
    }
  }
  return blocks;
}

function plainText(inlines: readonly NoteInline[]): string {
  return inlines.map((inline) => inline.text).join('');
}

/** The note on one line as plain text, at most `max` characters (code points), cut between words with "…". */
export function noteExcerpt(text: string, max = 140): string {
  const plain = parseNote(text)
    .flatMap((block) => (block.kind === 'paragraph' ? block.lines : block.items))
    .map(plainText)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(plain);
  if (chars.length <= max) return plain;
  if (max < 1) return '';
  const budget = max - 1;
  let head = chars.slice(0, budget).join('');
  if (!isSpace(chars[budget])) {
    const lastSpace = head.lastIndexOf(' ');
    // A cut far back would leave little of the note: a long word (an address) is cut instead.
    if (lastSpace > 0 && Array.from(head.slice(0, lastSpace)).length >= budget / 2) head = head.slice(0, lastSpace);
  }
  return `${head.trimEnd().replace(/[\s,;:]+$/, '')}…`;
}
