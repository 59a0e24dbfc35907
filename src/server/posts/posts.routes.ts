import { z } from 'zod';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, problemSchema, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './posts.schemas.js';
import * as posts from './posts.service.js';

const tags = ['Posts'];
const withConflict = { ...commonProblems, 409: problemSchema };
const MEMBERS = 'Members of the event; anyone else answers 404.';
const ORGANIZERS = 'Organizers of the event only; anyone else answers 404.';
const HIDDEN =
  'A comment hidden by the organizers is seen only by its author (marked hidden) and the organizers; to everyone else it is not there.';
const LIVE = 'Members’ open streams are told (`event: posts.changed`, data `{eventId, postId}`), never what changed.';

export function postsRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/events/:eventId/posts',
      {
        schema: {
          tags,
          summary: 'The organizers’ posts in the event, newest first',
          description: describePermission('post.read', `${MEMBERS} \`commentCount\` counts the comments I can see.`),
          security: signedIn,
          params: schemas.eventParams,
          querystring: schemas.postsQuery,
          response: { 200: schemas.postsPage, ...commonProblems },
        },
      },
      async (request) => posts.listPosts(ctx, request.actor, request.params.eventId, request.query),
    );
    app.post(
      '/api/events/:eventId/posts',
      {
        schema: {
          tags,
          summary: 'Publish a post to the event’s members',
          description: describePermission(
            'post.publish',
            `${ORGANIZERS} Every member is notified (\`post_published\`). At most ${posts.POSTS_PER_HOUR} an hour per organizer (429 with Retry-After). ${LIVE}`,
          ),
          security: signedIn,
          params: schemas.eventParams,
          body: schemas.postBody,
          response: { 201: schemas.post, ...commonProblems },
        },
      },
      async (request, reply) => reply.code(201).send(await posts.publishPost(ctx, request.actor, request.params.eventId, request.body)),
    );
    app.get(
      '/api/events/:eventId/posts/:postId',
      {
        schema: {
          tags,
          summary: 'A post with its comments, oldest first',
          description: describePermission('post.read', `${MEMBERS} ${HIDDEN}`),
          security: signedIn,
          params: schemas.postParams,
          querystring: schemas.threadQuery,
          response: { 200: schemas.thread, ...commonProblems },
        },
      },
      async (request) => posts.getThread(ctx, request.actor, request.params.eventId, request.params.postId, request.query),
    );
    app.patch(
      '/api/events/:eventId/posts/:postId',
      {
        schema: {
          tags,
          summary: 'Change my post’s title or text',
          description: describePermission('post.edit', `Its author, while an organizer of the event; anyone else answers 404. ${LIVE}`),
          security: signedIn,
          params: schemas.postParams,
          body: schemas.postChange,
          response: { 200: schemas.post, ...commonProblems },
        },
      },
      async (request) => posts.editPost(ctx, request.actor, request.params.eventId, request.params.postId, request.body),
    );
    app.delete(
      '/api/events/:eventId/posts/:postId',
      {
        schema: {
          tags,
          summary: 'Delete a post with its comments',
          description: describePermission('post.moderate', `${ORGANIZERS} Deleting another organizer’s post is put in the event’s audit log. ${LIVE}`),
          security: signedIn,
          params: schemas.postParams,
          response: { 204: z.null(), ...commonProblems },
        },
      },
      async (request, reply) => {
        await posts.deletePost(ctx, request.actor, request.params.eventId, request.params.postId);
        return reply.code(204).send(null);
      },
    );
    for (const [method, locked] of [
      ['post', true],
      ['delete', false],
    ] as const) {
      app[method](
        '/api/events/:eventId/posts/:postId/lock',
        {
          schema: {
            tags,
            summary: locked ? 'Close a post to new comments ("Comments are closed")' : 'Open a closed post to comments again',
            description: describePermission('post.moderate', `${ORGANIZERS} Recorded in the audit log when it changes anything. ${LIVE}`),
            security: signedIn,
            params: schemas.postParams,
            response: { 200: schemas.post, ...commonProblems },
          },
        },
        async (request) => posts.setLocked(ctx, request.actor, request.params.eventId, request.params.postId, locked),
      );
    }
    app.post(
      '/api/events/:eventId/posts/:postId/comments',
      {
        schema: {
          tags,
          summary: 'Comment on a post',
          description: describePermission(
            'comment.create',
            `${MEMBERS} 409 when the post is closed to comments. At most ${posts.COMMENTS_PER_MINUTE} a minute and ${posts.COMMENTS_PER_HOUR} an hour per person (429 with Retry-After). ${LIVE}`,
          ),
          security: signedIn,
          params: schemas.postParams,
          body: schemas.commentBody,
          response: { 201: schemas.comment, ...withConflict },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await posts.addComment(ctx, request.actor, request.params.eventId, request.params.postId, request.body)),
    );
    app.patch(
      '/api/events/:eventId/comments/:commentId',
      {
        schema: {
          tags,
          summary: 'Change my comment',
          description: describePermission(
            'comment.edit',
            `Its author only; anyone else answers 404. 409 once the post is closed to comments. At most ${posts.COMMENT_EDITS_PER_MINUTE} changes a minute per person (429 with Retry-After). ${LIVE}`,
          ),
          security: signedIn,
          params: schemas.commentParams,
          body: schemas.commentBody,
          response: { 200: schemas.comment, ...withConflict },
        },
      },
      async (request) => posts.editComment(ctx, request.actor, request.params.eventId, request.params.commentId, request.body),
    );
    app.delete(
      '/api/events/:eventId/comments/:commentId',
      {
        schema: {
          tags,
          summary: 'Delete my comment',
          description: describePermission('comment.edit', `Its author only (organizers hide instead); anyone else answers 404. ${LIVE}`),
          security: signedIn,
          params: schemas.commentParams,
          response: { 204: z.null(), ...commonProblems },
        },
      },
      async (request, reply) => {
        await posts.deleteComment(ctx, request.actor, request.params.eventId, request.params.commentId);
        return reply.code(204).send(null);
      },
    );
    for (const [method, hidden] of [
      ['post', true],
      ['delete', false],
    ] as const) {
      app[method](
        '/api/events/:eventId/comments/:commentId/hidden',
        {
          schema: {
            tags,
            summary: hidden ? 'Hide a comment from the members (its author still sees it, marked)' : 'Show a hidden comment again',
            description: describePermission(
              'comment.moderate',
              `${ORGANIZERS} ${HIDDEN}${hidden ? ' Hiding deals with its waiting reports.' : ''} Recorded in the audit log when it changes anything.`,
            ),
            security: signedIn,
            params: schemas.commentParams,
            response: { 200: schemas.comment, ...commonProblems },
          },
        },
        async (request) => posts.setHidden(ctx, request.actor, request.params.eventId, request.params.commentId, hidden),
      );
    }
    app.post(
      '/api/events/:eventId/comments/:commentId/reports',
      {
        schema: {
          tags,
          summary: 'Report someone else’s comment to the organizers',
          description: describePermission(
            'comment.report',
            `Members who can see the comment, not its author; anyone else answers 404. Only the organizers learn who reported it and why; ` +
              `they are notified (\`comment_reported\`). Reporting again refreshes the reason. At most ${posts.REPORTS_PER_DAY} a day (429 with Retry-After).`,
          ),
          security: signedIn,
          params: schemas.commentParams,
          body: schemas.reportBody,
          response: { 201: schemas.reported, ...commonProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await posts.reportComment(ctx, request.actor, request.params.eventId, request.params.commentId, request.body)),
    );
    app.get(
      '/api/events/:eventId/reports',
      {
        schema: {
          tags,
          summary: 'Reported comments waiting for the organizers, with who reported them and why',
          description: describePermission('comment.moderate', ORGANIZERS),
          security: signedIn,
          params: schemas.eventParams,
          response: { 200: schemas.reportsList, ...commonProblems },
        },
      },
      async (request) => posts.listReports(ctx, request.actor, request.params.eventId),
    );
    app.post(
      '/api/events/:eventId/reports/:commentId/dismiss',
      {
        schema: {
          tags,
          summary: 'Dismiss a comment’s reports, leaving the comment as it is',
          description: describePermission('comment.moderate', `${ORGANIZERS} Recorded in the audit log when reports were waiting.`),
          security: signedIn,
          params: schemas.commentParams,
          response: { 204: z.null(), ...commonProblems },
        },
      },
      async (request, reply) => {
        await posts.dismissReports(ctx, request.actor, request.params.eventId, request.params.commentId);
        return reply.code(204).send(null);
      },
    );
  };
}
