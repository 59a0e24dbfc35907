import { z } from 'zod';

export const eventParams = z.strictObject({
  eventId: z.uuid({ error: 'An event id is a UUID.' }),
});

export const timeZone = z
  .string()
  .max(64)
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { error: 'Please choose a time zone such as Europe/Berlin or America/New_York.' },
  )
  .meta({ description: 'An IANA time zone name', examples: ['Europe/Lisbon'] });

export const slug = z
  .string()
  .min(3, { error: 'Please use at least 3 characters.' })
  .max(60, { error: 'Please use at most 60 characters.' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { error: 'Use lower-case letters, digits and single dashes.' });

/** Event settings; later capabilities add their caps here, each optional with a default in code. */
export const eventSettings = z
  .strictObject({
    /** Whether attendees see the directory of people (organizers always do). */
    attendeeDirectory: z.boolean().optional(),
    /** How many of an attendee's meeting requests may wait for an answer at once (default 5). */
    maxOpenRequests: z.int().min(1).max(50).optional(),
    /** How many meeting requests an attendee may send in 24 hours (default 10). */
    dailyRequestLimit: z.int().min(1).max(200).optional(),
    /**
     * Hours after meeting two people before one may introduce them to each other (default 24),
     * so introductions come from knowing people, not from a first handshake.
     */
    introductionCooldownHours: z.int().min(0).max(720).optional(),
    /** Days an introduction waits for both answers before it lapses (default 14). */
    introductionExpiryDays: z.int().min(1).max(90).optional(),
  })
  .meta({ id: 'EventSettings' });

const name = z.string().trim().min(1, { error: 'Please name the event.' }).max(120);
const venue = z.string().trim().max(200);
const description = z.string().max(5000);
const dateTime = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date and time, e.g. 2026-05-14T18:00:00Z.' });

export const createEventBody = z
  .strictObject({
    name,
    slug: slug.optional(),
    startsAt: dateTime,
    endsAt: dateTime,
    timeZone,
    venue: venue.optional(),
    description: description.optional(),
    settings: eventSettings.optional(),
  })
  .refine((e) => !(Date.parse(e.endsAt) < Date.parse(e.startsAt)), {
    error: 'The event cannot end before it starts.',
    path: ['endsAt'],
  });

export const updateEventBody = z
  .strictObject({
    name: name.optional(),
    slug: slug.optional(),
    startsAt: dateTime.optional(),
    endsAt: dateTime.optional(),
    timeZone: timeZone.optional(),
    venue: venue.optional(),
    description: description.optional(),
    settings: eventSettings.optional(),
  });

export const role = z.enum(['organizer', 'attendee']);
export const status = z.enum(['invited', 'joined', 'checked_in', 'left']);

export const event = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    venue: z.string(),
    timeZone: z.string(),
    startsAt: z.date(),
    endsAt: z.date(),
    settings: z.object({
      attendeeDirectory: z.boolean(),
      maxOpenRequests: z.int(),
      dailyRequestLimit: z.int(),
      introductionCooldownHours: z.int(),
      introductionExpiryDays: z.int(),
    }),
    isOwner: z.boolean(),
    myRole: role,
    myStatus: status,
    attendeeCount: z.number().int(),
  })
  .meta({ id: 'Event' });

export const directoryQuery = z.strictObject({
  q: z.string().max(100).optional(),
  interest: z.string().max(60).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

export const directoryEntry = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    headline: z.string(),
    interests: z.array(z.string()),
    hereFor: z.string(),
    role,
    /** Only organizers see unlisted people; for them this says who chose not to be listed. */
    listed: z.boolean(),
  })
  .meta({ id: 'DirectoryEntry' });

export const directoryPage = z.object({
  people: z.array(directoryEntry),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
});

export const member = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    role,
    status,
    listed: z.boolean(),
    isOwner: z.boolean(),
    joinedAt: z.date().nullable(),
    checkedInAt: z.date().nullable(),
  })
  .meta({ id: 'Member' });

export const memberParams = eventParams.extend({ userId: z.uuid() });
export const updateMemberBody = z.strictObject({
  role: role.optional(),
  status: z.enum(['joined', 'checked_in']).optional(),
});

export const transferOwnershipBody = z.strictObject({
  /** The organizer of the event who becomes its owner. */
  userId: z.uuid({ error: 'A person’s id is a UUID.' }),
});

export const myMembershipBody = z.strictObject({
  listed: z.boolean().optional(),
  /** False: never suggest me to others as someone to meet (I still get my own suggestions). */
  suggestMe: z.boolean().optional(),
  hereFor: z.string().trim().max(140, { error: 'Please keep it under 140 characters.' }).optional(),
});
export const myMembership = z
  .object({ role, status, listed: z.boolean(), suggestMe: z.boolean(), hereFor: z.string() })
  .meta({ id: 'MyMembership' });

export const interestUse = z.object({ interest: z.string(), people: z.number().int() });

export const invite = z
  .object({
    id: z.uuid(),
    url: z.string(),
    token: z.string(),
    createdAt: z.date(),
    expiresAt: z.date(),
    maxUses: z.number().int().nullable(),
    uses: z.number().int(),
  })
  .meta({ id: 'Invite' });
export const createInviteBody = z.strictObject({
  expiresInDays: z.number().int().min(1).max(365).optional(),
  maxUses: z.number().int().min(1).max(100_000).optional(),
});
export const inviteParams = eventParams.extend({ inviteId: z.uuid() });
export const inviteTokenParams = z.strictObject({ token: z.string().min(10).max(200) });
export const invitePreview = z
  .object({
    event: z.object({
      id: z.uuid(),
      name: z.string(),
      venue: z.string(),
      startsAt: z.date(),
      endsAt: z.date(),
      timeZone: z.string(),
      description: z.string(),
    }),
    alreadyMember: z.boolean(),
  })
  .meta({ id: 'InvitePreview' });
