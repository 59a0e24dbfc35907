import { z } from 'zod';
import { eventParams } from '../events/events.schemas.js';

const role = z.enum(['organizer', 'attendee']);
const status = z.enum(['invited', 'joined', 'checked_in', 'left']);

export const badgesQuery = z.strictObject({
  /** `not_checked_in`: who has not come yet; `imported`: people an organizer's import brought in. */
  filter: z.enum(['everyone', 'not_checked_in', 'imported']).optional(),
  /** Part of a name or headline. */
  q: z.string().trim().max(100).optional(),
});

export const badge = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    headline: z.string(),
    /** The first three interests of the profile, as they are shown. */
    interests: z.array(z.string()).max(3),
    role,
    status,
    checkedIn: z.boolean(),
    checkedInAt: z.date().nullable(),
    /** The badge's QR code: the person's one-time claim link, which the door also scans. */
    claimUrl: z.string(),
    /** False for someone imported who has not claimed their account yet. */
    claimed: z.boolean(),
    imported: z.boolean(),
  })
  .meta({ id: 'Badge' });

export const badgeEvent = z.object({
  id: z.uuid(),
  name: z.string(),
  venue: z.string(),
  timeZone: z.string(),
  startsAt: z.date(),
  endsAt: z.date(),
});

export const badgeList = z.object({ event: badgeEvent, badges: z.array(badge) }).meta({ id: 'BadgeList' });

export const checkInBody = z.strictObject({
  /** What the scanner read or the organizer typed: the badge's code, or its whole claim link. */
  code: z.string().max(1000),
});

export const checkInParams = eventParams.extend({ userId: z.uuid() });

/** What the door shows of the person: who they are, never how to reach them. */
export const doorPerson = z
  .object({
    userId: z.uuid(),
    name: z.string(),
    headline: z.string(),
    role,
    status,
    claimed: z.boolean(),
    checkedIn: z.boolean(),
    checkedInAt: z.date().nullable(),
  })
  .meta({ id: 'DoorPerson' });

export const checkInResult = z
  .object({
    person: doorPerson,
    /** True when this badge was already checked in: `person.checkedInAt` says since when. */
    alreadyCheckedIn: z.boolean(),
    checkedIn: z.number().int(),
    expected: z.number().int(),
  })
  .meta({ id: 'CheckInResult' });

export const doorSummary = z
  .object({
    checkedIn: z.number().int(),
    /** Everyone in the event who has not left, organizers included. */
    expected: z.number().int(),
    /** The latest check-ins, newest first. */
    recent: z.array(doorPerson),
  })
  .meta({ id: 'DoorSummary' });

export const checkInUndone = z
  .object({ person: doorPerson, checkedIn: z.number().int(), expected: z.number().int() })
  .meta({ id: 'CheckInUndone' });
