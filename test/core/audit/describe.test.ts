import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { auditKindOf, auditKindPrefixes, auditKinds, describeAuditEntry } from '../../../src/core/audit/describe.js';

const KNOWN_ACTIONS = [
  'attendees.imported',
  'attendee.checked_in',
  'attendee.check_in_undone',
  'organizer.added',
  'organizer.removed',
  'event.ownership_transferred',
  'post.published',
  'post.deleted',
  'post.locked',
  'post.unlocked',
  'comment.hidden',
  'comment.unhidden',
  'report.dismissed',
];

const words = (action: string, detail: Record<string, unknown> = {}, actorName: string | null = 'Ana', subjectName: string | null = 'Bo') =>
  describeAuditEntry({ action, actorName, subjectName, detail });

describe('audit entries in words', () => {
  it('says what organizers did, as the log reads', () => {
    expect(words('attendees.imported', { format: 'luma', created: 95, updated: 20, unchanged: 0, skipped: 5, problems: 0, validRowsOnly: false })).toBe(
      'Ana imported 115 people from Luma: 95 new, 20 updated; 5 rows skipped',
    );
    expect(words('attendees.imported', { format: 'eventbrite', fileName: 'orders.csv', created: 3, updated: 0, unchanged: 1, skipped: 0, problems: 2, validRowsOnly: true })).toBe(
      'Ana imported 4 people from Eventbrite (orders.csv): 3 new, 1 unchanged; 2 rows with problems left out',
    );
    expect(words('attendees.imported', { format: 'generic', created: 1 })).toBe('Ana imported 1 person from a spreadsheet');
    expect(words('attendee.checked_in', {}, 'Bo', 'Cy')).toBe('Bo checked in Cy');
    expect(words('attendee.check_in_undone', {}, 'Bo', 'Cy')).toBe('Bo undid Cy’s check-in');
    expect(words('attendee.check_in_undone', {}, 'Bo', 'Gus')).toBe('Bo undid Gus’ check-in');
    expect(words('comment.hidden', {}, 'Ana', 'Dee')).toBe('Ana hid a comment by Dee');
    expect(words('organizer.added', {}, 'Ana', 'Eve')).toBe('Ana made Eve a co-organizer');
    expect(words('organizer.removed', {}, 'Ana', 'Eve')).toBe('Ana removed Eve as organizer');
    expect(words('event.ownership_transferred', { from: 'x', to: 'y' }, 'Ana', 'Bo')).toBe('Ana transferred ownership to Bo');
    expect(words('post.published', { title: 'Doors open at 6' }, 'Ana', null)).toBe('Ana published “Doors open at 6”');
    expect(words('post.locked', {}, 'Ana', null)).toBe('Ana closed comments on a post');
    expect(words('report.dismissed', {}, 'Ana', 'Dee')).toBe('Ana dismissed a report about a comment by Dee');
  });

  it('reads a deleted account as such, at the start of a sentence too', () => {
    expect(words('organizer.added', {}, null, 'Eve')).toBe('A deleted account made Eve a co-organizer');
    expect(words('attendee.checked_in', {}, 'Bo', null)).toBe('Bo checked in a deleted account');
    expect(words('attendee.check_in_undone', {}, 'Bo', null)).toBe('Bo undid a deleted account’s check-in');
  });

  it('words an action it does not know, and a detail without its fields', () => {
    expect(words('mixer.re_planned', {}, 'Ana', null)).toBe('Ana: mixer re planned');
    expect(words('attendees.imported', {})).toBe('Ana imported people');
    expect(words('attendees.imported', { format: 'luma', created: 'many', skipped: -3 })).toBe('Ana imported people from Luma');
  });

  it('always gives one sentence starting with a capital, whatever the action and detail hold', () => {
    const detail = fc.dictionary(
      fc.constantFrom('format', 'fileName', 'created', 'updated', 'unchanged', 'skipped', 'errors', 'validRowsOnly', 'title', 'other'),
      fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.anything()),
    );
    fc.assert(
      fc.property(
        fc.oneof(fc.constantFrom(...KNOWN_ACTIONS), fc.string()),
        fc.option(fc.string({ unit: fc.constantFrom('a', 'É', ' ', '\n', '\t', '’') })),
        fc.option(fc.string()),
        fc.boolean(),
        detail,
        (action, actorName, subjectName, actorIsSubject, entryDetail) => {
          const sentence = describeAuditEntry({ action, actorName, subjectName, actorIsSubject, detail: entryDetail });
          expect(sentence.length).toBeGreaterThan(0);
          expect(sentence).not.toMatch(/undefined|NaN|\[object/);
          expect(sentence.charAt(0)).toBe(sentence.charAt(0).toUpperCase());
          expect(sentence).not.toContain('\n');
        },
      ),
    );
  });

  it('puts each action in one kind, by the start of its name', () => {
    expect(KNOWN_ACTIONS.map(auditKindOf)).toEqual([
      'imports',
      'check-ins',
      'check-ins',
      'roles',
      'roles',
      'roles',
      'moderation',
      'moderation',
      'moderation',
      'moderation',
      'moderation',
      'moderation',
      'moderation',
    ]);
    expect(auditKindOf('mixer.started')).toBe('other');
    fc.assert(
      fc.property(fc.string(), (action) => {
        const kind = auditKindOf(action);
        const matching = auditKinds.filter((k) => auditKindPrefixes(k).some((prefix) => action.startsWith(prefix)));
        expect(kind).toBe(matching[0] ?? 'other');
      }),
    );
  });
});
