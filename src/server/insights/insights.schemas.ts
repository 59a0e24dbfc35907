import { z } from 'zod';

const way = z.enum(['meeting', 'mixer', 'scan', 'tap']);
const share = z.number().min(0).max(1).nullable();

const mixerRepeats = z.object({
  name: z.string(),
  roundsPlayed: z.int(),
  distinctPairs: z.int().meta({ description: 'Pairs who shared a table in at least one round played.' }),
  repeatedPairs: z.int().meta({ description: 'Of those, pairs who shared a table in more than one round.' }),
  repeatRate: share.meta({ description: 'repeatedPairs / distinctPairs; null before anyone shared a table.' }),
});

export const insightsFigures = z
  .object({
    attendees: z.int().meta({ description: 'Active members who attend (joined or checked in); organizers are counted apart.' }),
    organizers: z.int(),
    pairsMet: z.int().meta({ description: 'Pairs of members who met at the event (an encounter: meeting, mixer, scan or tap).' }),
    newPairs: z.int().meta({ description: 'Of those, pairs whose first encounter anywhere was at this event.' }),
    attendeesWhoMet: z.int(),
    attendeesWithNew: z.object({
      atLeastOne: z.int().meta({ description: 'Attendees who met at least one person here for the first time.' }),
      atLeastThree: z.int(),
    }),
    meetings: z.object({
      requested: z.int().meta({ description: 'Every request to meet, whatever became of it.' }),
      accepted: z.int(),
      held: z.int().meta({ description: 'Meetings confirmed as held by an encounter.' }),
    }),
    mixers: z.object({ each: z.array(mixerRepeats), distinctPairs: z.int(), repeatedPairs: z.int(), repeatRate: share }),
    interests: z.object({
      mostHeld: z.array(z.object({ interest: z.string(), people: z.int() })).meta({ description: 'Held by two members or more.' }),
      mostInCommon: z.array(z.object({ interest: z.string(), pairs: z.int() })).meta({ description: 'Both people of a pair who met hold it.' }),
    }),
  })
  .meta({ id: 'InsightsFigures' });

const box = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const insightsPicture = z
  .object({
    width: z.number(),
    height: z.number(),
    people: z.array(
      z.object({
        label: z.string().meta({ description: 'The name of someone who said yes to being named; "Attendee N" otherwise.' }),
        initials: z.string().meta({ description: 'Empty for someone not named.' }),
        named: z.boolean(),
        role: z.enum(['organizer', 'attendee']),
        met: z.int(),
        newlyMet: z.int(),
        x: z.number(),
        y: z.number(),
        r: z.number(),
      }),
    ),
    links: z.array(
      z.object({
        a: z.int().meta({ description: 'Index into people.' }),
        b: z.int(),
        times: z.int(),
        ways: z.array(way),
        isNew: z.boolean(),
      }),
    ),
    loners: box.nullable().meta({ description: 'Where the people who met nobody are gathered.' }),
  })
  .meta({ id: 'InsightsPicture', description: 'The who-met-whom picture laid out: people carry no id.' });

export const insights = z
  .object({
    event: z.object({ id: z.uuid(), name: z.string(), slug: z.string() }),
    figures: insightsFigures,
    picture: insightsPicture,
  })
  .meta({ id: 'Insights' });

export const insightsConsent = z
  .object({ named: z.boolean().meta({ description: 'Show my name in the organizers’ who-met-whom picture of this event.' }) })
  .meta({ id: 'InsightsConsent' });

export const insightsConsentBody = z.strictObject({ named: z.boolean() }).meta({ id: 'InsightsConsentChange' });
