import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, PROBLEM_TYPE_BASE, problemKinds, type ErrorCode, type FieldError } from './errors.js';
import type { Actor } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
    /** The session cookie's token, when the request carried one. */
    sessionToken: string | undefined;
  }
}

export type TypedApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** The RFC 9457 problem body every error response carries. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z
      .array(z.object({ pointer: z.string(), detail: z.string(), row: z.number().int().optional(), column: z.number().int().optional() }))
      .optional(),
  })
  .meta({ id: 'Problem' });

/** OpenAPI security: the session cookie (web app) or a bearer API token (CLI). */
export const signedIn: { [scheme: string]: string[] }[] = [{ session: [] }, { bearer: [] }];
export const isPublic: never[] = [];

/** Documents who may call an operation; the authorization suite reads the same document. */
export function describePermission(permission: string, text: string): string {
  return `${text}\n\n**Permission:** \`${permission}\``;
}

/** Problems answered by every operation that needs a signed-in user. */
export const commonProblems = {
  400: problemSchema,
  401: problemSchema,
  404: problemSchema,
  429: problemSchema,
} as const;

function problemBody(code: ErrorCode, detail: string, instance: string, errors?: FieldError[]) {
  const kind = problemKinds[code];
  return {
    type: PROBLEM_TYPE_BASE + code.replace(/_/g, '-'),
    title: kind.title,
    status: kind.status,
    detail,
    instance,
    ...(errors ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: AppError) {
  const body = problemBody(error.code, error.message, request.url.split('?')[0] ?? request.url, error.errors);
  if (error.retryAfter !== undefined) void reply.header('retry-after', String(error.retryAfter));
  return reply.code(body.status).type('application/problem+json').send(body);
}

/** The client's address, for rate limits. */
export function originOf(request: FastifyRequest) {
  return { ip: request.ip };
}
