import { vcardFileName } from '../../core/vcard/vcard.js';
import type { ServiceContext } from '../platform/context.js';
import { commonProblems, describePermission, signedIn, type TypedApp } from '../platform/http.js';
import * as schemas from './memory.schemas.js';
import * as memory from './memory.service.js';

const tags = ['My people'];
const VCARD_TYPE = 'text/vcard; charset=utf-8';
const MINE = 'Only I ever see what I keep of my people: not they, not other attendees, not organizers.';
const MY_PEOPLE = 'Someone I met in person (at any event) or was connected with by an introduction; anyone else answers 404.';

export function memoryRoutes(ctx: ServiceContext) {
  return async function plugin(app: TypedApp) {
    app.get(
      '/api/me/people',
      {
        schema: {
          tags,
          summary: 'My people: everyone I met or was introduced to, across events, with what I keep of them',
          description: describePermission('account.manage', `${MINE} Newest first; with \`q\`, best matches first.`),
          security: signedIn,
          querystring: schemas.peopleQuery,
          response: { 200: schemas.peopleList, ...commonProblems },
        },
      },
      async (request) => memory.listMyPeople(ctx, request.actor, request.query),
    );
    app.get(
      '/api/me/follow-ups',
      {
        schema: {
          tags,
          summary: 'The follow-up digest: who is due (oldest first) and who is due within a week',
          description: describePermission('account.manage', MINE),
          security: signedIn,
          querystring: schemas.timeZoneQuery,
          response: { 200: schemas.followUpDigest, ...commonProblems },
        },
      },
      async (request) => memory.followUpDigest(ctx, request.actor, request.query.timeZone),
    );
    app.get(
      '/api/me/contacts.vcf',
      {
        schema: {
          tags,
          summary: 'Everyone who exchanged contact details with me, as one vCard 4.0 file',
          description: describePermission('account.manage', `${MINE} \`text/vcard\`; only details both of us chose to share.`),
          security: signedIn,
          response: commonProblems,
        },
      },
      async (request, reply) => {
        const text = await memory.exchangedVCards(ctx, request.actor);
        return reply
          .type(VCARD_TYPE)
          .header('content-disposition', 'attachment; filename="common-ground-contacts.vcf"')
          .header('cache-control', 'private, no-store')
          .send(text as never);
      },
    );
    app.get(
      '/api/me/people/:userId',
      {
        schema: {
          tags,
          summary: 'One of my people: where we met, my notes, tags and follow-up, and our contact exchange',
          description: describePermission('person.remember', `${MY_PEOPLE} ${MINE} Their contact details show only once both of us shared.`),
          security: signedIn,
          params: schemas.personParams,
          querystring: schemas.timeZoneQuery,
          response: { 200: schemas.personDetail, ...commonProblems },
        },
      },
      async (request) => memory.getMyPerson(ctx, request.actor, request.params.userId, request.query.timeZone),
    );
    app.patch(
      '/api/me/people/:userId/memory',
      {
        schema: {
          tags,
          summary: 'Change my private note, tags, "what do they care about?" or follow-up day for one of my people',
          description: describePermission('person.remember', `${MY_PEOPLE} ${MINE} Fields left out stay as they were.`),
          security: signedIn,
          params: schemas.personParams,
          body: schemas.memoryBody,
          response: { 200: schemas.personDetail, ...commonProblems },
        },
      },
      async (request) => memory.updateMemory(ctx, request.actor, request.params.userId, request.body, request.body.timeZone),
    );
    app.post(
      '/api/me/people/:userId/in-touch',
      {
        schema: {
          tags,
          summary: 'We were in touch: the follow-up clock starts again from now',
          description: describePermission('person.remember', MY_PEOPLE),
          security: signedIn,
          params: schemas.personParams,
          querystring: schemas.timeZoneQuery,
          response: { 200: schemas.personDetail, ...commonProblems },
        },
      },
      async (request) => memory.markInTouch(ctx, request.actor, request.params.userId, request.query.timeZone),
    );
    app.put(
      '/api/me/people/:userId/contact-share',
      {
        schema: {
          tags,
          summary: 'Share chosen contact details with one of my people (they see them once they share theirs)',
          description: describePermission(
            'contact.share',
            `${MY_PEOPLE} The details come from my profile. They are told that I would like to exchange (at most once a week, however often I stop and start); ` +
              'they see my details only while both of us share. At most 20 changes a day per person (429).',
          ),
          security: signedIn,
          params: schemas.personParams,
          querystring: schemas.timeZoneQuery,
          body: schemas.shareBody,
          response: { 200: schemas.personDetail, ...commonProblems },
        },
      },
      async (request) => memory.shareContacts(ctx, request.actor, request.params.userId, request.body, request.query.timeZone),
    );
    app.delete(
      '/api/me/people/:userId/contact-share',
      {
        schema: {
          tags,
          summary: 'Stop sharing my contact details with them: from now on neither of us sees the other’s',
          description: describePermission('contact.share', `${MY_PEOPLE} They are not told.`),
          security: signedIn,
          params: schemas.personParams,
          querystring: schemas.timeZoneQuery,
          response: { 200: schemas.personDetail, ...commonProblems },
        },
      },
      async (request) => memory.revokeContacts(ctx, request.actor, request.params.userId, request.query.timeZone),
    );
    app.get(
      '/api/me/people/:userId/vcard',
      {
        schema: {
          tags,
          summary: 'One of my people as a vCard 4.0 file: name, headline, where we met, and the details we exchanged',
          description: describePermission('person.remember', `${MY_PEOPLE} \`text/vcard\`.`),
          security: signedIn,
          params: schemas.personParams,
          response: commonProblems,
        },
      },
      async (request, reply) => {
        const { name, vcard } = await memory.personVCard(ctx, request.actor, request.params.userId);
        return reply
          .type(VCARD_TYPE)
          .header('content-disposition', `attachment; filename="${vcardFileName(name)}"`)
          .header('cache-control', 'private, no-store')
          .send(vcard as never);
      },
    );
  };
}
