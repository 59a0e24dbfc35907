import { z } from 'zod';

/** The largest export the API takes: 10,000 Luma guests with a few questions are about 4 MB. */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

export const importBody = z.strictObject({
  csv: z
    .string({ error: 'Please send the CSV file’s text in "csv".' })
    .min(1, { error: 'The file is empty: choose a Luma, Eventbrite or generic attendee export.' })
    .meta({ description: 'The whole CSV export, as text (UTF-8; a BOM and CRLF line ends are fine).' }),
  format: z
    .enum(['auto', 'luma', 'eventbrite', 'meetup', 'generic'])
    .optional()
    .meta({ description: 'The export’s kind; `auto` (the default) tells it by the header.' }),
  fileName: z.string().max(200).optional().meta({ description: 'Shown in the audit log.' }),
  dryRun: z.boolean().optional().meta({ description: 'Only preview: what would be created, updated and skipped, and every problem.' }),
  validRowsOnly: z
    .boolean()
    .optional()
    .meta({ description: 'Import the rows without problems although others have some. Without it, any problem stores nothing.' }),
});

const action = z.enum(['create', 'update', 'unchanged', 'skip']).meta({
  description: '`create`: a new member of the event, invited (whether or not the email has an account, which is not told).',
});

export const importReport = z
  .object({
    format: z.enum(['luma', 'eventbrite', 'meetup', 'generic']),
    fileName: z.string(),
    dryRun: z.boolean(),
    committed: z.boolean().meta({ description: 'Whether anything was stored (never for a dry run).' }),
    totals: z.object({
      rows: z.int(),
      create: z.int().meta({ description: 'New members of the event, invited: an unclaimed account is made for an email that has none.' }),
      update: z.int(),
      unchanged: z.int(),
      skip: z.int(),
      problems: z.int(),
      blank: z.int().meta({ description: 'Lines that are not attendees (blank, a totals row).' }),
    }),
    rows: z.array(
      z.object({
        row: z.int(),
        email: z.string(),
        name: z.string(),
        action,
        changes: z.array(z.string()).optional(),
        reason: z.string().optional(),
      }),
    ),
    problems: z.array(z.object({ row: z.int(), column: z.int(), message: z.string() })),
    skippedLines: z.array(z.object({ row: z.int(), reason: z.string() })),
  })
  .meta({ id: 'ImportReport' });

export const claimParams = z.strictObject({
  token: z.string().min(16, { error: 'A claim code is the long code in the badge’s link.' }).max(128).regex(/^[A-Za-z0-9_-]+$/, { error: 'A claim code is letters and digits.' }),
});

export const claimView = z
  .object({
    state: z.enum(['unclaimed', 'sign_in', 'join', 'claimed']).meta({
      description:
        '`unclaimed`: an imported person’s account, never used: choose a password. `sign_in`: the person has an account: sign in as them. `join`: signed in as them: one tap joins. `claimed`: nothing to claim.',
    }),
    event: z.object({ id: z.uuid(), name: z.string(), venue: z.string(), startsAt: z.date(), endsAt: z.date(), timeZone: z.string() }),
    name: z.string().optional(),
    emailHint: z.string().optional(),
  })
  .meta({ id: 'Claim' });

export const claimBody = z.strictObject({
  password: z
    .string()
    .min(8, { error: 'Please use at least 8 characters.' })
    .max(200, { error: 'Please use at most 200 characters.' })
    .optional()
    .meta({ description: 'The first password, to claim an imported account.' }),
  name: z
    .string()
    .trim()
    .min(1, { error: 'Please enter your name.' })
    .max(100, { error: 'Please keep your name under 100 characters.' })
    .optional()
    .meta({ description: 'The name to use, if the one on the badge is not right.' }),
});
