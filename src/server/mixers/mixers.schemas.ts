import { z } from 'zod';
import { eventParams } from '../events/events.schemas.js';

const uuid = (what: string) => z.uuid({ error: `A ${what} id is a UUID.` });

export const mixerParams = eventParams.extend({ mixerId: uuid('mixer') });

// ---------------------------------------------------------------------------------------------
// Input

const name = z
  .string()
  .trim()
  .min(1, { error: 'Please name the mixer.' })
  .max(80, { error: 'Please use at most 80 characters.' });
const participants = z
  .union([
    z.enum(['checked_in', 'joined']),
    z.strictObject({ userIds: z.array(z.uuid()).min(1).max(2000) }),
  ])
  .meta({
    description:
      '`checked_in`: every attendee checked in; `joined`: every active attendee (joined or checked in); or the people listed by id ' +
      '(active members; organizers take part only when listed).',
  });
const tableSize = z.int().min(2, { error: 'A table seats at least 2.' }).max(20, { error: 'A table seats at most 20.' }).meta({ description: 'The most people at one table.' });
const tables = z.int().min(1).max(500).meta({ description: 'Tables available; default: as many as needed.' });
const rounds = z.int().min(1, { error: 'A mixer has at least one round.' }).max(30, { error: 'A mixer has at most 30 rounds.' });
const minutesPerRound = z.int().min(1).max(240);
const apart = z
  .array(z.tuple([z.uuid(), z.uuid()]))
  .max(1000)
  .meta({ description: 'Pairs of people who never share a table.' });
const pinned = z
  .array(z.strictObject({ userId: z.uuid(), table: z.int().min(1).max(500).meta({ description: 'From 1.' }) }))
  .max(500)
  .meta({ description: 'People who stay at one table every round, e.g. hosts.' });

export const createMixerBody = z.strictObject({
  name: name.default('Mixer'),
  participants,
  tableSize,
  tables: tables.optional(),
  rounds,
  minutesPerRound,
  autoAdvance: z.boolean().default(false).meta({ description: 'Start the next round by itself when the time is up.' }),
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
  autoAdvance: z.boolean().optional(),
  apart: apart.optional(),
  pinned: pinned.optional(),
});

export const advanceBody = z.strictObject({
  fromRound: z.int().min(0).max(30).meta({
    description: 'The round the organizer sees under way: when the mixer has moved on meanwhile, nothing happens (409).',
  }),
});

export const attendanceBody = z.strictObject({
  absent: z.array(z.uuid()).max(2000).optional().meta({ description: 'No-shows and people leaving: not seated from the next round on.' }),
  present: z
    .array(z.uuid())
    .max(2000)
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
    rounds: z.int(),
    minutesPerRound: z.int(),
    autoAdvance: z.boolean(),
    currentRound: z.int().meta({ description: '0 before the start; a finished mixer keeps its last round.' }),
    roundStartedAt: z.date().nullable(),
    roundEndsAt: z.date().nullable(),
    seed: z.int(),
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
    upcoming: z.array(z.object({ round: z.int(), table: z.int() })).meta({ description: 'My tables in the rounds to come; no names.' }),
    sittingOut: z.boolean().meta({ description: 'The mixer is under way and I have no seat in this round.' }),
  })
  .meta({ id: 'MixerSeat' });
