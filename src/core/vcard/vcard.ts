/**
 * A vCard 4.0 (RFC 6350) writer for saving people to a phone's address book: one card per
 * person, UTF-8, CRLF line ends, lines folded at 75 octets.
 */

export interface VCardContact {
  /** A UUID; written as `UID:urn:uuid:<uid>` (anything else is kept as a text UID). */
  uid: string;
  /** FN. N is derived: the last word is the family name, the words before it the given names. */
  name: string;
  /** TITLE */
  headline?: string;
  /** EMAIL; the first is marked PREF=1. */
  emails?: string[];
  /** TEL as a `tel:` URI with the spaces removed, or as text when it is not a phone number. */
  phones?: string[];
  /** URL; characters a URI may not hold, and commas and semicolons, are percent-encoded. */
  urls?: string[];
  /** NOTE; line breaks are kept. */
  note?: string;
  /** CATEGORIES */
  categories?: string[];
  /** REV, to the second, in UTC. */
  revision?: Date;
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;
const PRODID = '-//Common Ground//EN';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// eslint-disable-next-line no-control-regex -- these are the characters being removed
const CONTROL_EXCEPT_LF = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEL_NUMBER = /^\+?[0-9().-]*[0-9][0-9().-]*$/;
// RFC 3986 unreserved and reserved characters but the comma and semicolon, which vCard readers
// may take as separators, and `%` when it starts an escape.
const URI_CHAR = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+=]|%[0-9A-Fa-f]{2}/y;

/** The text as a value: line breaks as LF, tabs as spaces, other control characters and broken UTF-16 dropped, trimmed. */
function clean(value: string | undefined): string {
  if (value === undefined) return '';
  return value
    .replace(/\r\n?/g, '\n')
    .replaceAll('\t', ' ')
    .replace(CONTROL_EXCEPT_LF, '')
    .replace(LONE_SURROGATE, '')
    .trim();
}

/**
 * RFC 6350 text escaping. A semicolon must be escaped only in compound values such as N, but it
 * is escaped everywhere: some readers split any value at a bare one.
 */
function escapeText(value: string): string {
  return value.replace(/[\\,;\n]/g, (char) => (char === '\n' ? '\\n' : `\\${char}`));
}

function encodeUri(value: string): string {
  let out = '';
  let at = 0;
  while (at < value.length) {
    URI_CHAR.lastIndex = at;
    const match = URI_CHAR.exec(value);
    if (match) {
      out += match[0];
      at += match[0].length;
      continue;
    }
    const char = String.fromCodePoint(value.codePointAt(at)!);
    out += encodeURIComponent(char);
    at += char.length;
  }
  return out;
}

function utf8Length(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds a content line so that no physical line passes 75 octets, the leading space of a
 * continuation included. Breaks fall between characters, and never inside a backslash escape,
 * which lenient readers may decode before unfolding.
 */
function fold(line: string): string {
  const lines: string[] = [];
  let current = '';
  let octets = 0;
  let at = 0;
  while (at < line.length) {
    const codePoint = line.codePointAt(at)!;
    let piece = String.fromCodePoint(codePoint);
    let size = utf8Length(codePoint);
    if (codePoint === 0x5c && at + 1 < line.length) {
      piece = line.slice(at, at + 2);
      size = 2;
    }
    if (octets + size > MAX_OCTETS) {
      lines.push(current);
      current = ' ';
      octets = 1;
    }
    current += piece;
    octets += size;
    at += piece.length;
  }
  lines.push(current);
  return lines.join(CRLF);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

function timestamp(date: Date | undefined): string | undefined {
  if (date === undefined || Number.isNaN(date.getTime())) return undefined;
  const year = date.getUTCFullYear();
  if (year < 0 || year > 9999) return undefined;
  return (
    `${pad(year, 4)}${pad(date.getUTCMonth() + 1, 2)}${pad(date.getUTCDate(), 2)}` +
    `T${pad(date.getUTCHours(), 2)}${pad(date.getUTCMinutes(), 2)}${pad(date.getUTCSeconds(), 2)}Z`
  );
}

function nonEmpty(values: readonly string[] | undefined): string[] {
  return (values ?? []).map(clean).filter((value) => value !== '');
}

/** One contact as a vCard 4.0, from BEGIN:VCARD to END:VCARD, each line ending in CRLF. */
export function writeVCard(contact: VCardContact): string {
  const lines: string[] = ['BEGIN:VCARD', 'VERSION:4.0', `PRODID:${PRODID}`];

  const uid = clean(contact.uid);
  if (UUID.test(uid)) lines.push(`UID:urn:uuid:${uid.toLowerCase()}`);
  else if (uid !== '') lines.push(`UID;VALUE=text:${escapeText(uid)}`);

  // FN is the one property a vCard must have, so it is written even when empty.
  const name = clean(contact.name);
  lines.push(`FN:${escapeText(name)}`);
  const words = name.split(/\s+/).filter((word) => word !== '');
  if (words.length > 0) {
    const family = words.length > 1 ? words[words.length - 1]! : '';
    const given = (words.length > 1 ? words.slice(0, -1) : words).join(' ');
    lines.push(`N:${escapeText(family)};${escapeText(given)};;;`);
  }

  const headline = clean(contact.headline);
  if (headline !== '') lines.push(`TITLE:${escapeText(headline)}`);

  nonEmpty(contact.emails).forEach((email, index) => {
    lines.push(`EMAIL${index === 0 ? ';PREF=1' : ''}:${escapeText(email)}`);
  });

  for (const phone of nonEmpty(contact.phones)) {
    const number = phone.replace(/\s+/g, '');
    lines.push(TEL_NUMBER.test(number) ? `TEL;VALUE=uri:tel:${number}` : `TEL;VALUE=text:${escapeText(phone)}`);
  }

  for (const url of nonEmpty(contact.urls)) lines.push(`URL:${encodeUri(url)}`);

  const note = clean(contact.note);
  if (note !== '') lines.push(`NOTE:${escapeText(note)}`);

  const categories = nonEmpty(contact.categories);
  if (categories.length > 0) lines.push(`CATEGORIES:${categories.map((category) => escapeText(category)).join(',')}`);

  const revision = timestamp(contact.revision);
  if (revision !== undefined) lines.push(`REV:${revision}`);

  lines.push('END:VCARD');
  return lines.map(fold).join(CRLF) + CRLF;
}

/** Several contacts in one .vcf file. */
export function writeVCards(contacts: readonly VCardContact[]): string {
  return contacts.map(writeVCard).join('');
}

const ASCII_FOLDS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' };

/** A file name for a person's card that any file system and mail client takes: `Ana Lima` → `ana-lima.vcf`. */
export function vcardFileName(name: string): string {
  const base = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[ßæœøłđðþı]/g, (char) => ASCII_FOLDS[char] ?? char)
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60)
    .replace(/^-+|-+$/g, '');
  return `${base === '' ? 'contact' : base}.vcf`;
}
