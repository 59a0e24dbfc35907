import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, problemSchema, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './introductions.schemas.js';
import * as introductions from './introductions.service.js';

const tags = ['Introductions'];
const withRules = { ...commonProblems, 409: problemSchema, 422: problemSchema };
const withConflict = { ...commonProblems, 409: problemSchema };
const THE_TWO = 'The two people introduced, once it reached them; anyone else (the introducer too) answers 404.';

export function introductionsRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.post(
      '/api/me/introductions',
      {
        schema: {
          tags,
          summary: 'Introduce two people I met to each other (both must accept)',
          description: describePermission(
            'intro.propose',
            'Any signed-in person, under rules each refusal explains: I met both in person (422 otherwise); the later of my first ' +
              'encounters with them is at least the event’s cool-down old (`introductionCooldownHours`, default 24; 409 before); ' +
              `at most ${introductions.DAILY_INTRODUCTIONS} in 24 hours (429 with Retry-After); one waiting introduction of the same two at a time (409). ` +
              'Both are asked privately; it lapses after the event’s `introductionExpiryDays` (default 14).',
          ),
          security: signedIn,
          body: schemas.introductionBody,
          response: { 201: schemas.introductionByMe, ...withRules },
        },
      },
      async (request, reply) => reply.code(201).send(await introductions.proposeIntroduction(ctx, request.actor, request.body)),
    );
    app.get(
      '/api/me/introductions',
      {
        schema: {
          tags,
          summary: 'Introductions I proposed (what came of them) and those proposed to me (with my own answer)',
          description: describePermission('account.manage', 'Mine only. Nobody ever sees another person’s answer.'),
          security: signedIn,
          response: { 200: schemas.introductionsList, ...commonProblems },
        },
      },
      async (request) => introductions.listIntroductions(ctx, request.actor),
    );
    app.get(
      '/api/me/introductions/:introductionId',
      {
        schema: {
          tags,
          summary: 'An introduction proposed to me',
          description: describePermission('intro.respond', THE_TWO),
          security: signedIn,
          params: schemas.introductionParams,
          response: { 200: schemas.introductionForMe, ...commonProblems },
        },
      },
      async (request) => introductions.getIntroductionForMe(ctx, request.actor, request.params.introductionId),
    );
    for (const answer of ['accept', 'decline'] as const) {
      app.post(
        `/api/me/introductions/:introductionId/${answer}`,
        {
          schema: {
            tags,
            summary:
              answer === 'accept'
                ? 'Accept an introduction: once the other accepts too, we are connected'
                : 'Decline an introduction: nobody is told, it simply does not come about',
            description: describePermission(
              'intro.respond',
              `${THE_TWO} Private: the other person and the introducer never see it. 409 when it is no longer waiting.` +
                (answer === 'accept' ? ' Both accepting at once connects them once.' : ''),
            ),
            security: signedIn,
            params: schemas.introductionParams,
            response: { 200: schemas.introductionForMe, ...withConflict },
          },
        },
        async (request) =>
          introductions.answerIntroduction(ctx, request.actor, request.params.introductionId, answer === 'accept' ? 'accepted' : 'declined'),
      );
    }
    app.post(
      '/api/me/introductions/:introductionId/withdraw',
      {
        schema: {
          tags,
          summary: 'Withdraw an introduction I proposed that is still waiting',
          description: describePermission('intro.withdraw', 'Its introducer only; anyone else answers 404. 409 when it is no longer waiting.'),
          security: signedIn,
          params: schemas.introductionParams,
          response: { 200: schemas.introductionByMe, ...withConflict },
        },
      },
      async (request) => introductions.withdrawIntroduction(ctx, request.actor, request.params.introductionId),
    );

    app.post(
      '/api/me/asks',
      {
        schema: {
          tags,
          summary: 'Ask someone I met: who should I meet about …?',
          description: describePermission(
            'ask.create',
            `Someone I met in person; anyone else answers 404. At most ${introductions.DAILY_ASKS} in 24 hours (429 with Retry-After), ` +
              'one waiting ask per person (409). They may answer with an introduction; if they let it lapse instead, it reads as waiting until it expires (14 days).',
          ),
          security: signedIn,
          body: schemas.askBody,
          response: { 201: schemas.askSent, ...withConflict },
        },
      },
      async (request, reply) => reply.code(201).send(await introductions.createAsk(ctx, request.actor, request.body)),
    );
    app.get(
      '/api/me/asks',
      {
        schema: {
          tags,
          summary: 'Asks I sent and asks I received',
          description: describePermission('account.manage', 'Mine only.'),
          security: signedIn,
          response: { 200: schemas.asksList, ...commonProblems },
        },
      },
      async (request) => introductions.listAsks(ctx, request.actor),
    );
    app.post(
      '/api/me/asks/:askId/set-aside',
      {
        schema: {
          tags,
          summary: 'Let an ask lapse now, without answering (the asker is not told)',
          description: describePermission('ask.respond', 'The person asked; anyone else answers 404. 409 when it is no longer open.'),
          security: signedIn,
          params: schemas.askParams,
          response: { 200: schemas.askReceived, ...withConflict },
        },
      },
      async (request) => introductions.setAskAside(ctx, request.actor, request.params.askId),
    );
  };
}
