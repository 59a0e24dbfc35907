import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTE_MAX_LENGTH, normalizeNote, noteExcerpt, parseNote, type NoteBlock, type NoteInline } from '../../../src/core/memory/note-format.js';

const text = (value: string): NoteInline => ({ kind: 'text', text: value });
const paragraph = (...lines: NoteInline[][]): NoteBlock => ({ kind: 'paragraph', lines });
const list = (...items: NoteInline[][]): NoteBlock => ({ kind: 'list', items });

/** The one line of a one-paragraph note. */
function inlines(note: string): NoteInline[] {
  const blocks = parseNote(note);
  expect(blocks).toHaveLength(1);
  const block = blocks[0]!;
  expect(block.kind).toBe('paragraph');
  if (block.kind !== 'paragraph') return [];
  expect(block.lines).toHaveLength(1);
  return block.lines[0]!;
}

function allInlines(blocks: readonly NoteBlock[]): NoteInline[] {
  return blocks.flatMap((block) => (block.kind === 'paragraph' ? block.lines : block.items)).flat();
}

describe('NOTE_MAX_LENGTH', () => {
  it('is 5000', () => {
    expect(NOTE_MAX_LENGTH).toBe(5000);
  });
});

describe('normalizeNote', () => {
  it('makes line breaks LF, drops control characters but tabs, trims lines and the whole', () => {
    expect(normalizeNote('  \r\n Hello\u0000 world  \r\nsecond\tline\t\rthird\u007f\u0085 \n\n')).toBe('Hello world\nsecond\tline\nthird');
  });

  it('composes to NFC, also when a control character stood between letter and accent', () => {
    expect(normalizeNote('Jose\u0301')).toBe('José');
    expect(normalizeNote('Jose\u0000\u0301')).toBe('José');
  });

  it('keeps at most two blank lines in a row', () => {
    expect(normalizeNote('a\n\nb\n\n\nc\n\n\n\n\n\nd\n \n\t\n \n \ne')).toBe('a\n\nb\n\n\nc\n\n\nd\n\n\ne');
  });

  it('drops broken UTF-16', () => {
    expect(normalizeNote('a\ud800b\udc00c 👍')).toBe('abc 👍');
  });

  it('can grow a note only where NFC itself does', () => {
    // U+0958 is excluded from composition, so NFC writes it as two code points.
    expect(normalizeNote('\u0958')).toBe('\u0915\u093c');
  });
});

describe('parseNote', () => {
  it('reads nothing from an empty or blank note', () => {
    expect(parseNote('')).toEqual([]);
    expect(parseNote(' \n\r\n\t ')).toEqual([]);
  });

  it('separates paragraphs at blank lines and keeps single line breaks', () => {
    expect(parseNote('Met at the mixer.\nWorks on heat pumps.\n\n\n\nAsk about Lisbon.')).toEqual([
      paragraph([text('Met at the mixer.')], [text('Works on heat pumps.')]),
      paragraph([text('Ask about Lisbon.')]),
    ]);
  });

  it('reads bold, italic and code', () => {
    expect(inlines('**Bold** and *em* and _also em_ and `co*de*`.')).toEqual([
      { kind: 'strong', text: 'Bold' },
      text(' and '),
      { kind: 'em', text: 'em' },
      text(' and '),
      { kind: 'em', text: 'also em' },
      text(' and '),
      { kind: 'code', text: 'co*de*' },
      text('.'),
    ]);
  });

  it('leaves markers that are not closed, or that hug spaces, as they are', () => {
    for (const note of ['**not bold', '*not em', '_not em', '`not code', '** spaced **', 'a *spaced *', 'a * b * c', '2 ** 3', '``', '****', '[]', '[x]', '[x](', '[x](mailto:a@b.c']) {
      expect(inlines(note)).toEqual([text(note)]);
    }
  });

  it('does not read underscores inside words as emphasis', () => {
    expect(inlines('snake_case_name and _this_')).toEqual([text('snake_case_name and '), { kind: 'em', text: 'this' }]);
  });

  it('reads an em around doubled markers', () => {
    expect(inlines('*a **b** c*')).toEqual([{ kind: 'em', text: 'a **b** c' }]);
    expect(inlines('**a*')).toEqual([text('*'), { kind: 'em', text: 'a' }]);
  });

  it('links bare web addresses without the punctuation after them', () => {
    expect(inlines('See https://example.org/a_(b)?q=1, or (HTTP://Example.org/x). Also xhttps://no.')).toEqual([
      text('See '),
      { kind: 'link', text: 'https://example.org/a_(b)?q=1', href: 'https://example.org/a_(b)?q=1' },
      text(', or ('),
      { kind: 'link', text: 'HTTP://Example.org/x', href: 'http://Example.org/x' },
      text('). Also xhttps://no.'),
    ]);
    expect(inlines('https:// and http:///x')).toEqual([text('https:// and http:///x')]);
  });

  it('reads [text](href) links to http, https and mailto addresses only', () => {
    expect(inlines('[her talk](https://en.wikipedia.org/wiki/Heat_pump_(device)) and [mail](MAILTO:ana@example.org)')).toEqual([
      { kind: 'link', text: 'her talk', href: 'https://en.wikipedia.org/wiki/Heat_pump_(device)' },
      text(' and '),
      { kind: 'link', text: 'mail', href: 'mailto:ana@example.org' },
    ]);
    for (const note of ['[x](javascript:alert(1))', '[x](JavaScript:alert(1))', '[x](data:text/html,hi)', '[x](/relative)', '[x](//example.org)', '[x](ftp://example.org)', '[x](vbscript:y)']) {
      expect(allInlines(parseNote(note)).every((inline) => inline.kind === 'text')).toBe(true);
      expect(allInlines(parseNote(note)).map((inline) => inline.text).join('')).toBe(note);
    }
  });

  it('takes a link that holds a space as text, with a bare address inside linked', () => {
    expect(inlines('[x](https://a.b c)')).toEqual([text('[x]('), { kind: 'link', text: 'https://a.b', href: 'https://a.b' }, text(' c)')]);
  });

  it('never reads HTML', () => {
    expect(parseNote('<script>alert(1)</script>\n<b>hi</b> <a href="javascript:x">y</a>')).toEqual([
      paragraph([text('<script>alert(1)</script>')], [text('<b>hi</b> <a href="javascript:x">y</a>')]),
    ]);
  });

  it('reads lines starting with "- " or "* " as a list', () => {
    expect(parseNote('Follow up:\n- send the **deck**\n* intro to Bo\n  - ask about `grants`\nThanks\n\n- one\n\n- two')).toEqual([
      paragraph([text('Follow up:')]),
      list([text('send the '), { kind: 'strong', text: 'deck' }], [text('intro to Bo')], [text('ask about '), { kind: 'code', text: 'grants' }]),
      paragraph([text('Thanks')]),
      list([text('one')]),
      list([text('two')]),
    ]);
    expect(parseNote('-not a list\n-\n*em*')).toEqual([paragraph([text('-not a list')], [text('-')], [{ kind: 'em', text: 'em' }])]);
  });
});

describe('noteExcerpt', () => {
  it('gives the note as plain text on one line', () => {
    expect(noteExcerpt('**Met** at the _mixer_.\n\n- see [her site](https://ana.example)\n- `grants`')).toBe('Met at the mixer. see her site grants');
  });

  it('cuts between words with an ellipsis', () => {
    const note = 'Works on heat pumps for old houses in Lisbon and wants to meet installers, grant writers and anyone with a van';
    expect(noteExcerpt(note, 40)).toBe('Works on heat pumps for old houses in…');
    expect(noteExcerpt(note, 40).length).toBeLessThanOrEqual(40);
    expect(noteExcerpt('one two, three', 10)).toBe('one two…');
    expect(noteExcerpt(note)).toBe(note);
  });

  it('cuts a long word when no space is near', () => {
    expect(noteExcerpt('See https://example.org/a/very/long/path/that/goes/on', 20)).toBe('See https://example…');
    expect(noteExcerpt('👍👍👍👍👍', 3)).toBe('👍👍…');
  });

  it('handles tiny limits', () => {
    expect(noteExcerpt('hello', 1)).toBe('…');
    expect(noteExcerpt('hello', 0)).toBe('');
    expect(noteExcerpt('', 0)).toBe('');
  });
});

const noteText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({
    unit: fc.constantFrom('a', 'b', ' ', '\n', '\r', '\t', '*', '_', '`', '[', ']', '(', ')', '-', ':', '/', 'http', 'https://', 'mailto:', 'javascript:', '<', '\u0000', '\u0301', 'é'),
    maxLength: 80,
  }),
);

describe('note format, for any text', () => {
  it('never throws', () => {
    fc.assert(
      fc.property(noteText, fc.integer({ min: -2, max: 200 }), (note, max) => {
        parseNote(note);
        noteExcerpt(note, max);
      }),
      { numRuns: 2000 },
    );
  });

  it('normalizes idempotently, and no longer than NFC makes the text', () => {
    fc.assert(
      fc.property(noteText, (note) => {
        const normal = normalizeNote(note);
        expect(normalizeNote(normal)).toBe(normal);
        expect(normal.length).toBeLessThanOrEqual(note.normalize('NFC').length);
        expect(normal).toBe(normal.normalize('NFC'));
        expect(normal).not.toMatch(/\r|[ \t]\n|\n{4}/);
      }),
      { numRuns: 2000 },
    );
  });

  it('is no longer than its input for text NFC leaves as it is', () => {
    fc.assert(
      fc.property(noteText, (note) => {
        fc.pre(note === note.normalize('NFC'));
        expect(normalizeNote(note).length).toBeLessThanOrEqual(note.length);
      }),
    );
  });

  it('links only to http, https and mailto addresses', () => {
    fc.assert(
      fc.property(noteText, (note) => {
        for (const inline of allInlines(parseNote(note))) {
          if (inline.kind === 'link') expect(inline.href).toMatch(/^(?:https?:\/\/|mailto:)\S+$/);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reads text without markup as the paragraphs it is', () => {
    const plain = fc.string({ unit: fc.constantFrom('a', 'B', 'é', ' ', '\n', '\r', '\t', '-', '.', ',', '<', '>', '&', '"', '#', ':', '/', 'ht', 'tp', 'ma', 'ilto', '👍'), maxLength: 120 });
    fc.assert(
      fc.property(plain, (note) => {
        const normal = normalizeNote(note);
        fc.pre(!/http|mailto/i.test(normal) && !/^[ \t]*-[ \t]+\S/m.test(normal));
        const blocks = parseNote(note);
        expect(blocks.every((block) => block.kind === 'paragraph')).toBe(true);
        const read = blocks
          .map((block) => (block.kind === 'paragraph' ? block.lines : []).map((line) => line.map((inline) => inline.text).join('')).join('\n'))
          .join('\n\n');
        expect(read).toBe(normal.replace(/\n{3,}/g, '\n\n'));
        expect(allInlines(blocks).every((inline) => inline.kind === 'text')).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves no markup characters that served as markup in the text it reads', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'é', '1', '.', '!', '<', '>', '👍'), minLength: 1, maxLength: 6 });
    const words = fc.array(word, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));
    // Addresses whose characters are all ones a link keeps, so that the expected parse is plain.
    const url = fc.webUrl({ withQueryParameters: true, withFragments: true }).filter((href) => !/[()[\]*_`'!,;.?:]$|[()[\]*_`]/.test(href));
    const piece: fc.Arbitrary<{ markup: string; inline: NoteInline }> = fc.oneof(
      words.map((value) => ({ markup: value, inline: text(value) })),
      words.map((value) => ({ markup: `**${value}**`, inline: { kind: 'strong' as const, text: value } })),
      words.map((value) => ({ markup: `*${value}*`, inline: { kind: 'em' as const, text: value } })),
      words.map((value) => ({ markup: `_${value}_`, inline: { kind: 'em' as const, text: value } })),
      words.map((value) => ({ markup: `\`${value}\``, inline: { kind: 'code' as const, text: value } })),
      fc.tuple(words, url).map(([label, href]) => ({ markup: `[${label}](${href})`, inline: { kind: 'link' as const, text: label, href } })),
      url.map((href) => ({ markup: href, inline: { kind: 'link' as const, text: href, href } })),
    );
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 6 }), (pieces) => {
        const note = pieces.map((part) => part.markup).join(' ');
        const read = allInlines(parseNote(note));
        const expected = pieces.flatMap((part, index) => (index === 0 ? [part.inline] : [text(' '), part.inline]));
        const merged: NoteInline[] = [];
        for (const inline of expected) {
          const last = merged[merged.length - 1];
          if (last?.kind === 'text' && inline.kind === 'text') merged[merged.length - 1] = text(last.text + inline.text);
          else merged.push(inline);
        }
        expect(read).toEqual(merged);
        const plain = read.map((inline) => inline.text).join('');
        expect(plain).not.toMatch(/[*_`[\]]/);
      }),
      { numRuns: 1000 },
    );
  });

  it('gives an excerpt on one line, no longer than asked, that starts the plain text', () => {
    fc.assert(
      fc.property(noteText, fc.integer({ min: 1, max: 160 }), (note, max) => {
        const excerpt = noteExcerpt(note, max);
        const whole = noteExcerpt(note, Number.MAX_SAFE_INTEGER);
        expect(Array.from(excerpt).length).toBeLessThanOrEqual(max);
        expect(excerpt).not.toMatch(/\n/);
        if (excerpt === whole) return;
        expect(excerpt.endsWith('…')).toBe(true);
        expect(whole.startsWith(excerpt.slice(0, -1))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
