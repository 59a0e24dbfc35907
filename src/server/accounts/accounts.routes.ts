import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { sessionCookieName, setSessionCookie as setCookie } from '../platform/auth/sessions.js';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, isPublic, originOf, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './accounts.schemas.js';
import * as accounts from './accounts.service.js';
import { exportMyData } from './my-data.service.js';

const tags = ['Accounts'];

export function accountsRoutes(ctx: ServiceContext) {
  const cookieName = sessionCookieName(ctx.config.secureCookies);
  const setSessionCookie = (reply: FastifyReply, session: { token: string; expiresAt: Date }) =>
    setCookie(reply, ctx.config.secureCookies, session);

  return async function plugin(app: TypedApp) {
    app.get(
      '/api/setup',
      {
        schema: {
          tags,
          summary: 'Whether the server still needs its first (admin) account',
          security: isPublic,
          response: { 200: z.object({ needed: z.boolean() }) },
        },
      },
      async () => accounts.setupStatus(ctx),
    );

    app.post(
      '/api/setup',
      {
        schema: {
          tags,
          summary: 'Create the first (admin) account with the one-time link printed at start',
          security: isPublic,
          body: schemas.setupBody,
          response: { 201: schemas.account, ...commonProblems },
        },
      },
      async (request, reply) => {
        const { account, session } = await accounts.completeSetup(ctx, request.body);
        setSessionCookie(reply, session);
        return reply.code(201).send(account);
      },
    );

    app.post(
      '/api/auth/sign-up',
      {
        schema: {
          tags,
          summary: 'Create an account and sign in',
          security: isPublic,
          body: schemas.signUpBody,
          response: { 201: schemas.account, 409: commonProblems[400], ...commonProblems },
        },
      },
      async (request, reply) => {
        const { account, session } = await accounts.signUp(ctx, request.body, originOf(request));
        setSessionCookie(reply, session);
        return reply.code(201).send(account);
      },
    );

    app.post(
      '/api/auth/sign-in',
      {
        schema: {
          tags,
          summary: 'Sign in with email and password (sets the session cookie)',
          security: isPublic,
          body: schemas.signInBody,
          response: { 200: schemas.account, ...commonProblems },
        },
      },
      async (request, reply) => {
        const { account, session } = await accounts.signIn(ctx, request.body, originOf(request));
        setSessionCookie(reply, session);
        return account;
      },
    );

    app.post(
      '/api/auth/sign-out',
      {
        schema: {
          tags,
          summary: 'Sign out this browser',
          security: isPublic,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await accounts.signOut(ctx, request.sessionToken);
        reply.clearCookie(cookieName, { path: '/', secure: ctx.config.secureCookies });
        return reply.code(204).send(null);
      },
    );

    app.post(
      '/api/auth/tokens',
      {
        schema: {
          tags,
          summary: 'Exchange email and password for a named API token (used by `commonground login`)',
          security: isPublic,
          body: schemas.loginTokenBody,
          response: { 201: schemas.newApiToken.extend({ account: schemas.account }), ...commonProblems },
        },
      },
      async (request, reply) =>
        reply.code(201).send(await accounts.createApiTokenWithPassword(ctx, request.body, originOf(request))),
    );

    app.get(
      '/api/me',
      {
        schema: {
          tags,
          summary: 'My account',
          description: describePermission('account.manage', 'The signed-in account.'),
          security: signedIn,
          response: { 200: schemas.account, ...commonProblems },
        },
      },
      async (request) => accounts.getAccount(ctx, request.actor),
    );

    app.post(
      '/api/me/password',
      {
        schema: {
          tags,
          summary: 'Change my password (signs out my other devices)',
          description: describePermission('account.manage', 'Needs the current password.'),
          security: signedIn,
          body: schemas.changePasswordBody,
          response: { 204: z.null(), ...commonProblems },
        },
      },
      async (request, reply) => {
        await accounts.changePassword(ctx, request.actor, request.body, request.sessionToken);
        return reply.code(204).send(null);
      },
    );

    app.delete(
      '/api/me',
      {
        schema: {
          tags,
          summary: 'Delete my account and everything of mine',
          description: describePermission(
            'account.manage',
            'Needs the password. Cannot be undone. I disappear from other people’s My people, with the notes they kept of me; ' +
              'connections I made between others stay, introduced by "someone who has left". Events I own pass to another organizer.',
          ),
          security: signedIn,
          body: schemas.deleteAccountBody,
          response: { 204: z.null(), ...commonProblems },
        },
      },
      async (request, reply) => {
        await accounts.deleteAccount(ctx, request.actor, request.body);
        reply.clearCookie(cookieName, { path: '/', secure: ctx.config.secureCookies });
        return reply.code(204).send(null);
      },
    );

    app.get(
      '/api/me/export',
      {
        schema: {
          tags,
          summary: 'Export everything of mine as one JSON file (with the vCards of contacts exchanged with me)',
          description: describePermission('account.manage', 'Mine only: never another person’s private notes, answers or unshared details.'),
          security: signedIn,
          response: { 200: z.record(z.string(), z.unknown()).meta({ id: 'MyDataExport' }), ...commonProblems },
        },
      },
      async (request, reply) => {
        const data = await exportMyData(ctx, request.actor);
        const day = ctx.now().toISOString().slice(0, 10);
        return reply
          .header('content-disposition', `attachment; filename="common-ground-${day}.json"`)
          .header('cache-control', 'private, no-store')
          .send(data);
      },
    );

    app.get(
      '/api/me/tokens',
      {
        schema: {
          tags,
          summary: 'My API tokens',
          description: describePermission('account.manage', 'Tokens are listed by name and prefix; the secret is shown only once, at creation.'),
          security: signedIn,
          response: { 200: z.object({ tokens: z.array(schemas.apiToken) }), ...commonProblems },
        },
      },
      async (request) => ({ tokens: await accounts.listApiTokens(ctx, request.actor) }),
    );

    app.post(
      '/api/me/tokens',
      {
        schema: {
          tags,
          summary: 'Create a named API token',
          description: describePermission('account.manage', 'The token is in the answer and never again.'),
          security: signedIn,
          body: schemas.createTokenBody,
          response: { 201: schemas.newApiToken, ...commonProblems },
        },
      },
      async (request, reply) => reply.code(201).send(await accounts.createApiToken(ctx, request.actor, request.body)),
    );

    app.delete(
      '/api/me/tokens/:tokenId',
      {
        schema: {
          tags,
          summary: 'Revoke one of my API tokens',
          description: describePermission('account.manage', 'Revoked tokens stop working at once.'),
          security: signedIn,
          params: schemas.tokenParams,
          response: { 204: z.null(), ...commonProblems },
        },
      },
      async (request, reply) => {
        await accounts.revokeApiToken(ctx, request.actor, request.params.tokenId);
        return reply.code(204).send(null);
      },
    );
  };
}
