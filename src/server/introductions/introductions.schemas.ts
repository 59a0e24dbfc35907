import { z } from 'zod';

export const introductionParams = z.strictObject({ introductionId: z.uuid({ error: 'An introduction id is a UUID.' }) });
export const askParams = z.strictObject({ askId: z.uuid({ error: 'An ask id is a UUID.' }) });

export const introductionBody = z
  .strictObject({
    personIds: z
      .tuple([z.uuid({ error: 'A person id is a UUID.' }), z.uuid({ error: 'A person id is a UUID.' })], {
        error: 'Name the two people to introduce: personIds is a list of two person ids.',
      })
      .meta({ description: 'The two people to introduce to each other; I must have met both in person.' }),
    why: z
      .string({ error: 'Please say why they should meet.' })
      .trim()
      .min(1, { error: 'Please say why they should meet.' })
      .max(600, { error: 'Please keep it under 600 characters.' })
      .meta({ description: 'Why they should meet: both read it.' }),
    askId: z.uuid().optional().meta({ description: 'The ask this answers: it must be waiting for me, and its asker one of the two.' }),
  })
  .meta({ id: 'IntroductionInput' });

export const askBody = z
  .strictObject({
    personId: z.uuid({ error: 'A person id is a UUID.' }).meta({ description: 'Someone I met in person.' }),
    topic: z
      .string({ error: 'Please say what you would like to meet someone about.' })
      .trim()
      .min(1, { error: 'Please say what you would like to meet someone about.' })
      .max(200, { error: 'Please keep it under 200 characters.' }),
  })
  .meta({ id: 'AskInput' });

const person = z.object({ id: z.uuid(), name: z.string(), headline: z.string() });
const state = z.enum(['waiting', 'connected', 'withdrawn', 'not_this_time']).meta({
  description: '`not_this_time`: it lapsed without both accepting. Nobody is ever told who declined, or whether anyone did.',
});

export const introductionByMe = z
  .object({
    id: z.uuid(),
    people: z.tuple([person, person]),
    why: z.string(),
    state,
    askId: z.uuid().nullable(),
    createdAt: z.date(),
    expiresAt: z.date(),
    connectedAt: z.date().nullable(),
  })
  .meta({ id: 'IntroductionByMe' });

export const introductionForMe = z
  .object({
    id: z.uuid(),
    introducer: person.nullable().meta({ description: 'Null when the introducer has deleted their account.' }),
    other: person,
    why: z.string(),
    myAnswer: z.enum(['accepted', 'declined']).nullable().meta({ description: 'Mine only; the other person’s answer is never shown.' }),
    state,
    createdAt: z.date(),
    expiresAt: z.date(),
    connectedAt: z.date().nullable(),
  })
  .meta({ id: 'IntroductionForMe' });

export const introductionsList = z
  .object({ proposedByMe: z.array(introductionByMe), forMe: z.array(introductionForMe) })
  .meta({ id: 'MyIntroductions' });

export const askSent = z
  .object({
    id: z.uuid(),
    to: person,
    topic: z.string(),
    state: z.enum(['waiting', 'answered', 'not_this_time']),
    createdAt: z.date(),
    expiresAt: z.date(),
  })
  .meta({ id: 'AskSent' });

export const askReceived = z
  .object({
    id: z.uuid(),
    from: person,
    topic: z.string(),
    state: z.enum(['open', 'set_aside', 'answered', 'lapsed']),
    createdAt: z.date(),
    expiresAt: z.date(),
  })
  .meta({ id: 'AskReceived' });

export const asksList = z.object({ sent: z.array(askSent), received: z.array(askReceived) }).meta({ id: 'MyAsks' });
