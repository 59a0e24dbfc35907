import { randomInt } from 'node:crypto';
import { prepareEvent } from '../../core/common-ground/prepare.js';
import { commonGroundOf } from '../../core/common-ground/score.js';
import type { CommonGroundReason } from '../../core/common-ground/types.js';
import { taxonomyVocabulary } from '../../core/common-ground/vocabulary.js';
import { greedyMixerPlanOffThread, MixerProblemError, planMixerOffThread } from '../../core/mixer/index.js';
import { commonGroundWeights } from '../../core/mixer/mixer-files.js';
import type { MixerFigures, MixerProblem } from '../../core/mixer/problem.js';
import { interestInSentence, openersFor } from '../../core/openers/openers.js';
import { checkAccess, requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import type { Database } from '../platform/db/client.js';
import { AppError, conflict, notFound, unprocessable } from '../platform/errors.js';
import { consumeRate } from '../platform/rate-limit.js';
import { publish } from '../platform/realtime.js';
import * as repo from './mixers.repository.js';

// ---------------------------------------------------------------------------------------------
// Views

export type MixerStatus = repo.MixerRow['status'];

export interface MixerSummaryView {
  id: string;
  name: string;
  status: MixerStatus;
  rounds: number;
  currentRound: number;
  tableSize: number;
  participantCount: number;
  roundEndsAt: Date | null;
}

export interface MixerParticipantView {
  id: string;
  name: string;
  headline: string;
  pinnedTable: number | null;
  absentFrom: number | null;
  joinedAt: number;
}

export interface MixerView {
  id: string;
  name: string;
  status: MixerStatus;
  tableSize: number;
  tables: number;
  tablesAvailable: number | null;
  rounds: number;
  minutesPerRound: number;
  autoAdvance: boolean;
  currentRound: number;
  roundStartedAt: Date | null;
  roundEndsAt: Date | null;
  participants: MixerParticipantView[];
  apart: [string, string][];
  plan: { rounds: { round: number; tables: { table: number; label: string; people: string[] }[] }[] };
  figures: MixerFigures & { baselineRepeatPairs: number };
  method: string;
  plannedAt: Date;
}

export interface Tablemate {
  id: string;
  name: string;
  headline: string;
}

export interface SeatView {
  table: number;
  label: string;
  with: Tablemate[];
  shared: string[];
  opener: string | null;
}

export interface MixerSeatView {
  mixerId: string;
  name: string;
  status: MixerStatus;
  round: number;
  rounds: number;
  roundEndsAt: Date | null;
  seat: SeatView | null;
  upcoming: { round: number; table: number }[];
  sittingOut: boolean;
}

// ---------------------------------------------------------------------------------------------
// Rules and words

/**
 * How long the solver may search: a re-plan during a live mixer must answer within two seconds
 * for 300 people. Big mixers are planned on a worker thread, so the server keeps answering
 * meanwhile; small ones (quick anyway) in place.
 */
export const PLAN_BUDGET = { timeLimitMs: 2000 };
/** The most shared interests a seat names. */
const SHARED_SHOWN = 3;
/** The most people one mixer seats: a plan weighs every pair, and has to be made within seconds. */
export const MAX_PARTICIPANTS = 2000;
/** A re-plan that lost to another change (a round advanced meanwhile) is made again this often. */
const REPLAN_ATTEMPTS = 3;
/** Mixers one timer tick advances at most; the next tick takes the rest. */
const DUE_PER_TICK = 50;
/**
 * Plans an organizer may ask for in an hour (new mixers, changed settings, attendance): each
 * keeps a worker thread busy for up to two seconds. A busy evening marks a few dozen people.
 */
const PLANS = { limit: 200, windowSeconds: 3600, message: 'That is a lot of planning in one hour: each plan keeps the server busy for a while. Please try again in {wait}.' };
/** The live messages' room (realtime.ts refuses payloads over 7900 bytes). */
const MESSAGE_ROOM = 7600;

const tableLabel = (table: number) => `Table ${table + 1}`;

/** "A", "A and B", "A, B and C". */
function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function peopleInWords(count: number): string {
  return count === 1 ? '1 person' : `${count} people`;
}

const unknownPerson = (id: string): repo.MixerPerson => ({ id, name: 'Someone', headline: '', interests: [], offers: [], seeking: [], questions: [] });

async function mixerOrNotFound(db: Database, eventId: string, mixerId: string) {
  const row = await repo.findMixer(db, eventId, mixerId);
  if (!row) throw notFound();
  return row;
}

// ---------------------------------------------------------------------------------------------
// Planning

/** One person of a plan, at their position. */
interface Seated {
  userId: string;
  /** From 1. */
  pinnedTable: number | null;
  /** The first round (from 1) not there for. */
  absentFrom: number | null;
  /** The first round (from 1) there for. */
  joinedRound: number;
}

interface PlanRequest {
  eventId: string;
  mixerId?: string;
  people: Seated[];
  rounds: number;
  tableSize: number;
  maxTables: number | null;
  apart: [string, string][];
  seed: number;
  /** Rounds already played or under way, kept as they are: seats by position (every position, -1 for nobody). */
  fixed: number[][];
  /** The plan so far, by the same positions: the rounds to come start from it, so few seats move. */
  previous?: number[][] | undefined;
  /** Planned again because people were marked absent or present (rather than the settings changed). */
  forAttendance?: boolean;
}

interface Plan {
  seats: number[][];
  tables: number;
  figures: MixerFigures & { baselineRepeatPairs: number };
  method: string;
}

function isThere(person: Seated, round: number): boolean {
  return round >= person.joinedRound && (person.absentFrom === null || round < person.absentFrom);
}

/**
 * Checks what the solver would refuse, in the organizer's words and with the field to change,
 * for the rounds still to plan.
 */
function checkSeats(request: PlanRequest): void {
  const { people, rounds, tableSize, maxTables, fixed } = request;
  let fullest = 0;
  for (let round = 0; round < rounds; round++) {
    const there = round < fixed.length ? fixed[round]!.filter((t) => t >= 0).length : people.filter((p) => isThere(p, round + 1)).length;
    fullest = Math.max(fullest, there);
    if (round >= fixed.length && maxTables !== null && there > maxTables * tableSize) {
      // While a mixer runs its tables cannot change: only making room can help.
      const advice = !request.forAttendance
        ? 'Allow more tables, or more people per table.'
        : fixed.length > 0
          ? 'While the mixer runs its tables stay as they are: mark someone absent to make room.'
          : 'Allow more tables, or more people per table, in the mixer’s settings first.';
      throw unprocessable(
        `${peopleInWords(there)} need more seats than ${maxTables} ${maxTables === 1 ? 'table' : 'tables'} of ${tableSize} have (${maxTables * tableSize}). ${advice}`,
        request.forAttendance ? '/body/present' : '/body/tables',
      );
    }
  }
  const tables = maxTables ?? Math.max(1, Math.ceil(fullest / tableSize));
  const atTable = new Map<number, number>();
  for (const person of people) {
    if (person.pinnedTable === null) continue;
    if (person.pinnedTable > tables) {
      throw unprocessable(
        `Table ${person.pinnedTable} does not exist: this mixer uses ${tables} ${tables === 1 ? 'table' : 'tables'}. Pin to a table from 1 to ${tables}, or allow more tables.`,
        `/body/pinned`,
      );
    }
    const count = (atTable.get(person.pinnedTable) ?? 0) + 1;
    atTable.set(person.pinnedTable, count);
    if (count > tableSize) {
      throw unprocessable(`More than ${tableSize} people are pinned to table ${person.pinnedTable}, which seats ${tableSize}.`, '/body/pinned');
    }
  }
}

function indexPairs(pairs: readonly (readonly [string, string])[], indexOf: ReadonlyMap<string, number>): [number, number][] {
  return pairs.flatMap(([x, y]) => {
    const a = indexOf.get(x);
    const b = indexOf.get(y);
    return a === undefined || b === undefined || a === b ? [] : [[Math.min(a, b), Math.max(a, b)] as [number, number]];
  });
}

/**
 * Plans the rounds after the fixed ones. People who block one another are kept apart like the
 * organizers' apart pairs when a plan allows it (apart pairs are a preference of the solver, never
 * a reason to refuse). The organizers never see those pairs: the figures they read count their
 * own apart pairs only, so a blocked pair seated together (both pinned to one table, say) shows
 * nowhere.
 */
async function makePlan(db: Database, request: PlanRequest): Promise<Plan> {
  checkSeats(request);
  const ids = request.people.map((p) => p.userId);
  const indexOf = new Map(ids.map((id, index) => [id, index]));
  const [profiles, blocked, met] = [
    await repo.peopleOf(db, ids),
    await repo.blockedPairs(db, ids),
    await repo.metPairs(db, request.eventId, request.mixerId, ids),
  ];
  const fixed = request.fixed.map((round) => ids.map((_, p) => round[p] ?? -1));
  const problem: MixerProblem = {
    people: request.people.map((person, p) => ({
      id: person.userId,
      present: Array.from({ length: request.rounds }, (_, round) => (round < fixed.length ? fixed[round]![p]! >= 0 : isThere(person, round + 1))),
      pinnedTable: person.pinnedTable === null ? undefined : person.pinnedTable - 1,
    })),
    rounds: request.rounds,
    tableSize: request.tableSize,
    tables: request.maxTables ?? undefined,
    apart: indexPairs(request.apart, indexOf),
    // The engine of the suggestions: the solver seats people with something to talk about together.
    commonGround: commonGroundWeights(ids.map((id) => profiles.get(id) ?? unknownPerson(id))),
    fixedRounds: fixed.length > 0 ? fixed : undefined,
    startFrom: request.previous?.slice(0, request.rounds).map((round) => ids.map((_, p) => round[p] ?? -1)),
    metBefore: indexPairs(met, indexOf),
  };
  // The baseline the organizers compare with is planned meanwhile, on a thread of its own for a
  // big mixer, and without the blocks, as they asked.
  const baseline = greedyMixerPlanOffThread(problem, request.seed).then(
    (greedy) => ({ repeatPairs: greedy.figures.repeatPairs }),
    (error: unknown) => ({ error }),
  );
  const withBlocks = indexPairs(blocked, indexOf);
  let plan;
  try {
    plan = await planMixerOffThread({
      problem: withBlocks.length > 0 ? { ...problem, apart: [...(problem.apart ?? []), ...withBlocks] } : problem,
      seed: request.seed,
      timeLimitMs: PLAN_BUDGET.timeLimitMs,
    });
  } catch (error) {
    if (!(error instanceof MixerProblemError)) throw error;
    // The solver names people by id; the organizer knows them by name.
    let message = error.message;
    for (const [id, person] of profiles) message = message.replaceAll(id, person.name);
    throw unprocessable(message);
  }
  const greedy = await baseline;
  if ('error' in greedy && !(greedy.error instanceof MixerProblemError)) throw greedy.error;
  const baselineRepeatPairs = 'repeatPairs' in greedy ? greedy.repeatPairs : plan.figures.repeatPairs;
  // The rounds played stay exactly as they were, whatever the solver hands back.
  const seats = plan.seats.map((round, r) => (r < fixed.length ? fixed[r]! : round));
  const apartViolations = apartViolationsOf(seats, problem.apart ?? []);
  return { seats, tables: plan.tables, figures: { ...plan.figures, apartViolations, baselineRepeatPairs }, method: plan.method };
}

/** Rounds in which one of `apart` (pairs of positions) shares a table, as core/mixer counts them. */
function apartViolationsOf(seats: readonly (readonly number[])[], apart: readonly (readonly [number, number])[]): number {
  let violations = 0;
  for (const round of seats) {
    for (const [a, b] of apart) {
      const table = round[a] ?? -1;
      if (table >= 0 && table === round[b]) violations++;
    }
  }
  return violations;
}

// ---------------------------------------------------------------------------------------------
// Input

export type ParticipantsChoice = 'checked_in' | 'joined' | { userIds: string[] };

export interface MixerInput {
  name: string;
  participants: ParticipantsChoice;
  tableSize: number;
  tables?: number | null | undefined;
  rounds: number;
  minutesPerRound: number;
  autoAdvance: boolean;
  apart?: [string, string][] | undefined;
  pinned?: { userId: string; table: number }[] | undefined;
}

export type MixerChanges = { [K in keyof MixerInput]?: MixerInput[K] | undefined };

/** The people a choice names, by id in a stable order; 422 for anyone who is not an active member. */
async function resolveParticipants(db: Database, eventId: string, choice: ParticipantsChoice): Promise<string[]> {
  if (typeof choice === 'string') {
    const ids = await repo.attendeesOf(db, eventId, choice);
    if (ids.length < 2) {
      const who = choice === 'checked_in' ? 'checked in' : 'here';
      throw unprocessable(
        `${ids.length === 0 ? 'No one is' : 'Only one person is'} ${who} yet: a mixer needs at least two people.`,
        '/body/participants',
      );
    }
    if (ids.length > MAX_PARTICIPANTS) {
      throw unprocessable(
        `${ids.length} people are ${choice === 'checked_in' ? 'checked in' : 'here'}: a mixer seats at most ${MAX_PARTICIPANTS}. Choose who takes part by listing them, or run several mixers.`,
        '/body/participants',
      );
    }
    return ids;
  }
  const unique = [...new Set(choice.userIds)].sort();
  const members = await repo.activeMembers(db, eventId, unique);
  const stranger = choice.userIds.findIndex((id) => !members.has(id));
  if (stranger >= 0) {
    throw unprocessable('Some of these people are not members of this event (or have left it).', `/body/participants/userIds/${stranger}`);
  }
  if (unique.length < 2) throw unprocessable('A mixer needs at least two people.', '/body/participants/userIds');
  return unique;
}

function checkApart(apart: readonly [string, string][], inMixer: ReadonlySet<string>): [string, string][] {
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  apart.forEach(([a, b], index) => {
    if (a === b) throw unprocessable('Someone cannot be kept apart from themselves.', `/body/apart/${index}`);
    if (!inMixer.has(a) || !inMixer.has(b)) throw unprocessable('Both people of an apart pair must take part in the mixer.', `/body/apart/${index}`);
    const pair: [string, string] = a < b ? [a, b] : [b, a];
    const key = pair.join();
    if (seen.has(key)) return;
    seen.add(key);
    pairs.push(pair);
  });
  return pairs;
}

function checkPins(pinned: readonly { userId: string; table: number }[], inMixer: ReadonlySet<string>): Map<string, number> {
  const pins = new Map<string, number>();
  pinned.forEach(({ userId, table }, index) => {
    if (!inMixer.has(userId)) throw unprocessable('Only people taking part in the mixer can be pinned to a table.', `/body/pinned/${index}/userId`);
    if (pins.has(userId) && pins.get(userId) !== table) {
      throw unprocessable('Someone is pinned to two tables: one table per person.', `/body/pinned/${index}`);
    }
    pins.set(userId, table);
  });
  return pins;
}

// ---------------------------------------------------------------------------------------------
// Organizers

export async function createMixer(ctx: ServiceContext, actor: Actor, eventId: string, input: MixerInput): Promise<MixerView> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `mixer-plan:${me.userId}`, PLANS);
  return createMixerWithoutActor(ctx, eventId, me.userId, input);
}

/**
 * Plans and stores a draft mixer. For those with the database in hand (the demo, benchmarks):
 * there is no actor and no access check; the API goes through `createMixer`.
 */
export async function createMixerWithoutActor(ctx: ServiceContext, eventId: string, createdBy: string | null, input: MixerInput): Promise<MixerView> {
  const ids = await resolveParticipants(ctx.db, eventId, input.participants);
  const inMixer = new Set(ids);
  const apart = checkApart(input.apart ?? [], inMixer);
  const pins = checkPins(input.pinned ?? [], inMixer);
  const people: Seated[] = ids.map((userId) => ({ userId, pinnedTable: pins.get(userId) ?? null, absentFrom: null, joinedRound: 1 }));
  const seed = randomInt(1, 2 ** 31 - 1);
  const maxTables = input.tables ?? null;
  const plan = await makePlan(ctx.db, { eventId, people, rounds: input.rounds, tableSize: input.tableSize, maxTables, apart, seed, fixed: [] });
  const now = ctx.now();
  const row = await ctx.db.transaction(async (tx) => {
    const inserted = await repo.insertMixer(tx, {
      eventId,
      name: input.name.trim(),
      tableSize: input.tableSize,
      maxTables,
      tables: plan.tables,
      rounds: input.rounds,
      minutesPerRound: input.minutesPerRound,
      autoAdvance: input.autoAdvance,
      seed,
      apart,
      seats: plan.seats,
      figures: plan.figures,
      method: plan.method,
      plannedAt: now,
      createdBy,
      createdAt: now,
      updatedAt: now,
    });
    await repo.replaceParticipants(tx, inserted.id, participantRows(people));
    await tellOrganizers(tx, inserted);
    return inserted;
  });
  return mixerView(ctx.db, row);
}

function participantRows(people: readonly Seated[]): Omit<repo.ParticipantRow, 'mixerId'>[] {
  return people.map((p, position) => ({ userId: p.userId, position, pinnedTable: p.pinnedTable, absentFrom: p.absentFrom, joinedRound: p.joinedRound }));
}

function seatedOf(participants: readonly repo.ParticipantRow[]): Seated[] {
  return participants.map((p) => ({ userId: p.userId, pinnedTable: p.pinnedTable, absentFrom: p.absentFrom, joinedRound: p.joinedRound }));
}

export async function listMixers(ctx: ServiceContext, actor: Actor, eventId: string): Promise<MixerSummaryView[]> {
  const me = await requireAccess(ctx, actor, 'event.read', { kind: 'event', eventId });
  const organizer = await checkAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  return repo.listMixers(ctx.db, eventId, organizer ? undefined : me.userId);
}

export async function getMixer(ctx: ServiceContext, actor: Actor, eventId: string, mixerId: string): Promise<MixerView> {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  return mixerView(ctx.db, await mixerOrNotFound(ctx.db, eventId, mixerId));
}

const PLAN_FIELDS = ['participants', 'tableSize', 'tables', 'rounds', 'apart', 'pinned'] as const;

/**
 * A draft changes in every respect and is planned again when its people or tables change; a
 * running mixer only in name, round length and auto-advance (its people change through
 * attendance); a finished one only in name.
 */
export async function updateMixer(ctx: ServiceContext, actor: Actor, eventId: string, mixerId: string, changes: MixerChanges): Promise<MixerView> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  if (PLAN_FIELDS.some((key) => changes[key] !== undefined)) await consumeRate(ctx, `mixer-plan:${me.userId}`, PLANS);
  for (let attempt = 1; ; attempt++) {
    const row = await mixerOrNotFound(ctx.db, eventId, mixerId);
    const participants = await repo.participantsOf(ctx.db, mixerId);
    const scalarSame = (key: 'tableSize' | 'tables' | 'rounds') =>
      changes[key] === undefined || changes[key] === (key === 'tables' ? row.maxTables : row[key]);
    const planChanges = PLAN_FIELDS.filter((key) =>
      key === 'tableSize' || key === 'tables' || key === 'rounds' ? !scalarSame(key) : changes[key] !== undefined,
    );
    if (row.status !== 'draft') {
      const refused = row.status === 'finished' ? [...planChanges, ...(['minutesPerRound', 'autoAdvance'] as const).filter((k) => changes[k] !== undefined && changes[k] !== row[k])] : planChanges;
      if (refused.length > 0) {
        throw conflict(
          row.status === 'running'
            ? 'While the mixer runs, only its name, the minutes per round and auto-advance can change. Mark people absent or present to re-plan the rounds to come.'
            : 'This mixer is finished: only its name can change.',
          `/body/${refused[0]}`,
        );
      }
    }
    const now = ctx.now();
    const values: Parameters<typeof repo.updateMixerIfUnchanged>[3] = { updatedAt: now };
    if (changes.name !== undefined) values.name = changes.name.trim();
    if (changes.autoAdvance !== undefined) values.autoAdvance = changes.autoAdvance;
    if (changes.minutesPerRound !== undefined) {
      values.minutesPerRound = changes.minutesPerRound;
      if (row.status === 'running' && row.roundStartedAt) values.roundEndsAt = new Date(row.roundStartedAt.getTime() + changes.minutesPerRound * 60_000);
    }
    let people: Seated[] | undefined;
    if (planChanges.length > 0) {
      let seated = seatedOf(participants);
      if (changes.participants !== undefined) {
        const before = new Map(seated.map((p) => [p.userId, p]));
        seated = (await resolveParticipants(ctx.db, eventId, changes.participants)).map(
          (userId) => before.get(userId) ?? { userId, pinnedTable: null, absentFrom: null, joinedRound: 1 },
        );
      }
      const inMixer = new Set(seated.map((p) => p.userId));
      if (changes.pinned !== undefined) {
        const pins = checkPins(changes.pinned, inMixer);
        seated = seated.map((p) => ({ ...p, pinnedTable: pins.get(p.userId) ?? null }));
      }
      const apart = changes.apart !== undefined ? checkApart(changes.apart, inMixer) : row.apart.filter(([a, b]) => inMixer.has(a) && inMixer.has(b));
      const maxTables = changes.tables !== undefined ? changes.tables : row.maxTables;
      const tableSize = changes.tableSize ?? row.tableSize;
      const rounds = changes.rounds ?? row.rounds;
      const plan = await makePlan(ctx.db, { eventId, mixerId, people: seated, rounds, tableSize, maxTables, apart, seed: row.seed, fixed: [] });
      Object.assign(values, { maxTables, tableSize, rounds, apart, tables: plan.tables, seats: plan.seats, figures: plan.figures, method: plan.method, plannedAt: now });
      people = seated;
    }
    const updated = await ctx.db.transaction(async (tx) => {
      const written = await repo.updateMixerIfUnchanged(tx, mixerId, row.version, values);
      if (!written) return undefined;
      if (people) await repo.replaceParticipants(tx, mixerId, participantRows(people));
      await tellOrganizers(tx, written);
      // A round made longer or shorter: every phone's countdown follows.
      if (written.status === 'running' && values.roundEndsAt) await tellParticipants(tx, written, participants.map((p) => p.userId));
      return written;
    });
    if (updated) return mixerView(ctx.db, updated);
    if (attempt >= REPLAN_ATTEMPTS) throw conflict('The mixer kept changing while this change was being made. Please look again and retry.');
  }
}

export async function deleteMixer(ctx: ServiceContext, actor: Actor, eventId: string, mixerId: string): Promise<void> {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await ctx.db.transaction(async (tx) => {
    const row = await mixerOrNotFound(tx, eventId, mixerId);
    if (!(await repo.deleteMixerUnlessRunning(tx, eventId, mixerId))) {
      throw conflict('This mixer is running: finish it first, then delete it.');
    }
    await tellOrganizers(tx, row);
  });
}

export async function startMixer(ctx: ServiceContext, actor: Actor, eventId: string, mixerId: string): Promise<MixerView> {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  const current = await mixerOrNotFound(ctx.db, eventId, mixerId);
  const row = await ctx.db.transaction(async (tx) => {
    const started = await repo.startMixer(tx, mixerId, ctx.now());
    if (!started) return undefined;
    await announceRound(tx, started);
    await tellOrganizers(tx, started);
    return started;
  });
  if (!row) {
    throw conflict(current.status === 'finished' ? 'This mixer is finished already.' : 'This mixer has started already.');
  }
  return mixerView(ctx.db, row);
}

/**
 * Ends round `fromRound` and starts the next (or finishes after the last): encounters of the
 * round ended are recorded and the people of the new round are told where to sit. Nothing
 * happens, and undefined is returned, when the mixer is not at that round any more (or, for the
 * timer, `onlyIfDue`, no longer due).
 */
async function advanceFrom(ctx: ServiceContext, db: Database, mixerId: string, fromRound: number, onlyIfDue = false): Promise<repo.MixerRow | undefined> {
  return db.transaction(async (tx) => {
    const now = ctx.now();
    const advanced = await repo.advanceMixer(tx, mixerId, fromRound, now, onlyIfDue);
    if (!advanced) return undefined;
    await recordEncounters(tx, advanced, fromRound, now);
    if (advanced.status === 'finished') await announceFinished(tx, advanced);
    else await announceRound(tx, advanced);
    await tellOrganizers(tx, advanced);
    return advanced;
  });
}

export async function advanceMixer(ctx: ServiceContext, actor: Actor, eventId: string, mixerId: string, fromRound: number): Promise<MixerView> {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await mixerOrNotFound(ctx.db, eventId, mixerId);
  const row = await advanceFrom(ctx, ctx.db, mixerId, fromRound);
  if (!row) {
    const current = await mixerOrNotFound(ctx.db, eventId, mixerId);
    if (current.status === 'draft') throw conflict('This mixer has not started yet: start it first.');
    if (current.status === 'finished') throw conflict('This mixer is finished already.');
    throw conflict(`The mixer is at round ${current.currentRound} already: it moved on meanwhile. Nothing was changed.`, '/body/fromRound');
  }
  return mixerView(ctx.db, row);
}

export async function finishMixer(ctx: ServiceContext, actor: Actor, eventId: string, mixerId: string): Promise<MixerView> {
  await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  const current = await mixerOrNotFound(ctx.db, eventId, mixerId);
  if (current.status === 'draft') throw conflict('This mixer has not started: delete it instead, or start it.');
  const row = await ctx.db.transaction(async (tx) => {
    const now = ctx.now();
    const finished = await repo.finishMixer(tx, mixerId, now);
    if (!finished) return undefined;
    await recordEncounters(tx, finished, finished.currentRound, now);
    await announceFinished(tx, finished);
    await tellOrganizers(tx, finished);
    return finished;
  });
  // Finished meanwhile (by the last advance, or another organizer): it is as asked.
  return mixerView(ctx.db, row ?? (await mixerOrNotFound(ctx.db, eventId, mixerId)));
}

export interface AttendanceInput {
  absent?: string[] | undefined;
  present?: string[] | undefined;
}

/**
 * People who will not be there (from the next round on) and people back or arriving late: the
 * rounds to come are planned again, the rounds played and the one under way stay as they were
 * (and the pairs they seated count as met). In a draft every round is planned again.
 */
export async function changeAttendance(ctx: ServiceContext, actor: Actor, eventId: string, mixerId: string, input: AttendanceInput): Promise<MixerView> {
  const me = await requireAccess(ctx, actor, 'event.manage', { kind: 'event', eventId });
  await consumeRate(ctx, `mixer-plan:${me.userId}`, PLANS);
  return mixerView(ctx.db, await replanAttendance(ctx, eventId, mixerId, input));
}

/**
 * Someone left the event: in every mixer still to come or under way they are absent from the
 * next round on, and the rounds to come are planned without them (their tablemates are not left
 * at a table short). Best effort, after the leaving is stored: a mixer that keeps changing is
 * left for the organizers, who see the person as having left.
 */
export async function releaseMixersOf(ctx: ServiceContext, eventId: string, userId: string): Promise<void> {
  for (const mixerId of await repo.mixersAwaiting(ctx.db, eventId, userId)) {
    try {
      await replanAttendance(ctx, eventId, mixerId, { absent: [userId] });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
}

/** Marks people absent or present and plans the rounds to come again; access is the caller's to check. */
async function replanAttendance(ctx: ServiceContext, eventId: string, mixerId: string, input: AttendanceInput): Promise<repo.MixerRow> {
  const absent = [...new Set(input.absent ?? [])];
  const present = [...new Set(input.present ?? [])];
  const both = present.findIndex((id) => absent.includes(id));
  if (both >= 0) throw unprocessable('Someone is both absent and present: say one or the other.', `/body/present/${both}`);
  for (let attempt = 1; ; attempt++) {
    const row = await mixerOrNotFound(ctx.db, eventId, mixerId);
    if (row.status === 'finished') throw conflict('This mixer is finished: there are no rounds left to plan.');
    const participants = await repo.participantsOf(ctx.db, mixerId);
    const inMixer = new Map(participants.map((p) => [p.userId, p]));
    const notIn = (input.absent ?? []).findIndex((id) => !inMixer.has(id));
    if (notIn >= 0) throw unprocessable('Only people taking part in the mixer can be marked absent.', `/body/absent/${notIn}`);
    const newcomers = present.filter((id) => !inMixer.has(id));
    const members = await repo.activeMembers(ctx.db, eventId, newcomers);
    const stranger = (input.present ?? []).findIndex((id) => !inMixer.has(id) && !members.has(id));
    if (stranger >= 0) throw unprocessable('Some of these people are not members of this event (or have left it).', `/body/present/${stranger}`);

    const next = row.status === 'draft' ? 1 : row.currentRound + 1;
    const people: Seated[] = seatedOf(participants).map((p) => {
      if (absent.includes(p.userId)) return { ...p, absentFrom: p.absentFrom === null ? next : Math.min(p.absentFrom, next) };
      if (present.includes(p.userId)) return { ...p, absentFrom: null, joinedRound: Math.min(p.joinedRound, next) };
      return p;
    });
    for (const userId of newcomers) people.push({ userId, pinnedTable: null, absentFrom: null, joinedRound: next });
    if (people.length > MAX_PARTICIPANTS) throw unprocessable(`A mixer seats at most ${MAX_PARTICIPANTS} people.`, '/body/present');

    // The stored seats by the order of `people`, whose positions are written afresh: a deleted
    // account leaves a gap in the old positions, and newcomers have none yet.
    const positions = [...participants.map((p) => p.position), ...newcomers.map(() => -1)];
    const stored = row.seats.map((round) => positions.map((position) => (position >= 0 ? (round[position] ?? -1) : -1)));
    const fixed = row.status === 'draft' ? [] : stored.slice(0, row.currentRound);
    const now = ctx.now();
    const values: Parameters<typeof repo.updateMixerIfUnchanged>[3] = { updatedAt: now };
    if (next <= row.rounds) {
      const apart = row.apart.filter(([a, b]) => people.some((p) => p.userId === a) && people.some((p) => p.userId === b));
      const plan = await makePlan(ctx.db, {
        eventId,
        mixerId,
        people,
        rounds: row.rounds,
        tableSize: row.tableSize,
        maxTables: row.maxTables,
        apart,
        seed: row.seed,
        fixed,
        previous: stored,
        forAttendance: true,
      });
      Object.assign(values, { tables: plan.tables, seats: plan.seats, figures: plan.figures, method: plan.method, plannedAt: now });
    } else {
      // The last round is under way: nothing is left to plan; newcomers sit out.
      values.seats = stored;
    }
    const updated = await ctx.db.transaction(async (tx) => {
      const written = await repo.updateMixerIfUnchanged(tx, mixerId, row.version, values);
      if (!written) return undefined;
      await repo.replaceParticipants(tx, mixerId, participantRows(people));
      await tellOrganizers(tx, written);
      if (written.status === 'running') {
        // The people whose tables to come changed (marked away, arrived, or moved) read theirs again.
        const moved = people.filter((_, p) => written.seats.some((round, r) => r >= written.currentRound && (round[p] ?? -1) !== (stored[r]?.[p] ?? -1)));
        await tellParticipants(tx, written, moved.map((person) => person.userId));
      }
      return written;
    });
    if (updated) return updated;
    if (attempt >= REPLAN_ATTEMPTS) throw conflict('The mixer kept changing while the rounds were being planned again. Please look again and retry.');
  }
}

async function mixerView(db: Database, row: repo.MixerRow): Promise<MixerView> {
  const participants = await repo.participantsOf(db, row.id);
  const people = await repo.peopleOf(
    db,
    participants.map((p) => p.userId),
  );
  const byPosition = new Map(participants.map((p) => [p.position, p.userId]));
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    tableSize: row.tableSize,
    tables: row.tables,
    tablesAvailable: row.maxTables,
    rounds: row.rounds,
    minutesPerRound: row.minutesPerRound,
    autoAdvance: row.autoAdvance,
    currentRound: row.currentRound,
    roundStartedAt: row.roundStartedAt,
    roundEndsAt: row.roundEndsAt,
    // Not the solver's seed: with it and the profiles, a small plan could be made again offline
    // with and without a guessed pair kept apart, telling of a block.
    participants: participants.map((p) => {
      const person = people.get(p.userId);
      return {
        id: p.userId,
        name: person?.name ?? 'Someone',
        headline: person?.headline ?? '',
        pinnedTable: p.pinnedTable,
        absentFrom: p.absentFrom,
        joinedAt: p.joinedRound,
      };
    }),
    apart: row.apart,
    plan: {
      rounds: row.seats.map((round, r) => {
        const tables = peopleByTable(round, byPosition);
        return {
          round: r + 1,
          tables: [...tables.entries()].sort(([a], [b]) => a - b).map(([table, list]) => ({ table: table + 1, label: tableLabel(table), people: list })),
        };
      }),
    },
    figures: row.figures,
    method: row.method,
    plannedAt: row.plannedAt,
  };
}

// ---------------------------------------------------------------------------------------------
// Participants

/**
 * What I share with my tablemates, in words, most shared first (interests we both hold, and an
 * offer of one meeting a need of the other), and one question to open with, from my strongest
 * common ground at the table.
 */
function tableTalk(me: repo.MixerPerson, others: readonly repo.MixerPerson[]): { shared: string[]; opener: string | null } {
  if (others.length === 0) return { shared: [], opener: null };
  const people = [me, ...others];
  const event = prepareEvent(
    people.map((p) => ({ id: p.id, interests: p.interests, offers: p.offers, seeking: p.seeking })),
    taxonomyVocabulary,
  );
  const topics = new Map<string, { people: number; weight: number }>();
  let best: { other: repo.MixerPerson; score: number; reasons: readonly CommonGroundReason[] } | undefined;
  others.forEach((other, i) => {
    const ground = commonGroundOf(event, 0, i + 1);
    const mine = new Map<string, number>();
    for (const reason of ground.reasons) {
      const topic = reason.kind === 'shared-interest' ? reason.interest : reason.kind === 'offer-meets-need' ? reason.topic : undefined;
      if (topic !== undefined) mine.set(topic, Math.max(mine.get(topic) ?? 0, reason.weight));
    }
    for (const [topic, weight] of mine) {
      const entry = topics.get(topic) ?? { people: 0, weight: 0 };
      topics.set(topic, { people: entry.people + 1, weight: entry.weight + weight });
    }
    if (!best || ground.score > best.score) best = { other, score: ground.score, reasons: ground.reasons };
  });
  const shared = [...topics.entries()]
    .sort(([x, a], [y, b]) => b.people - a.people || b.weight - a.weight || (x < y ? -1 : 1))
    .slice(0, SHARED_SHOWN)
    .map(([topic]) => interestInSentence(topic));
  const chosen = best!;
  const [opener] = openersFor({ viewerId: me.id, other: { id: chosen.other.id, questions: chosen.other.questions }, reasons: chosen.reasons, count: 1 });
  return { shared, opener: opener ?? null };
}

function seatView(table: number, me: repo.MixerPerson, others: readonly repo.MixerPerson[]): SeatView {
  return {
    table: table + 1,
    label: tableLabel(table),
    with: others.map((p) => ({ id: p.id, name: p.name, headline: p.headline })),
    ...tableTalk(me, others),
  };
}

/**
 * My seat in the round under way and my table numbers in the rounds to come. Tablemates are
 * shown by name and headline, as the directory shows people, to whoever sits with them: a seat
 * is a seat, so neither an unlisted profile nor a block hides someone at my table (blocked
 * pairs are kept apart by the plan when it can).
 */
export async function mySeat(ctx: ServiceContext, actor: Actor, eventId: string, mixerId: string): Promise<MixerSeatView> {
  const me = await requireAccess(ctx, actor, 'mixer.participate', { kind: 'mixer', eventId, mixerId });
  const row = await mixerOrNotFound(ctx.db, eventId, mixerId);
  const participants = await repo.participantsOf(ctx.db, mixerId);
  const mine = participants.find((p) => p.userId === me.userId);
  if (!mine) throw notFound();
  const running = row.status === 'running';
  const table = running ? (row.seats[row.currentRound - 1]?.[mine.position] ?? -1) : -1;
  let seat: SeatView | null = null;
  if (table >= 0) {
    const ids = (await tablesOfRound(ctx.db, row, row.currentRound)).get(table) ?? [me.userId];
    const people = await repo.peopleOf(ctx.db, ids);
    const person = (id: string) => people.get(id) ?? unknownPerson(id);
    seat = seatView(
      table,
      person(me.userId),
      ids.filter((id) => id !== me.userId).map(person),
    );
  }
  const upcoming: { round: number; table: number }[] = [];
  if (row.status !== 'finished') {
    for (let round = row.currentRound + 1; round <= row.rounds; round++) {
      const t = row.seats[round - 1]?.[mine.position] ?? -1;
      if (t >= 0) upcoming.push({ round, table: t + 1 });
    }
  }
  return {
    mixerId: row.id,
    name: row.name,
    status: row.status,
    round: row.currentRound,
    rounds: row.rounds,
    roundEndsAt: row.roundEndsAt,
    seat,
    upcoming,
    sittingOut: running && table < 0,
  };
}

// ---------------------------------------------------------------------------------------------
// Encounters and live messages

/**
 * The people at each table of a round (from 1), by table (from 0). Only people still active
 * members of the event: someone who left it meanwhile is neither told where to sit nor counted
 * as having met anyone.
 */
async function tablesOfRound(db: Database, row: repo.MixerRow, round: number): Promise<Map<number, string[]>> {
  const participants = await repo.participantsOf(db, row.id);
  const members = await repo.activeMembers(
    db,
    row.eventId,
    participants.map((p) => p.userId),
  );
  const byPosition = new Map(participants.filter((p) => members.has(p.userId)).map((p) => [p.position, p.userId]));
  return peopleByTable(row.seats[round - 1] ?? [], byPosition);
}

/** The people (ids) at each table (from 0) of one round of seats; positions not in `byPosition` are left out. */
function peopleByTable(round: readonly number[], byPosition: ReadonlyMap<number, string>): Map<number, string[]> {
  const tables = new Map<number, string[]>();
  round.forEach((table, position) => {
    const userId = byPosition.get(position);
    if (table < 0 || userId === undefined) return;
    let list = tables.get(table);
    if (!list) tables.set(table, (list = []));
    list.push(userId);
  });
  return tables;
}

/** Every pair who shared a table in `round` met; a pair who met in an earlier round of the mixer keeps that first encounter. */
async function recordEncounters(db: Database, row: repo.MixerRow, round: number, now: Date) {
  const tables = await tablesOfRound(db, row, round);
  // Two people who block one another and had to share a table did not choose to meet: no
  // encounter puts either in the other's list of people met.
  const blocked = new Set((await repo.blockedPairs(db, [...tables.values()].flat())).map(([a, b]) => `${a}:${b}`));
  const pairs: repo.MixerEncounter[] = [];
  for (const [table, people] of tables) {
    for (let i = 0; i < people.length; i++) {
      for (let j = i + 1; j < people.length; j++) {
        const [userLow, userHigh] = people[i]! < people[j]! ? [people[i]!, people[j]!] : [people[j]!, people[i]!];
        if (blocked.has(`${userLow}:${userHigh}`)) continue;
        pairs.push({ userLow, userHigh, tableLabel: tableLabel(table) });
      }
    }
  }
  await repo.insertMixerEncounters(db, row.eventId, row.id, round, now, pairs);
}

/** The first names of the people, unless two share one: then their whole names. */
function shortNames(people: readonly repo.MixerPerson[]): string[] {
  const first = people.map((p) => p.name.trim().split(/\s+/)[0] || p.name);
  return new Set(first).size === first.length ? first : people.map((p) => p.name);
}

/** "Round 3 · Table 7 · with Ana, Bo and Cy · you share climbing and Rust". */
function roundText(round: number, seat: SeatView, others: readonly repo.MixerPerson[]): string {
  const parts = [`Round ${round}`, seat.label];
  if (others.length > 0) parts.push(`with ${listInWords(shortNames(others))}`);
  if (seat.shared.length > 0) parts.push(`you share ${listInWords(seat.shared)}`);
  return parts.join(' · ');
}

/** Tells everyone seated in the round under way where to sit and with whom. Inside the transaction that started the round. */
async function announceRound(db: Database, row: repo.MixerRow) {
  const round = row.currentRound;
  const tables = await tablesOfRound(db, row, round);
  const people = await repo.peopleOf(db, [...tables.values()].flat());
  const person = (id: string) => people.get(id) ?? unknownPerson(id);
  for (const [table, ids] of tables) {
    for (const id of ids) {
      const others = ids.filter((other) => other !== id).map(person);
      const seat = seatView(table, person(id), others);
      await publish(db, {
        userId: id,
        type: 'mixer.round',
        data: roundMessage(row, round, seat, others),
      });
    }
  }
}

function roundMessage(row: repo.MixerRow, round: number, seat: SeatView, others: readonly repo.MixerPerson[]) {
  const message = (names: (p: repo.MixerPerson) => string) => ({
    eventId: row.eventId,
    mixerId: row.id,
    name: row.name,
    round,
    rounds: row.rounds,
    roundEndsAt: row.roundEndsAt?.toISOString() ?? null,
    seat: { table: seat.table, label: seat.label, with: others.map((p) => ({ id: p.id, name: names(p) })), shared: seat.shared, opener: seat.opener },
    text: roundText(round, seat, others),
  });
  const full = message((p) => p.name);
  if (Buffer.byteLength(JSON.stringify(full)) <= MESSAGE_ROOM) return full;
  // Twenty long names do not fit a live message: their first words do.
  return { ...message((p) => p.name.slice(0, 30)), seat: { ...message((p) => p.name.slice(0, 30)).seat, opener: null } };
}

/** Tells its people, those still members of the event, that the mixer is over. */
async function announceFinished(db: Database, row: repo.MixerRow) {
  const participants = await repo.participantsOf(db, row.id);
  const members = await repo.activeMembers(
    db,
    row.eventId,
    participants.map((p) => p.userId),
  );
  for (const userId of members) {
    await publish(db, { userId, type: 'mixer.finished', data: { eventId: row.eventId, mixerId: row.id, name: row.name } });
  }
}

/** Has these participants' phones read their seat again (it says nothing else: the phone asks). */
async function tellParticipants(db: Database, row: repo.MixerRow, userIds: readonly string[]) {
  const stillHere = await repo.activeMembers(db, row.eventId, [...userIds]);
  for (const userId of stillHere) {
    await publish(db, { userId, type: 'mixer.updated', data: { eventId: row.eventId, mixerId: row.id, currentRound: row.currentRound } });
  }
}

/** Organizers' screens follow every change of a mixer, made by whichever of them or by the timer. */
async function tellOrganizers(db: Database, row: repo.MixerRow) {
  for (const userId of await repo.organizersOf(db, row.eventId)) {
    await publish(db, { userId, type: 'mixer.updated', data: { eventId: row.eventId, mixerId: row.id, currentRound: row.currentRound } });
  }
}

// ---------------------------------------------------------------------------------------------
// Timer

/**
 * Moves on every mixer with auto-advance whose round is over. Run by a timer in every process:
 * the conditional update lets one process advance a round, once, however many look.
 */
export async function advanceDueMixers(ctx: ServiceContext): Promise<number> {
  const due = await repo.dueMixers(ctx.db, ctx.now(), DUE_PER_TICK);
  let advanced = 0;
  let failure: unknown;
  for (const mixer of due) {
    // One mixer that fails to move on must not hold up the others.
    try {
      if (await advanceFrom(ctx, ctx.db, mixer.id, mixer.currentRound, true)) advanced++;
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure !== undefined) throw failure;
  return advanced;
}
