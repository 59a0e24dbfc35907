import { PassThrough } from 'node:stream';
import { eventParams } from '../events/events.schemas.js';
import type { ServiceContext } from '../platform/context.js';
import { sessionCookieName } from '../platform/auth/sessions.js';
import { AppError, PROBLEM_TYPE_BASE, problemKinds, safeFailure, unauthenticated } from '../platform/errors.js';
import { commonProblems, describePermission, problemSchema, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './imports.schemas.js';
import * as imports from './imports.service.js';

const tags = ['Organizer tools'];
const NDJSON = 'application/x-ndjson';

export function importsRoutes(ctx: ServiceContext) {
  const sessionCookie = sessionCookieName(ctx.config.secureCookies);
  return async function plugin(app: TypedApp) {
    app.post(
      '/api/events/:eventId/imports',
      {
        bodyLimit: schemas.MAX_IMPORT_BYTES,
        // Who is calling is known only after the body is read: a request with no credentials at all
        // is turned away before a 20 MB body is parsed for nothing.
        onRequest: async (request) => {
          const cookies = request.headers.cookie ?? '';
          if (!request.headers.authorization && !cookies.includes(`${sessionCookie}=`)) throw unauthenticated();
        },
        schema: {
          tags,
          summary: 'Import attendees from a Luma, Eventbrite, Meetup or generic CSV export (or preview it)',
          description: describePermission(
            'attendee.import',
            [
              'Organizers. Matching is by email, case-insensitively: a second run updates, never duplicates.',
              'New people get an unclaimed account and an invited membership, whose claim link is printed on their badge.',
              'A claimed account’s profile is never changed by a file. One transaction: with any problem in the file',
              'nothing is stored (422, with `errors[].row` and `.column`) unless `validRowsOnly` is set.',
              `With \`Accept: ${NDJSON}\` a long import answers as a stream of lines: \`{"type":"progress","done","total"}\`…`,
              'then `{"type":"report","report":ImportReport}` or `{"type":"problem","problem":Problem}`; a dry run or a',
              'refusal before writing answers as plain JSON.',
            ].join(' '),
          ),
          security: signedIn,
          params: eventParams,
          body: schemas.importBody,
          response: { 200: schemas.importReport, 413: problemSchema, 422: problemSchema, 409: problemSchema, ...commonProblems },
        },
      },
      async (request, reply) => {
        const wantsStream = (request.headers.accept ?? '').includes(NDJSON);
        let stream: PassThrough | undefined;
        const line = (value: unknown) => `${JSON.stringify(value)}\n`;
        const onProgress = (progress: imports.ImportProgress) => {
          if (!wantsStream || progress.phase !== 'writing') return;
          if (!stream) {
            stream = new PassThrough();
            void reply.code(200).type(NDJSON).header('cache-control', 'no-store').send(stream as never);
          }
          stream.write(line({ type: 'progress', done: progress.done, total: progress.total }));
        };
        try {
          const report = await imports.importAttendees(ctx, request.actor, request.params.eventId, request.body, onProgress);
          if (!stream) return report;
          stream.end(line({ type: 'report', report }));
          return reply;
        } catch (error) {
          if (!stream) throw error;
          // The status line is gone already: the problem travels as the last line.
          const known = error instanceof AppError;
          // As every failed request is logged: a failed query's text and parameters (the file's
          // emails and names) stay out of the log.
          if (!known) request.log.error({ failure: safeFailure(error) }, 'attendee import failed');
          const code = known ? error.code : 'internal';
          const detail = known ? error.message : 'The import stopped and nothing was stored.';
          const { status, title } = problemKinds[code];
          const instance = request.url.split('?')[0] ?? request.url;
          stream.end(line({ type: 'problem', problem: { type: PROBLEM_TYPE_BASE + code.replace(/_/g, '-'), title, status, detail, instance } }));
          return reply;
        }
      },
    );
  };
}
