import type { ServiceContext } from '../platform/context.js';
import { eventParams } from '../events/events.schemas.js';
import { commonProblems, describePermission, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './insights.schemas.js';
import * as insights from './insights.service.js';

const tags = ['Insights'];
const NOTHING_PRIVATE =
  'Never a private note, a contact detail, or what became of one request to meet (requests are counted, accepted ones apart); people who did not say yes to being named are "Attendee N", with no id.';
/** Downloads are not to be sniffed or run: an SVG opened on its own runs no script and loads nothing. */
const DOWNLOAD_HEADERS = {
  'cache-control': 'private, no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
};

export function insightsRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/events/:eventId/insights',
      {
        schema: {
          tags,
          summary: 'The organizers’ insights: figures and the who-met-whom picture, laid out',
          description: describePermission('insights.read', `Organizers only. ${NOTHING_PRIVATE}`),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.insights, ...commonProblems },
        },
      },
      async (request) => insights.eventInsights(ctx, request.actor, request.params.eventId),
    );
    app.get(
      '/api/events/:eventId/insights/picture.svg',
      {
        schema: {
          tags,
          summary: 'The who-met-whom picture as an SVG file',
          description: describePermission('insights.read', `Organizers only. \`image/svg+xml\`. ${NOTHING_PRIVATE}`),
          security: signedIn,
          params: eventParams,
          response: commonProblems,
        },
      },
      async (request, reply) => {
        const { svg, slug } = await insights.insightsPictureSvg(ctx, request.actor, request.params.eventId);
        return reply
          .type('image/svg+xml; charset=utf-8')
          .headers({ ...DOWNLOAD_HEADERS, 'content-disposition': `attachment; filename="who-met-whom-${slug}.svg"` })
          .send(svg as never);
      },
    );
    app.get(
      '/api/events/:eventId/insights/figures.csv',
      {
        schema: {
          tags,
          summary: 'The insights’ figures as a CSV file (section, subject, measure, value)',
          description: describePermission(
            'insights.read',
            `Organizers only. \`text/csv\`; a cell starting with = + - @, a tab or a carriage return starts with an apostrophe, so no spreadsheet runs it. ${NOTHING_PRIVATE}`,
          ),
          security: signedIn,
          params: eventParams,
          response: commonProblems,
        },
      },
      async (request, reply) => {
        const { csv, slug } = await insights.insightsFiguresCsv(ctx, request.actor, request.params.eventId);
        return reply
          .type('text/csv; charset=utf-8')
          .headers({ ...DOWNLOAD_HEADERS, 'content-disposition': `attachment; filename="insights-${slug}.csv"` })
          .send(csv as never);
      },
    );
    app.get(
      '/api/events/:eventId/me/insights-consent',
      {
        schema: {
          tags,
          summary: 'Whether I let the organizers show my name in the who-met-whom picture',
          description: describePermission('insights.consent', 'Members only; no unless I said yes.'),
          security: signedIn,
          params: eventParams,
          response: { 200: schemas.insightsConsent, ...commonProblems },
        },
      },
      async (request) => insights.myInsightsConsent(ctx, request.actor, request.params.eventId),
    );
    app.put(
      '/api/events/:eventId/me/insights-consent',
      {
        schema: {
          tags,
          summary: 'Let the organizers show my name in the who-met-whom picture, or stop it',
          description: describePermission('insights.consent', 'Members only. Without it I am "Attendee N" there, with no initials.'),
          security: signedIn,
          params: eventParams,
          body: schemas.insightsConsentBody,
          response: { 200: schemas.insightsConsent, ...commonProblems },
        },
      },
      async (request) => insights.setMyInsightsConsent(ctx, request.actor, request.params.eventId, request.body.named),
    );
  };
}
