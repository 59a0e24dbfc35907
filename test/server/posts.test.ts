// Posts with comments: organizers announce, members comment; authors edit and delete their own;
// organizers hide comments and close threads; anyone may report someone else's comment to the
// organizers alone; rate limits in the database; text stored as text; news goes out live.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/server/platform/db/client.js';
import type { LiveMessage } from '../../src/server/platform/realtime.js';
import { COMMENT_EDITS_PER_MINUTE, COMMENTS_PER_MINUTE, POSTS_PER_HOUR, REPORTS_PER_DAY } from '../../src/server/posts/posts.service.js';
import { call, createTestApp, eventWith, type Person, type TestApp } from '../support/app.js';
import { snapshotDatabase, requestBookkeeping } from '../support/database.js';
import { storageEngines } from '../support/engines.js';
import { createPeople } from '../support/people.js';

const engines = storageEngines();
const MINUTE = 60_000;

interface Comment {
  id: string;
  body: string;
  hidden: boolean;
  mine: boolean;
  reportedByMe: boolean;
  openReports: number | null;
  author: { id: string; name: string } | null;
}

describe.each(engines)('posts with comments on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Olga organizes with Otto (a co-organizer); Ana, Bo and Cy attend; Sam organizes another event. */
  async function setUp() {
    const [olga, otto, ana, bo, cy, sam] = await createPeople(t, ['Olga Organizer', 'Otto Organizer', 'Ana Lima', 'Bo Berg', 'Cy Cohen', 'Sam Stranger']);
    const { event } = await eventWith(t.app, olga!, [otto!, ana!, bo!, cy!]);
    const promoted = await call(t.app, olga!, 'PATCH', `/api/events/${event.id}/members/${otto!.id}`, { role: 'organizer' });
    expect(promoted.status).toBe(200);
    const { event: other } = await eventWith(t.app, sam!, []);
    return { olga: olga!, otto: otto!, ana: ana!, bo: bo!, cy: cy!, sam: sam!, eventId: event.id, otherId: other.id };
  }

  const publish = async (who: Person, eventId: string, title = 'Welcome!', body = 'Coffee is at the back.') => {
    const r = await call(t.app, who, 'POST', `/api/events/${eventId}/posts`, { title, body });
    return r;
  };
  const published = async (who: Person, eventId: string, title?: string, body?: string) => {
    const r = await publish(who, eventId, title, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body as { id: string; title: string; body: string; locked: boolean; commentCount: number };
  };
  const comment = (who: Person, eventId: string, postId: string, body: string) =>
    call(t.app, who, 'POST', `/api/events/${eventId}/posts/${postId}/comments`, { body });
  const commented = async (who: Person, eventId: string, postId: string, body: string) => {
    const r = await comment(who, eventId, postId, body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    t.clock.advance(1000);
    return r.body as Comment;
  };
  const thread = async (who: Person, eventId: string, postId: string) => {
    const r = await call(t.app, who, 'GET', `/api/events/${eventId}/posts/${postId}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body as { post: { commentCount: number; locked: boolean }; comments: Comment[]; nextCursor: string | null };
  };
  const auditOf = (eventId: string) =>
    queryRows<{ action: string; actor_id: string; subject_id: string | null; detail: Record<string, unknown> }>(
      t.ctx.db,
      sql`select action, actor_id, subject_id, detail from audit_log where event_id = ${eventId} order by created_at, id`,
    );
  const notificationsOf = async (who: Person) =>
    (await call(t.app, who, 'GET', '/api/me/notifications')).body.notifications as { kind: string; text: string; link: string; eventId: string }[];

  it('publishes a post to the members, newest first, with a notification for everyone but its author and an audit entry', async () => {
    const { olga, otto, ana, bo, eventId } = await setUp();
    const first = await published(olga, eventId, 'Doors open at six', 'See you **soon**.');
    t.clock.advance(MINUTE);
    const second = await published(otto, eventId, 'Lightning talks', 'Sign up at the desk.');
    const list = await call(t.app, ana, 'GET', `/api/events/${eventId}/posts`);
    expect(list.status).toBe(200);
    expect(list.body.posts.map((p: { id: string }) => p.id)).toEqual([second.id, first.id]);
    expect(list.body.posts[1]).toMatchObject({
      title: 'Doors open at six',
      body: 'See you **soon**.',
      author: { id: olga.id, name: 'Olga Organizer' },
      locked: false,
      commentCount: 0,
      canEdit: false,
      canModerate: false,
    });
    const asOlga = await call(t.app, olga, 'GET', `/api/events/${eventId}/posts`);
    expect(asOlga.body.posts.map((p: { canEdit: boolean; canModerate: boolean }) => [p.canEdit, p.canModerate])).toEqual([
      [false, true],
      [true, true],
    ]);
    for (const member of [ana, bo, otto]) {
      expect((await notificationsOf(member)).filter((n) => n.kind === 'post_published' && n.text === 'New post: Doors open at six')).toEqual([
        expect.objectContaining({ eventId, link: `/e/${eventId}/posts/${first.id}` }),
      ]);
    }
    expect((await notificationsOf(olga)).filter((n) => n.text === 'New post: Doors open at six')).toEqual([]);
    expect((await auditOf(eventId)).filter((a) => a.action === 'post.published')).toEqual([
      { action: 'post.published', actor_id: olga.id, subject_id: null, detail: { postId: first.id, title: 'Doors open at six' } },
      { action: 'post.published', actor_id: otto.id, subject_id: null, detail: { postId: second.id, title: 'Lightning talks' } },
    ]);
  });

  it('says what is missing beside each field: problem+json with the pointer and the exact words', async () => {
    const { olga, ana, eventId } = await setUp();
    const missing = await call(t.app, olga, 'POST', `/api/events/${eventId}/posts`, {});
    expect(missing.status).toBe(400);
    expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(missing.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/body/title', detail: 'Please give the post a title' },
        { pointer: '/body/body', detail: 'Please write something in the post' },
      ]),
    );
    const blank = await call(t.app, olga, 'POST', `/api/events/${eventId}/posts`, { title: '   ', body: '\n \t ' });
    expect(blank.status).toBe(400);
    expect(blank.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/body/title', detail: 'Please give the post a title' },
        { pointer: '/body/body', detail: 'Please write something in the post' },
      ]),
    );
    // Blank only once control characters are taken out: the service says the same.
    const controls = await call(t.app, olga, 'POST', `/api/events/${eventId}/posts`, { title: 'Fine', body: '\u0000\u0007' });
    expect(controls.status).toBe(400);
    expect(controls.body.errors).toEqual([{ pointer: '/body/body', detail: 'Please write something in the post' }]);
    const post = await published(olga, eventId);
    const before = await snapshotDatabase(t.ctx.db, requestBookkeeping);
    for (const body of [{}, { body: '' }, { body: '   ' }, { body: '\u0001' }]) {
      const empty = await call(t.app, ana, 'POST', `/api/events/${eventId}/posts/${post.id}/comments`, body);
      expect(empty.status, JSON.stringify(body)).toBe(400);
      expect(empty.body.errors, JSON.stringify(body)).toEqual([{ pointer: '/body/body', detail: 'Please enter your comment' }]);
    }
    const edit = await call(t.app, olga, 'PATCH', `/api/events/${eventId}/posts/${post.id}`, { title: '' });
    expect(edit.body.errors).toEqual([{ pointer: '/body/title', detail: 'Please give the post a title' }]);
    const unknown = await call(t.app, ana, 'POST', `/api/events/${eventId}/posts/${post.id}/comments`, { body: 'hi', hidden: false });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ pointer: '/body/hidden', detail: 'This field is not allowed here.' }]);
    expect(await snapshotDatabase(t.ctx.db, requestBookkeeping)).toEqual(before);
  });

  it('stores formatting as text: a script comes back verbatim, control characters and CR are taken out', async () => {
    const { olga, ana, eventId } = await setUp();
    const script = '<script>alert("x")</script>\r\n- **bold** <img src=x onerror=alert(1)>\u0007';
    const post = await published(olga, eventId, '  <b>Hello</b>\n  there ', script);
    expect(post.title).toBe('<b>Hello</b> there');
    expect(post.body).toBe('<script>alert("x")</script>\n- **bold** <img src=x onerror=alert(1)>');
    const c = await commented(ana, eventId, post.id, '<iframe src="https://evil.example"></iframe> *hi*');
    expect(c.body).toBe('<iframe src="https://evil.example"></iframe> *hi*');
    const read = await thread(ana, eventId, post.id);
    expect(read.comments[0]!.body).toBe('<iframe src="https://evil.example"></iframe> *hi*');
  });

  it('lets only organizers publish, lock, delete and hide, and only its author edit: 404 to anyone else', async () => {
    const { olga, otto, ana, bo, eventId } = await setUp();
    const post = await published(olga, eventId);
    const c = await commented(bo, eventId, post.id, 'Is there vegan food?');
    const before = await snapshotDatabase(t.ctx.db, requestBookkeeping);
    const attempts = [
      call(t.app, ana, 'POST', `/api/events/${eventId}/posts`, { title: 'Mine', body: 'Hello' }),
      call(t.app, ana, 'PATCH', `/api/events/${eventId}/posts/${post.id}`, { title: 'Changed' }),
      call(t.app, ana, 'DELETE', `/api/events/${eventId}/posts/${post.id}`),
      call(t.app, ana, 'POST', `/api/events/${eventId}/posts/${post.id}/lock`),
      call(t.app, ana, 'POST', `/api/events/${eventId}/comments/${c.id}/hidden`),
      call(t.app, ana, 'PATCH', `/api/events/${eventId}/comments/${c.id}`, { body: 'Not mine to change' }),
      call(t.app, ana, 'DELETE', `/api/events/${eventId}/comments/${c.id}`),
      call(t.app, ana, 'GET', `/api/events/${eventId}/reports`),
      call(t.app, ana, 'POST', `/api/events/${eventId}/reports/${c.id}/dismiss`),
      // Another organizer edits no one else's post, nor anyone's comment.
      call(t.app, otto, 'PATCH', `/api/events/${eventId}/posts/${post.id}`, { title: 'Changed' }),
      call(t.app, olga, 'PATCH', `/api/events/${eventId}/comments/${c.id}`, { body: 'Tidied up' }),
      call(t.app, olga, 'DELETE', `/api/events/${eventId}/comments/${c.id}`),
      // One's own comment is not one's to report.
      call(t.app, bo, 'POST', `/api/events/${eventId}/comments/${c.id}/reports`, {}),
    ];
    for (const attempt of attempts) {
      const r = await attempt;
      expect(r.status, JSON.stringify(r.body)).toBe(404);
      expect(r.body.detail).toBe('It does not exist, or you do not have access to it.');
    }
    expect(await snapshotDatabase(t.ctx.db, requestBookkeeping)).toEqual(before);
  });

  it('answers 404 for another event’s posts and comments, to its members and to strangers alike', async () => {
    const { olga, ana, sam, eventId, otherId } = await setUp();
    const post = await published(olga, eventId);
    const c = await commented(ana, eventId, post.id, 'Hello');
    const samsPost = await published(sam, otherId, 'Elsewhere');
    const before = await snapshotDatabase(t.ctx.db, requestBookkeeping);
    const attempts = [
      // Sam organizes the other event: E's ids through it, and through E.
      call(t.app, sam, 'GET', `/api/events/${otherId}/posts/${post.id}`),
      call(t.app, sam, 'GET', `/api/events/${eventId}/posts/${post.id}`),
      call(t.app, sam, 'GET', `/api/events/${eventId}/posts`),
      call(t.app, sam, 'POST', `/api/events/${otherId}/posts/${post.id}/lock`),
      call(t.app, sam, 'DELETE', `/api/events/${otherId}/posts/${post.id}`),
      call(t.app, sam, 'POST', `/api/events/${otherId}/posts/${post.id}/comments`, { body: 'Hi' }),
      call(t.app, sam, 'POST', `/api/events/${otherId}/comments/${c.id}/hidden`),
      call(t.app, sam, 'POST', `/api/events/${otherId}/reports/${c.id}/dismiss`),
      call(t.app, sam, 'POST', `/api/events/${otherId}/comments/${c.id}/reports`, { reason: 'x' }),
      // Olga organizes E: the other event's post through E is nothing to her.
      call(t.app, olga, 'GET', `/api/events/${eventId}/posts/${samsPost.id}`),
      call(t.app, olga, 'DELETE', `/api/events/${eventId}/posts/${samsPost.id}`),
      call(t.app, ana, 'POST', `/api/events/${eventId}/posts/${samsPost.id}/comments`, { body: 'Hi' }),
      call(t.app, ana, 'PATCH', `/api/events/${otherId}/comments/${c.id}`, { body: 'Mine, but not there' }),
    ];
    for (const attempt of attempts) expect((await attempt).status).toBe(404);
    expect(await snapshotDatabase(t.ctx.db, requestBookkeeping)).toEqual(before);
    const anonymous = await call(t.app, undefined, 'GET', `/api/events/${eventId}/posts`);
    expect(anonymous.status).toBe(401);
  });

  it('lets authors edit and delete their own posts and comments; an organizer deleting another’s post is audited', async () => {
    const { olga, otto, ana, bo, eventId } = await setUp();
    const post = await published(olga, eventId, 'Old title', 'Old text');
    t.clock.advance(MINUTE);
    const edited = await call(t.app, olga, 'PATCH', `/api/events/${eventId}/posts/${post.id}`, { body: 'New text' });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ title: 'Old title', body: 'New text', editedAt: new Date(t.clock.now()).toISOString() });
    const c = await commented(ana, eventId, post.id, 'First!');
    const changed = await call(t.app, ana, 'PATCH', `/api/events/${eventId}/comments/${c.id}`, { body: 'First, and glad to be here' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ body: 'First, and glad to be here', mine: true });
    expect(changed.body.editedAt).not.toBeNull();
    const other = await commented(bo, eventId, post.id, 'Second');
    expect((await call(t.app, ana, 'DELETE', `/api/events/${eventId}/comments/${c.id}`)).status).toBe(204);
    expect((await thread(bo, eventId, post.id)).comments.map((x) => x.id)).toEqual([other.id]);

    // Olga deletes her own post: nothing for the log. Otto deletes Olga's next one: logged.
    expect((await call(t.app, olga, 'DELETE', `/api/events/${eventId}/posts/${post.id}`)).status).toBe(204);
    expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/posts/${post.id}`)).status).toBe(404);
    const second = await published(olga, eventId, 'Another');
    expect((await call(t.app, otto, 'DELETE', `/api/events/${eventId}/posts/${second.id}`)).status).toBe(204);
    const deleted = (await auditOf(eventId)).filter((a) => a.action === 'post.deleted');
    expect(deleted).toEqual([{ action: 'post.deleted', actor_id: otto.id, subject_id: olga.id, detail: { postId: second.id, title: 'Another' } }]);
  });

  it('shows a hidden comment to its author (marked) and the organizers only; to other members it is gone', async () => {
    const { olga, otto, ana, bo, cy, eventId } = await setUp();
    const post = await published(olga, eventId);
    const kept = await commented(ana, eventId, post.id, 'Lovely venue');
    const rude = await commented(bo, eventId, post.id, 'Something rude');
    const hidden = await call(t.app, otto, 'POST', `/api/events/${eventId}/comments/${rude.id}/hidden`);
    expect(hidden.status).toBe(200);
    expect(hidden.body).toMatchObject({ id: rude.id, hidden: true, body: 'Something rude', openReports: 0 });
    t.clock.advance(1000);

    const asBo = await thread(bo, eventId, post.id);
    expect(asBo.comments.map((x) => [x.id, x.hidden, x.mine])).toEqual([
      [kept.id, false, false],
      [rude.id, true, true],
    ]);
    expect(asBo.post.commentCount).toBe(2);
    for (const organizer of [olga, otto]) {
      const asOrganizer = await thread(organizer, eventId, post.id);
      expect(asOrganizer.comments.find((x) => x.id === rude.id)).toMatchObject({ hidden: true, body: 'Something rude' });
    }
    for (const member of [ana, cy]) {
      const view = await call(t.app, member, 'GET', `/api/events/${eventId}/posts/${post.id}`);
      expect(view.body.comments.map((x: Comment) => x.id)).toEqual([kept.id]);
      expect(view.body.post.commentCount).toBe(1);
      expect(view.body.comments.every((x: Comment) => x.openReports === null)).toBe(true);
      expect(JSON.stringify(view.body)).not.toContain('Something rude');
      const list = await call(t.app, member, 'GET', `/api/events/${eventId}/posts`);
      expect(list.body.posts[0].commentCount).toBe(1);
      // Not there to report either.
      expect((await call(t.app, member, 'POST', `/api/events/${eventId}/comments/${rude.id}/reports`, {})).status).toBe(404);
    }
    // Hiding again changes nothing and logs nothing more; showing it again brings it back.
    expect((await call(t.app, olga, 'POST', `/api/events/${eventId}/comments/${rude.id}/hidden`)).status).toBe(200);
    const shown = await call(t.app, olga, 'DELETE', `/api/events/${eventId}/comments/${rude.id}/hidden`);
    expect(shown.body).toMatchObject({ hidden: false });
    expect((await thread(cy, eventId, post.id)).comments.map((x) => x.id)).toEqual([kept.id, rude.id]);
    expect((await auditOf(eventId)).filter((a) => a.action.startsWith('comment.'))).toEqual([
      { action: 'comment.hidden', actor_id: otto.id, subject_id: bo.id, detail: { commentId: rude.id, postId: post.id, reportsResolved: 0 } },
      { action: 'comment.unhidden', actor_id: olga.id, subject_id: bo.id, detail: { commentId: rude.id, postId: post.id } },
    ]);
  });

  it('closes a thread: "Comments are closed" (409), edits refused, deletes allowed, open again takes comments', async () => {
    const { olga, ana, bo, eventId } = await setUp();
    const post = await published(olga, eventId);
    const before = await commented(ana, eventId, post.id, 'Before the lock');
    const locked = await call(t.app, olga, 'POST', `/api/events/${eventId}/posts/${post.id}/lock`);
    expect(locked.status).toBe(200);
    expect(locked.body.locked).toBe(true);
    const refused = await comment(bo, eventId, post.id, 'Too late?');
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.detail).toBe('Comments are closed on this post.');
    // The organizer who closed it is refused too: a closed thread is closed.
    expect((await comment(olga, eventId, post.id, 'Last word')).status).toBe(409);
    const edit = await call(t.app, ana, 'PATCH', `/api/events/${eventId}/comments/${before.id}`, { body: 'Changed after' });
    expect(edit.status).toBe(409);
    expect((await thread(bo, eventId, post.id)).post.locked).toBe(true);
    t.clock.advance(1000);
    expect((await call(t.app, olga, 'DELETE', `/api/events/${eventId}/posts/${post.id}/lock`)).body.locked).toBe(false);
    await commented(bo, eventId, post.id, 'Open again');
    await call(t.app, olga, 'POST', `/api/events/${eventId}/posts/${post.id}/lock`);
    expect((await call(t.app, ana, 'DELETE', `/api/events/${eventId}/comments/${before.id}`)).status).toBe(204);
    expect((await auditOf(eventId)).filter((a) => a.action.startsWith('post.lock') || a.action.startsWith('post.unlock')).map((a) => a.action)).toEqual([
      'post.locked',
      'post.unlocked',
      'post.locked',
    ]);
  });

  it('takes reports to the organizers alone: the author and other attendees never learn who reported or why', async () => {
    const { olga, otto, ana, bo, cy, eventId } = await setUp();
    const post = await published(olga, eventId, 'Feedback thread');
    const c = await commented(bo, eventId, post.id, 'A heated remark');
    const reason = 'reason-marker-7f3a';
    const report = await call(t.app, ana, 'POST', `/api/events/${eventId}/comments/${c.id}/reports`, { reason: `  ${reason}  ` });
    expect(report.status).toBe(201);
    expect(report.body).toEqual({ commentId: c.id, reportedAt: t.clock.now().toISOString() });
    // Again, with another reason: no second notification.
    await call(t.app, ana, 'POST', `/api/events/${eventId}/comments/${c.id}/reports`, { reason });
    await call(t.app, cy, 'POST', `/api/events/${eventId}/comments/${c.id}/reports`, {});
    for (const organizer of [olga, otto]) {
      const told = (await notificationsOf(organizer)).filter((n) => n.kind === 'comment_reported');
      expect(told).toHaveLength(2);
      expect(told[0]).toMatchObject({ text: 'A comment on “Feedback thread” was reported', eventId });
      expect(JSON.stringify(told)).not.toContain(reason);
    }
    const reports = await call(t.app, otto, 'GET', `/api/events/${eventId}/reports`);
    expect(reports.status).toBe(200);
    expect(reports.body.reports).toHaveLength(1);
    expect(reports.body.reports[0].comment).toMatchObject({ id: c.id, body: 'A heated remark', postTitle: 'Feedback thread', openReports: 2 });
    expect(reports.body.reports[0].reports.map((r: { reporter: { name: string }; reason: string }) => [r.reporter.name, r.reason]).sort()).toEqual([
      ['Ana Lima', reason],
      ['Cy Cohen', ''],
    ]);
    // Ana sees only that she reported it; Bo and Cy's view says nothing of Ana or her reason.
    expect((await thread(ana, eventId, post.id)).comments[0]).toMatchObject({ reportedByMe: true, openReports: null });
    for (const member of [bo, cy]) {
      const seen = await call(t.app, member, 'GET', `/api/events/${eventId}/posts/${post.id}`);
      expect(JSON.stringify(seen.body)).not.toContain(reason);
      expect(JSON.stringify(seen.body)).not.toContain(ana.id);
      expect(JSON.stringify(await notificationsOf(member))).not.toContain('reported');
    }
    expect((await thread(bo, eventId, post.id)).comments[0]!.reportedByMe).toBe(false);

    expect((await call(t.app, olga, 'POST', `/api/events/${eventId}/reports/${c.id}/dismiss`)).status).toBe(204);
    expect((await call(t.app, olga, 'GET', `/api/events/${eventId}/reports`)).body.reports).toEqual([]);
    expect((await thread(ana, eventId, post.id)).comments[0]!.reportedByMe).toBe(false);
    const dismissed = (await auditOf(eventId)).filter((a) => a.action === 'report.dismissed');
    expect(dismissed).toEqual([{ action: 'report.dismissed', actor_id: olga.id, subject_id: bo.id, detail: { commentId: c.id, postId: post.id, reports: 2 } }]);
    expect(JSON.stringify(await auditOf(eventId))).not.toContain(reason);

    // Reported again after the dismissal: waiting again; hiding deals with it.
    await call(t.app, ana, 'POST', `/api/events/${eventId}/comments/${c.id}/reports`, { reason: 'still heated' });
    expect((await call(t.app, olga, 'GET', `/api/events/${eventId}/reports`)).body.reports).toHaveLength(1);
    expect((await notificationsOf(olga)).filter((n) => n.kind === 'comment_reported')).toHaveLength(3);
    await call(t.app, olga, 'POST', `/api/events/${eventId}/comments/${c.id}/hidden`);
    expect((await call(t.app, olga, 'GET', `/api/events/${eventId}/reports`)).body.reports).toEqual([]);
  });

  it('limits comments per minute, posts per hour and reports per day in the database: 429 with Retry-After', async () => {
    const { olga, ana, bo, eventId } = await setUp();
    const post = await published(olga, eventId);
    for (let i = 0; i < COMMENTS_PER_MINUTE; i++) expect((await comment(ana, eventId, post.id, `Comment ${i}`)).status).toBe(201);
    const tooFast = await comment(ana, eventId, post.id, 'One more');
    expect(tooFast.status).toBe(429);
    expect(Number(tooFast.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(tooFast.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(tooFast.body.detail).toMatch(/please wait .* before the next one/);
    const [counter] = await queryRows<{ count: number }>(t.ctx.db, sql`select count from rate_limits where key = ${`comments:minute:${ana.id}`}`);
    expect(counter?.count).toBe(COMMENTS_PER_MINUTE + 1);
    // Someone else is not held up; and a minute later Ana may go on.
    expect((await comment(bo, eventId, post.id, 'Me too')).status).toBe(201);
    t.clock.advance(MINUTE);
    expect((await comment(ana, eventId, post.id, 'Later')).status).toBe(201);

    for (let i = 1; i < POSTS_PER_HOUR; i++) await published(olga, eventId, `Post ${i}`);
    const tooMany = await publish(olga, eventId, 'One post too many');
    expect(tooMany.status).toBe(429);
    expect(Number(tooMany.headers['retry-after'])).toBeGreaterThan(60);

    const targets: string[] = [];
    for (let i = 0; i <= REPORTS_PER_DAY; i++) {
      t.clock.advance(MINUTE);
      targets.push((await commented(bo, eventId, post.id, `Remark ${i}`)).id);
    }
    for (let i = 0; i < REPORTS_PER_DAY; i++) expect((await call(t.app, ana, 'POST', `/api/events/${eventId}/comments/${targets[i]}/reports`, {})).status).toBe(201);
    const reportsTooMany = await call(t.app, ana, 'POST', `/api/events/${eventId}/comments/${targets[REPORTS_PER_DAY]}/reports`, {});
    expect(reportsTooMany.status).toBe(429);
    expect(Number(reportsTooMany.headers['retry-after'])).toBeGreaterThan(3600);
  });

  it('pages posts newest first and comments oldest first, and refuses a made-up cursor', async () => {
    const { olga, ana, eventId } = await setUp();
    const ids: string[] = [];
    for (const title of ['One', 'Two', 'Three']) {
      ids.push((await published(olga, eventId, title)).id);
      t.clock.advance(MINUTE);
    }
    const first = await call(t.app, ana, 'GET', `/api/events/${eventId}/posts?limit=2`);
    expect(first.body.posts.map((p: { title: string }) => p.title)).toEqual(['Three', 'Two']);
    const rest = await call(t.app, ana, 'GET', `/api/events/${eventId}/posts?limit=2&cursor=${first.body.nextCursor}`);
    expect(rest.body.posts.map((p: { title: string }) => p.title)).toEqual(['One']);
    expect(rest.body.nextCursor).toBeNull();
    for (const body of ['a', 'b', 'c']) await commented(ana, eventId, ids[0]!, body);
    const page1 = await call(t.app, ana, 'GET', `/api/events/${eventId}/posts/${ids[0]}?limit=2`);
    expect(page1.body.comments.map((x: Comment) => x.body)).toEqual(['a', 'b']);
    const page2 = await call(t.app, ana, 'GET', `/api/events/${eventId}/posts/${ids[0]}?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.comments.map((x: Comment) => x.body)).toEqual(['c']);
    const bad = await call(t.app, ana, 'GET', `/api/events/${eventId}/posts?cursor=not-a-cursor`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ pointer: '/querystring/cursor', detail: 'Use the nextCursor of a previous page.' }]);
    // Shaped like a cursor, but its id is no UUID: refused the same way, never a database error.
    const forged = Buffer.from(JSON.stringify([new Date().toISOString(), '-'.repeat(36)])).toString('base64url');
    for (const url of [`/api/events/${eventId}/posts?cursor=${forged}`, `/api/events/${eventId}/posts/${ids[0]}?cursor=${forged}`]) {
      const refused = await call(t.app, ana, 'GET', url);
      expect(refused.status, JSON.stringify(refused.body)).toBe(400);
      expect(refused.body.errors).toEqual([{ pointer: '/querystring/cursor', detail: 'Use the nextCursor of a previous page.' }]);
    }
  });

  it('limits changes to comments too, since each one has every member’s open page read the thread again', async () => {
    const { olga, ana, eventId } = await setUp();
    const post = await published(olga, eventId);
    const mine = await commented(ana, eventId, post.id, 'First words');
    const edit = (body: string) => call(t.app, ana, 'PATCH', `/api/events/${eventId}/comments/${mine.id}`, { body });
    for (let i = 0; i < COMMENT_EDITS_PER_MINUTE; i++) expect((await edit(`Take ${i}`)).status).toBe(200);
    const tooFast = await edit('One take too many');
    expect(tooFast.status).toBe(429);
    expect(Number(tooFast.headers['retry-after'])).toBeGreaterThan(0);
    expect((await thread(ana, eventId, post.id)).comments[0]!.body).toBe(`Take ${COMMENT_EDITS_PER_MINUTE - 1}`);
    t.clock.advance(MINUTE);
    expect((await edit('Settled')).status).toBe(200);
  });

  it('tells members’ open streams of new posts and comments at once, and nobody outside the event', async () => {
    const { olga, ana, bo, sam, eventId } = await setUp();
    const heard = new Map<string, LiveMessage[]>();
    const stops = [ana, bo, sam].map((person) => {
      heard.set(person.id, []);
      return t.ctx.realtime!.subscribe(person.id, (message) => heard.get(person.id)!.push(message));
    });
    try {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const controller = new AbortController();
      const stream = await fetch(`${address}/api/me/notifications/stream`, { headers: { cookie: ana.cookie }, signal: controller.signal });
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const received: string[] = [];
      const reader = stream.body!.getReader();
      void (async () => {
        for (;;) {
          const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
          if (done) return;
          received.push(new TextDecoder().decode(value));
        }
      })();
      await expect.poll(() => received.join('')).toContain(': connected');
      const post = await published(olga, eventId, 'Live news');
      await expect.poll(() => received.join('')).toContain('event: posts.changed');
      const text = received.join('');
      expect(text).toContain(`event: posts.changed\ndata: ${JSON.stringify({ eventId, postId: post.id })}\n\n`);
      expect(text).toMatch(/event: notification\ndata: .*"kind":"post_published".*"text":"New post: Live news"/);
      await commented(bo, eventId, post.id, 'Heard it');
      await expect.poll(() => heard.get(ana.id)!.filter((m) => m.type === 'posts.changed').length).toBe(2);
      expect(heard.get(bo.id)!.map((m) => m.type).sort()).toEqual(['notification', 'posts.changed', 'posts.changed']);
      // Only ids travel: never a comment's text, which not every member may read.
      expect(JSON.stringify(heard.get(ana.id))).not.toContain('Heard it');
      expect(heard.get(sam.id)).toEqual([]);
      controller.abort();
    } finally {
      for (const stop of stops) stop();
    }
  });

  it('documents every route in the OpenAPI document', async () => {
    const document = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(document.statusCode).toBe(200);
    const paths = Object.keys(document.json().paths);
    for (const path of ['/api/events/{eventId}/posts', '/api/events/{eventId}/posts/{postId}/lock', '/api/events/{eventId}/comments/{commentId}/hidden', '/api/events/{eventId}/reports/{commentId}/dismiss']) {
      expect(paths).toContain(path);
    }
  });

  it('shuts out a member who left', async () => {
    const { olga, ana, eventId } = await setUp();
    const post = await published(olga, eventId);
    expect((await call(t.app, ana, 'POST', `/api/events/${eventId}/leave`)).status).toBeLessThan(300);
    expect((await call(t.app, ana, 'GET', `/api/events/${eventId}/posts`)).status).toBe(404);
    expect((await comment(ana, eventId, post.id, 'Still here?')).status).toBe(404);
  });
});
