import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  foreignKey,
  index,
  bigint,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { MixerFigures } from '../../../core/mixer/problem.js';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-cased and trimmed, so uniqueness is case-insensitive. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    isAdmin: boolean('is_admin').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The first characters of the token, shown so people can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_token_hash_key').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

/** One-time links that create the first (admin) account on an empty server. */
export const setupTokens = pgTable('setup_tokens', {
  id: uuid('id').primaryKey().defaultRandom(),
  tokenHash: text('token_hash').notNull().unique('setup_tokens_token_hash_key'),
  createdAt: createdAt(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});

/** Fixed-window counters shared by every process on the database. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  count: integer('count').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});

export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    venue: text('venue').notNull().default(''),
    timeZone: text('time_zone').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** Event settings (caps and switches); later capabilities add keys, defaults live in code. */
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    /**
     * Bumped by triggers (see the people-to-meet migration) whenever anything the suggestions
     * read of the event's people changes: the key of every process's cache of prepared events.
     */
    peopleVersion: bigint('people_version', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('events_slug_key').on(t.slug), check('events_ends_after_start', sql`${t.endsAt} >= ${t.startsAt}`)],
);

export const membershipRole = pgEnum('membership_role', ['organizer', 'attendee']);
export const membershipStatus = pgEnum('membership_status', ['invited', 'joined', 'checked_in', 'left']);

export const memberships = pgTable(
  'memberships',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: membershipRole('role').notNull().default('attendee'),
    status: membershipStatus('status').notNull().default('joined'),
    /** Whether the attendee appears in the event's directory. */
    listed: boolean('listed').notNull().default(true),
    /** Whether the attendee may be suggested to others as someone to meet (they still get suggestions). */
    suggestMe: boolean('suggest_me').notNull().default(true),
    /**
     * lower(profiles.display_name), kept by triggers (see the directory migration) so that a
     * page of the directory is an index range, not a sort of the whole event.
     */
    sortName: text('sort_name').notNull().default(''),
    joinedAt: timestamp('joined_at', { withTimezone: true }),
    checkedInAt: timestamp('checked_in_at', { withTimezone: true }),
    /**
     * The badge's code: the secret of the one-time claim link of someone an organizer imported,
     * printed as a QR code on every badge and scanned at the door. Every membership has one (the
     * database makes it, 244 random bits), kept readable as invite tokens are, because badges
     * can be printed again. It claims nothing unless the membership is an unclaimed import.
     */
    claimToken: text('claim_token')
      .notNull()
      .default(sql`replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', '')`),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    /** When an organizer's import created or last changed this membership. */
    importedAt: timestamp('imported_at', { withTimezone: true }),
    /**
     * The name the organizers' file gave. Until someone who already had an account accepts the
     * invitation, organizers see this, never that account's own profile: an import must not
     * tell who has an account or what they wrote in it.
     */
    importedName: text('imported_name').notNull().default(''),
    /** Whether the attendee lets organizers show their name in the who-met-whom picture. */
    namedInInsights: boolean('named_in_insights').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    index('memberships_directory_idx').on(t.eventId, t.sortName, t.userId),
    uniqueIndex('memberships_claim_token_key').on(t.claimToken),
  ],
);

export const invites = pgTable(
  'invites',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    /**
     * Kept readable (unlike session and API tokens) so organizers can copy the link again; it
     * grants no more than joining as an attendee, and is revocable and expiring.
     */
    token: text('token').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    maxUses: integer('max_uses'),
    uses: integer('uses').notNull().default(0),
  },
  (t) => [uniqueIndex('invites_token_key').on(t.token), index('invites_event_idx').on(t.eventId)],
);

export const profiles = pgTable('profiles', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  displayName: text('display_name').notNull(),
  headline: text('headline').notNull().default(''),
  bio: text('bio').notNull().default(''),
  interests: text('interests').array().notNull().default(sql`'{}'::text[]`),
  offers: text('offers').array().notNull().default(sql`'{}'::text[]`),
  seeking: text('seeking').array().notNull().default(sql`'{}'::text[]`),
  questions: text('questions').array().notNull().default(sql`'{}'::text[]`),
  /** Private: seen by the owner only. */
  contactEmail: text('contact_email').notNull().default(''),
  contactPhone: text('contact_phone').notNull().default(''),
  contactLinks: text('contact_links').array().notNull().default(sql`'{}'::text[]`),
  updatedAt: updatedAt(),
});

/** What someone is at one event for: a line, and later availability and the like. */
export const eventIntents = pgTable(
  'event_intents',
  {
    eventId: uuid('event_id').notNull(),
    userId: uuid('user_id').notNull(),
    hereFor: text('here_for').notNull().default(''),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    foreignKey({ columns: [t.eventId, t.userId], foreignColumns: [memberships.eventId, memberships.userId] }).onDelete(
      'cascade',
    ),
  ],
);

/** "Never suggest us to each other": personal, across events; the blocked person is never told. */
export const blocks = pgTable(
  'blocks',
  {
    blockerId: uuid('blocker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    blockedId: uuid('blocked_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.blockerId, t.blockedId] }),
    index('blocks_blocked_idx').on(t.blockedId),
    check('blocks_not_self', sql`${t.blockerId} <> ${t.blockedId}`),
  ],
);

/** "Not now": a person left out of someone's suggestions in one event, until undone. */
export const suggestionDismissals = pgTable(
  'suggestion_dismissals',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dismissedId: uuid('dismissed_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId, t.dismissedId] })],
);

/** "Save for later": people someone wants to remember in one event; they stay suggested. */
export const savedPeople = pgTable(
  'saved_people',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    savedId: uuid('saved_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.userId, t.savedId] })],
);

export const encounterSource = ['meeting', 'mixer', 'scan', 'tap'] as const;

/** Two people who really met, once per meeting: the pair is stored in id order. */
export const encounters = pgTable(
  'encounters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userLow: uuid('user_low')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userHigh: uuid('user_high')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    metAt: timestamp('met_at', { withTimezone: true }).notNull().defaultNow(),
    source: text('source', { enum: encounterSource }).notNull(),
    /** The 1:1 meeting it confirmed, if any; one encounter per meeting. */
    meetingId: uuid('meeting_id').references((): AnyPgColumn => meetings.id, { onDelete: 'set null' }),
    /** Where they sat, as the table was called then (tables may be renamed or removed later). */
    tableLabel: text('table_label'),
    /** The mixer they sat together at, if any; one encounter per pair and mixer. */
    mixerId: uuid('mixer_id').references((): AnyPgColumn => mixers.id, { onDelete: 'set null' }),
    /** The round (from 1) of that mixer in which they first shared a table. */
    mixerRound: integer('mixer_round'),
  },
  (t) => [
    uniqueIndex('encounters_meeting_key').on(t.meetingId),
    uniqueIndex('encounters_mixer_key').on(t.mixerId, t.userLow, t.userHigh).where(sql`${t.mixerId} is not null`),
    // Outside meetings and mixers, one encounter per pair and event: a second scan changes nothing.
    uniqueIndex('encounters_ad_hoc_key')
      .on(t.eventId, t.userLow, t.userHigh)
      .where(sql`${t.meetingId} is null and ${t.source} in ('scan', 'tap')`),
    index('encounters_user_low_idx').on(t.userLow),
    index('encounters_user_high_idx').on(t.userHigh),
    index('encounters_event_idx').on(t.eventId),
    check('encounters_pair_ordered', sql`${t.userLow} < ${t.userHigh}`),
    check('encounters_source', sql`${t.source} in ('meeting', 'mixer', 'scan', 'tap')`),
  ],
);

/** A time window of an event in which 1:1 meetings take place. */
export const meetingSlots = pgTable(
  'meeting_slots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    label: text('label').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('meeting_slots_event_idx').on(t.eventId, t.startsAt),
    // The reminders look across events for slots about to start.
    index('meeting_slots_starts_idx').on(t.startsAt),
    check('meeting_slots_ends_after_start', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A place where one 1:1 meeting sits per slot. */
export const meetingTables = pgTable(
  'meeting_tables',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    locationHint: text('location_hint').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('meeting_tables_label_key').on(t.eventId, sql`lower(${t.label})`)],
);

/** Slots in which a person is NOT free for meetings; no row means free (new slots start free). */
export const meetingBusySlots = pgTable(
  'meeting_busy_slots',
  {
    slotId: uuid('slot_id')
      .notNull()
      .references(() => meetingSlots.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.userId] })],
);

export const meetingRequestStatus = ['open', 'accepted', 'declined', 'withdrawn'] as const;

/**
 * "Could we meet?" from one attendee to another. A decline is stored as such but never shown:
 * to the requester a declined (or unanswered, after the event) request reads "not this time".
 */
export const meetingRequests = pgTable(
  'meeting_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    requesterId: uuid('requester_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    inviteeId: uuid('invitee_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    note: text('note').notNull().default(''),
    preferredSlotIds: uuid('preferred_slot_ids').array().notNull().default(sql`'{}'::uuid[]`),
    status: text('status', { enum: meetingRequestStatus }).notNull().default('open'),
    /** Sent to someone who blocks the requester: it never reaches them and ends "not this time". */
    muted: boolean('muted').notNull().default(false),
    createdAt: createdAt(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    // One open request between two people at a time, whoever asked.
    uniqueIndex('meeting_requests_one_open_key')
      .on(t.eventId, sql`least(${t.requesterId}, ${t.inviteeId})`, sql`greatest(${t.requesterId}, ${t.inviteeId})`)
      .where(sql`${t.status} = 'open'`),
    index('meeting_requests_requester_idx').on(t.eventId, t.requesterId, t.createdAt),
    index('meeting_requests_invitee_idx').on(t.eventId, t.inviteeId, t.status),
    check('meeting_requests_not_self', sql`${t.requesterId} <> ${t.inviteeId}`),
    check('meeting_requests_note_length', sql`char_length(${t.note}) <= 280`),
    check('meeting_requests_status', sql`${t.status} in ('open', 'accepted', 'declined', 'withdrawn')`),
  ],
);

/**
 * An accepted request: two people who will meet, at a slot and table once the scheduler found
 * them. Races for a table are settled by the unique index, for a person by meeting_bookings.
 */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    requestId: uuid('request_id')
      .notNull()
      .references(() => meetingRequests.id, { onDelete: 'cascade' }),
    userLow: uuid('user_low')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userHigh: uuid('user_high')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: ['active', 'cancelled'] }).notNull().default('active'),
    slotId: uuid('slot_id').references(() => meetingSlots.id, { onDelete: 'set null' }),
    tableId: uuid('table_id').references(() => meetingTables.id, { onDelete: 'set null' }),
    /** RFC 5545 SEQUENCE of its calendar entry: bumped whenever time, place or status changes. */
    sequence: integer('sequence').notNull().default(0),
    cancelledBy: uuid('cancelled_by').references(() => users.id, { onDelete: 'set null' }),
    heldAt: timestamp('held_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('meetings_request_key').on(t.requestId),
    // One meeting at a time between two people in an event.
    uniqueIndex('meetings_one_active_key').on(t.eventId, t.userLow, t.userHigh).where(sql`${t.status} = 'active'`),
    uniqueIndex('meetings_slot_table_key').on(t.slotId, t.tableId).where(sql`${t.status} = 'active' and ${t.slotId} is not null`),
    index('meetings_event_idx').on(t.eventId),
    index('meetings_slot_idx').on(t.slotId),
    index('meetings_table_idx').on(t.tableId),
    index('meetings_user_low_idx').on(t.userLow),
    index('meetings_user_high_idx').on(t.userHigh),
    check('meetings_pair_ordered', sql`${t.userLow} < ${t.userHigh}`),
    check('meetings_status', sql`${t.status} in ('active', 'cancelled')`),
    check('meetings_placed_whole', sql`(${t.slotId} is null) = (${t.tableId} is null)`),
  ],
);

/** A person's seat in a slot: nobody is in two meetings at once (the primary key says so). */
export const meetingBookings = pgTable(
  'meeting_bookings',
  {
    slotId: uuid('slot_id')
      .notNull()
      .references(() => meetingSlots.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.slotId, t.userId] }), index('meeting_bookings_meeting_idx').on(t.meetingId)],
);

/** A personal code per event, shown as a QR code, that others scan to say "we met". */
export const meetCodes = pgTable(
  'meet_codes',
  {
    eventId: uuid('event_id').notNull(),
    userId: uuid('user_id').notNull(),
    code: text('code').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    uniqueIndex('meet_codes_code_key').on(t.eventId, t.code),
    foreignKey({ columns: [t.eventId, t.userId], foreignColumns: [memberships.eventId, memberships.userId] }).onDelete(
      'cascade',
    ),
  ],
);

/** One side's "we met", waiting for the other's; nothing is recorded until both said it. */
export const metConfirmations = pgTable(
  'met_confirmations',
  {
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    fromUserId: uuid('from_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    toUserId: uuid('to_user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    method: text('method', { enum: ['scan', 'tap'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.fromUserId, t.toUserId] }),
    index('met_confirmations_to_idx').on(t.eventId, t.toUserId),
    check('met_confirmations_not_self', sql`${t.fromUserId} <> ${t.toUserId}`),
  ],
);

/** A personal calendar subscription: the URL's secret is stored only as a hash. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('calendar_feeds_token_key').on(t.tokenHash)],
);

export const notificationKinds = [
  'request_received',
  'request_accepted',
  'meeting_placed',
  'meeting_moved',
  'meeting_unplaced',
  'meeting_cancelled',
  'meeting_starting',
  'met_pending',
  'met_recorded',
  'intro_proposed',
  'intro_connected',
  'ask_received',
  'contacts_offered',
  'contacts_exchanged',
  'post_published',
  'comment_reported',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** What the app tells one person live (and keeps for the bell). Never a decline. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The event it is about; null for what belongs to no event (introductions, asks, contacts). */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    text: text('text').notNull(),
    /** A path in the web app, e.g. /e/…/meetings. */
    link: text('link').notNull(),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_created_idx').on(t.createdAt),
    index('notifications_meeting_idx').on(t.meetingId),
    // "Starting in 10 minutes" once per meeting, however many processes look.
    uniqueIndex('notifications_starting_key').on(t.userId, t.meetingId).where(sql`${t.kind} = 'meeting_starting'`),
  ],
);

export const mixerStatus = ['draft', 'running', 'finished'] as const;

/** The figures of a mixer's plan as core/mixer counts them, and the greedy baseline's repeats. */
export type StoredMixerFigures = MixerFigures & { baselineRepeatPairs: number };

/**
 * A table-rotation mixer: its people change tables every round. The plan is stored whole, as
 * `seats[round][position]` = table (from 0) or -1, positions being those of mixer_participants.
 */
export const mixers = pgTable(
  'mixers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: text('status', { enum: mixerStatus }).notNull().default('draft'),
    tableSize: integer('table_size').notNull(),
    /** The tables the organizers allowed; null: as many as the fullest round needs. */
    maxTables: integer('max_tables'),
    /** The tables the plan uses. */
    tables: integer('tables').notNull(),
    rounds: integer('rounds').notNull(),
    minutesPerRound: integer('minutes_per_round').notNull(),
    autoAdvance: boolean('auto_advance').notNull().default(false),
    /** The round under way, from 1; 0 before the start. A finished mixer keeps its last round. */
    currentRound: integer('current_round').notNull().default(0),
    roundStartedAt: timestamp('round_started_at', { withTimezone: true }),
    roundEndsAt: timestamp('round_ends_at', { withTimezone: true }),
    /** The solver's seed: a re-plan of the same problem searches the same way. */
    seed: integer('seed').notNull(),
    /** Pairs of user ids who never share a table, as the organizers gave them. */
    apart: jsonb('apart').$type<[string, string][]>().notNull().default([]),
    seats: jsonb('seats').$type<number[][]>().notNull(),
    figures: jsonb('figures').$type<StoredMixerFigures>().notNull(),
    method: text('method').notNull(),
    plannedAt: timestamp('planned_at', { withTimezone: true }).notNull(),
    /** Bumped by every change of plan or state: a re-plan is written only over the version it read. */
    version: integer('version').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('mixers_event_idx').on(t.eventId),
    // The timer looks across events for running rounds that are due.
    index('mixers_due_idx').on(t.roundEndsAt).where(sql`${t.status} = 'running' and ${t.autoAdvance}`),
    check('mixers_status', sql`${t.status} in ('draft', 'running', 'finished')`),
    check('mixers_table_size', sql`${t.tableSize} between 2 and 20`),
    check('mixers_rounds', sql`${t.rounds} between 1 and 30 and ${t.currentRound} between 0 and ${t.rounds}`),
  ],
);

/** Who takes part in a mixer, at which position of its plan, and since and until when. */
export const mixerParticipants = pgTable(
  'mixer_participants',
  {
    mixerId: uuid('mixer_id')
      .notNull()
      .references(() => mixers.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The person's index in the plan's seats. */
    position: integer('position').notNull(),
    /** The table (from 1) the person stays at in every round, e.g. a host. */
    pinnedTable: integer('pinned_table'),
    /** The first round (from 1) the person is no longer there for; null: there to the end. */
    absentFrom: integer('absent_from'),
    /** The first round (from 1) the person is there for: after 1 for a late arrival. */
    joinedRound: integer('joined_round').notNull().default(1),
  },
  (t) => [
    primaryKey({ columns: [t.mixerId, t.userId] }),
    uniqueIndex('mixer_participants_position_key').on(t.mixerId, t.position),
    index('mixer_participants_user_idx').on(t.userId),
  ],
);

/**
 * My private memory of one person I met (or was introduced to): seen by its owner only, never
 * by the person, other attendees or organizers.
 */
export const memories = pgTable(
  'memories',
  {
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Plain text with light formatting (core/memory/note-format), normalized on the way in. */
    note: text('note').notNull().default(''),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    /** The answer to "what do they care about?". */
    caresAbout: text('cares_about').notNull().default(''),
    /**
     * A follow-up is due `follow_up_days` after the later of when it was set and when we were
     * last in touch (a new encounter, or "we were in touch"): the clock resets with each contact.
     */
    followUpDays: integer('follow_up_days'),
    followUpSetAt: timestamp('follow_up_set_at', { withTimezone: true }),
    inTouchAt: timestamp('in_touch_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.personId] }),
    index('memories_person_idx').on(t.personId),
    check('memories_not_self', sql`${t.ownerId} <> ${t.personId}`),
    check('memories_note_length', sql`char_length(${t.note}) <= 5000`),
    check('memories_follow_up_whole', sql`(${t.followUpDays} is null) = (${t.followUpSetAt} is null)`),
  ],
);

/**
 * Which of my contact details I share with one person. They see them only while they share
 * theirs with me too; deleting the row revokes.
 */
export const contactShares = pgTable(
  'contact_shares',
  {
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    email: boolean('email').notNull().default(false),
    phone: boolean('phone').notNull().default(false),
    links: boolean('links').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ownerId, t.personId] }),
    index('contact_shares_person_idx').on(t.personId),
    check('contact_shares_not_self', sql`${t.ownerId} <> ${t.personId}`),
  ],
);

/** Two people connected by an introduction both accepted: one row per pair, in id order. */
export const connections = pgTable(
  'connections',
  {
    userLow: uuid('user_low')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userHigh: uuid('user_high')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    introductionId: uuid('introduction_id').references((): AnyPgColumn => introductions.id, { onDelete: 'set null' }),
    connectedAt: timestamp('connected_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userLow, t.userHigh] }),
    index('connections_user_high_idx').on(t.userHigh),
    check('connections_pair_ordered', sql`${t.userLow} < ${t.userHigh}`),
  ],
);

export const introductionAnswer = ['accepted', 'declined'] as const;

/**
 * "You two should meet": proposed by someone who met both, answered privately by each. It is
 * `pending` until both accepted (`connected`), the introducer withdrew it, or it lapsed at
 * `expires_at`; a decline only stops it from connecting, so it reads like an unanswered one.
 */
export const introductions = pgTable(
  'introductions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    introducerId: uuid('introducer_id').references(() => users.id, { onDelete: 'set null' }),
    /** The event of the later encounter, whose settings (cool-down, expiry) applied. */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'set null' }),
    userLow: uuid('user_low')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    userHigh: uuid('user_high')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    why: text('why').notNull(),
    /** The ask it answers, if any. */
    askId: uuid('ask_id').references((): AnyPgColumn => asks.id, { onDelete: 'set null' }),
    status: text('status', { enum: ['pending', 'connected', 'withdrawn', 'lapsed'] }).notNull().default('pending'),
    lowAnswer: text('low_answer', { enum: introductionAnswer }),
    highAnswer: text('high_answer', { enum: introductionAnswer }),
    lowAnsweredAt: timestamp('low_answered_at', { withTimezone: true }),
    highAnsweredAt: timestamp('high_answered_at', { withTimezone: true }),
    /** Involves someone who blocks another of the three: it never reaches the two and lapses. */
    muted: boolean('muted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    connectedAt: timestamp('connected_at', { withTimezone: true }),
  },
  (t) => [
    // One waiting introduction of a pair per introducer.
    uniqueIndex('introductions_one_pending_key')
      .on(t.introducerId, t.userLow, t.userHigh)
      .where(sql`${t.status} = 'pending'`),
    index('introductions_introducer_idx').on(t.introducerId, t.createdAt),
    index('introductions_user_low_idx').on(t.userLow),
    index('introductions_user_high_idx').on(t.userHigh),
    check('introductions_pair_ordered', sql`${t.userLow} < ${t.userHigh}`),
    check('introductions_status', sql`${t.status} in ('pending', 'connected', 'withdrawn', 'lapsed')`),
    check(
      'introductions_answers',
      sql`coalesce(${t.lowAnswer}, 'accepted') in ('accepted', 'declined') and coalesce(${t.highAnswer}, 'accepted') in ('accepted', 'declined')`,
    ),
    check('introductions_why_length', sql`char_length(${t.why}) between 1 and 600`),
  ],
);

/**
 * "Who should I meet about X?", asked of someone I met. Answered by an introduction, or left to
 * lapse; the askee may put it aside (`dismissed`), which the asker reads as still open.
 */
export const asks = pgTable(
  'asks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    askerId: uuid('asker_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    askeeId: uuid('askee_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    topic: text('topic').notNull(),
    status: text('status', { enum: ['open', 'dismissed', 'answered', 'lapsed'] }).notNull().default('open'),
    muted: boolean('muted').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
  },
  (t) => [
    // One waiting ask between two people (a put-aside one still waits, as far as the asker knows).
    uniqueIndex('asks_one_open_key').on(t.askerId, t.askeeId).where(sql`${t.status} in ('open', 'dismissed')`),
    index('asks_asker_idx').on(t.askerId, t.createdAt),
    index('asks_askee_idx').on(t.askeeId),
    check('asks_not_self', sql`${t.askerId} <> ${t.askeeId}`),
    check('asks_status', sql`${t.status} in ('open', 'dismissed', 'answered', 'lapsed')`),
    check('asks_topic_length', sql`char_length(${t.topic}) between 1 and 200`),
  ],
);

/** An organizer's announcement to the event's members; members comment under it. */
export const posts = pgTable(
  'posts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    /** Plain text with the light formatting of notes (core/memory/note-format); never HTML. */
    body: text('body').notNull(),
    /** A locked thread takes no new comments. */
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [
    index('posts_event_idx').on(t.eventId, t.createdAt),
    check('posts_title_length', sql`char_length(${t.title}) between 1 and 200`),
    check('posts_body_length', sql`char_length(${t.body}) between 1 and 10000`),
  ],
);

export const postComments = pgTable(
  'post_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    postId: uuid('post_id')
      .notNull()
      .references(() => posts.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    /** Hidden by an organizer: its author and the organizers still see it, marked so. */
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenBy: uuid('hidden_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    index('post_comments_post_idx').on(t.postId, t.createdAt),
    index('post_comments_author_idx').on(t.authorId, t.createdAt),
    check('post_comments_body_length', sql`char_length(${t.body}) between 1 and 2000`),
  ],
);

/** A member's report of a comment to the organizers; who reported is never shown to the author. */
export const commentReports = pgTable(
  'comment_reports',
  {
    commentId: uuid('comment_id')
      .notNull()
      .references(() => postComments.id, { onDelete: 'cascade' }),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** Set when an organizer dealt with it (hid the comment or dismissed the report). */
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.reporterId] }), check('comment_reports_reason_length', sql`char_length(${t.reason}) <= 500`)],
);

/**
 * What organizers did in an event (imports, check-ins, moderation, roles), for its organizers
 * to read. `detail` holds counts and names of things, never private notes or contact details.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    /** The person the action was about, when there is one. */
    subjectId: uuid('subject_id').references(() => users.id, { onDelete: 'set null' }),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('audit_log_event_idx').on(t.eventId, t.createdAt)],
);
