import { randomUUID } from 'node:crypto';
import { createRandom, deriveSeed } from '../../core/synthetic/random.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { advanceMixer, createMixerWithoutActor, finishMixer, startMixer } from '../mixers/mixers.service.js';
import * as repo from './demo.repository.js';

/** Of the demo's attendees, about this share lets the organizers show their name in who met whom. */
const NAMED_SHARE = 0.7;
/** The played mixer seats this many attendees at most, so that it is planned quickly. */
const PLAYED_MIXER_PEOPLE = 40;
const NOTES = ['Would love to compare notes.', 'Could we talk about your project?', 'Coffee between sessions?', ''];

/**
 * What a demo evening has done by now, so that the organizers' insights have something to show:
 * some consent to be named, 1:1 meetings requested (some accepted and held, some said no to or
 * still waiting), people who scanned each other, and a short mixer already played. Seeded by the
 * demo's seed, except the ids.
 */
export async function playDemoEvening(ctx: ServiceContext, input: { eventId: string; organizerId: string; attendeeIds: string[]; seed: number }): Promise<string | undefined> {
  const { eventId, attendeeIds } = input;
  const random = createRandom(deriveSeed(input.seed, 7_001));
  const now = ctx.now();
  const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);
  const count = attendeeIds.length;

  const named = attendeeIds.filter(() => random.chance(NAMED_SHARE));
  const pairs = new Set<string>();
  const pairOf = (a: string, b: string) => (a < b ? [a, b] : [b, a]) as [string, string];
  const drawPair = (): [string, string] | undefined => {
    for (let attempt = 0; attempt < 20; attempt++) {
      const a = random.pick(attendeeIds);
      const b = random.pick(attendeeIds);
      const key = pairOf(a, b).join(' ');
      if (a === b || pairs.has(key)) continue;
      pairs.add(key);
      return [a, b];
    }
    return undefined;
  };

  const requests: Parameters<typeof repo.insertMeetingRequests>[1] = [];
  const meetings: Parameters<typeof repo.insertMeetings>[1] = [];
  const encounters: Parameters<typeof repo.insertEncounters>[1] = [];
  for (let i = 0; count >= 2 && i < Math.round(count * 0.6); i++) {
    const pair = drawPair();
    if (!pair) break;
    const [requesterId, inviteeId] = pair;
    const roll = random.next();
    const status = roll < 0.55 ? 'accepted' : roll < 0.75 ? 'declined' : roll < 0.95 ? 'open' : 'withdrawn';
    const id = randomUUID();
    const askedAt = minutesAgo(random.int(60, 180));
    requests.push({ id, eventId, requesterId, inviteeId, note: random.pick(NOTES), status, createdAt: askedAt, answeredAt: status === 'open' ? null : minutesAgo(random.int(5, 55)) });
    if (status !== 'accepted') continue;
    const [userLow, userHigh] = pairOf(requesterId, inviteeId);
    const held = random.chance(0.7);
    const meetingId = randomUUID();
    const heldAt = held ? minutesAgo(random.int(1, 50)) : null;
    meetings.push({ id: meetingId, eventId, requestId: id, userLow, userHigh, heldAt, createdAt: askedAt, updatedAt: heldAt ?? askedAt });
    if (heldAt) encounters.push({ eventId, userLow, userHigh, metAt: heldAt, source: 'meeting', meetingId });
  }
  for (let i = 0; count >= 2 && i < Math.round(count * 0.8); i++) {
    const pair = drawPair();
    if (!pair) break;
    const [userLow, userHigh] = pairOf(...pair);
    encounters.push({ eventId, userLow, userHigh, metAt: minutesAgo(random.int(1, 120)), source: random.chance(0.6) ? 'scan' : 'tap' });
  }

  await ctx.db.transaction(async (tx) => {
    await repo.nameInInsights(tx, eventId, named);
    await repo.insertMeetingRequests(tx, requests);
    await repo.insertMeetings(tx, meetings);
    await repo.insertEncounters(tx, encounters);
  });

  const seated = random.sample(attendeeIds, Math.min(PLAYED_MIXER_PEOPLE, count));
  if (seated.length < 4) return undefined;
  const organizer: Actor = { kind: 'user', userId: input.organizerId, isAdmin: false };
  const mixer = await createMixerWithoutActor(ctx, eventId, input.organizerId, {
    name: 'Early-bird mixer',
    participants: { userIds: seated },
    tableSize: 5,
    rounds: 3,
    minutesPerRound: 10,
    autoAdvance: false,
  });
  await startMixer(ctx, organizer, eventId, mixer.id);
  for (const round of [1, 2]) await advanceMixer(ctx, organizer, eventId, mixer.id, round);
  await finishMixer(ctx, organizer, eventId, mixer.id);
  return mixer.id;
}
