import type { AttendeeRow } from '../csv/attendees.js';
import { normalizeInterests, normalizePhrases } from '../interests/normalize.js';

/**
 * What an attendee import does with each row of a file, decided from the file and what is stored
 * (pure: the caller reads the stored people and applies the plan). Matching is by email; the plan
 * of a file applied once and planned again is all `unchanged`, which is what makes a re-import
 * change nothing.
 */

/** The profile fields an import may fill in. */
export interface ImportedProfile {
  name: string;
  headline: string;
  interests: string[];
  offers: string[];
  seeking: string[];
}

/** Someone already stored with an email of the file. */
export interface StoredPerson {
  userId: string;
  email: string;
  /** Whether the person has set a password (signed up, or claimed an import). */
  claimed: boolean;
  profile: ImportedProfile;
  /** Whether they are (or were invited) in another event too, whose organizers may have filled their profile. */
  inOtherEvents: boolean;
  /** Their membership of the event imported into, if any. */
  membership?:
    | {
        status: 'invited' | 'joined' | 'checked_in' | 'left';
        checkedIn: boolean;
        /** The name the organizers' file gave (what they see of an invitation an account has not accepted). */
        listName: string;
      }
    | undefined;
}

export type ImportAction =
  /** A new, unclaimed account with this profile, and an invited membership. */
  | { kind: 'create'; line: number; email: string; profile: ImportedProfile; checkIn: boolean }
  /** Someone known who is not a member yet: an invited membership; their profile stays theirs. */
  | { kind: 'add'; line: number; email: string; userId: string; name: string; checkIn: boolean; fill: Partial<ImportedProfile> }
  /** A member whose unclaimed profile, name on the list (while invited) or check-in the file changes. */
  | {
      kind: 'update';
      line: number;
      email: string;
      userId: string;
      name: string;
      changes: string[];
      fill: Partial<ImportedProfile>;
      checkIn: boolean;
      listName?: string;
    }
  | { kind: 'unchanged'; line: number; email: string; userId: string; name: string }
  | { kind: 'skip'; line: number; email: string; name: string; reason: string };

const PROFILE_FIELDS = ['name', 'headline', 'interests', 'offers', 'seeking'] as const;
type ProfileField = (typeof PROFILE_FIELDS)[number];

/** How a field is named to an organizer reading the preview. */
const FIELD_WORDS: Record<ProfileField, string> = {
  name: 'name',
  headline: 'headline',
  interests: 'interests',
  offers: 'offers',
  seeking: 'looking for',
};

export const MAX_NAME_LENGTH = 100;
export const MAX_HEADLINE_LENGTH = 140;

/** The profile a row describes, in the form profiles are stored (the profile editor's limits). */
export function profileOfRow(row: AttendeeRow): ImportedProfile {
  return {
    name: normalizePhrases([row.name], MAX_NAME_LENGTH, 1)[0] ?? '',
    headline: normalizePhrases([row.headline], MAX_HEADLINE_LENGTH, 1)[0] ?? '',
    interests: normalizeInterests(row.interests),
    offers: normalizePhrases(row.offers, 140, 10),
    seeking: normalizePhrases(row.seeking, 140, 10),
  };
}

function isEmpty(value: string | string[]): boolean {
  return Array.isArray(value) ? value.length === 0 : value === '';
}

function same(a: string | string[], b: string | string[]): boolean {
  return Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((item, i) => item === b[i]) : a === b;
}

/**
 * The fields of `incoming` to write over `stored`: those the file fills in (an empty cell never
 * erases) and that differ; with `onlyEmpty`, just those still empty in `stored`.
 */
function profileChanges(stored: ImportedProfile, incoming: ImportedProfile, onlyEmpty: boolean): Partial<ImportedProfile> {
  const fill: Partial<ImportedProfile> = {};
  for (const field of PROFILE_FIELDS) {
    const value = incoming[field];
    if (isEmpty(value) || same(stored[field], value)) continue;
    if (onlyEmpty && !isEmpty(stored[field])) continue;
    (fill as Record<ProfileField, string | string[]>)[field] = value;
  }
  return fill;
}

/**
 * The action for each row, in file order. `stored` maps lower-cased emails to who has them.
 * - A guest who declined or waits is not made a member.
 * - A row without email (Meetup) is skipped with a word for the organizer.
 * - Someone who left the event is not brought back by a file.
 * - A claimed account's profile is its owner's: the file never changes it. An unclaimed one,
 *   made by an import, is the organizers' to correct until it is claimed; one that another event
 *   has too only gets its empty fields filled, so one organizer's file cannot rewrite another's.
 * - A check-in in the file is kept; a file never undoes one.
 */
export function planImport(rows: readonly AttendeeRow[], stored: ReadonlyMap<string, StoredPerson>): ImportAction[] {
  return rows.map((row): ImportAction => {
    const profile = profileOfRow(row);
    const { line, email } = row;
    const person = email === '' ? undefined : stored.get(email);
    // The file's name, never the stored one: what an account holds is not the organizers' to read.
    const name = profile.name;
    if (row.status === 'not_attending') {
      return { kind: 'skip', line, email, name, reason: 'not attending (declined, waitlisted or refunded): not made a member' };
    }
    if (email === '') {
      return { kind: 'skip', line, email, name, reason: 'no email in the export (Meetup has none): invite this person with a link instead' };
    }
    if (!person) return { kind: 'create', line, email, profile, checkIn: row.checkedIn };

    const membership = person.membership;
    if (membership?.status === 'left') {
      return { kind: 'skip', line, email, name, reason: 'left this event: a file does not bring them back (they can rejoin with an invite link)' };
    }
    const fill = person.claimed ? {} : profileChanges(person.profile, profile, person.inOtherEvents);
    if (!membership) return { kind: 'add', line, email, userId: person.userId, name, checkIn: row.checkedIn, fill };

    const checkIn = row.checkedIn && !membership.checkedIn;
    // While invited, the name on the organizers' list follows their file, whoever holds the email.
    const renamed = membership.status === 'invited' && name !== '' && membership.listName !== name;
    const changes = [
      ...PROFILE_FIELDS.filter((field) => field in fill || (field === 'name' && renamed)).map((field) => FIELD_WORDS[field]),
      ...(checkIn ? ['checked in'] : []),
    ];
    if (changes.length === 0) return { kind: 'unchanged', line, email, userId: person.userId, name };
    return { kind: 'update', line, email, userId: person.userId, name, changes, fill, checkIn, ...(renamed ? { listName: name } : {}) };
  });
}

export interface ImportTotals {
  rows: number;
  create: number;
  add: number;
  update: number;
  unchanged: number;
  skip: number;
}

export function totalsOf(actions: readonly ImportAction[]): ImportTotals {
  const totals: ImportTotals = { rows: actions.length, create: 0, add: 0, update: 0, unchanged: 0, skip: 0 };
  for (const action of actions) totals[action.kind]++;
  return totals;
}
