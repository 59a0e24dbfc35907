import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AttendeeRow } from '../../../src/core/csv/attendees.js';
import { planImport, profileOfRow, totalsOf, type ImportAction, type StoredPerson } from '../../../src/core/imports/plan.js';

function row(line: number, email: string, overrides: Partial<AttendeeRow> = {}): AttendeeRow {
  return {
    line,
    email,
    name: `Name ${line}`,
    headline: '',
    interests: [],
    offers: [],
    seeking: [],
    status: 'attending',
    checkedIn: false,
    externalId: '',
    profileUrl: '',
    answers: [],
    ...overrides,
  };
}

/** What the server does with a plan, on a map of people instead of tables. */
function apply(stored: Map<string, StoredPerson>, actions: readonly ImportAction[]): Map<string, StoredPerson> {
  const next = new Map([...stored].map(([email, person]) => [email, structuredClone(person)]));
  for (const action of actions) {
    if (action.kind === 'create') {
      next.set(action.email, {
        userId: `new-${action.email}`,
        email: action.email,
        claimed: false,
        inOtherEvents: false,
        profile: { ...action.profile },
        membership: { status: 'invited', checkedIn: action.checkIn, listName: action.profile.name },
      });
    } else if (action.kind === 'add' || action.kind === 'update') {
      const person = next.get(action.email)!;
      Object.assign(person.profile, action.fill);
      const was = person.membership;
      const listName = action.kind === 'add' ? action.name : (action.listName ?? was!.listName);
      person.membership = { status: was?.status ?? 'invited', checkedIn: (was?.checkedIn ?? false) || action.checkIn, listName };
    }
  }
  return next;
}

const emailArb = fc.constantFrom('a@x.org', 'b@x.org', 'c@x.org', 'd@x.org', 'e@x.org', 'f@x.org');
const textArb = fc.constantFrom('', 'Ana', 'Bo', 'Engineer', 'Rust', 'jazz');
const listArb = fc.array(fc.constantFrom('Rust', 'jazz', 'Beekeeping', 'rust'), { maxLength: 3 });
const rowsArb = fc
  .uniqueArray(
    fc.record({
      email: emailArb,
      name: fc.constantFrom('Ana', 'Bo', 'Cy'),
      headline: textArb,
      interests: listArb,
      status: fc.constantFrom('attending', 'attending', 'not_attending') as fc.Arbitrary<'attending' | 'not_attending'>,
      checkedIn: fc.boolean(),
    }),
    { selector: (r) => r.email, maxLength: 6 },
  )
  .map((list) => list.map((r, i) => row(i + 2, r.email, r)));
const storedArb = fc
  .uniqueArray(
    fc.record({
      email: emailArb,
      claimed: fc.boolean(),
      inOtherEvents: fc.boolean(),
      name: fc.constantFrom('Ana', 'Old name'),
      headline: textArb,
      membership: fc.option(
        fc.record({
          status: fc.constantFrom('invited', 'joined', 'checked_in', 'left') as fc.Arbitrary<'invited' | 'joined' | 'checked_in' | 'left'>,
          checkedIn: fc.boolean(),
          listName: fc.constantFrom('', 'Ana', 'Listed as Bo'),
        }),
        { nil: undefined },
      ),
    }),
    { selector: (p) => p.email, maxLength: 6 },
  )
  .map(
    (list) =>
      new Map<string, StoredPerson>(
        list.map((p) => [
          p.email,
          {
            userId: `u-${p.email}`,
            email: p.email,
            claimed: p.claimed,
            inOtherEvents: p.inOtherEvents,
            profile: { name: p.name, headline: p.headline, interests: [], offers: [], seeking: [] },
            membership: p.membership,
          },
        ]),
      ),
  );

describe('planImport', () => {
  it('makes a second run of the same file change nothing', () => {
    fc.assert(
      fc.property(rowsArb, storedArb, (rows, stored) => {
        const after = apply(stored, planImport(rows, stored));
        const again = planImport(rows, after);
        expect(again.filter((action) => action.kind !== 'unchanged' && action.kind !== 'skip')).toEqual([]);
      }),
    );
  });

  it('names every row as the file does, never as stored', () => {
    fc.assert(
      fc.property(rowsArb, storedArb, (rows, stored) => {
        planImport(rows, stored).forEach((action, i) => {
          const name = action.kind === 'create' ? action.profile.name : action.name;
          expect(name).toBe(profileOfRow(rows[i]!).name);
        });
      }),
    );
  });

  it('gives one action per row in file order, and totals that add up', () => {
    fc.assert(
      fc.property(rowsArb, storedArb, (rows, stored) => {
        const actions = planImport(rows, stored);
        expect(actions.map((action) => action.line)).toEqual(rows.map((r) => r.line));
        const totals = totalsOf(actions);
        expect(totals.create + totals.add + totals.update + totals.unchanged + totals.skip).toBe(totals.rows);
      }),
    );
  });

  it('never changes a claimed account’s profile, never brings back who left, never makes a member of who is not attending', () => {
    fc.assert(
      fc.property(rowsArb, storedArb, (rows, stored) => {
        for (const action of planImport(rows, stored)) {
          const person = stored.get(action.email);
          const source = rows.find((r) => r.line === action.line)!;
          if ((action.kind === 'add' || action.kind === 'update') && person?.claimed) expect(action.fill).toEqual({});
          if (person?.membership?.status === 'left' || source.status === 'not_attending') expect(action.kind).toBe('skip');
          if (action.kind === 'create') expect(person).toBeUndefined();
        }
      }),
    );
  });

  it('fills only empty fields of an unclaimed account another event has too, and never erases with an empty cell', () => {
    const stored = new Map<string, StoredPerson>([
      ['a@x.org', { userId: 'u1', email: 'a@x.org', claimed: false, inOtherEvents: true, profile: { name: 'Ana', headline: 'Set elsewhere', interests: [], offers: [], seeking: [] } }],
      [
        'b@x.org',
        {
          userId: 'u2',
          email: 'b@x.org',
          claimed: false,
          inOtherEvents: false,
          profile: { name: 'Bo', headline: 'Old', interests: ['Jazz'], offers: [], seeking: [] },
          membership: { status: 'invited', checkedIn: false, listName: 'Bo' },
        },
      ],
    ]);
    const [a, b] = planImport(
      [row(2, 'a@x.org', { name: 'Ana L', headline: 'New', interests: ['rust'] }), row(3, 'b@x.org', { name: 'Bo', headline: '', checkedIn: true })],
      stored,
    );
    expect(a).toMatchObject({ kind: 'add', fill: { interests: ['Rust'] } });
    expect(b).toMatchObject({ kind: 'update', changes: ['checked in'], fill: {} });
  });

  it('skips a row without email with a word for the organizer', () => {
    const [action] = planImport([row(2, '', { name: 'Meetup Member' })], new Map());
    expect(action).toMatchObject({ kind: 'skip', name: 'Meetup Member', reason: expect.stringMatching(/no email/) });
  });

  it('stores profiles in the profile editor’s form', () => {
    const profile = profileOfRow(row(2, 'a@x.org', { name: '  Ana   Lima ', interests: ['js', 'JavaScript', ' rust '] }));
    expect(profile.name).toBe('Ana Lima');
    expect(profile.interests).toEqual(['JavaScript', 'Rust']);
  });
});
