import { z } from 'zod';
import { eventParams } from '../events/events.schemas.js';
import { MAX_PARTICIPANTS } from './mixers.service.js';

const uuid = (what: string) => z.uuid({ error: `A ${what} id is a UUID.` });
/** A whole number from `min` to `max`; anything else (a fraction, a string, nothing) is told `message`. */
const whole = (min: number, max: number, message: string) => z.int({ error: message }).min(min, { error: message }).max(max, { error: message });
const personIds = (what: string) =>
  z
    .array(uuid('person'), { error: `${what} is a list of person ids.` })
    .max(MAX_PARTICIPANTS, { error: `${what} lists at most ${MAX_PARTICIPANTS} people.` });

export const mixerParams = eventParams.extend({ mixerId: uuid('mixer') });

// ---------------------------------------------------------------------------------------------
// Input

const name = z
  .string({ error: 'Please name the mixer.' })
  .trim()
  .min(1, { error: 'Please name the mixer.' })
  .max(80, { error: 'Please use at most 80 characters.' });
const participants = z
  .union([z.enum(['checked_in', 'joined']), z.strictObject({ userIds: personIds('userIds').min(1, { error: 'List at least one person.' }) })], {
    error: 'Say who takes part: "checked_in", "joined", or {"userIds": [...]} with the ids of the people.',
  })
  .meta({
    description:
      '`checked_in`: every attendee checked in; `joined`: every active attendee (joined or checked in); or the people listed by id ' +
      '(active members; organizers take part only when listed).',
  });
const tableSize = whole(2, 20, 'A table seats 2 to 20 people.').meta({ description: 'The most people at one table.' });
const tables = whole(1, 500, 'Tables: a whole number from 1 to 500, or leave it out for as many as needed.').meta({
  description: 'Tables available; default: as many as needed.',
});
const rounds = whole(1, 30, 'A mixer has 1 to 30 rounds.');
const minutesPerRound = whole(1, 240, 'A round lasts 1 to 240 minutes.');
const autoAdvance = z.boolean({ error: 'autoAdvance is true or false.' });
const apart = z
  .array(z.tuple([uuid('person'), uuid('person')], { error: 'A pair kept apart is two person ids: ["…", "…"].' }), {
    error: 'apart is a list of pairs of person ids.',
  })
  .max(1000, { error: 'At most 1000 pairs can be kept apart.' })
  .meta({ description: 'Pairs of people who never share a table.' });
const pinned = z
  .array(
    z.strictObject({
      userId: uuid('person'),
      table: whole(1, 500, 'A host stays at a table from 1 to 500.').meta({ description: 'From 1.' }),
    }),
    { error: 'pinned is a list of {"userId", "table"}.' },
  )
  .max(500, { error: 'At most 500 people can be pinned to a table.' })
  .meta({ description: 'People who stay at one table every round, e.g. hosts.' });

export const createMixerBody = z.strictObject({
  name: name.default('Mixer'),
  participants,
  tableSize,
  tables: tables.optional(),
  rounds,
  minutesPerRound,
  autoAdvance: autoAdvance.default(false).meta({ description: 'Start the next round by itself when the time is up.' }),
  apart: apart.optional(),
  pinned: pinned.optional(),
});

export const updateMixerBody = z.strictObject({
  name: name.optional(),
  participants: participants.optional(),
  tableSize: tableSize.optional(),
  tables: tables.nullable().optional().meta({ description: 'null: as many as needed.' }),
  rounds: rounds.optional(),
  minutesPerRound: minutesPerRound.optional(),
  autoAdvance: autoAdvance.optional(),
  apart: apart.optional(),
  pinned: pinned.optional(),
});

export const advanceBody = z.strictObject({
  fromRound: whole(0, 30, 'fromRound is the round you see under way: a whole number from 0 to 30.').meta({
    description: 'The round the organizer sees under way: when the mixer has moved on meanwhile, nothing happens (409).',
  }),
});

export const attendanceBody = z.strictObject({
  absent: personIds('absent').optional().meta({ description: 'No-shows and people leaving: not seated from the next round on.' }),
  present: personIds('present')
    .optional()
    .meta({ description: 'People back, or arriving late (active members of the event not yet in the mixer): seated from the next round on.' }),
});

// ---------------------------------------------------------------------------------------------
// Output

const status = z.enum(['draft', 'running', 'finished']);

export const mixerSummary = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status,
    rounds: z.int(),
    currentRound: z.int().meta({ description: '0 before the start.' }),
    tableSize: z.int(),
    participantCount: z.int(),
    roundEndsAt: z.date().nullable(),
  })
  .meta({ id: 'MixerSummary' });

export const mixer = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status,
    tableSize: z.int(),
    tables: z.int().meta({ description: 'The tables the plan uses.' }),
    tablesAvailable: z.int().nullable().meta({ description: 'The most tables the organizers allow; null: as many as needed.' }),
    rounds: z.int(),
    minutesPerRound: z.int(),
    autoAdvance: z.boolean(),
    currentRound: z.int().meta({ description: '0 before the start; a finished mixer keeps its last round.' }),
    roundStartedAt: z.date().nullable(),
    roundEndsAt: z.date().nullable(),
    participants: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        headline: z.string(),
        pinnedTable: z.int().nullable().meta({ description: 'From 1.' }),
        absentFrom: z.int().nullable().meta({ description: 'The round from which the person is marked absent.' }),
        joinedAt: z.int().meta({ description: 'The first round the person is there for, from 1.' }),
      }),
    ),
    apart: z.array(z.tuple([z.uuid(), z.uuid()])),
    plan: z.object({
      rounds: z.array(
        z.object({
          round: z.int(),
          tables: z.array(z.object({ table: z.int(), label: z.string(), people: z.array(z.uuid()) })),
        }),
      ),
    }),
    figures: z.object({
      repeatPairs: z.int().meta({
        description: 'Pairs sharing a table in more than one round (3 times counts 2); a pair who met at the event before counts that as a round.',
      }),
      metBeforePairs: z.int().default(0).meta({ description: 'Of the pairs seated together, those who had met at the event before the mixer (each is one of the repeats).' }),
      maxRepeat: z.int(),
      distinctPairs: z.int(),
      commonGround: z.number(),
      apartViolations: z.int(),
      groupPairs: z.int(),
      bound: z.int().meta({ description: 'The most rounds that can ever be free of repeats.' }),
      baselineRepeatPairs: z.int().meta({ description: 'What a round-by-round greedy plan of the same problem repeats, to compare.' }),
    }),
    method: z.string(),
    plannedAt: z.date(),
  })
  .meta({ id: 'Mixer' });

const tablemate = z.object({ id: z.uuid(), name: z.string(), headline: z.string() });

export const mixerSeat = z
  .object({
    mixerId: z.uuid(),
    name: z.string(),
    status,
    round: z.int().meta({ description: 'The round under way; 0 before the start.' }),
    rounds: z.int(),
    roundEndsAt: z.date().nullable(),
    seat: z
      .object({
        table: z.int(),
        label: z.string(),
        with: z.array(tablemate),
        shared: z.array(z.string()).meta({ description: 'Interests and topics shared at this table, in words.' }),
        opener: z.string().nullable(),
      })
      .nullable(),
    upcoming: z.array(z.object({ round: z.int(), table: z.int() })).meta({ description: 'My tables (from 1) in the rounds to come; rounds I sit out are left out. No names.' }),
    sittingOut: z.boolean().meta({ description: 'The mixer is under way and I have no seat in this round.' }),
  })
  .meta({ id: 'MixerSeat' });
