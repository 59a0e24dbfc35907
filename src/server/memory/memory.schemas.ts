import { z } from 'zod';
import { timeZone } from '../events/events.schemas.js';

export const personParams = z.strictObject({ userId: z.uuid({ error: 'A person id is a UUID.' }) });

export const timeZoneQuery = z.strictObject({
  timeZone: timeZone.optional().meta({ description: 'The time zone in which follow-up days are meant (IANA name; default UTC).' }),
});

export const peopleQuery = timeZoneQuery.extend({
  q: z.string().max(200).optional().meta({ description: 'Words to find in names, notes, tags, interests and events; `#tag` looks in tags only.' }),
  tag: z.string().max(60).optional().meta({ description: 'Only people with this tag.' }),
});

const day = z.iso.date({ error: 'Use a day as YYYY-MM-DD, e.g. 2026-12-01.' });

export const memoryBody = z
  .strictObject({
    note: z.string().max(20_000, { error: 'Please keep a note under 5000 characters.' }).optional().meta({
      description: 'Private. Plain text with light formatting: **bold**, *italic*, `code`, links, lines starting with "- ".',
    }),
    tags: z.array(z.string().trim().min(1).max(40, { error: 'A tag has at most 40 characters.' })).max(20, { error: 'At most 20 tags.' }).optional(),
    caresAbout: z.string().max(500, { error: 'Please keep this under 500 characters.' }).optional().meta({ description: 'What do they care about? Private.' }),
    followUpOn: day.nullable().optional().meta({
      description: 'The day to follow up on, or null to clear it. Stored as that many days from today, and counted again from every new encounter or "we were in touch".',
    }),
    timeZone: timeZone.optional().meta({ description: 'The time zone in which followUpOn is meant (default UTC).' }),
  })
  .meta({ id: 'MemoryInput' });

export const shareBody = z
  .strictObject({ email: z.boolean(), phone: z.boolean(), links: z.boolean() })
  .meta({ id: 'ContactShareInput', description: 'Which of my contact details (from my profile) to share with this person.' });

const followUp = z.object({ dueOn: z.string(), days: z.int(), due: z.boolean() }).nullable();
const contactState = z.enum(['none', 'offered_by_me', 'offered_to_me', 'exchanged']).meta({
  description: '`offered_to_me`: they shared theirs and wait for mine; their details show only once `exchanged`.',
});

export const personSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    headline: z.string(),
    interests: z.array(z.string()),
    firstMetAt: z.date().nullable(),
    lastMetAt: z.date().nullable(),
    lastContext: z.string(),
    introducedBy: z.string().nullable(),
    tags: z.array(z.string()),
    caresAbout: z.string(),
    noteExcerpt: z.string(),
    followUp,
    contacts: contactState,
    introducibleFrom: z.date().nullable().meta({
      description: 'When my first encounter with them is a cool-down old, so that I may introduce them; null: not met in person.',
    }),
    introducibleNow: z.boolean().meta({ description: 'Whether that time has come, by the server’s clock.' }),
  })
  .meta({ id: 'MyPersonSummary' });

const context = z.union([
  z.object({
    kind: z.literal('encounter'),
    eventId: z.uuid(),
    eventName: z.string(),
    timeZone: z.string(),
    at: z.date(),
    source: z.enum(['meeting', 'mixer', 'scan', 'tap']),
    how: z.string(),
  }),
  z.object({ kind: z.literal('introduction'), at: z.date(), introducerId: z.uuid().nullable(), introducerName: z.string().nullable() }),
]);

const contactDetails = z.object({ email: z.string(), phone: z.string(), links: z.array(z.string()) });

export const personDetail = personSummary
  .extend({
    bio: z.string(),
    offers: z.array(z.string()),
    seeking: z.array(z.string()),
    questions: z.array(z.string()),
    contexts: z.array(context),
    memory: z.object({
      note: z.string(),
      tags: z.array(z.string()),
      caresAbout: z.string(),
      followUpOn: z.string().nullable(),
      followUpDays: z.int().nullable(),
      inTouchAt: z.date().nullable(),
      updatedAt: z.date().nullable(),
    }),
    contactExchange: z.object({
      state: contactState,
      mine: z.object({ email: z.boolean(), phone: z.boolean(), links: z.boolean() }).nullable(),
      myDetails: contactDetails,
      theirs: contactDetails.nullable(),
    }),
  })
  .meta({ id: 'MyPerson' });

export const peopleList = z.object({ people: z.array(personSummary), tags: z.array(z.string()) }).meta({ id: 'MyPeople' });

export const followUpDigest = z
  .object({ today: z.string(), due: z.array(personSummary), upcoming: z.array(personSummary) })
  .meta({ id: 'FollowUpDigest' });
