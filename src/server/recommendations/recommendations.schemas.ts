import { z } from 'zod';
import { eventParams } from '../events/events.schemas.js';
import { DEFAULT_PAGE } from './recommendations.service.js';

export const peopleToMeetQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(50).optional().meta({ description: `Page size; ${DEFAULT_PAGE} unless said.` }),
  cursor: z.string().max(200).optional().meta({ description: 'The nextCursor of the previous page.' }),
});

const offerTopics = z.array(z.string()).min(1).meta({
  description: 'Every topic the sentence meets, strongest first; `topic` is the first. One item per sentence.',
});

/** Why two people should meet, from the asking person's side. */
export const whyItem = z
  .discriminatedUnion('kind', [
    z.object({
      kind: z.literal('shared'),
      interest: z.string(),
      peopleWithIt: z
        .number()
        .int()
        .meta({ description: 'People here with this interest among those the directory lists to anyone, and me: at least 2.' }),
    }),
    z.object({ kind: z.literal('related'), yours: z.string(), theirs: z.string() }),
    z.object({ kind: z.literal('they-offer'), topic: z.string(), topics: offerTopics, offer: z.string() }),
    z.object({ kind: z.literal('you-offer'), topic: z.string(), topics: offerTopics, need: z.string() }),
  ])
  .meta({ id: 'SuggestionReason' });

/** Why a list is empty: the organizers turned the attendee directory off. */
const hiddenByOrganizers = z
  .literal(true)
  .optional()
  .meta({ description: 'Present when the organizers turned the attendee directory off, so attendees see no one here.' });

export const suggestion = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    headline: z.string(),
    hereFor: z.string(),
    score: z.number(),
    saved: z.boolean(),
    why: z.array(whyItem),
    openers: z.array(z.string()).meta({ description: 'Two or three questions to open with, never pitches.' }),
  })
  .meta({ id: 'Suggestion' });

export const suggestionsPage = z
  .object({
    people: z.array(suggestion),
    nextCursor: z.string().nullable(),
    total: z.number().int().meta({ description: 'How many suggestions there are, at most 100.' }),
    profileIncomplete: z
      .literal(true)
      .optional()
      .meta({ description: 'Present when my profile lists no interests, offers or needs to match on.' }),
    hiddenByOrganizers: hiddenByOrganizers,
  })
  .meta({ id: 'PeopleToMeet' });

export const savedPerson = z
  .object({ userId: z.uuid(), displayName: z.string(), headline: z.string(), savedAt: z.date() })
  .meta({ id: 'SavedPerson' });

export const savedPeople = z
  .object({
    people: z.array(savedPerson).meta({ description: 'Newest saved first.' }),
    hiddenByOrganizers: hiddenByOrganizers,
  })
  .meta({ id: 'SavedPeople' });

export const personInEventParams = eventParams.extend({ userId: z.uuid({ error: 'A person id is a UUID.' }) });
export const personParams = z.strictObject({ userId: z.uuid({ error: 'A person id is a UUID.' }) });

export const blockedPerson = z
  .object({ userId: z.uuid(), displayName: z.string(), blockedAt: z.date() })
  .meta({ id: 'BlockedPerson' });
