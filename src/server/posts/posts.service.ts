import { normalizeNote } from '../../core/memory/note-format.js';
import { recordAudit } from '../audit/audit.repository.js';
import { notify } from '../notifications/notifications.service.js';
import { checkAccess, requireAccess } from '../platform/access.js';
import type { Actor, ServiceContext } from '../platform/context.js';
import type { Database } from '../platform/db/client.js';
import { badRequest, conflict, invalidCursor, notFound } from '../platform/errors.js';
import { consumeRate, type RateRule } from '../platform/rate-limit.js';
import { publish } from '../platform/realtime.js';
import * as repo from './posts.repository.js';
import { EMPTY_COMMENT, EMPTY_POST, EMPTY_TITLE } from './posts.schemas.js';

/** Enough for a lively thread, too few for a flood. */
export const COMMENTS_PER_MINUTE = 5;
export const COMMENTS_PER_HOUR = 60;
/** Announcements, not a chat: each one notifies every member. */
export const POSTS_PER_HOUR = 10;
export const REPORTS_PER_DAY = 20;
/** Each change sends every member's open page to read the thread again. */
export const COMMENT_EDITS_PER_MINUTE = 10;

const RATES = {
  commentsPerMinute: {
    limit: COMMENTS_PER_MINUTE,
    windowSeconds: 60,
    message: `That is ${COMMENTS_PER_MINUTE} comments within a minute: please wait {wait} before the next one.`,
  },
  commentsPerHour: {
    limit: COMMENTS_PER_HOUR,
    windowSeconds: 3600,
    message: `That is ${COMMENTS_PER_HOUR} comments within an hour: please wait {wait} before the next one.`,
  },
  posts: {
    limit: POSTS_PER_HOUR,
    windowSeconds: 3600,
    message: `That is ${POSTS_PER_HOUR} posts within an hour, each one told to every member: please wait {wait} before the next.`,
  },
  commentEdits: {
    limit: COMMENT_EDITS_PER_MINUTE,
    windowSeconds: 60,
    message: `That is ${COMMENT_EDITS_PER_MINUTE} changes to comments within a minute: please wait {wait} before the next one.`,
  },
  reports: {
    limit: REPORTS_PER_DAY,
    windowSeconds: 86_400,
    message: `That is ${REPORTS_PER_DAY} reports within a day: please wait {wait}, or talk to an organizer in person.`,
  },
} satisfies Record<string, RateRule>;

const COMMENTS_CLOSED = 'Comments are closed on this post.';
const POSTS_PAGE = 20;
const COMMENTS_PAGE = 50;

export interface PersonBrief {
  id: string;
  name: string;
}

export interface PostView {
  id: string;
  eventId: string;
  title: string;
  body: string;
  author: PersonBrief | null;
  createdAt: Date;
  editedAt: Date | null;
  locked: boolean;
  commentCount: number;
  canEdit: boolean;
  canModerate: boolean;
}

export interface CommentView {
  id: string;
  postId: string;
  body: string;
  author: PersonBrief | null;
  createdAt: Date;
  editedAt: Date | null;
  hidden: boolean;
  mine: boolean;
  reportedByMe: boolean;
  openReports: number | null;
}

const someone = (id: string | null, name: string | null): PersonBrief | null => (id === null ? null : { id, name: name ?? 'Someone' });

function postView(row: repo.PostListRow, viewer: repo.Viewer): PostView {
  return {
    id: row.id,
    eventId: row.eventId,
    title: row.title,
    body: row.body,
    author: someone(row.authorId, row.authorName),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    locked: row.lockedAt !== null,
    commentCount: row.commentCount,
    canEdit: viewer.isOrganizer && row.authorId === viewer.userId,
    canModerate: viewer.isOrganizer,
  };
}

function commentView(row: repo.CommentListRow, viewer: repo.Viewer): CommentView {
  return {
    id: row.id,
    postId: row.postId,
    body: row.body,
    author: someone(row.authorId, row.authorName),
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    hidden: row.hiddenAt !== null,
    mine: row.authorId === viewer.userId,
    reportedByMe: row.reportedByMe,
    openReports: viewer.isOrganizer ? row.openReports : null,
  };
}

function encodeCursor(position: repo.Position): string {
  return Buffer.from(JSON.stringify([position.createdAt.toISOString(), position.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function decodeCursor(cursor: string): repo.Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    const createdAt = typeof at === 'string' ? new Date(at) : undefined;
    if (createdAt && !Number.isNaN(createdAt.getTime()) && typeof id === 'string' && UUID.test(id)) return { createdAt, id };
  } catch {
    // fall through to the error below
  }
  throw invalidCursor();
}

function page<T extends repo.Position>(rows: T[], limit: number): { rows: T[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { rows: shown, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/**
 * Text as it is stored: the notes' normal form (no control characters, LF line breaks, nothing
 * blank around it). What is blank once normalized is refused with the field's own message.
 */
function storedText(text: string, pointer: string, emptyMessage: string, oneLine = false): string {
  let normal = normalizeNote(text);
  if (oneLine) normal = normal.replace(/\s+/g, ' ');
  if (normal === '') throw badRequest('Some fields are not valid: see errors.', [{ pointer, detail: emptyMessage }]);
  return normal;
}

async function viewerIn(ctx: ServiceContext, actor: Actor & { kind: 'user' }, eventId: string): Promise<repo.Viewer> {
  return { userId: actor.userId, isOrganizer: await checkAccess(ctx, actor, 'post.publish', { kind: 'event', eventId }) };
}

const postLink = (eventId: string, postId: string) => `/e/${eventId}/posts/${postId}`;

async function readPost(db: Database, eventId: string, postId: string, viewer: repo.Viewer): Promise<PostView> {
  const row = await repo.postForViewer(db, eventId, postId, viewer);
  if (!row) throw notFound();
  return postView(row, viewer);
}

async function readComment(db: Database, eventId: string, commentId: string, viewer: repo.Viewer): Promise<CommentView> {
  const row = await repo.commentForViewer(db, eventId, commentId, viewer);
  if (!row) throw notFound();
  return commentView(row, viewer);
}

/** Organizers' screens follow reports and moderation; nobody else's changes with them. */
async function tellOrganizers(db: Database, eventId: string, postId: string) {
  for (const userId of await repo.organizersOf(db, eventId)) {
    await publish(db, { userId, type: 'posts.changed', data: { eventId, postId } });
  }
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function listPosts(ctx: ServiceContext, actor: Actor, eventId: string, query: { cursor?: string | undefined; limit?: number | undefined }) {
  const me = await requireAccess(ctx, actor, 'post.read', { kind: 'event', eventId });
  const viewer = await viewerIn(ctx, me, eventId);
  const limit = query.limit ?? POSTS_PAGE;
  const rows = await repo.listPosts(ctx.db, eventId, viewer, query.cursor ? decodeCursor(query.cursor) : undefined, limit);
  const shown = page(rows, limit);
  return { posts: shown.rows.map((row) => postView(row, viewer)), nextCursor: shown.nextCursor };
}

export async function getThread(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  postId: string,
  query: { cursor?: string | undefined; limit?: number | undefined },
) {
  const me = await requireAccess(ctx, actor, 'post.read', { kind: 'post', eventId, postId });
  const viewer = await viewerIn(ctx, me, eventId);
  const post = await readPost(ctx.db, eventId, postId, viewer);
  const limit = query.limit ?? COMMENTS_PAGE;
  const rows = await repo.listComments(ctx.db, postId, viewer, query.cursor ? decodeCursor(query.cursor) : undefined, limit);
  const shown = page(rows, limit);
  return { post, comments: shown.rows.map((row) => commentView(row, viewer)), nextCursor: shown.nextCursor };
}

// ---------------------------------------------------------------------------------------------
// Posts

export async function publishPost(ctx: ServiceContext, actor: Actor, eventId: string, input: { title: string; body: string }): Promise<PostView> {
  const me = await requireAccess(ctx, actor, 'post.publish', { kind: 'event', eventId });
  const title = storedText(input.title, '/body/title', EMPTY_TITLE, true);
  const body = storedText(input.body, '/body/body', EMPTY_POST);
  await consumeRate(ctx, `posts:${me.userId}`, RATES.posts);
  const now = ctx.now();
  const viewer = { userId: me.userId, isOrganizer: true };
  return ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const row = await repo.insertPost(db, { eventId, authorId: me.userId, title, body, now });
    await recordAudit(db, { eventId, actorId: me.userId, action: 'post.published', detail: { postId: row.id, title }, at: now });
    await repo.notifyMembersOfPost(db, { eventId, authorId: me.userId, text: `New post: ${title}`, link: postLink(eventId, row.id), now });
    await repo.announceToMembers(db, eventId, row.id);
    return readPost(db, eventId, row.id, viewer);
  });
}

export async function editPost(
  ctx: ServiceContext,
  actor: Actor,
  eventId: string,
  postId: string,
  input: { title?: string | undefined; body?: string | undefined },
): Promise<PostView> {
  const me = await requireAccess(ctx, actor, 'post.edit', { kind: 'post', eventId, postId });
  const viewer = { userId: me.userId, isOrganizer: true };
  const change = {
    ...(input.title === undefined ? {} : { title: storedText(input.title, '/body/title', EMPTY_TITLE, true) }),
    ...(input.body === undefined ? {} : { body: storedText(input.body, '/body/body', EMPTY_POST) }),
  };
  if (Object.keys(change).length === 0) return readPost(ctx.db, eventId, postId, viewer);
  return ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    await repo.updatePost(db, postId, { ...change, editedAt: ctx.now() });
    await repo.announceToMembers(db, eventId, postId);
    return readPost(db, eventId, postId, viewer);
  });
}

/** Its author or any organizer deletes a post, with its comments; another's post is put in the audit log. */
export async function deletePost(ctx: ServiceContext, actor: Actor, eventId: string, postId: string): Promise<void> {
  const me = await requireAccess(ctx, actor, 'post.moderate', { kind: 'post', eventId, postId });
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const row = await repo.lockPostRow(db, eventId, postId);
    if (!row) throw notFound();
    await repo.deletePost(db, postId);
    if (row.authorId !== me.userId) {
      await recordAudit(db, { eventId, actorId: me.userId, action: 'post.deleted', subjectId: row.authorId, detail: { postId, title: row.title }, at: ctx.now() });
    }
    await repo.announceToMembers(db, eventId, postId);
  });
}

/** Closes a thread to new comments, or opens it again. Doing what is already so changes and records nothing. */
export async function setLocked(ctx: ServiceContext, actor: Actor, eventId: string, postId: string, locked: boolean): Promise<PostView> {
  const me = await requireAccess(ctx, actor, 'post.moderate', { kind: 'post', eventId, postId });
  const viewer = { userId: me.userId, isOrganizer: true };
  return ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const row = await repo.lockPostRow(db, eventId, postId);
    if (!row) throw notFound();
    if ((row.lockedAt !== null) !== locked) {
      const now = ctx.now();
      await repo.setPostLocked(db, postId, locked ? now : null);
      await recordAudit(db, { eventId, actorId: me.userId, action: locked ? 'post.locked' : 'post.unlocked', detail: { postId, title: row.title }, at: now });
      await repo.announceToMembers(db, eventId, postId);
    }
    return readPost(db, eventId, postId, viewer);
  });
}

// ---------------------------------------------------------------------------------------------
// Comments

export async function addComment(ctx: ServiceContext, actor: Actor, eventId: string, postId: string, input: { body: string }): Promise<CommentView> {
  const me = await requireAccess(ctx, actor, 'comment.create', { kind: 'post', eventId, postId });
  const body = storedText(input.body, '/body/body', EMPTY_COMMENT);
  const before = await repo.findPost(ctx.db, eventId, postId);
  if (!before) throw notFound();
  // A closed thread is said before anything is counted against the person.
  if (before.lockedAt !== null) throw conflict(COMMENTS_CLOSED);
  await consumeRate(ctx, `comments:minute:${me.userId}`, RATES.commentsPerMinute);
  await consumeRate(ctx, `comments:hour:${me.userId}`, RATES.commentsPerHour);
  const viewer = await viewerIn(ctx, me, eventId);
  return ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    // Locked, so that a comment and the closing of its thread cannot pass each other.
    const post = await repo.lockPostRow(db, eventId, postId);
    if (!post) throw notFound();
    if (post.lockedAt !== null) throw conflict(COMMENTS_CLOSED);
    const row = await repo.insertComment(db, { postId, eventId, authorId: me.userId, body, now: ctx.now() });
    await repo.announceToMembers(db, eventId, postId);
    return readComment(db, eventId, row.id, viewer);
  });
}

export async function editComment(ctx: ServiceContext, actor: Actor, eventId: string, commentId: string, input: { body: string }): Promise<CommentView> {
  const me = await requireAccess(ctx, actor, 'comment.edit', { kind: 'comment', eventId, commentId });
  const body = storedText(input.body, '/body/body', EMPTY_COMMENT);
  await consumeRate(ctx, `comments:edits:${me.userId}`, RATES.commentEdits);
  const viewer = await viewerIn(ctx, me, eventId);
  return ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const comment = await repo.findComment(db, eventId, commentId);
    if (!comment) throw notFound();
    const post = await repo.lockPostRow(db, eventId, comment.postId);
    if (!post) throw notFound();
    if (post.lockedAt !== null) throw conflict(`${COMMENTS_CLOSED} A comment can still be deleted, but no longer changed.`);
    await repo.updateCommentBody(db, commentId, body, ctx.now());
    await repo.announceToMembers(db, eventId, comment.postId);
    return readComment(db, eventId, commentId, viewer);
  });
}

/** Its author deletes it (a closed thread too), with any reports of it. */
export async function deleteComment(ctx: ServiceContext, actor: Actor, eventId: string, commentId: string): Promise<void> {
  await requireAccess(ctx, actor, 'comment.edit', { kind: 'comment', eventId, commentId });
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const comment = await repo.findComment(db, eventId, commentId);
    if (!comment) throw notFound();
    await repo.deleteComment(db, commentId);
    await repo.announceToMembers(db, eventId, comment.postId);
  });
}

/**
 * Hides a comment from everyone but its author and the organizers (which deals with its reports),
 * or shows it again. Doing what is already so changes and records nothing.
 */
export async function setHidden(ctx: ServiceContext, actor: Actor, eventId: string, commentId: string, hidden: boolean): Promise<CommentView> {
  const me = await requireAccess(ctx, actor, 'comment.moderate', { kind: 'comment', eventId, commentId });
  const viewer = { userId: me.userId, isOrganizer: true };
  return ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const comment = await repo.findComment(db, eventId, commentId);
    if (!comment) throw notFound();
    const now = ctx.now();
    if (await repo.setCommentHidden(db, commentId, hidden ? { at: now, by: me.userId } : null)) {
      const resolved = hidden ? await repo.resolveReports(db, commentId, now) : 0;
      await recordAudit(db, {
        eventId,
        actorId: me.userId,
        action: hidden ? 'comment.hidden' : 'comment.unhidden',
        subjectId: comment.authorId,
        detail: { commentId, postId: comment.postId, ...(hidden ? { reportsResolved: resolved } : {}) },
        at: now,
      });
      await repo.announceToMembers(db, eventId, comment.postId);
    }
    return readComment(db, eventId, commentId, viewer);
  });
}

// ---------------------------------------------------------------------------------------------
// Reports

/**
 * A member reports someone else's comment to the organizers, who are told once per report (a
 * second click refreshes the reason). The comment's author is never told, nor is anyone else.
 */
export async function reportComment(ctx: ServiceContext, actor: Actor, eventId: string, commentId: string, input: { reason?: string | undefined }) {
  const me = await requireAccess(ctx, actor, 'comment.report', { kind: 'comment', eventId, commentId });
  const reason = normalizeNote(input.reason ?? '');
  await consumeRate(ctx, `reports:${me.userId}`, RATES.reports);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    // Held until the report is filed: an organizer hiding it meanwhile waits, then resolves this
    // report with the others; a comment hidden first is not reported (as its access check says).
    const comment = await repo.findComment(db, eventId, commentId, 'share');
    if (!comment || comment.hiddenAt !== null) throw notFound();
    if (!(await repo.fileReport(db, commentId, me.userId, reason, now))) return;
    const post = await repo.findPost(db, eventId, comment.postId);
    for (const organizerId of await repo.organizersOf(db, eventId)) {
      if (organizerId === me.userId) continue;
      await notify(
        db,
        {
          userId: organizerId,
          eventId,
          kind: 'comment_reported',
          text: `A comment on “${post?.title ?? 'a post'}” was reported`,
          link: `/e/${eventId}/posts?reports`,
        },
        now,
      );
    }
    await tellOrganizers(db, eventId, comment.postId);
  });
  return { commentId, reportedAt: now };
}

/** The comments with reports waiting, each with who reported it and why, for the organizers. */
export async function listReports(ctx: ServiceContext, actor: Actor, eventId: string) {
  const me = await requireAccess(ctx, actor, 'comment.moderate', { kind: 'event', eventId });
  const viewer = { userId: me.userId, isOrganizer: true };
  const reports = await repo.openReports(ctx.db, eventId);
  const order = [...new Set(reports.map((report) => report.commentId))];
  const comments = new Map((await repo.commentsWithTitles(ctx.db, order, viewer)).map((row) => [row.id, row]));
  return {
    reports: order.flatMap((commentId) => {
      const comment = comments.get(commentId);
      if (!comment) return [];
      return [
        {
          comment: { ...commentView(comment, viewer), postTitle: comment.postTitle },
          reports: reports
            .filter((report) => report.commentId === commentId)
            .map((report) => ({ reporter: someone(report.reporterId, report.reporterName)!, reason: report.reason, createdAt: report.createdAt })),
        },
      ];
    }),
  };
}

/** The organizers looked and leave the comment as it is: its waiting reports are closed. */
export async function dismissReports(ctx: ServiceContext, actor: Actor, eventId: string, commentId: string): Promise<void> {
  const me = await requireAccess(ctx, actor, 'comment.moderate', { kind: 'comment', eventId, commentId });
  await ctx.db.transaction(async (tx) => {
    const db = tx as unknown as Database;
    const comment = await repo.findComment(db, eventId, commentId);
    if (!comment) throw notFound();
    const now = ctx.now();
    const resolved = await repo.resolveReports(db, commentId, now);
    if (resolved === 0) return;
    await recordAudit(db, {
      eventId,
      actorId: me.userId,
      action: 'report.dismissed',
      subjectId: comment.authorId,
      detail: { commentId, postId: comment.postId, reports: resolved },
      at: now,
    });
    await tellOrganizers(db, eventId, comment.postId);
  });
}
