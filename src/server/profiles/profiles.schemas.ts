import { z } from 'zod';
import { eventParams, role, status } from '../events/events.schemas.js';

const shortList = (max: number, itemMax: number, field: string) =>
  z
    .array(z.string().max(itemMax, { error: `Please keep each ${field} under ${itemMax} characters.` }))
    .max(max, { error: `Please list at most ${max} ${field}s.` });

export const contact = z
  .strictObject({
    email: z.union([z.literal(''), z.email({ error: 'Please enter a valid email address, or leave it empty.' })]),
    phone: z
      .string()
      .max(40)
      .regex(/^[+()0-9 .\-/]*$/, { error: 'Use digits, spaces and + ( ) - . / only.' }),
    links: z
      .array(z.url({ protocol: /^https?$/, error: 'Use a full http(s):// address.' }).max(300))
      .max(5, { error: 'Please list at most 5 links.' }),
  })
  .meta({ id: 'ContactDetails' });

export const profileBody = z.strictObject({
  displayName: z.string().trim().min(1, { error: 'Please enter the name people should see.' }).max(100),
  headline: z.string().trim().max(140, { error: 'Please keep your headline under 140 characters.' }),
  bio: z.string().trim().max(1000, { error: 'Please keep your bio under 1000 characters.' }),
  interests: shortList(30, 80, 'interest'),
  offers: shortList(10, 140, 'offer'),
  seeking: shortList(10, 140, 'need'),
  questions: shortList(5, 200, 'question'),
  contact: contact,
});

/** My own profile, contact details included. */
export const myProfile = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    headline: z.string(),
    bio: z.string(),
    interests: z.array(z.string()),
    offers: z.array(z.string()),
    seeking: z.array(z.string()),
    questions: z.array(z.string()),
    contact: z.object({ email: z.string(), phone: z.string(), links: z.array(z.string()) }),
    updatedAt: z.date(),
  })
  .meta({ id: 'MyProfile' });

/** Someone's profile as another member of an event sees it: never any contact details. */
export const memberProfile = z
  .object({
    userId: z.uuid(),
    displayName: z.string(),
    headline: z.string(),
    bio: z.string(),
    interests: z.array(z.string()),
    offers: z.array(z.string()),
    seeking: z.array(z.string()),
    questions: z.array(z.string()),
    hereFor: z.string(),
    role,
    status,
    /** Interests this person shares with me (same normalized key). */
    sharedInterests: z.array(z.string()),
  })
  .meta({ id: 'MemberProfile' });

export const memberProfileParams = eventParams.extend({ userId: z.uuid() });
