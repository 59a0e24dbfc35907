import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVCards, type VCard4 } from 'vcard4-ts';
import { vcardFileName, writeVCard, writeVCards, type VCardContact } from '../../../src/core/vcard/vcard.js';

/** The cards vcard4-ts reads from a file, which must raise no complaint at all. */
function parseCards(text: string): VCard4[] {
  const parsed = parseVCards(text);
  expect(parsed.nags).toBeUndefined();
  const cards = parsed.vCards ?? [];
  for (const card of cards) expect({ nags: card.nags, unparseable: card.unparseable, hasErrors: card.hasErrors }).toEqual({ nags: undefined, unparseable: undefined, hasErrors: false });
  return cards;
}

function parseCard(text: string): VCard4 {
  const cards = parseCards(text);
  expect(cards).toHaveLength(1);
  return cards[0]!;
}

/** The card as plain values, absent properties left out. */
function read(card: VCard4) {
  return {
    uid: card.UID?.value,
    uidValueType: card.UID?.parameters?.VALUE,
    fn: card.FN.map((fn) => fn.value),
    n: card.N && [card.N.value.familyNames, card.N.value.givenNames, card.N.value.additionalNames, card.N.value.honorificPrefixes, card.N.value.honorificSuffixes],
    title: card.TITLE?.map((title) => title.value),
    emails: card.EMAIL?.map((email) => ({ value: email.value, pref: email.parameters?.PREF })),
    tels: card.TEL?.map((tel) => ({ value: tel.value, type: tel.parameters?.VALUE })),
    urls: card.URL?.map((url) => url.value),
    note: card.NOTE?.map((note) => note.value),
    categories: card.CATEGORIES?.map((categories) => categories.value),
    rev: card.REV?.value,
    prodid: card.PRODID?.value,
    version: card.VERSION.value,
  };
}

function physicalLines(text: string): string[] {
  expect(text.endsWith('\r\n')).toBe(true);
  const lines = text.slice(0, -2).split('\r\n');
  for (const line of lines) expect(line).not.toMatch(/[\r\n]/);
  return lines;
}

function octets(line: string): number {
  return Buffer.byteLength(line, 'utf8');
}

const ana: VCardContact = {
  uid: '0b6a3c1e-2f4d-4e8a-9c7b-1a2b3c4d5e6f',
  name: 'Ana Lima',
  headline: 'Climate data engineer, Lisbon',
  emails: ['ana@example.org', 'ana.lima@work.example'],
  phones: ['+351 912 345 678'],
  urls: ['https://ana.example.org/about'],
  note: 'Met at the climate meetup.\nWants an intro to Bo.',
  categories: ['climate', 'data'],
  revision: new Date(Date.UTC(2026, 10, 26, 14, 30, 0, 250)),
};

describe('writeVCard', () => {
  it('writes every field, in the order phones expect, with CRLF line ends', () => {
    expect(writeVCard(ana)).toBe(
      [
        'BEGIN:VCARD',
        'VERSION:4.0',
        'PRODID:-//Common Ground//EN',
        'UID:urn:uuid:0b6a3c1e-2f4d-4e8a-9c7b-1a2b3c4d5e6f',
        'FN:Ana Lima',
        'N:Lima;Ana;;;',
        'TITLE:Climate data engineer\\, Lisbon',
        'EMAIL;PREF=1:ana@example.org',
        'EMAIL:ana.lima@work.example',
        'TEL;VALUE=uri:tel:+351912345678',
        'URL:https://ana.example.org/about',
        'NOTE:Met at the climate meetup.\\nWants an intro to Bo.',
        'CATEGORIES:climate,data',
        'REV:20261126T143000Z',
        'END:VCARD',
        '',
      ].join('\r\n'),
    );
  });

  it('reads back through a vCard 4.0 parser field by field', () => {
    expect(read(parseCard(writeVCard(ana)))).toEqual({
      version: '4.0',
      prodid: '-//Common Ground//EN',
      uid: 'urn:uuid:0b6a3c1e-2f4d-4e8a-9c7b-1a2b3c4d5e6f',
      uidValueType: undefined,
      fn: ['Ana Lima'],
      n: [['Lima'], ['Ana'], [''], [''], ['']],
      title: ['Climate data engineer, Lisbon'],
      emails: [
        { value: 'ana@example.org', pref: 1 },
        { value: 'ana.lima@work.example', pref: undefined },
      ],
      tels: [{ value: 'tel:+351912345678', type: 'uri' }],
      urls: ['https://ana.example.org/about'],
      note: ['Met at the climate meetup.\nWants an intro to Bo.'],
      categories: [['climate', 'data']],
      rev: '20261126T143000Z',
    });
  });

  it('keeps commas, semicolons, backslashes, quotes, line breaks, emoji and accents', () => {
    const name = 'José; "Zé",\\ Émilie-Çağrı\nO’Brien 👩🏽‍🔬';
    const card = read(
      parseCard(
        writeVCard({
          uid: '6f1c8f5e-0c1a-4c55-8a0e-2d2a3b4c5d6e',
          name,
          headline: 'a;b,c\\d: "e"',
          note: 'https:\\,x;y',
          categories: ['rock, paper; scissors', 'back\\slash\\', 'line\nbreak', 'ünïcödé ✨', '"quoted"'],
        }),
      ),
    );
    expect(card.fn).toEqual([name]);
    expect(card.n).toEqual([['👩🏽‍🔬'], ['José; "Zé",\\ Émilie-Çağrı O’Brien'], [''], [''], ['']]);
    expect(card.title).toEqual(['a;b,c\\d: "e"']);
    expect(card.note).toEqual(['https:\\,x;y']);
    expect(card.categories).toEqual([['rock, paper; scissors', 'back\\slash\\', 'line\nbreak', 'ünïcödé ✨', '"quoted"']]);
  });

  it('escapes a semicolon in every text value, and a backslash before a separator', () => {
    const text = writeVCard({ uid: ana.uid, name: 'A;B\\', categories: ['x\\', 'y;'] });
    expect(text).toContain('FN:A\\;B\\\\\r\n');
    expect(text).toContain('N:;A\\;B\\\\;;;\r\n');
    expect(text).toContain('CATEGORIES:x\\\\,y\\;\r\n');
    expect(read(parseCard(text)).categories).toEqual([['x\\', 'y;']]);
  });

  it('writes a one-word name as a given name only', () => {
    const card = read(parseCard(writeVCard({ uid: ana.uid, name: '  Madonna ' })));
    expect(card.fn).toEqual(['Madonna']);
    expect(card.n).toEqual([[''], ['Madonna'], [''], [''], ['']]);
  });

  it('folds long lines at 75 octets without splitting a character, and the parser unfolds them', () => {
    const note = `${'Talked about heat pumps and the grid for a long while. '.repeat(6)}Ação! 🌍🌍🌍 日本語のメモ ${'é'.repeat(80)}\nEnd.`;
    const url = `https://example.org/${'x'.repeat(200)}`;
    const text = writeVCard({ uid: ana.uid, name: 'Bo', note, urls: [url] });
    const lines = physicalLines(text);
    expect(lines.length).toBeGreaterThan(12);
    for (const line of lines) expect(octets(line)).toBeLessThanOrEqual(75);
    expect(lines.filter((line) => line.startsWith(' ')).length).toBeGreaterThan(8);
    // A character cut in two would come back from UTF-8 as U+FFFD.
    expect(Buffer.from(text, 'utf8').toString('utf8')).toBe(text);
    const card = read(parseCard(text));
    expect(card.note).toEqual([note]);
    expect(card.urls).toEqual([url]);
  });

  it('fills lines to exactly 75 octets when the text allows', () => {
    const lines = physicalLines(writeVCard({ uid: ana.uid, name: 'Bo', note: 'n'.repeat(300) }));
    const noteLines = lines.slice(lines.findIndex((line) => line.startsWith('NOTE:')));
    expect(octets(noteLines[0]!)).toBe(75);
    expect(noteLines[1]).toMatch(/^ n+$/);
    expect(octets(noteLines[1]!)).toBe(75);
  });

  it('does not fold inside an escape', () => {
    for (let length = 60; length < 80; length++) {
      const lines = physicalLines(writeVCard({ uid: ana.uid, name: 'Bo', note: `${'n'.repeat(length)},,,,,,,,,,,,,,,,,,,,` }));
      for (const line of lines) expect(line).not.toMatch(/(^|[^\\])(\\\\)*\\$/);
    }
  });

  it('skips empty values and drops control characters', () => {
    const text = writeVCard({
      uid: ana.uid,
      name: 'Bo\u0000 Chen\u0007',
      headline: '   ',
      emails: ['', '  ', 'bo@example.org\u001b'],
      phones: [' '],
      urls: [''],
      note: '\r\n',
      categories: ['', ' '],
      revision: new Date(Number.NaN),
    });
    expect(text).not.toMatch(/TITLE|TEL|URL|NOTE|CATEGORIES|REV/);
    // eslint-disable-next-line no-control-regex -- looking for control characters
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\u0000-\u001f\u007f]/);
    const card = read(parseCard(text));
    expect(card.fn).toEqual(['Bo Chen']);
    expect(card.emails).toEqual([{ value: 'bo@example.org', pref: 1 }]);
  });

  it('turns CRLF and CR in a note into line breaks, and a tab into a space', () => {
    const card = read(parseCard(writeVCard({ uid: ana.uid, name: 'Bo', note: 'one\r\ntwo\rthree\n\tfour' })));
    expect(card.note).toEqual(['one\ntwo\nthree\n four']);
  });

  it('writes phone numbers as tel: URIs and anything else as text', () => {
    const text = writeVCard({ uid: ana.uid, name: 'Bo', phones: ['+44 20 7946 0958', '(555) 123-4567', 'ask at the desk; room 4, floor 2'] });
    expect(read(parseCard(text)).tels).toEqual([
      { value: 'tel:+442079460958', type: 'uri' },
      { value: 'tel:(555)123-4567', type: 'uri' },
      { value: 'ask at the desk; room 4, floor 2', type: 'text' },
    ]);
  });

  it('percent-encodes what a URI may not hold and the vCard separators, and leaves the rest of a URL alone', () => {
    const card = read(parseCard(writeVCard({ uid: ana.uid, name: 'Bo', urls: ['https://example.org/a b/ü?q=1,2;x=%20&y=\\%zz', 'https://bo.example/#top'] })));
    expect(card.urls).toEqual(['https://example.org/a%20b/%C3%BC?q=1%2C2%3Bx=%20&y=%5C%25zz', 'https://bo.example/#top']);
  });

  it('writes a uid that is not a UUID as text, and lower-cases one that is', () => {
    expect(writeVCard({ uid: '0B6A3C1E-2F4D-4E8A-9C7B-1A2B3C4D5E6F', name: 'Bo' })).toContain('\r\nUID:urn:uuid:0b6a3c1e-2f4d-4e8a-9c7b-1a2b3c4d5e6f\r\n');
    const card = read(parseCard(writeVCard({ uid: 'person 7, row 3', name: 'Bo' })));
    expect([card.uid, card.uidValueType]).toEqual(['person 7, row 3', 'text']);
  });

  it('writes REV to the second in UTC, and skips a date it cannot write', () => {
    expect(writeVCard({ uid: ana.uid, name: 'Bo', revision: new Date('2026-01-02T03:04:05.999+01:00') })).toContain('\r\nREV:20260102T020405Z\r\n');
    expect(writeVCard({ uid: ana.uid, name: 'Bo', revision: new Date('+010000-01-01T00:00:00Z') })).not.toContain('REV');
  });

  it('always writes FN, the one property a vCard must have', () => {
    const text = writeVCard({ uid: ana.uid, name: ' \u0000 ' });
    expect(text).toContain('\r\nFN:\r\n');
    expect(text).not.toContain('\r\nN:');
    expect(read(parseCard(text)).fn).toEqual(['']);
  });
});

describe('writeVCards', () => {
  it('puts several cards in one file that reads back as several cards', () => {
    const people: VCardContact[] = [
      ana,
      { uid: '3d5e7f90-1a2b-4c3d-8e4f-5a6b7c8d9e0f', name: 'Bo Chen', emails: ['bo@example.org'] },
      { uid: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d', name: 'Chidi', note: 'END:VCARD\nBEGIN:VCARD' },
    ];
    const text = writeVCards(people);
    expect(text).toBe(people.map(writeVCard).join(''));
    const cards = parseCards(text).map(read);
    expect(cards.map((card) => card.fn)).toEqual([['Ana Lima'], ['Bo Chen'], ['Chidi']]);
    expect(cards.map((card) => card.uid)).toEqual(people.map((person) => `urn:uuid:${person.uid}`));
    expect(cards[2]!.note).toEqual(['END:VCARD\nBEGIN:VCARD']);
    expect(text.match(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/gm)).toHaveLength(3);
  });

  it('writes nothing for no contacts', () => {
    expect(writeVCards([])).toBe('');
  });
});

describe('vcardFileName', () => {
  it('makes a safe ASCII name', () => {
    expect(vcardFileName('Ana Lima')).toBe('ana-lima.vcf');
    expect(vcardFileName('  José Ñúñez-Straße ')).toBe('jose-nunez-strasse.vcf');
    expect(vcardFileName('Łukasz Øster / ../etc/passwd')).toBe('lukasz-oster-etc-passwd.vcf');
    expect(vcardFileName('李小龙')).toBe('contact.vcf');
    expect(vcardFileName('')).toBe('contact.vcf');
    expect(vcardFileName('👩‍🔬')).toBe('contact.vcf');
  });

  it('is always a short name of letters, digits and dashes', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (name) => {
        expect(vcardFileName(name)).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*\.vcf$/);
        expect(vcardFileName(name).length).toBeLessThanOrEqual(64);
      }),
    );
  });
});

// eslint-disable-next-line no-control-regex -- the characters the writer drops
const DROPPED = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** What a text value should read back as: the writer's cleaning, stated again here. */
function expected(value: string): string {
  return value.replace(/\r\n?/g, '\n').replaceAll('\t', ' ').replace(DROPPED, '').trim();
}

function expectedUrl(value: string): string {
  let out = '';
  for (let at = 0; at < value.length; ) {
    const escape = /^%[0-9a-fA-F]{2}/.exec(value.slice(at));
    if (escape) {
      out += escape[0];
      at += 3;
      continue;
    }
    const char = String.fromCodePoint(value.codePointAt(at)!);
    out += /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+=]$/.test(char) ? char : [...Buffer.from(char, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
    at += char.length;
  }
  return out;
}

const UUID = /^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;
const TEL = /^\+?[0-9().-]*[0-9][0-9().-]*$/;

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: fc.constantFrom('a', 'é', ' ', ',', ';', ':', '\\', '\n', '\r', '\t', '"', '=', '%', '👍', '\u0000', '\ud83d'), maxLength: 120 }),
);

describe('writeVCard, for any text', () => {
  it('reads back the same values through a vCard 4.0 parser, in lines of at most 75 octets', () => {
    const contact = fc.record({
      uid: fc.oneof(fc.uuid(), anyText),
      name: anyText,
      headline: anyText,
      emails: fc.array(anyText, { maxLength: 3 }),
      phones: fc.array(fc.oneof(anyText, fc.stringMatching(/^\+?[0-9 ().-]{1,20}$/)), { maxLength: 3 }),
      urls: fc.array(fc.oneof(anyText, fc.webUrl({ withQueryParameters: true, withFragments: true })), { maxLength: 3 }),
      note: anyText,
      categories: fc.array(anyText, { maxLength: 4 }),
      revision: fc.date({ min: new Date('0000-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59.999Z'), noInvalidDate: true }),
    });
    fc.assert(
      fc.property(contact, (person) => {
        const text = writeVCard(person);
        for (const line of physicalLines(text)) expect(octets(line)).toBeLessThanOrEqual(75);
        const card = read(parseCard(text));

        const uid = expected(person.uid);
        if (UUID.test(uid)) expect([card.uid, card.uidValueType]).toEqual([`urn:uuid:${uid.toLowerCase()}`, undefined]);
        else if (uid === '') expect(card.uid).toBeUndefined();
        else expect([card.uid, card.uidValueType]).toEqual([uid, 'text']);

        const name = expected(person.name);
        expect(card.fn).toEqual([name]);
        const words = name.split(/\s+/).filter(Boolean);
        if (words.length === 0) expect(card.n).toBeUndefined();
        else if (words.length === 1) expect(card.n).toEqual([[''], [words[0]], [''], [''], ['']]);
        else expect(card.n).toEqual([[words.at(-1)], [words.slice(0, -1).join(' ')], [''], [''], ['']]);

        const headline = expected(person.headline);
        expect(card.title).toEqual(headline === '' ? undefined : [headline]);
        const note = expected(person.note);
        expect(card.note).toEqual(note === '' ? undefined : [note]);

        const emails = person.emails.map(expected).filter(Boolean);
        expect(card.emails).toEqual(emails.length === 0 ? undefined : emails.map((value, index) => ({ value, pref: index === 0 ? 1 : undefined })));

        const phones = person.phones.map(expected).filter(Boolean);
        expect(card.tels).toEqual(
          phones.length === 0
            ? undefined
            : phones.map((phone) => {
                const number = phone.replace(/\s+/g, '');
                return TEL.test(number) ? { value: `tel:${number}`, type: 'uri' } : { value: phone, type: 'text' };
              }),
        );

        const urls = person.urls.map(expected).filter(Boolean);
        expect(card.urls).toEqual(urls.length === 0 ? undefined : urls.map(expectedUrl));

        const categories = person.categories.map(expected).filter(Boolean);
        expect(card.categories).toEqual(categories.length === 0 ? undefined : [categories]);

        const revision = new Date(Math.floor(person.revision.getTime() / 1000) * 1000).toISOString();
        expect(card.rev).toBe(revision.slice(0, 19).replace(/[-:]/g, '') + 'Z');
      }),
      { numRuns: 500 },
    );
  });

  it('leaves a well-formed web address as it is', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), (url) => {
        fc.pre(!/[,;]/.test(url));
        expect(read(parseCard(writeVCard({ uid: ana.uid, name: 'Bo', urls: [url] }))).urls).toEqual([url]);
      }),
    );
  });

  it('puts any number of cards in one file that reads back card by card', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ uid: fc.uuid(), name: anyText, note: anyText }), { minLength: 1, maxLength: 5 }), (people) => {
        const cards = parseCards(writeVCards(people)).map(read);
        expect(cards.map((card) => card.fn)).toEqual(people.map((person) => [expected(person.name)]));
        expect(cards.map((card) => card.note)).toEqual(people.map((person) => (expected(person.note) === '' ? undefined : [expected(person.note)])));
      }),
      { numRuns: 200 },
    );
  });
});
