import { sql } from 'drizzle-orm';
import {
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.userId] }),
    index('memberships_user_idx').on(t.userId),
    index('memberships_directory_idx').on(t.eventId, t.sortName, t.userId),
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
  },
  (t) => [
    index('encounters_user_low_idx').on(t.userLow),
    index('encounters_user_high_idx').on(t.userHigh),
    index('encounters_event_idx').on(t.eventId),
    check('encounters_pair_ordered', sql`${t.userLow} < ${t.userHigh}`),
    check('encounters_source', sql`${t.source} in ('meeting', 'mixer', 'scan', 'tap')`),
  ],
);
