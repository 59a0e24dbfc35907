import { sql } from 'drizzle-orm';
import { listMyEvents } from '../events/events.service.js';
import { listAsks, listIntroductions } from '../introductions/introductions.service.js';
import { allMyPeopleInFull, exchangedVCardsOf } from '../memory/memory.service.js';
import { getMyProfile } from '../profiles/profiles.service.js';
import { listBlocks } from '../recommendations/recommendations.service.js';
import { requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import { queryRows } from '../platform/db/client.js';
import { getAccount } from './accounts.service.js';

/**
 * Everything of mine, in one JSON document: account, profile (with my private contact details),
 * events, my people with my notes and our contact exchange, introductions, asks, meeting
 * requests, blocks, and the vCards of the contacts exchanged with me. Only what I may see: my
 * requests read as they do in the app (waiting, accepted, not this time, withdrawn), so that
 * neither a decline nor a block (a muted request waits like any other) shows through, and
 * nobody's answer to an introduction but mine is in it.
 */
export async function exportMyData(ctx: ServiceContext, actor: Actor) {
  const me = await requireAccess(ctx, actor, 'account.manage');
  const now = ctx.now();
  const [account, profile, events, people, introductions, asks, blocks] = await Promise.all([
    getAccount(ctx, actor),
    getMyProfile(ctx, actor).catch(() => null),
    listMyEvents(ctx, actor),
    allMyPeopleInFull(ctx, actor),
    listIntroductions(ctx, actor),
    listAsks(ctx, actor),
    listBlocks(ctx, actor),
  ]);
  const requests = await queryRows<{
    id: string;
    event_id: string;
    event_name: string;
    direction: 'sent' | 'received';
    other_name: string | null;
    note: string;
    status: string;
    created_at: string | Date;
  }>(
    ctx.db,
    sql`select r.id, r.event_id, e.name as event_name,
        case when r.requester_id = ${me.userId} then 'sent' else 'received' end as direction,
        p.display_name as other_name, r.note,
        case
          when r.requester_id <> ${me.userId} then r.status
          when r.status = 'declined' then 'not_this_time'
          when r.status = 'open' and e.ends_at <= ${now.toISOString()} then 'not_this_time'
          when r.status = 'open' then 'waiting'
          else r.status
        end as status,
        r.created_at
      from meeting_requests r
        join events e on e.id = r.event_id
        left join profiles p on p.user_id = case when r.requester_id = ${me.userId} then r.invitee_id else r.requester_id end
      where r.requester_id = ${me.userId} or (r.invitee_id = ${me.userId} and not r.muted)
      order by r.created_at`,
  );
  return {
    format: 'common-ground-export/1',
    exportedAt: now,
    account,
    profile,
    events: events.map((e) => ({ id: e.id, name: e.name, startsAt: e.startsAt, endsAt: e.endsAt, timeZone: e.timeZone, myRole: e.myRole, myStatus: e.myStatus })),
    people,
    introductions,
    asks,
    meetingRequests: requests.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      eventName: r.event_name,
      direction: r.direction,
      with: r.other_name ?? 'Someone',
      note: r.note,
      status: r.status,
      createdAt: new Date(r.created_at),
    })),
    blocks,
    // From the people read above: reading them all again for the vCards would double the work.
    vcards: { exchangedContacts: exchangedVCardsOf(people, ctx.now()) },
  };
}
