import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectAttendeeFormat, readAttendeesCsv } from '../../../src/core/csv/attendees.js';

/** A CSV cell, quoted when it needs to be. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
function csv(lines: readonly (readonly string[])[], eol = '\n'): string {
  return lines.map((cells) => cells.map(cell).join(',')).join(eol) + eol;
}

const LUMA_HEADER = [
  'api_id', 'name', 'first_name', 'last_name', 'email', 'phone_number', 'created_at', 'approval_status',
  'checked_in_at', 'qr_code_url', 'ticket_name', 'amount', 'currency',
  'What do you hope to get out of this meetup?', 'LinkedIn profile',
];
const LUMA = csv([
  LUMA_HEADER,
  ['gst-001', 'Dr. Ana Lima', 'Ana', 'Lima', 'Ana.Lima@Example.org ', '+15551230001', '2026-03-01T17:02:11.000Z', 'approved', '2026-03-12T18:30:05.000Z', 'https://lu.ma/check-in/1', 'General', '0', 'USD', 'Meet people who keep bees', 'https://linkedin.com/in/analima'],
  ['gst-002', 'bo', 'Bo', 'Svensson', 'bo@example.com', '', '2026-03-02T09:00:00.000Z', 'invited', '', 'https://lu.ma/check-in/2', 'General', '0', 'USD', '', ''],
  ['gst-003', 'Chen Wei', 'Wei', 'Chen', 'chen@example.net', '', '2026-03-03T09:00:00.000Z', 'pending_approval', '', '', 'General', '0', 'USD', 'Hiring, talking Rust', ''],
  ['gst-004', 'Dee', 'Dee', '', 'dee@example.com', '', '2026-03-04T09:00:00.000Z', 'declined', '', '', 'General', '0', 'USD', '', ''],
  ['gst-005', 'Eli', 'Eli', '', 'eli@example.com', '', '2026-03-05T09:00:00.000Z', 'waitlist', '', '', 'General', '0', 'USD', '', ''],
]);

const EVENTBRITE_US = csv([
  ['Order #', 'Order Date', 'First Name', 'Last Name', 'Email', 'Quantity', 'Ticket Type', 'Attendee #', 'Attendee Status', 'Home Address 1', 'Home City', 'Home Zip', 'Dietary needs', 'Job Title', 'Company'],
  ['1234567890', '2026-03-01 10:02:00-08:00', 'Ana', 'Lima', 'ana@example.org', '1', 'General Admission', '2345678901', 'Attending', '1 Main St', 'Portland', '97201', 'Vegetarian', 'Beekeeper', 'Hive Co'],
  ['1234567891', '2026-03-02 11:00:00-08:00', 'Bo', 'Svensson', 'bo@example.com', '1', 'General Admission', '2345678902', 'Checked In', '', '', '', '', 'Engineer', ''],
  ['1234567892', '2026-03-03 12:00:00-08:00', 'Cy', 'Ng', 'cy@example.com', '1', 'General Admission', '2345678903', 'Not Attending', '', '', '', '', '', 'Acme'],
  ['1234567893', '2026-03-04 12:00:00-08:00', 'Di', 'Ruiz', 'di@example.com', '1', 'General Admission', '2345678904', 'Refunded', '', '', '', '', '', ''],
  ['', '', '', '', '', '4', '', '', '', '', '', '', '', '', ''],
]);

const EVENTBRITE_UK = csv([
  ['Order no.', 'Order Date', 'First Name', 'Surname', 'Email', 'Quantity', 'Ticket Type', 'Attendee no.', 'Attendee Status', 'Mobile Phone', 'Home Postcode', 'Job Title', 'Company'],
  ['9876543210', '01/03/2026 10:02', 'Fiona', 'MacLeod', 'fiona@example.co.uk', '1', 'Standard', '8765432109', 'Attending', '07700 900123', 'EH1 1AA', 'Founder', 'Thistle Ltd'],
  ['Total', '', '', '', '', '1', '', '', '', '', '', '', ''],
]);

const EVENTBRITE_NEW = csv([
  ['Order ID', 'Order date', 'Attendee first name', 'Attendee last name', 'Attendee email', 'Ticket type', 'Attendee status', 'What brings you here?'],
  ['5550001', '2026-03-01', 'Gus', 'Ortiz', 'GUS@example.com', 'Early bird', 'Attending', 'Looking for a co-founder'],
]);

const MEETUP = csv([
  ['Name', 'User ID', 'Title', 'Event Host', 'RSVP', 'Guests', 'RSVPed on', 'Joined Group on', 'URL of Member Profile', 'Why are you coming?'],
  ['Hana Sato', 'user 101', '', 'No', 'Yes', '0', '2026-03-01 10:00', '2024-01-10', 'https://www.meetup.com/members/101/', 'To learn Go'],
  ['Ivo Petrov', 'user 102', '', 'No', 'No', '0', '2026-03-02 10:00', '2024-02-10', 'https://www.meetup.com/members/102/', ''],
]);

const GENERIC = csv([
  ['email', 'name', 'headline', 'interests', 'offers', 'seeking'],
  ['jo@example.com', 'Jo', 'Data person at Acme', 'sql; jazz ;', 'Help with SQL', 'a climbing partner'],
]);

describe('detectAttendeeFormat', () => {
  it('recognizes each export by its headers, in any case, spacing and order', () => {
    expect(detectAttendeeFormat(LUMA_HEADER)).toBe('luma');
    expect(detectAttendeeFormat(['guest_id', 'name', 'email'])).toBe('luma');
    expect(detectAttendeeFormat([' ATTENDEE # ', 'email', 'First Name'])).toBe('eventbrite');
    expect(detectAttendeeFormat(['Order no.', 'First Name', 'Surname', 'Email', 'Attendee no.'])).toBe('eventbrite');
    expect(detectAttendeeFormat(['Attendee first name', 'Attendee last name', 'Attendee email', 'Ticket type'])).toBe('eventbrite');
    expect(detectAttendeeFormat(['URL of Member Profile', 'RSVP', 'User ID', 'Name'])).toBe('meetup');
    expect(detectAttendeeFormat(['Name', 'Email'])).toBe('generic');
    expect(detectAttendeeFormat(['id', 'name'])).toBeUndefined();
    expect(detectAttendeeFormat([])).toBeUndefined();
  });
});

describe('readAttendeesCsv', () => {
  it('reads a Luma export: display name as is, statuses, check-ins and question answers', () => {
    const result = readAttendeesCsv(LUMA);
    expect(result.format).toBe('luma');
    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => [row.line, row.name, row.email, row.status, row.checkedIn, row.externalId])).toEqual([
      [2, 'Dr. Ana Lima', 'ana.lima@example.org', 'attending', true, 'gst-001'],
      [3, 'bo', 'bo@example.com', 'attending', false, 'gst-002'],
      [4, 'Chen Wei', 'chen@example.net', 'attending', false, 'gst-003'],
      [5, 'Dee', 'dee@example.com', 'not_attending', false, 'gst-004'],
      [6, 'Eli', 'eli@example.com', 'not_attending', false, 'gst-005'],
    ]);
    expect(result.rows[0]!.answers).toEqual([
      { question: 'What do you hope to get out of this meetup?', answer: 'Meet people who keep bees' },
      { question: 'LinkedIn profile', answer: 'https://linkedin.com/in/analima' },
    ]);
    expect(result.rows[1]!.answers).toEqual([]);
    expect(result.rows[2]!.answers).toEqual([{ question: 'What do you hope to get out of this meetup?', answer: 'Hiring, talking Rust' }]);
    expect(result.rows[0]).toMatchObject({ headline: '', interests: [], offers: [], seeking: [], profileUrl: '' });
  });

  it('builds a Luma name from first and last only when the name cell is empty', () => {
    const text = csv([['guest_id', 'name', 'first_name', 'last_name', 'email', 'approval_status'], ['g1', '', 'Kim', 'Park', 'kim@example.com', 'approved']]);
    expect(readAttendeesCsv(text).rows[0]!.name).toBe('Kim Park');
  });

  it('reads an Eventbrite US report and skips its totals row', () => {
    const result = readAttendeesCsv(EVENTBRITE_US);
    expect(result.format).toBe('eventbrite');
    expect(result.problems).toEqual([]);
    expect(result.skipped).toEqual([{ line: 6, reason: expect.stringContaining('totals row') }]);
    expect(result.rows.map((row) => [row.name, row.email, row.headline, row.status, row.checkedIn, row.externalId])).toEqual([
      ['Ana Lima', 'ana@example.org', 'Beekeeper at Hive Co', 'attending', false, '2345678901'],
      ['Bo Svensson', 'bo@example.com', 'Engineer', 'attending', true, '2345678902'],
      ['Cy Ng', 'cy@example.com', 'Acme', 'not_attending', false, '2345678903'],
      ['Di Ruiz', 'di@example.com', '', 'not_attending', false, '2345678904'],
    ]);
    expect(result.rows[0]!.answers).toEqual([{ question: 'Dietary needs', answer: 'Vegetarian' }]);
  });

  it('reads a UK-localized Eventbrite report', () => {
    const result = readAttendeesCsv(EVENTBRITE_UK);
    expect(result.format).toBe('eventbrite');
    expect(result.problems).toEqual([]);
    expect(result.skipped.map((s) => s.line)).toEqual([3]);
    expect(result.rows).toEqual([
      {
        line: 2, email: 'fiona@example.co.uk', name: 'Fiona MacLeod', headline: 'Founder at Thistle Ltd',
        interests: [], offers: [], seeking: [], status: 'attending', checkedIn: false, externalId: '8765432109', profileUrl: '', answers: [],
      },
    ]);
  });

  it('reads a newer Eventbrite report', () => {
    const result = readAttendeesCsv(EVENTBRITE_NEW);
    expect(result.format).toBe('eventbrite');
    expect(result.problems).toEqual([]);
    expect(result.rows[0]).toMatchObject({ name: 'Gus Ortiz', email: 'gus@example.com', status: 'attending', answers: [{ question: 'What brings you here?', answer: 'Looking for a co-founder' }] });
  });

  it('reads a Meetup export, which has no email', () => {
    const result = readAttendeesCsv(MEETUP);
    expect(result.format).toBe('meetup');
    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => [row.name, row.email, row.externalId, row.profileUrl, row.status])).toEqual([
      ['Hana Sato', '', 'user 101', 'https://www.meetup.com/members/101/', 'attending'],
      ['Ivo Petrov', '', 'user 102', 'https://www.meetup.com/members/102/', 'not_attending'],
    ]);
    expect(result.rows[0]!.answers).toEqual([{ question: 'Why are you coming?', answer: 'To learn Go' }]);
  });

  it('reads the generic layout, splitting lists on ";"', () => {
    const result = readAttendeesCsv(GENERIC);
    expect(result).toEqual({
      format: 'generic',
      problems: [],
      skipped: [],
      rows: [
        {
          line: 2, email: 'jo@example.com', name: 'Jo', headline: 'Data person at Acme', interests: ['sql', 'jazz'], offers: ['Help with SQL'],
          seeking: ['a climbing partner'], status: 'attending', checkedIn: false, externalId: '', profileUrl: '', answers: [],
        },
      ],
    });
  });

  it('takes a BOM, CRLF line endings and no final newline', () => {
    const text = '\ufeff' + csv([['Email', 'Name'], ['a@example.com', 'A'], ['b@example.com', 'B']], '\r\n').replace(/\r\n$/, '');
    const result = readAttendeesCsv(text);
    expect(result.problems).toEqual([]);
    expect(result.rows.map((row) => [row.line, row.email, row.name])).toEqual([[2, 'a@example.com', 'A'], [3, 'b@example.com', 'B']]);
  });

  it('reports each row problem with its line and column, and leaves the row out', () => {
    const text = csv([
      ['name', 'headline', 'email'],
      ['Ann', '', 'ann@example.com'],
      ['Bob', '', ''],
      ['Cat', '', 'cat at example.com'],
      ['Dan', '', 'dan@localhost'],
      ['', '', 'eve@example.com'],
      ['Ann again', '', ' ANN@example.com'],
      ['Two words', '', 'two @example.com'],
    ]);
    const result = readAttendeesCsv(text);
    expect(result.rows.map((row) => row.line)).toEqual([2]);
    expect(result.problems.map(({ row, column }) => [row, column])).toEqual([[3, 3], [4, 3], [5, 3], [6, 1], [7, 3], [8, 3]]);
    expect(result.problems[0]!.message).toBe('the email is empty');
    expect(result.problems[3]!.message).toBe('the name is empty');
    expect(result.problems[4]!.message).toContain('already on line 2');
  });

  it('reports a broken file as one problem with its line and cell', () => {
    const result = readAttendeesCsv('email,name\na@example.com,"Ann\nb@example.com,Bo,extra\n');
    expect(result.rows).toEqual([]);
    expect(result.problems).toEqual([{ row: 2, column: 2, message: expect.stringContaining('never closed') }]);
    expect(readAttendeesCsv('email,name\na@example.com,Ann,extra\n').problems).toEqual([{ row: 2, column: 3, message: expect.any(String) }]);
  });

  it('still names the format of a file broken after its header', () => {
    const result = readAttendeesCsv('guest_id,name,email,approval_status\r\ng1,Ann,ann@example.com,approved,extra\r\n');
    expect(result.format).toBe('luma');
    expect(result.problems).toEqual([{ row: 2, column: 5, message: expect.any(String) }]);
  });

  it('places Eventbrite problems at the columns of that report', () => {
    const text = csv([
      ['Order #', 'First Name', 'Last Name', 'Email', 'Attendee #', 'Attendee Status'],
      ['1', '', '', 'x@example.com', '11', 'Attending'],
      ['2', 'Bo', 'Li', '', '12', 'Attending'],
      ['3', 'Cy', 'Ng', 'X@example.com', '13', 'Transferred'],
      ['4', 'Di', 'Ox', 'di@example', '14', 'Attending'],
    ]);
    const result = readAttendeesCsv(text);
    expect(result.problems.map(({ row, column, message }) => [row, column, message])).toEqual([
      [2, 2, 'the name is empty'],
      [3, 4, 'the email is empty'],
      [5, 4, '"di@example" is not an email address'],
    ]);
    expect(result.rows).toMatchObject([{ line: 4, email: 'x@example.com', status: 'not_attending' }]);
  });

  it('treats a Luma status it does not know as not attending, and an empty one as attending', () => {
    const text = csv([['guest_id', 'name', 'email', 'approval_status'], ['g1', 'A', 'a@example.com', 'Approved'], ['g2', 'B', 'b@example.com', 'session_expired'], ['g3', 'C', 'c@example.com', '']]);
    expect(readAttendeesCsv(text).rows.map((row) => row.status)).toEqual(['attending', 'not_attending', 'attending']);
  });

  it('names the expected headers when the format is unknown', () => {
    const result = readAttendeesCsv('id,full name\n1,Ann\n');
    expect(result.rows).toEqual([]);
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ row: 1, column: 1 });
    expect(result.problems[0]!.message).toContain('email,name,headline,interests,offers,seeking');
    expect(result.problems[0]!.message).toContain('Attendee #');
    expect(readAttendeesCsv('').problems[0]).toMatchObject({ row: 1, column: 1 });
  });

  it('uses a given format, and says which column it lacks', () => {
    const result = readAttendeesCsv('name,email\nAnn,ann@example.com\n', { format: 'meetup' });
    expect(result.format).toBe('meetup');
    expect(result.rows.map((row) => row.name)).toEqual(['Ann']);
    expect(result.rows[0]!.answers).toEqual([{ question: 'email', answer: 'ann@example.com' }]);
    expect(readAttendeesCsv('Name,User ID\nAnn,1\n', { format: 'eventbrite' }).problems).toEqual([{ row: 1, column: 1, message: expect.stringContaining('email') }]);
  });

  it('flags the same Meetup member twice', () => {
    const text = MEETUP + csv([['Hana S.', 'user 101', '', 'No', 'Yes', '0', '', '', 'https://www.meetup.com/members/101/', '']]);
    const result = readAttendeesCsv(text);
    expect(result.rows).toHaveLength(2);
    expect(result.problems).toEqual([{ row: 4, column: 2, message: 'this member is already on line 2' }]);
  });

  it('skips blank rows with a reason', () => {
    const result = readAttendeesCsv('email,name\n,\na@example.com,A\n');
    expect(result.skipped).toEqual([{ line: 2, reason: 'the row is empty' }]);
    expect(result.rows.map((row) => row.line)).toEqual([3]);
  });
});

const word = fc.stringMatching(/^[a-z]{1,6}$/);
const genericPerson = fc.record({
  email: fc.oneof(
    fc.tuple(word, word).map(([user, domain]) => `${user}@${domain}.org`),
    fc.constantFrom('', 'not-an-email', 'a b@c.d', 'A@Example.org'),
  ),
  name: fc.oneof(word, fc.constant(''), fc.constant(' ')),
  headline: fc.oneof(word, fc.constant('')),
  interests: fc.array(word, { maxLength: 3 }).map((items) => items.join('; ')),
  offers: fc.array(word, { maxLength: 3 }).map((items) => items.join(';')),
  seeking: fc.constantFrom('', 'x', 'a, "quoted" thing'),
});
const GENERIC_COLUMNS = ['email', 'name', 'headline', 'interests', 'offers', 'seeking'] as const;

describe('readAttendeesCsv properties', () => {
  it('puts every generic row either in rows or in a problem naming its line, never both (blank rows are skipped)', () => {
    fc.assert(
      fc.property(fc.array(genericPerson, { minLength: 1, maxLength: 12 }), (people) => {
        const text = csv([GENERIC_COLUMNS, ...people.map((p) => GENERIC_COLUMNS.map((c) => p[c]))]);
        const result = readAttendeesCsv(text);
        const kept = new Set(result.rows.map((row) => row.line));
        const refused = new Set(result.problems.map((problem) => problem.row));
        const skipped = new Set(result.skipped.map((skip) => skip.line));
        people.forEach((person, index) => {
          const line = index + 2;
          // A row of blank cells holds no one: it is skipped, and only such a row is.
          const blank = GENERIC_COLUMNS.every((c) => person[c].trim() === '');
          expect(skipped.has(line)).toBe(blank);
          if (!blank) expect(kept.has(line) !== refused.has(line)).toBe(true);
          else expect(kept.has(line) || refused.has(line)).toBe(false);
        });
      }),
    );
  });

  it('reads the same rows whatever the order of the columns', () => {
    const extra = ['Favourite snack', 'T-shirt size'];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(genericPerson, word, word), { minLength: 1, maxLength: 8 }),
        fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7], { minLength: 8, maxLength: 8 }),
        (people, order) => {
          const header = [...GENERIC_COLUMNS, ...extra];
          const lines = people.map(([p, a, b]) => [...GENERIC_COLUMNS.map((c) => p[c]), a, b]);
          const plain = readAttendeesCsv(csv([header, ...lines]));
          const shuffled = readAttendeesCsv(csv([order.map((i) => header[i]!), ...lines.map((cells) => order.map((i) => cells[i]!))]));
          const sortAnswers = (rows: typeof plain.rows) =>
            rows.map((row) => ({ ...row, answers: [...row.answers].sort((x, y) => x.question.localeCompare(y.question)) }));
          expect(sortAnswers(shuffled.rows)).toEqual(sortAnswers(plain.rows));
          expect(shuffled.problems.map((p) => [p.row, p.message])).toEqual(plain.problems.map((p) => [p.row, p.message]));
        },
      ),
    );
  });

  it('never throws, whatever the text', () => {
    const alphabet = fc.constantFrom('a', '@', '.', ',', '"', '\n', '\r', ' ', ';', '\ufeff', 'email', 'name', 'Attendee #', 'approval_status');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(alphabet, { maxLength: 60 }).map((parts) => parts.join(''))), (text) => {
        const result = readAttendeesCsv(text);
        for (const format of ['luma', 'eventbrite', 'meetup', 'generic'] as const) readAttendeesCsv(text, { format });
        expect(Array.isArray(result.rows)).toBe(true);
      }),
    );
  });
});
