import path from 'node:path';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { LogController, type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { accountsRoutes } from './accounts/accounts.routes.js';
import { eventsRoutes } from './events/events.routes.js';
import { profilesRoutes } from './profiles/profiles.routes.js';
import { recommendationsRoutes } from './recommendations/recommendations.routes.js';
import { meetingsRoutes } from './meetings/meetings.routes.js';
import { mixersRoutes } from './mixers/mixers.routes.js';
import { notificationsRoutes } from './notifications/notifications.routes.js';
import { memoryRoutes } from './memory/memory.routes.js';
import { claimsRoutes } from './imports/claims.routes.js';
import { importsRoutes } from './imports/imports.routes.js';
import { introductionsRoutes } from './introductions/introductions.routes.js';
import { postsRoutes } from './posts/posts.routes.js';
import { auditRoutes } from './audit/audit.routes.js';
import { badgesRoutes } from './badges/badges.routes.js';
import { insightsRoutes } from './insights/insights.routes.js';
import { actorFromApiToken, actorFromSession, sessionCookieName } from './platform/auth/sessions.js';
import { anonymous, type ServiceContext } from './platform/context.js';
import { AppError, safeFailure, type FieldError } from './platform/errors.js';
import { isPublic, sendProblem, type TypedApp } from './platform/http.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** The built web app (vite build), from src/server or dist/server alike. */
export const defaultWebRoot = path.resolve(here, '../../dist/web');

export interface AppOptions {
  /** Folder of the built web app; the API works without one. */
  webRoot?: string;
  logger?: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The product's mark and name for the top bar of the API reference. */
const API_DOCS_LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40" viewBox="0 0 200 40">' +
  '<circle cx="16" cy="20" r="11" fill="none" stroke="#fff" stroke-width="4"/>' +
  '<circle cx="28" cy="20" r="11" fill="none" stroke="#bfe3d8" stroke-width="4"/>' +
  '<text x="48" y="26" font-family="system-ui,sans-serif" font-size="17" font-weight="700" fill="#fff" textLength="146" lengthAdjust="spacingAndGlyphs">Common Ground</text></svg>';

function fieldErrors(context: string | undefined, issues: NonNullable<FastifyError['validation']>): FieldError[] {
  const base = `/${context ?? 'body'}`;
  return issues.flatMap((issue) => {
    const at = issue.instancePath === '/' ? '' : issue.instancePath;
    const keys = (issue.params as { keys?: string[] } | undefined)?.keys;
    if (issue.keyword === 'unrecognized_keys' && keys) {
      return keys.map((key) => ({ pointer: `${base}${at}/${key}`, detail: 'This field is not allowed here.' }));
    }
    return [{ pointer: `${base}${at}`, detail: issue.message ?? 'This value is not valid.' }];
  });
}

export async function buildApp(ctx: ServiceContext, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger
      ? { level: ctx.config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] }
      : false,
    bodyLimit: ctx.config.bodyLimit,
    trustProxy: ctx.config.trustProxy,
    // Shut down promptly: idle keep-alive sockets are closed, in-flight requests finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // One line per request is noise at info level; LOG_LEVEL=debug brings it back.
    logController: new LogController({
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Common Ground API',
        version: ctx.config.version,
        description:
          'The JSON API of Common Ground. Errors are `application/problem+json` (RFC 9457). Sign in with the session cookie (web app) or a bearer API token (`commonground login`).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: sessionCookieName(ctx.config.secureCookies) },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    uiConfig: { docExpansion: 'list', deepLinking: true },
    logo: { type: 'image/svg+xml', content: Buffer.from(API_DOCS_LOGO), href: '/', target: '_self' },
    theme: {
      title: 'Common Ground API',
      // The explorer's URL box is of no use here, and the page must read on a phone too.
      css: [
        {
          filename: 'common-ground.css',
          content:
            '.swagger-ui .topbar{background:#1f6f5c}.swagger-ui .topbar .download-url-wrapper{display:none}' +
            '@media (max-width:600px){.swagger-ui .wrapper{padding:0 8px}.swagger-ui .opblock .opblock-summary{flex-wrap:wrap}' +
            '.swagger-ui .opblock .opblock-summary-path{max-width:100%;word-break:break-all}.swagger-ui .info{margin:16px 0}}',
        },
      ],
    },
  });

  // While shutting down, answers to requests in flight close their connection, so that
  // keep-alive sockets cannot hold the process open after the last response.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) void reply.header('connection', 'close');
  });

  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', undefined);

  // Same-origin check for state changes: a cookie-carrying cross-site request is refused.
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const origin = request.headers.origin;
    const site = request.headers['sec-fetch-site'];
    const ownOrigins = [new URL(ctx.config.publicUrl).origin, `${request.protocol}://${request.host}`];
    if ((origin && !ownOrigins.includes(origin)) || site === 'cross-site') {
      return sendProblem(reply, request, new AppError('forbidden_origin', 'This request came from another site and was refused.'));
    }
  });

  app.addHook('preHandler', async (request) => {
    request.actor = anonymous;
    // Only the API acts for someone; the web app's files need no session lookup.
    if (!request.url.startsWith('/api/')) return;
    const authorization = request.headers.authorization;
    if (authorization?.startsWith('Bearer ')) {
      request.actor = (await actorFromApiToken(ctx, authorization.slice(7).trim())) ?? anonymous;
      return;
    }
    const token = request.cookies[sessionCookieName(ctx.config.secureCookies)];
    if (token) {
      request.sessionToken = token;
      request.actor = (await actorFromSession(ctx, token)) ?? anonymous;
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) return sendProblem(reply, request, error);
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldErrors(error.validationContext, error.validation);
      return sendProblem(reply, request, new AppError('validation', 'Some fields are not valid: see errors.', { errors }));
    }
    switch (error.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendProblem(reply, request, new AppError('bad_request', 'The request body is not valid JSON.'));
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendProblem(
          reply,
          request,
          new AppError('payload_too_large', `The request body is larger than ${request.routeOptions.bodyLimit ?? ctx.config.bodyLimit} bytes.`),
        );
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendProblem(reply, request, new AppError('unsupported_media_type', 'Send the body as application/json.'));
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, request, new AppError('bad_request', error.message));
    }
    request.log.error({ failure: safeFailure(error) }, 'request failed');
    return sendProblem(reply, request, new AppError('internal', 'The server could not finish this request.'));
  });

  const typed = app as unknown as TypedApp;

  typed.get(
    '/api/health',
    {
      schema: {
        tags: ['Server'],
        summary: 'Health of the server and its database',
        security: isPublic,
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await ctx.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: ctx.engine, version: ctx.config.version };
    },
  );

  await app.register(accountsRoutes(ctx));
  await app.register(eventsRoutes(ctx));
  await app.register(profilesRoutes(ctx));
  await app.register(recommendationsRoutes(ctx));
  await app.register(meetingsRoutes(ctx));
  await app.register(mixersRoutes(ctx));
  await app.register(notificationsRoutes(ctx));
  await app.register(memoryRoutes(ctx));
  await app.register(introductionsRoutes(ctx));
  await app.register(postsRoutes(ctx));
  await app.register(auditRoutes(ctx));
  await app.register(badgesRoutes(ctx));
  await app.register(importsRoutes(ctx));
  await app.register(claimsRoutes(ctx));
  await app.register(insightsRoutes(ctx));

  typed.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const webRoot = options.webRoot ?? defaultWebRoot;
  const hasWeb = existsSync(path.join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '/';
    if (url.startsWith('/api/') || url === '/api' || !SAFE_METHODS.has(request.method)) {
      return sendProblem(reply, request, new AppError('not_found', 'There is no such route.'));
    }
    if (!hasWeb) {
      return reply
        .code(503)
        .type('text/plain')
        .send('The web app is not built yet: run `npm run build`. The API is under /api.');
    }
    // The single-page app answers every other path.
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });

  return app;
}
