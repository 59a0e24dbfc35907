import { figuresCsv } from '../../core/insights/figures-csv.js';
import { insightsFigures, type InsightsFigures } from '../../core/insights/figures.js';
import { DEFAULT_ITERATIONS, seedFrom } from '../../core/insights/layout.js';
import { pictureSvg, pictureTitle, placePicture, type PlacedPicture } from '../../core/insights/picture.js';
import { whoMetWhom, type InsightsMember } from '../../core/insights/who-met-whom.js';
import { requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { notFound } from '../platform/errors.js';
import * as repo from './insights.repository.js';

/** Past this many people the layout takes fewer steps, so that a big event's picture still comes in about a second. */
const BIG_PICTURE = 800;

export interface InsightsView {
  event: { id: string; name: string; slug: string };
  figures: InsightsFigures;
  picture: PlacedPicture;
}

/**
 * The organizers' insights of one event: the figures and the who-met-whom picture, laid out.
 * Read from one snapshot. Nothing private goes in: no notes, no contact details, no meeting
 * request but as a count, and no name of anyone who did not say yes to being named.
 */
export async function eventInsights(ctx: ServiceContext, actor: Actor, eventId: string): Promise<InsightsView> {
  await requireAccess(ctx, actor, 'insights.read', { kind: 'event', eventId });
  const read = await ctx.db.transaction(async (tx) => {
    const event = await repo.eventTitle(tx, eventId);
    const members = await repo.activeMembers(tx, eventId);
    const encounters = await repo.encountersAt(tx, eventId);
    const elsewhere = await repo.firstMetElsewhere(tx, eventId);
    const meetings = await repo.meetingCounts(tx, eventId);
    const mixers = await repo.startedMixers(tx, eventId);
    return { event, members, encounters, elsewhere, meetings, mixers };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
  if (!read.event) throw notFound();
  const members: InsightsMember[] = read.members.map((m) => ({ id: m.id, name: m.name, role: m.role, named: m.named, interests: m.interests }));
  const encounters = read.encounters.map((e) => ({ a: e.a, b: e.b, way: e.way, metAt: e.metAt.getTime() }));
  const picture = whoMetWhom(
    members,
    encounters,
    read.elsewhere.map((e) => ({ a: e.a, b: e.b, firstMetAt: e.firstMetAt.getTime() })),
  );
  const figures = insightsFigures({
    members,
    encounters,
    picture,
    meetings: read.meetings,
    // A round under way counts as sat: its people are at their tables.
    mixers: read.mixers.map((m) => ({ name: m.name, seats: m.seats, roundsPlayed: m.currentRound })),
  });
  const iterations = picture.people.length > BIG_PICTURE ? Math.round(DEFAULT_ITERATIONS / 2) : DEFAULT_ITERATIONS;
  return {
    event: { id: eventId, name: read.event.name, slug: read.event.slug },
    figures,
    picture: placePicture(picture, { seed: seedFrom(eventId), iterations }),
  };
}

/** The picture as an SVG file, the same one the web app draws. */
export async function insightsPictureSvg(ctx: ServiceContext, actor: Actor, eventId: string): Promise<{ svg: string; slug: string }> {
  const insights = await eventInsights(ctx, actor, eventId);
  return { svg: pictureSvg(insights.picture, { title: pictureTitle(insights.event.name) }), slug: insights.event.slug };
}

/** The figures as a CSV file whose cells no spreadsheet runs as formulas. */
export async function insightsFiguresCsv(ctx: ServiceContext, actor: Actor, eventId: string): Promise<{ csv: string; slug: string }> {
  const insights = await eventInsights(ctx, actor, eventId);
  return { csv: figuresCsv(insights.figures), slug: insights.event.slug };
}

/** Whether I let the organizers show my name in the who-met-whom picture (no, unless I said yes). */
export async function myInsightsConsent(ctx: ServiceContext, actor: Actor, eventId: string): Promise<{ named: boolean }> {
  const me = await requireAccess(ctx, actor, 'insights.consent', { kind: 'event', eventId });
  const named = await repo.namedInInsights(ctx.db, eventId, me.userId);
  if (named === undefined) throw notFound();
  return { named };
}

export async function setMyInsightsConsent(ctx: ServiceContext, actor: Actor, eventId: string, named: boolean): Promise<{ named: boolean }> {
  const me = await requireAccess(ctx, actor, 'insights.consent', { kind: 'event', eventId });
  const saved = await repo.setNamedInInsights(ctx.db, eventId, me.userId, named, ctx.now());
  if (saved === undefined) throw notFound();
  return { named: saved };
}
