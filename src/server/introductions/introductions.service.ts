import { checkIntroduction, expiresAt, introductionState, type IntroductionState } from '../../core/introductions/rules.js';
import { settingsOf } from '../events/events.service.js';
import { profilesOf } from '../memory/memory.repository.js';
import { notify } from '../notifications/notifications.service.js';
import { checkAccess, requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import type { Database } from '../platform/db/client.js';
import { AppError, conflict, isUniqueViolation, notFound, unprocessable } from '../platform/errors.js';
import { humanWait } from '../platform/rate-limit.js';
import * as repo from './introductions.repository.js';

/** Introductions one may propose in 24 hours: few, so that each one means something. */
export const DAILY_INTRODUCTIONS = 3;
/** "Who should I meet about…?" asks one may send in 24 hours. */
export const DAILY_ASKS = 3;
const ASK_DAYS = 14;
const DAY_MS = 86_400_000;

export interface PersonBrief {
  id: string;
  name: string;
  headline: string;
}

/** An introduction I proposed: never how each answered, only what came of it. */
export interface IntroductionByMe {
  id: string;
  people: [PersonBrief, PersonBrief];
  why: string;
  state: IntroductionState;
  askId: string | null;
  createdAt: Date;
  expiresAt: Date;
  connectedAt: Date | null;
}

/** An introduction proposed to me: my own answer, never the other person's. */
export interface IntroductionForMe {
  id: string;
  introducer: PersonBrief | null;
  other: PersonBrief;
  why: string;
  myAnswer: 'accepted' | 'declined' | null;
  state: IntroductionState;
  createdAt: Date;
  expiresAt: Date;
  connectedAt: Date | null;
}

export type AskState = 'waiting' | 'answered' | 'not_this_time';

export interface AskSent {
  id: string;
  to: PersonBrief;
  topic: string;
  state: AskState;
  createdAt: Date;
  expiresAt: Date;
}

export interface AskReceived {
  id: string;
  from: PersonBrief;
  topic: string;
  /** `set_aside`: I let it lapse early; the asker still reads it as waiting. */
  state: 'open' | 'set_aside' | 'answered' | 'lapsed';
  createdAt: Date;
  expiresAt: Date;
}

const someone = (id: string): PersonBrief => ({ id, name: 'Someone', headline: '' });

async function briefs(db: Database, ids: readonly (string | null)[]): Promise<(id: string) => PersonBrief> {
  const profiles = await profilesOf(db, [...new Set(ids.filter((id): id is string => id !== null))]);
  return (id) => {
    const p = profiles.get(id);
    return p ? { id, name: p.name, headline: p.headline } : someone(id);
  };
}

function when(date: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(date);
  return `${text} (${timeZone})`;
}

function ago(from: Date, now: Date): string {
  const seconds = Math.round((now.getTime() - from.getTime()) / 1000);
  return seconds < 60 ? 'just now' : `${humanWait(seconds)} ago`;
}

/** A rolling daily cap: throws 429 with Retry-After when `times` (oldest first) already fill it. */
function enforceDailyCap(times: Date[], limit: number, now: Date, message: (wait: string) => string) {
  if (times.length < limit) return;
  const freeAt = times[times.length - limit]!.getTime() + DAY_MS;
  const retryAfter = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000));
  throw new AppError('rate_limited', message(humanWait(retryAfter)), { retryAfter });
}

export interface IntroductionInput {
  personIds: [string, string];
  why: string;
  askId?: string | undefined;
}

/**
 * Proposes that two people I met should meet each other. The rules, each explained when it
 * refuses: I met both in person; the later of those first encounters is at least the event's
 * cool-down old; a few a day. Both are asked privately; a decline is never revealed.
 */
export async function proposeIntroduction(ctx: ServiceContext, actor: Actor, input: IntroductionInput): Promise<IntroductionByMe> {
  const me = await requireAccess(ctx, actor, 'intro.propose');
  const [a, b] = input.personIds;
  if (a === b) throw unprocessable('Choose two different people to introduce to each other.', '/body/personIds');
  if (a === me.userId || b === me.userId) {
    throw unprocessable('An introduction is of two other people. To meet someone yourself, ask them to meet at an event.', '/body/personIds');
  }
  const why = input.why.trim();
  if (!why) {
    throw new AppError('validation', 'Please say why they should meet.', {
      errors: [{ pointer: '/body/why', detail: 'Please say why they should meet: what they have in common, what one could give the other.' }],
    });
  }
  const now = ctx.now();
  const pair = repo.orderedPair(a, b);
  return ctx.db.transaction(async (tx) => {
    const first = await repo.firstEncounters(tx, me.userId, [a, b]);
    const name = await briefs(tx, [a, b]);
    const encounterOf = (id: string) => {
      const e = first.get(id);
      return e ? { metAt: e.metAt, cooldownHours: settingsOf(e).introductionCooldownHours } : undefined;
    };
    const check = checkIntroduction(encounterOf(a), encounterOf(b), now);
    if (!check.ok && check.reason === 'not_met') {
      // Only the names of people I met are said: an id alone tells me nothing of its owner.
      const unmetKnown = check.missing.length === 1 && (await checkAccess({ ...ctx, db: tx }, actor, 'person.remember', { kind: 'person', userId: check.missing[0] === 'a' ? a : b }));
      const who = unmetKnown ? name(check.missing[0] === 'a' ? a : b).name : check.missing.length === 2 ? 'either of them' : 'one of them';
      throw unprocessable(
        `You can introduce two people only when you have met both of them in person (at a 1:1, a mixer, or by saying “we met”), and you have not met ${who}.`,
        '/body/personIds',
      );
    }
    if (!check.ok) {
      const waiting = check.waitingFor === 'a' ? a : b;
      const met = first.get(waiting)!;
      const hours = settingsOf(met).introductionCooldownHours;
      throw conflict(
        `You met ${name(waiting).name} ${ago(met.metAt, now)}. Introductions open ${hours === 1 ? '1 hour' : `${hours} hours`} after you first met both people, ` +
          `so that they come from knowing them. You can introduce them from ${when(check.readyAt, met.timeZone)}.`,
      );
    }
    let ask: repo.AskRow | undefined;
    if (input.askId !== undefined) {
      ask = await repo.askForUpdate(tx, input.askId);
      // An ask from someone I have blocked since no longer exists for me.
      const open =
        ask &&
        ask.askeeId === me.userId &&
        !ask.muted &&
        (ask.status === 'open' || ask.status === 'dismissed') &&
        ask.expiresAt > now &&
        !(await repo.isBlocking(tx, me.userId, ask.askerId));
      if (!ask || !open || (ask.askerId !== a && ask.askerId !== b)) {
        throw unprocessable('This introduction does not answer an ask waiting for you: an answer introduces the person who asked.', '/body/askId');
      }
    }
    await repo.lockPerson(tx, 'introductions', me.userId);
    enforceDailyCap(await repo.proposedSince(tx, me.userId, new Date(now.getTime() - DAY_MS)), DAILY_INTRODUCTIONS, now, (wait) =>
      `You can propose ${DAILY_INTRODUCTIONS} introductions a day, so that each one counts. You can propose the next in ${wait}.`,
    );
    await repo.lapseIntroductions(tx, me.userId, pair, now);
    // The later first encounter's event sets how long it waits for answers.
    const later = [first.get(a)!, first.get(b)!].sort((x, y) => y.metAt.getTime() - x.metAt.getTime())[0]!;
    const connection = await repo.connectionOf(tx, pair);
    if (connection?.introducerId === me.userId) {
      throw conflict('You introduced them to each other already, and they are connected.');
    }
    // Already connected by someone else's introduction: asking them again would be noise, and
    // refusing would tell me how they know each other. It waits quietly and lapses.
    const muted = connection !== undefined || (await repo.anyBlockAmong(tx, [me.userId, a, b]));
    let row: repo.IntroductionRow;
    try {
      row = await tx.transaction(async (savepoint) =>
        repo.insertIntroduction(savepoint, {
          introducerId: me.userId,
          eventId: later.eventId,
          userLow: pair[0],
          userHigh: pair[1],
          why,
          askId: ask?.id ?? null,
          muted,
          createdAt: now,
          expiresAt: expiresAt(now, settingsOf(later).introductionExpiryDays),
        }),
      );
    } catch (error) {
      if (isUniqueViolation(error, 'introductions_one_pending_key')) {
        throw conflict('You have already introduced them to each other; that introduction is still waiting for their answers.');
      }
      throw error;
    }
    if (ask) await repo.updateAsk(tx, ask.id, { status: 'answered', answeredAt: now });
    if (!muted) {
      const myName = (await briefs(tx, [me.userId]))(me.userId).name;
      for (const [to, other] of [
        [a, b],
        [b, a],
      ] as const) {
        await notify(
          tx,
          {
            userId: to,
            eventId: null,
            kind: 'intro_proposed',
            text: `${myName} would like to introduce you to ${name(other).name}: “${shorten(why, 120)}”`,
            link: `/me/introductions/${row.id}`,
          },
          now,
        );
      }
    }
    return byMeView(row, name, now);
  });
}

function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

function byMeView(row: repo.IntroductionRow, name: (id: string) => PersonBrief, now: Date): IntroductionByMe {
  return {
    id: row.id,
    people: [name(row.userLow), name(row.userHigh)],
    why: row.why,
    state: introductionState(row, now),
    askId: row.askId,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    connectedAt: row.connectedAt,
  };
}

function forMeView(row: repo.IntroductionRow, me: string, name: (id: string) => PersonBrief, now: Date): IntroductionForMe {
  const iAmLow = row.userLow === me;
  const myAnswer = iAmLow ? row.lowAnswer : row.highAnswer;
  return {
    id: row.id,
    introducer: row.introducerId ? name(row.introducerId) : null,
    other: name(iAmLow ? row.userHigh : row.userLow),
    why: row.why,
    myAnswer,
    state: introductionState(row, now),
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    connectedAt: row.connectedAt,
  };
}

/** The introductions I proposed and those proposed to me. */
export async function listIntroductions(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const { byMe, toMe } = await repo.introductionsOf(ctx.db, me.userId);
  const name = await briefs(ctx.db, [...byMe, ...toMe].flatMap((r) => [r.userLow, r.userHigh, r.introducerId]));
  const now = ctx.now();
  return {
    proposedByMe: byMe.map((row) => byMeView(row, name, now)),
    forMe: toMe.map((row) => forMeView(row, me.userId, name, now)),
  };
}

export async function getIntroductionForMe(ctx: ServiceContext, actor: Actor, introductionId: string): Promise<IntroductionForMe> {
  const me = await requireAccess(ctx, actor, 'intro.respond', { kind: 'introduction', introductionId });
  const { toMe } = await repo.introductionsOf(ctx.db, me.userId);
  // A block made between the check and the read: it is gone, as the check would now say.
  const row = toMe.find((r) => r.id === introductionId);
  if (!row) throw notFound();
  const name = await briefs(ctx.db, [row.userLow, row.userHigh, row.introducerId]);
  return forMeView(row, me.userId, name, ctx.now());
}

/**
 * My private answer. When both have accepted, the two are connected, once however the two
 * answers race: the row is locked, and the connection's primary key holds one per pair.
 */
export async function answerIntroduction(
  ctx: ServiceContext,
  actor: Actor,
  introductionId: string,
  answer: 'accepted' | 'declined',
): Promise<IntroductionForMe> {
  const me = await requireAccess(ctx, actor, 'intro.respond', { kind: 'introduction', introductionId });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.introductionForUpdate(tx, introductionId);
    if (!row) throw conflict('This introduction is no longer there.');
    const state = introductionState(row, now);
    const name = await briefs(tx, [row.userLow, row.userHigh, row.introducerId]);
    if (state === 'connected' && answer === 'accepted') return forMeView(row, me.userId, name, now);
    if (state !== 'waiting') throw conflict('This introduction is no longer waiting for an answer.');
    const iAmLow = row.userLow === me.userId;
    const changes = iAmLow ? { lowAnswer: answer, lowAnsweredAt: now } : { highAnswer: answer, highAnsweredAt: now };
    let updated = await repo.updateIntroduction(tx, row.id, changes);
    // A block made between the two since it reached them: it waits, and lapses, as after a decline.
    const bothAccepted = updated.lowAnswer === 'accepted' && updated.highAnswer === 'accepted';
    if (bothAccepted && !(await repo.anyBlockAmong(tx, [row.userLow, row.userHigh]))) {
      updated = await repo.updateIntroduction(tx, row.id, { status: 'connected', connectedAt: now });
      const newlyConnected = await repo.connect(tx, [row.userLow, row.userHigh], row.id, now);
      const introducerName = row.introducerId ? name(row.introducerId).name : 'someone who has left';
      for (const [to, other] of [
        [row.userLow, row.userHigh],
        [row.userHigh, row.userLow],
      ] as const) {
        await notify(
          tx,
          {
            userId: to,
            eventId: null,
            kind: 'intro_connected',
            text: newlyConnected
              ? `You and ${name(other).name} both accepted ${introducerName}’s introduction: you are connected.`
              : `You and ${name(other).name} both accepted ${introducerName}’s introduction.`,
            link: `/me/people/${other}`,
          },
          now,
        );
      }
      if (row.introducerId) {
        await notify(
          tx,
          {
            userId: row.introducerId,
            eventId: null,
            kind: 'intro_connected',
            text: `${name(row.userLow).name} and ${name(row.userHigh).name} both accepted your introduction.`,
            link: `/me/introductions/${row.id}`,
          },
          now,
        );
      }
    }
    return forMeView(updated, me.userId, name, now);
  });
}

/** The introducer takes back an introduction still waiting. */
export async function withdrawIntroduction(ctx: ServiceContext, actor: Actor, introductionId: string): Promise<IntroductionByMe> {
  await requireAccess(ctx, actor, 'intro.withdraw', { kind: 'introduction', introductionId });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.introductionForUpdate(tx, introductionId);
    if (!row || introductionState(row, now) !== 'waiting') throw conflict('This introduction is no longer waiting, so there is nothing to withdraw.');
    const updated = await repo.updateIntroduction(tx, row.id, { status: 'withdrawn' });
    return byMeView(updated, await briefs(tx, [row.userLow, row.userHigh]), now);
  });
}

// ---------------------------------------------------------------------------------------------
// Asks

/** An ask of mine to the same person still reads as waiting to me. */
class AskStillOpen extends Error {}

/** "Who should I meet about …?", to someone I met in person. */
export async function createAsk(ctx: ServiceContext, actor: Actor, input: { personId: string; topic: string }): Promise<AskSent> {
  const me = await requireAccess(ctx, actor, 'ask.create', { kind: 'person', userId: input.personId });
  const topic = input.topic.replace(/\s+/g, ' ').trim();
  if (!topic) {
    throw new AppError('validation', 'Please say what you would like to meet someone about.', {
      errors: [{ pointer: '/body/topic', detail: 'Please say what you would like to meet someone about.' }],
    });
  }
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    await repo.lockPerson(tx, 'asks', me.userId);
    enforceDailyCap(await repo.asksSince(tx, me.userId, new Date(now.getTime() - DAY_MS)), DAILY_ASKS, now, (wait) =>
      `You can ask ${DAILY_ASKS} people a day who you should meet. You can ask again in ${wait}.`,
    );
    await repo.lapseAsks(tx, me.userId, input.personId, now);
    const muted = await repo.anyBlockAmong(tx, [me.userId, input.personId]);
    let row: repo.AskRow;
    try {
      if (await repo.unseenAnswerWaiting(tx, me.userId, input.personId, now)) throw new AskStillOpen();
      row = await tx.transaction(async (savepoint) =>
        repo.insertAsk(savepoint, { askerId: me.userId, askeeId: input.personId, topic, muted, createdAt: now, expiresAt: new Date(now.getTime() + ASK_DAYS * DAY_MS) }),
      );
    } catch (error) {
      if (error instanceof AskStillOpen || isUniqueViolation(error, 'asks_one_open_key')) {
        throw conflict('You have already asked them; that ask is still open. One at a time, so that it stays easy to answer.');
      }
      throw error;
    }
    const name = await briefs(tx, [me.userId, input.personId]);
    if (!muted) {
      await notify(
        tx,
        {
          userId: input.personId,
          eventId: null,
          kind: 'ask_received',
          text: `${name(me.userId).name} asks: who should I meet about “${shorten(topic, 100)}”?`,
          link: '/me/introductions',
        },
        now,
      );
    }
    return askSentView(row, name, now);
  });
}

function askSentView(row: repo.AskRow & { answerUnseen?: boolean }, name: (id: string) => PersonBrief, now: Date): AskSent {
  // An answer that never reached me (a block among the three) reads as no answer, as a set-aside one does.
  const answered = row.status === 'answered' && row.answerUnseen !== true;
  const state: AskState = answered ? 'answered' : row.status === 'lapsed' || row.expiresAt <= now ? 'not_this_time' : 'waiting';
  return { id: row.id, to: name(row.askeeId), topic: row.topic, state, createdAt: row.createdAt, expiresAt: row.expiresAt };
}

function askReceivedView(row: repo.AskRow, name: (id: string) => PersonBrief, now: Date): AskReceived {
  const state: AskReceived['state'] =
    row.status === 'answered' ? 'answered' : row.status === 'lapsed' || row.expiresAt <= now ? 'lapsed' : row.status === 'dismissed' ? 'set_aside' : 'open';
  return { id: row.id, from: name(row.askerId), topic: row.topic, state, createdAt: row.createdAt, expiresAt: row.expiresAt };
}

export async function listAsks(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const { sent, received } = await repo.asksOf(ctx.db, me.userId);
  const name = await briefs(ctx.db, [...sent, ...received].flatMap((r) => [r.askerId, r.askeeId]));
  const now = ctx.now();
  return { sent: sent.map((r) => askSentView(r, name, now)), received: received.map((r) => askReceivedView(r, name, now)) };
}

/** Lets an ask lapse now; the asker is not told (it reads as waiting until it expires). */
export async function setAskAside(ctx: ServiceContext, actor: Actor, askId: string): Promise<AskReceived> {
  await requireAccess(ctx, actor, 'ask.respond', { kind: 'ask', askId });
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const row = await repo.askForUpdate(tx, askId);
    if (!row || row.status !== 'open' || row.expiresAt <= now) throw conflict('This ask is no longer open.');
    const updated = await repo.updateAsk(tx, askId, { status: 'dismissed' });
    return askReceivedView(updated, await briefs(tx, [row.askerId, row.askeeId]), now);
  });
}
