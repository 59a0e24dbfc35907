import { and, asc, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database } from '../platform/db/client.js';
import { commentReports, memberships, postComments, posts, profiles } from '../platform/db/schema.js';
import { REALTIME_CHANNEL } from '../platform/realtime.js';

export type PostRow = typeof posts.$inferSelect;
export type CommentRow = typeof postComments.$inferSelect;

/** Who reads: their own hidden comments and, for organizers, everyone's stay in what they see. */
export interface Viewer {
  userId: string;
  isOrganizer: boolean;
}

/** A place in a list ordered by time, then id. */
export interface Position {
  createdAt: Date;
  id: string;
}

const ACTIVE = ['joined', 'checked_in'] as ('joined' | 'checked_in')[];

/** Comments the viewer sees: all of them for organizers; otherwise those not hidden, and their own. */
function visibleTo(viewer: Viewer): SQL | undefined {
  if (viewer.isOrganizer) return undefined;
  return sql`(${postComments.hiddenAt} is null or ${postComments.authorId} = ${viewer.userId})`;
}

// ---------------------------------------------------------------------------------------------
// Posts

export async function insertPost(db: Database, values: { eventId: string; authorId: string; title: string; body: string; now: Date }): Promise<PostRow> {
  const [row] = await db
    .insert(posts)
    .values({ eventId: values.eventId, authorId: values.authorId, title: values.title, body: values.body, createdAt: values.now })
    .returning();
  return row!;
}

export async function findPost(db: Database, eventId: string, postId: string): Promise<PostRow | undefined> {
  const [row] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.eventId, eventId)))
    .limit(1);
  return row;
}

/** The post, locked against a concurrent change (a lock racing a comment, say) until the transaction ends. */
export async function lockPostRow(db: Database, eventId: string, postId: string): Promise<PostRow | undefined> {
  const [row] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.eventId, eventId)))
    .limit(1)
    .for('update');
  return row;
}

export async function updatePost(db: Database, postId: string, change: { title?: string; body?: string; editedAt: Date }): Promise<PostRow> {
  const [row] = await db.update(posts).set(change).where(eq(posts.id, postId)).returning();
  return row!;
}

export async function setPostLocked(db: Database, postId: string, lockedAt: Date | null): Promise<PostRow> {
  const [row] = await db.update(posts).set({ lockedAt }).where(eq(posts.id, postId)).returning();
  return row!;
}

export async function deletePost(db: Database, postId: string): Promise<void> {
  await db.delete(posts).where(eq(posts.id, postId));
}

export interface PostListRow extends PostRow {
  authorName: string | null;
  commentCount: number;
}

function postColumns(viewer: Viewer) {
  const visible = visibleTo(viewer);
  return {
    id: posts.id,
    eventId: posts.eventId,
    authorId: posts.authorId,
    title: posts.title,
    body: posts.body,
    lockedAt: posts.lockedAt,
    createdAt: posts.createdAt,
    editedAt: posts.editedAt,
    authorName: profiles.displayName,
    commentCount: sql<number>`(select count(*)::int from ${postComments} where ${postComments.postId} = ${posts.id}${
      visible ? sql` and ${visible}` : sql``
    })`,
  };
}

/** A page of the event's posts, newest first, after `after` when given; one more than `limit` tells there is a next page. */
export async function listPosts(db: Database, eventId: string, viewer: Viewer, after: Position | undefined, limit: number): Promise<PostListRow[]> {
  const page = after ? sql`(${posts.createdAt}, ${posts.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)` : undefined;
  return db
    .select(postColumns(viewer))
    .from(posts)
    .leftJoin(profiles, eq(profiles.userId, posts.authorId))
    .where(and(eq(posts.eventId, eventId), page))
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(limit + 1);
}

export async function postForViewer(db: Database, eventId: string, postId: string, viewer: Viewer): Promise<PostListRow | undefined> {
  const [row] = await db
    .select(postColumns(viewer))
    .from(posts)
    .leftJoin(profiles, eq(profiles.userId, posts.authorId))
    .where(and(eq(posts.id, postId), eq(posts.eventId, eventId)))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Comments

export async function insertComment(
  db: Database,
  values: { postId: string; eventId: string; authorId: string; body: string; now: Date },
): Promise<CommentRow> {
  const [row] = await db
    .insert(postComments)
    .values({ postId: values.postId, eventId: values.eventId, authorId: values.authorId, body: values.body, createdAt: values.now })
    .returning();
  return row!;
}

export async function findComment(db: Database, eventId: string, commentId: string, lock?: 'share'): Promise<CommentRow | undefined> {
  const query = db
    .select()
    .from(postComments)
    .where(and(eq(postComments.id, commentId), eq(postComments.eventId, eventId)))
    .limit(1);
  const [row] = lock ? await query.for(lock) : await query;
  return row;
}

export async function updateCommentBody(db: Database, commentId: string, body: string, editedAt: Date): Promise<void> {
  await db.update(postComments).set({ body, editedAt }).where(eq(postComments.id, commentId));
}

export async function deleteComment(db: Database, commentId: string): Promise<void> {
  await db.delete(postComments).where(eq(postComments.id, commentId));
}

/** Hides (with who did it) or shows again; true when it changed anything. */
export async function setCommentHidden(db: Database, commentId: string, hidden: { at: Date; by: string } | null): Promise<boolean> {
  const changed = await db
    .update(postComments)
    .set(hidden ? { hiddenAt: hidden.at, hiddenBy: hidden.by } : { hiddenAt: null, hiddenBy: null })
    .where(and(eq(postComments.id, commentId), hidden ? isNull(postComments.hiddenAt) : isNotNull(postComments.hiddenAt)))
    .returning({ id: postComments.id });
  return changed.length > 0;
}

export interface CommentListRow extends CommentRow {
  authorName: string | null;
  reportedByMe: boolean;
  openReports: number;
}

function commentColumns(viewer: Viewer) {
  return {
    id: postComments.id,
    postId: postComments.postId,
    eventId: postComments.eventId,
    authorId: postComments.authorId,
    body: postComments.body,
    createdAt: postComments.createdAt,
    editedAt: postComments.editedAt,
    hiddenAt: postComments.hiddenAt,
    hiddenBy: postComments.hiddenBy,
    authorName: profiles.displayName,
    reportedByMe: sql<boolean>`exists (select 1 from ${commentReports} r where r.comment_id = ${postComments.id}
      and r.reporter_id = ${viewer.userId} and r.resolved_at is null)`,
    // Only organizers are told how many reports wait; for anyone else it is not counted at all.
    openReports: viewer.isOrganizer
      ? sql<number>`(select count(*)::int from ${commentReports} r where r.comment_id = ${postComments.id} and r.resolved_at is null)`
      : sql<number>`0`,
  };
}

/** A page of a post's comments that the viewer sees, oldest first; one more than `limit` tells there is a next page. */
export async function listComments(db: Database, postId: string, viewer: Viewer, after: Position | undefined, limit: number): Promise<CommentListRow[]> {
  const page = after
    ? sql`(${postComments.createdAt}, ${postComments.id}) > (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
    : undefined;
  return db
    .select(commentColumns(viewer))
    .from(postComments)
    .leftJoin(profiles, eq(profiles.userId, postComments.authorId))
    .where(and(eq(postComments.postId, postId), visibleTo(viewer), page))
    .orderBy(asc(postComments.createdAt), asc(postComments.id))
    .limit(limit + 1);
}

export async function commentForViewer(db: Database, eventId: string, commentId: string, viewer: Viewer): Promise<CommentListRow | undefined> {
  const [row] = await db
    .select(commentColumns(viewer))
    .from(postComments)
    .leftJoin(profiles, eq(profiles.userId, postComments.authorId))
    .where(and(eq(postComments.id, commentId), eq(postComments.eventId, eventId)))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------------------------------------
// Reports

/**
 * Files the reporter's report of the comment, or refreshes its reason. True when this made a
 * report wait for the organizers that did not before (a first report, or one after they dealt
 * with the last), so that they are told once per report, not per click.
 */
export async function fileReport(db: Database, commentId: string, reporterId: string, reason: string, now: Date): Promise<boolean> {
  const [row] = await queryRows<{ opened: boolean }>(
    db,
    sql`with prior as (
        select resolved_at from ${commentReports} where comment_id = ${commentId} and reporter_id = ${reporterId}
      )
      insert into ${commentReports} (comment_id, reporter_id, reason, created_at)
      values (${commentId}, ${reporterId}, ${reason}, ${now.toISOString()})
      on conflict (comment_id, reporter_id) do update set
        reason = excluded.reason,
        created_at = case when comment_reports.resolved_at is null then comment_reports.created_at else excluded.created_at end,
        resolved_at = null
      returning (not exists (select 1 from prior where resolved_at is null)) as opened`,
  );
  return row?.opened === true;
}

/** Marks the comment's waiting reports as dealt with; how many there were. */
export async function resolveReports(db: Database, commentId: string, now: Date): Promise<number> {
  const rows = await db
    .update(commentReports)
    .set({ resolvedAt: now })
    .where(and(eq(commentReports.commentId, commentId), isNull(commentReports.resolvedAt)))
    .returning({ reporterId: commentReports.reporterId });
  return rows.length;
}

export interface OpenReportRow {
  commentId: string;
  reporterId: string;
  reporterName: string | null;
  reason: string;
  createdAt: Date;
}

/** The event's waiting reports, most recent first. */
export async function openReports(db: Database, eventId: string): Promise<OpenReportRow[]> {
  return db
    .select({
      commentId: commentReports.commentId,
      reporterId: commentReports.reporterId,
      reporterName: profiles.displayName,
      reason: commentReports.reason,
      createdAt: commentReports.createdAt,
    })
    .from(commentReports)
    .innerJoin(postComments, eq(postComments.id, commentReports.commentId))
    .leftJoin(profiles, eq(profiles.userId, commentReports.reporterId))
    .where(and(eq(postComments.eventId, eventId), isNull(commentReports.resolvedAt)))
    .orderBy(desc(commentReports.createdAt), asc(commentReports.reporterId));
}

/** The comments, as an organizer sees them, with the title of each one's post. */
export async function commentsWithTitles(db: Database, commentIds: string[], viewer: Viewer): Promise<(CommentListRow & { postTitle: string })[]> {
  if (commentIds.length === 0) return [];
  return db
    .select({ ...commentColumns(viewer), postTitle: posts.title })
    .from(postComments)
    .innerJoin(posts, eq(posts.id, postComments.postId))
    .leftJoin(profiles, eq(profiles.userId, postComments.authorId))
    .where(inArray(postComments.id, commentIds));
}

// ---------------------------------------------------------------------------------------------
// Telling people

export async function organizersOf(db: Database, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.eventId, eventId), eq(memberships.role, 'organizer'), inArray(memberships.status, ACTIVE)));
  return rows.map((row) => row.userId);
}

/**
 * A `post_published` notification for every active member but the author, stored and announced
 * in two statements however large the event (one NOTIFY each, as `notify` would send).
 */
export async function notifyMembersOfPost(
  db: Database,
  values: { eventId: string; authorId: string; text: string; link: string; now: Date },
): Promise<number> {
  const now = values.now.toISOString();
  const rows = await queryRows<{ sent: number }>(
    db,
    sql`with told as (
        insert into notifications (user_id, event_id, kind, text, link, created_at)
        select m.user_id, m.event_id, 'post_published', ${values.text}, ${values.link}, ${now}
        from ${memberships} m
        where m.event_id = ${values.eventId} and m.status in ('joined', 'checked_in') and m.user_id <> ${values.authorId}
        returning id, user_id, event_id, kind, text, link
      )
      select count(pg_notify(${REALTIME_CHANNEL}, json_build_object(
        'userId', told.user_id, 'type', 'notification',
        'data', json_build_object('id', told.id, 'eventId', told.event_id, 'kind', told.kind, 'text', told.text,
          'link', told.link, 'meetingId', null, 'createdAt', ${now}::text, 'read', false)
      )::text))::int as sent from told`,
  );
  return rows[0]?.sent ?? 0;
}

/**
 * Tells every active member's open pages that the event's posts changed, so that they read them
 * again: the message names the post, never what it or its comments say (who may read a hidden
 * comment is for the read to decide).
 */
export async function announceToMembers(db: Database, eventId: string, postId: string): Promise<void> {
  await db.execute(
    sql`select pg_notify(${REALTIME_CHANNEL}, json_build_object(
        'userId', m.user_id, 'type', 'posts.changed', 'data', json_build_object('eventId', m.event_id, 'postId', ${postId}::uuid)
      )::text)
      from ${memberships} m
      where m.event_id = ${eventId} and m.status in ('joined', 'checked_in')`,
  );
}
