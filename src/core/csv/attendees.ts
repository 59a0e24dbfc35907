import { CsvError, parseCsv } from './csv.js';

/**
 * Attendee lists exported by ticketing tools (CONTRACTS.md, "Attendee import"): Luma guest
 * exports, Eventbrite attendee summaries (US, UK-localized and newer headers), Meetup attendee
 * exports and the app's own generic layout. Columns are found by header name, never by position.
 * Pure: no I/O, no clock. Nothing here throws on a bad file; problems are returned with their line
 * and cell, and the rows that have one are left out.
 */

export type AttendeeFormat = 'luma' | 'eventbrite' | 'meetup' | 'generic';

export interface AttendeeRow {
  /** The line in the file where the row starts (the header is line 1). */
  line: number;
  /** Lower-cased and trimmed; '' for Meetup, whose exports carry no email. */
  email: string;
  name: string;
  headline: string;
  interests: string[];
  offers: string[];
  seeking: string[];
  status: 'attending' | 'not_attending';
  checkedIn: boolean;
  externalId: string;
  profileUrl: string;
  /** Answers to registration questions: every non-empty cell of a column the format does not define. */
  answers: { question: string; answer: string }[];
}

export interface AttendeeImportProblem {
  row: number;
  column: number;
  message: string;
}

export interface ReadAttendees {
  format: AttendeeFormat;
  rows: AttendeeRow[];
  problems: AttendeeImportProblem[];
  skipped: { line: number; reason: string }[];
}

/** A header as compared: trimmed, lower-cased, inner runs of spaces made one. */
function normalize(title: string): string {
  return title.trim().toLowerCase().replace(/\s+/g, ' ');
}

/** The fields a format may read, each with the header names that hold it, preferred first. */
type Fields = Record<string, readonly string[]>;

const LUMA = {
  id: ['guest_id', 'api_id'],
  name: ['name'],
  firstName: ['first_name'],
  lastName: ['last_name'],
  email: ['email'],
  status: ['approval_status'],
  checkedIn: ['checked_in_at'],
} as const satisfies Fields;

const LUMA_OTHER = new Set([
  'phone_number',
  'created_at',
  'qr_code_url',
  'currency',
  'user_api_id',
  'eth_address',
  'solana_address',
  'custom_source',
]);
const LUMA_OTHER_PREFIXES = ['ticket_', 'amount', 'payment', 'coupon', 'utm_', 'survey_response', 'registration_'];

const EVENTBRITE = {
  firstName: ['attendee first name', 'first name'],
  lastName: ['attendee last name', 'last name', 'surname'],
  email: ['attendee email', 'email', 'email address'],
  id: ['attendee #', 'attendee no.', 'attendee no', 'attendee number', 'attendee id'],
  status: ['attendee status'],
  jobTitle: ['job title'],
  company: ['company'],
} as const satisfies Fields;

const EVENTBRITE_OTHER = new Set([
  'order #',
  'order no.',
  'order no',
  'order number',
  'order id',
  'order date',
  'order type',
  'quantity',
  'price tier',
  'group',
  'ticket type',
  'prefix',
  'suffix',
  'mobile phone',
  'cell phone',
  'home phone',
  'work phone',
  'gender',
  'age',
  'birth date',
  'website',
  'blog',
  'event name',
  'event id',
  'currency',
  'total paid',
  'fees paid',
  'eventbrite fees',
  'eventbrite payment processing',
  'device name',
  'buyer first name',
  'buyer last name',
  'buyer email',
  'buyer surname',
]);
const EVENTBRITE_ADDRESS = /^(home|work|billing|shipping) (address( \d)?|city|state|county|province|zip|zip code|postcode|post code|postal code|country)$/;

const MEETUP = {
  name: ['name'],
  id: ['user id', 'member id'],
  rsvp: ['rsvp'],
  profileUrl: ['url of member profile'],
} as const satisfies Fields;

const MEETUP_OTHER = new Set(['title', 'event host', 'guests', 'rsvped on', 'joined group on']);

const GENERIC = {
  email: ['email'],
  name: ['name'],
  headline: ['headline'],
  interests: ['interests'],
  offers: ['offers'],
  seeking: ['seeking'],
} as const satisfies Fields;

const FIELDS: Record<AttendeeFormat, Fields> = { luma: LUMA, eventbrite: EVENTBRITE, meetup: MEETUP, generic: GENERIC };

/** Whether a header (normalized) is one the format defines, rather than a registration question. */
function isKnownColumn(format: AttendeeFormat, title: string): boolean {
  if (Object.values(FIELDS[format]).some((names) => names.includes(title))) return true;
  switch (format) {
    case 'luma':
      return LUMA_OTHER.has(title) || LUMA_OTHER_PREFIXES.some((prefix) => title.startsWith(prefix));
    case 'eventbrite':
      return EVENTBRITE_OTHER.has(title) || EVENTBRITE_ADDRESS.test(title);
    case 'meetup':
      return MEETUP_OTHER.has(title);
    case 'generic':
      return false;
  }
}

const EXPECTED =
  'Luma (guest_id or api_id, name, email, approval_status, …), ' +
  'Eventbrite (Order #, First Name, Last Name, Email, Attendee #, Attendee Status, …), ' +
  'Meetup (Name, User ID, RSVP, URL of Member Profile, …) ' +
  'or the generic email,name,headline,interests,offers,seeking';

/** The export a header comes from, or undefined when it matches none. */
export function detectAttendeeFormat(header: readonly string[]): AttendeeFormat | undefined {
  const titles = new Set(header.map(normalize));
  const has = (...names: string[]): boolean => names.some((name) => titles.has(name));
  if (has('email') && (has('approval_status') || has('guest_id', 'api_id'))) return 'luma';
  if (has('email', 'attendee email') && (has('attendee #', 'attendee no.', 'attendee status') || has('order #', 'order no.'))) {
    return 'eventbrite';
  }
  if (has('attendee email') && has('attendee first name', 'attendee last name')) return 'eventbrite';
  if (has('name') && has('user id') && has('url of member profile', 'rsvp')) return 'meetup';
  if (has('email') && has('name')) return 'generic';
  return undefined;
}

/** The format shown by the first line of a file that is broken further on, if that line reads. */
function formatOfFirstLine(text: string): AttendeeFormat | undefined {
  const end = text.search(/[\r\n]/);
  try {
    return detectAttendeeFormat(parseCsv(end < 0 ? text : text.slice(0, end)).header);
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A simple sane check: one @, a dot in the domain after the @, no spaces. */
function isEmail(email: string): boolean {
  return EMAIL.test(email) && !email.endsWith('.');
}

/** A list cell: items separated by `;`, trimmed, empty ones dropped. */
function listOf(cell: string): string[] {
  return cell
    .split(';')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** The fields a format needs a column for: without one the file cannot be read. */
const REQUIRED: Record<AttendeeFormat, readonly string[]> = {
  luma: ['email'],
  eventbrite: ['email'],
  meetup: ['name'],
  generic: ['email', 'name'],
};

/**
 * The attendees of an export, in file order, with the problems found. The format is the one
 * given, else the one the header shows. A file that is not CSV gives one problem and no rows;
 * a row with a problem (missing or invalid email, empty name, an email or member seen on an
 * earlier line) is left out; Eventbrite's totals row and blank rows are skipped with a reason.
 */
export function readAttendeesCsv(text: string, options: { format?: AttendeeFormat } = {}): ReadAttendees {
  let parsed;
  try {
    parsed = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvError) {
      const problems = [{ row: error.row, column: error.column, message: error.message }];
      return { format: options.format ?? formatOfFirstLine(text) ?? 'generic', rows: [], problems, skipped: [] };
    }
    throw error;
  }
  const { header, rows } = parsed;
  const format = options.format ?? detectAttendeeFormat(header);
  if (format === undefined) {
    const message =
      header.length === 0
        ? `the file is empty: its first line must be the header of an attendee export: ${EXPECTED}`
        : `these headers are not those of a known attendee export: expected ${EXPECTED}`;
    return { format: 'generic', rows: [], problems: [{ row: 1, column: 1, message }], skipped: [] };
  }

  const titles = header.map(normalize);
  const fields = FIELDS[format];
  /** The column index of each field: the first column under its most preferred header name. */
  const position = new Map<string, number>();
  for (const [field, names] of Object.entries(fields)) {
    for (const name of names) {
      const index = titles.indexOf(name);
      if (index >= 0) {
        position.set(field, index);
        break;
      }
    }
  }
  for (const field of REQUIRED[format]) {
    if (!position.has(field)) {
      const message = `the header has no ${fields[field]!.map((name) => `"${name}"`).join(' or ')} column, which a ${format} export needs`;
      return { format, rows: [], problems: [{ row: 1, column: 1, message }], skipped: [] };
    }
  }
  const questions = titles.flatMap((title, index) => (title === '' || isKnownColumn(format, title) ? [] : [{ index, question: header[index]!.trim() }]));

  const cellOf = (cells: readonly string[], field: string): string => {
    const index = position.get(field);
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const columnOf = (field: string): number => (position.get(field) ?? 0) + 1;

  const result: ReadAttendees = { format, rows: [], problems: [], skipped: [] };
  const seen = new Map<string, number>();
  const filled = rows.filter(({ line, cells }) => {
    if (cells.some((cell) => cell.trim() !== '')) return true;
    result.skipped.push({ line, reason: 'the row is empty' });
    return false;
  });

  // Eventbrite ends its report with a totals row: trailing rows with no email and no attendee number.
  let end = filled.length;
  if (format === 'eventbrite') {
    while (end > 0 && cellOf(filled[end - 1]!.cells, 'email') === '' && cellOf(filled[end - 1]!.cells, 'id') === '') end--;
  }

  filled.forEach(({ line, cells }, at) => {
    if (at >= end) {
      result.skipped.push({ line, reason: 'a totals row, not an attendee: it has no email and no attendee number' });
      return;
    }
    const problems: AttendeeImportProblem[] = [];
    const problem = (field: string, message: string): void => {
      problems.push({ row: line, column: columnOf(field), message });
    };

    const email = cellOf(cells, 'email').toLowerCase();
    if (format !== 'meetup') {
      if (email === '') problem('email', 'the email is empty');
      else if (!isEmail(email)) problem('email', `${JSON.stringify(email)} is not an email address`);
      else {
        const earlier = seen.get(email);
        if (earlier !== undefined) problem('email', `the email ${email} is already on line ${earlier}`);
      }
    }

    let name: string;
    let nameField: string;
    if (format === 'eventbrite') {
      name = [cellOf(cells, 'firstName'), cellOf(cells, 'lastName')].filter((part) => part !== '').join(' ');
      nameField = position.has('firstName') ? 'firstName' : 'lastName';
    } else if (format === 'luma') {
      // The display name as written; first and last only when there is none.
      name = cellOf(cells, 'name');
      if (name === '') name = [cellOf(cells, 'firstName'), cellOf(cells, 'lastName')].filter((part) => part !== '').join(' ');
      nameField = position.has('name') ? 'name' : 'firstName';
    } else {
      name = cellOf(cells, 'name');
      nameField = 'name';
    }
    if (name === '') problem(nameField, 'the name is empty');

    const externalId = format === 'generic' ? '' : cellOf(cells, 'id');
    const profileUrl = format === 'meetup' ? cellOf(cells, 'profileUrl') : '';
    const memberKey = format === 'meetup' ? (externalId !== '' ? `id:${externalId}` : profileUrl !== '' ? `url:${profileUrl}` : '') : '';
    if (memberKey !== '') {
      const earlier = seen.get(memberKey);
      if (earlier !== undefined) problem(externalId !== '' ? 'id' : 'profileUrl', `this member is already on line ${earlier}`);
    }

    if (problems.length > 0) {
      result.problems.push(...problems);
      return;
    }
    if (email !== '') seen.set(email, line);
    if (memberKey !== '') seen.set(memberKey, line);

    let status: AttendeeRow['status'] = 'attending';
    let checkedIn = false;
    let headline = '';
    const statusCell = cellOf(cells, 'status').toLowerCase();
    if (format === 'luma') {
      // Declined and waitlisted guests (and any status not known to mean a place) are not made members.
      if (statusCell !== '' && !['approved', 'invited', 'pending_approval'].includes(statusCell)) status = 'not_attending';
      checkedIn = cellOf(cells, 'checkedIn') !== '';
    } else if (format === 'eventbrite') {
      if (statusCell !== '' && statusCell !== 'attending' && statusCell !== 'checked in') status = 'not_attending';
      checkedIn = statusCell === 'checked in';
      headline = [cellOf(cells, 'jobTitle'), cellOf(cells, 'company')].filter((part) => part !== '').join(' at ');
    } else if (format === 'meetup') {
      const rsvp = cellOf(cells, 'rsvp').toLowerCase();
      if (rsvp !== '' && rsvp !== 'yes') status = 'not_attending';
    } else {
      headline = cellOf(cells, 'headline');
    }

    result.rows.push({
      line,
      email,
      name,
      headline,
      interests: format === 'generic' ? listOf(cellOf(cells, 'interests')) : [],
      offers: format === 'generic' ? listOf(cellOf(cells, 'offers')) : [],
      seeking: format === 'generic' ? listOf(cellOf(cells, 'seeking')) : [],
      status,
      checkedIn,
      externalId,
      profileUrl,
      answers: questions.flatMap(({ index, question }) => {
        const answer = (cells[index] ?? '').trim();
        return answer === '' ? [] : [{ question, answer }];
      }),
    });
  });
  result.skipped.sort((a, b) => a.line - b.line);
  return result;
}
