import { z } from 'zod';
import { eventParams } from '../events/events.schemas.js';

const dateTime = z.iso.datetime({ offset: true, error: 'Use an ISO 8601 date and time, e.g. 2026-05-14T18:00:00Z.' });
const uuid = (what: string) => z.uuid({ error: `A ${what} id is a UUID.` });

export const slotParams = eventParams.extend({ slotId: uuid('slot') });
export const tableParams = eventParams.extend({ tableId: uuid('table') });
export const requestParams = eventParams.extend({ requestId: uuid('request') });
export const meetingParams = eventParams.extend({ meetingId: uuid('meeting') });
export const personParams = eventParams.extend({ userId: uuid('person') });
export const feedParams = z.strictObject({
  feedToken: z
    .string()
    .max(100)
    .regex(/^cal_[A-Za-z0-9_-]{16,80}(\.ics)?$/, { error: 'This is not a calendar link.' })
    .meta({ description: 'The secret of the personal calendar link, optionally followed by .ics' }),
});

export const slot = z
  .object({ id: z.uuid(), startsAt: z.date(), endsAt: z.date(), label: z.string() })
  .meta({ id: 'MeetingSlot' });
export const table = z.object({ id: z.uuid(), label: z.string(), locationHint: z.string() }).meta({ id: 'MeetingTable' });

export const createSlotBody = z.strictObject({
  startsAt: dateTime,
  endsAt: dateTime,
  label: z.string().max(80).optional(),
});
export const updateSlotBody = z.strictObject({
  startsAt: dateTime.optional(),
  endsAt: dateTime.optional(),
  label: z.string().max(80).optional(),
});

const tableLabel = z.string().trim().min(1, { error: 'Please name the table.' }).max(40, { error: 'Please use at most 40 characters.' });
const locationHint = z.string().max(120).meta({ description: 'Where to find it, e.g. "by the window".' });
export const createTablesBody = z
  .union([
    z.strictObject({ count: z.int().min(1).max(500).meta({ description: 'Add this many tables, numbered after the last "Table N".' }), locationHint: locationHint.optional() }),
    z.strictObject({ label: tableLabel, locationHint: locationHint.optional() }),
  ])
  .meta({ description: 'Either one table by name, or several numbered ones.' });
export const updateTableBody = z.strictObject({ label: tableLabel.optional(), locationHint: locationHint.optional() });

export const availability = z.object({ slots: z.array(slot.extend({ available: z.boolean() })) });
export const availabilityBody = z.strictObject({
  availableSlotIds: z.array(z.uuid()).max(500).meta({ description: 'Every slot I am free in; the others I am not.' }),
});

export const person = z.object({ id: z.uuid(), name: z.string(), headline: z.string() }).meta({ id: 'PersonBrief' });

export const requestBody = z.strictObject({
  inviteeId: uuid('person'),
  note: z
    .string()
    .max(280, { error: 'Please keep the note to 280 characters.' })
    .optional()
    .meta({ description: 'A short note for them alone, at most 280 characters: what you would like to talk about.' }),
  preferredSlotIds: z.array(z.uuid()).max(20).optional(),
});

export const sentRequest = z
  .object({
    id: z.uuid(),
    person,
    note: z.string(),
    preferredSlotIds: z.array(z.uuid()),
    createdAt: z.date(),
    state: z.enum(['waiting', 'accepted', 'not_this_time', 'withdrawn']).meta({
      description: '`not_this_time`: not accepted, for whatever reason (it says no more, on purpose).',
    }),
    meetingId: z.uuid().nullable(),
  })
  .meta({ id: 'SentMeetingRequest' });
export const receivedRequest = z
  .object({ id: z.uuid(), person, note: z.string(), preferredSlotIds: z.array(z.uuid()), createdAt: z.date() })
  .meta({ id: 'ReceivedMeetingRequest' });
export const requests = z.object({
  sent: z.array(sentRequest),
  received: z.array(receivedRequest),
  caps: z.object({ open: z.int(), maxOpen: z.int(), sentLast24h: z.int(), dailyLimit: z.int() }),
});

export const meeting = z
  .object({
    id: z.uuid(),
    person,
    note: z.string().meta({ description: 'The note of the request: seen by the two people only.' }),
    requestedByMe: z.boolean(),
    state: z.enum(['waiting', 'scheduled', 'held', 'cancelled']),
    slot: slot.nullable(),
    table: table.nullable(),
    confirmedByMe: z.boolean(),
    confirmedByThem: z.boolean(),
    cancelledByMe: z.boolean(),
  })
  .meta({ id: 'Meeting' });

export const meetCode = z.object({ code: z.string(), url: z.string() });
export const metByCodeBody = z.strictObject({ code: z.string().trim().min(1, { error: 'Please enter their code.' }).max(300) });

export const encounter = z
  .object({
    id: z.uuid(),
    person,
    metAt: z.date(),
    source: z.enum(['meeting', 'mixer', 'scan', 'tap']),
    tableLabel: z.string().nullable(),
    meetingId: z.uuid().nullable(),
  })
  .meta({ id: 'Encounter' });
export const metResult = z.discriminatedUnion('state', [
  z.object({ state: z.literal('waiting'), person }),
  z.object({ state: z.literal('recorded'), person, encounter }),
]);
export const encounters = z.object({
  encounters: z.array(encounter),
  waitingForMe: z.array(z.object({ person, since: z.date() })),
  waitingForThem: z.array(z.object({ person, since: z.date() })),
});

export const schedule = z.object({
  slots: z.array(slot),
  tables: z.array(table),
  meetings: z.array(
    z.object({ id: z.uuid(), slotId: z.uuid().nullable(), tableId: z.uuid().nullable(), people: z.tuple([person, person]), held: z.boolean() }),
  ),
  figures: z.object({
    requests: z.int(),
    accepted: z.int(),
    waitingForAnswer: z.int(),
    acceptanceRate: z.number().nullable().meta({ description: 'Accepted among answered requests; null before any answer.' }),
    meetings: z.int(),
    placed: z.int(),
    held: z.int(),
  }),
});
export const replanResult = z.object({ meetings: z.int(), placed: z.int(), moved: z.int(), upperBound: z.int() });

export const feedStatus = z.object({ active: z.boolean(), createdAt: z.date().nullable() });
export const newFeed = z.object({ url: z.string(), createdAt: z.date() });
