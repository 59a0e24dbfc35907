import { z } from 'zod';

export const EMPTY_COMMENT = 'Please enter your comment';
export const EMPTY_TITLE = 'Please give the post a title';
export const EMPTY_POST = 'Please write something in the post';

export const TITLE_MAX = 200;
export const POST_MAX = 10_000;
export const COMMENT_MAX = 2000;
export const REASON_MAX = 500;

const eventId = z.uuid({ error: 'An event id is a UUID.' });
export const eventParams = z.strictObject({ eventId });
export const postParams = z.strictObject({ eventId, postId: z.uuid({ error: 'A post id is a UUID.' }) });
export const commentParams = z.strictObject({ eventId, commentId: z.uuid({ error: 'A comment id is a UUID.' }) });

const FORMATTING = 'Plain text with light formatting: **bold**, *italic*, `code`, links, lines starting with "- ". Never read as HTML.';

const title = z
  .string({ error: EMPTY_TITLE })
  .trim()
  .min(1, { error: EMPTY_TITLE })
  .max(TITLE_MAX, { error: `Please keep the title under ${TITLE_MAX} characters.` });
const postText = z
  .string({ error: EMPTY_POST })
  .trim()
  .min(1, { error: EMPTY_POST })
  .max(POST_MAX, { error: `Please keep a post under ${POST_MAX} characters.` })
  .meta({ description: FORMATTING });
const commentText = z
  .string({ error: EMPTY_COMMENT })
  .trim()
  .min(1, { error: EMPTY_COMMENT })
  .max(COMMENT_MAX, { error: `Please keep a comment under ${COMMENT_MAX} characters.` })
  .meta({ description: FORMATTING });

export const postBody = z.strictObject({ title, body: postText }).meta({ id: 'NewPost' });
export const postChange = z
  .strictObject({ title: title.optional(), body: postText.optional() })
  .meta({ id: 'PostChange', description: 'Fields left out stay as they were.' });
export const commentBody = z.strictObject({ body: commentText }).meta({ id: 'CommentText' });
export const reportBody = z
  .strictObject({
    reason: z
      .string()
      .trim()
      .max(REASON_MAX, { error: `Please keep the reason under ${REASON_MAX} characters.` })
      .optional()
      .meta({ description: 'Why, in a few words (optional). Only the organizers read it.' }),
  })
  .meta({ id: 'CommentReport' });

const cursor = z.string().max(200).optional().meta({ description: 'The nextCursor of the previous page.' });
export const postsQuery = z.strictObject({
  cursor,
  limit: z.coerce.number().int().min(1).max(50).optional().meta({ description: 'Posts per page (default 20), newest first.' }),
});
export const threadQuery = z.strictObject({
  cursor,
  limit: z.coerce.number().int().min(1).max(100).optional().meta({ description: 'Comments per page (default 50), oldest first.' }),
});

const person = z.object({ id: z.uuid(), name: z.string() }).meta({ id: 'PostPerson' });

export const post = z
  .object({
    id: z.uuid(),
    eventId: z.uuid(),
    title: z.string(),
    body: z.string().meta({ description: FORMATTING }),
    author: person.nullable().meta({ description: 'Null when the author deleted their account.' }),
    createdAt: z.date(),
    editedAt: z.date().nullable(),
    locked: z.boolean().meta({ description: 'A locked thread takes no new comments ("Comments are closed").' }),
    commentCount: z.int().meta({ description: 'The comments I can see.' }),
    canEdit: z.boolean().meta({ description: 'I wrote it (and still organize the event).' }),
    canModerate: z.boolean().meta({ description: 'I organize the event: I may lock it, delete it and hide its comments.' }),
  })
  .meta({ id: 'Post' });

export const comment = z
  .object({
    id: z.uuid(),
    postId: z.uuid(),
    body: z.string().meta({ description: FORMATTING }),
    author: person.nullable().meta({ description: 'Null when the author deleted their account.' }),
    createdAt: z.date(),
    editedAt: z.date().nullable(),
    hidden: z.boolean().meta({
      description: 'Hidden by the organizers: only its author and the organizers see it; to everyone else it is gone.',
    }),
    mine: z.boolean(),
    reportedByMe: z.boolean().meta({ description: 'I reported it and the organizers have not dealt with it yet.' }),
    openReports: z.int().nullable().meta({ description: 'For organizers: how many reports wait for them; null for anyone else.' }),
  })
  .meta({ id: 'PostComment' });

export const postsPage = z.object({ posts: z.array(post), nextCursor: z.string().nullable() }).meta({ id: 'PostsPage' });
export const thread = z
  .object({ post, comments: z.array(comment), nextCursor: z.string().nullable() })
  .meta({ id: 'PostThread' });

export const reported = z
  .object({ commentId: z.uuid(), reportedAt: z.date() })
  .meta({ id: 'CommentReported', description: 'Only the organizers learn who reported it; its author is never told.' });

export const reportsList = z
  .object({
    reports: z.array(
      z.object({
        comment: comment.extend({ postTitle: z.string() }),
        reports: z.array(z.object({ reporter: person, reason: z.string(), createdAt: z.date() })),
      }),
    ),
  })
  .meta({ id: 'OpenReports', description: 'Comments with reports waiting for the organizers, most recently reported first.' });
