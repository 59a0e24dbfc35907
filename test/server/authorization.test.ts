/**
 * The authorization suite, generated from the OpenAPI document: every operation the server
 * documents gets its own test, so a route is covered the day it is added. It fails for a route
 * it does not know how to call; teach it here (parameter values, body synthesis), never skip.
 *
 * Per operation:
 * - non-public: 401 problem+json without credentials, data unchanged;
 * - public: only capability parameters in its path (see below);
 * - with a path parameter naming a resource of event E: a signed-in STRANGER (who organizes
 *   another event F) gets 404 with the same body as for random ids, and a write changes nothing;
 *   the same with E's resources addressed through F (a cross-event id);
 * - organizer-only permission: an ATTENDEE of E gets 404 with the same body, data unchanged;
 * - a permission the MEMBER lacks on a resource they are part of (withdrawing an introduction
 *   of them, setting aside their own ask): 404 with the same body, data unchanged;
 * - with a capability parameter: a value one does not hold answers 404, data unchanged.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { permissions } from '../../src/server/platform/access.js';
import { call, createTestApp, sampleEvent, type Person, type TestApp } from '../support/app.js';
import { clearRateLimits, requestBookkeeping, snapshotDatabase } from '../support/database.js';
import { storageEngines } from '../support/engines.js';
import { meet } from '../support/encounters.js';
import {
  fillPath,
  listOperations,
  pathTemplateNames,
  readDocument,
  type JsonSchema,
  type OpenApiDocument,
  type OpenApiOperation,
  type Operation,
} from '../support/openapi.js';
import { createPeople, joinWith } from '../support/people.js';

/**
 * Path parameters whose value is itself the permission to act, so holding one is enough.
 * `token`: an invite link's token. Whoever holds the link may see what it leads to (public
 * preview) and join the event as an attendee; that is what an invite is for. A stranger holding
 * E's token may therefore join E, so the stranger check does not apply; instead the suite checks
 * that a token one does not hold is refused like a resource that does not exist.
 */
const capabilityParameters: Record<string, string> = {
  token: 'an invite token: holding the link is the permission to preview and join',
  feedToken: 'a calendar subscription secret: calendar apps fetch the feed with the link alone',
};

/** Permissions an attendee never has: operations stating them answer 404 to attendees. */
const organizerOnlyPermissions = ['event.manage', 'post.publish', 'post.edit', 'post.moderate', 'comment.moderate', 'insights.read', 'event.transfer', 'audit.read', 'attendee.import', 'attendee.checkIn'];

/**
 * Permissions the fixture's member lacks on resources they are part of: the member is one of the
 * two introduced but not the introducer (who alone may withdraw), and the one who asked but not
 * the one asked (who alone may set the ask aside). Operations stating them answer 404 to the
 * member, with the same body as for ids that name nothing.
 */
const memberLacksPermissions: Record<string, string> = {
  'intro.withdraw': 'the member was introduced; only the introducer (the owner) may withdraw',
  'ask.respond': 'the member asked; only the one asked (the owner) may answer',
  'comment.edit': 'the comment is the owner’s; only its author may change or delete it',
};

/** Rate-limit counters and "last used" stamps may change on a denied request; nothing else may. */
const bookkeeping = requestBookkeeping;

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

class CannotCall extends Error {}

function cannotCall(op: Operation, reason: string): never {
  throw new CannotCall(
    `authorization suite does not know how to call ${op.method} ${op.path}: ${reason} — teach it in test/server/authorization.test.ts`,
  );
}

// ---------------------------------------------------------------------------------------------
// Request bodies: a valid sample from the JSON schema

/** Every date-time in a body is this instant, so any ordering rule (ends ≥ starts) holds. */
const SAME_INSTANT = '2026-10-01T17:00:00Z';

/**
 * Plain strings tried in order until one fits the length and pattern. The document cannot
 * express zod refinements (a time zone is just `string, maxLength 64`), so the first candidate
 * is one that also passes the refinements in use: "UTC" is a valid name, text and time zone.
 */
const STRING_CANDIDATES = ['UTC', 'utc', 'sample', '0123456789', 'sample text', 'a', '0'];

function sampleString(schema: JsonSchema, at: string): string {
  const minLength: number = schema.minLength ?? 0;
  const maxLength: number = schema.maxLength ?? Infinity;
  const pattern = schema.pattern ? new RegExp(schema.pattern) : undefined;
  const fits = (value: string) =>
    value.length >= minLength && value.length <= maxLength && (!pattern || pattern.test(value));
  if (schema.format !== undefined) {
    const byFormat: Record<string, () => string> = {
      email: () => `person.${randomBytes(4).toString('hex')}@example.org`,
      'date-time': () => SAME_INSTANT,
      date: () => SAME_INSTANT.slice(0, 10),
      uuid: () => randomUUID(),
      uri: () => 'https://example.org/',
      url: () => 'https://example.org/',
    };
    const make = byFormat[schema.format];
    if (!make) throw new CannotCall(`string format "${schema.format}" at ${at}`);
    const value = make();
    if (!fits(value)) throw new CannotCall(`a ${schema.format} string that fits the length and pattern at ${at}`);
    return value;
  }
  for (const candidate of STRING_CANDIDATES) {
    const padded = candidate.padEnd(minLength, candidate.at(-1));
    if (fits(padded)) return padded;
  }
  throw new CannotCall(`a string matching ${schema.pattern ?? '(no pattern)'} of length ${minLength}…${maxLength} at ${at}`);
}

function sampleNumber(schema: JsonSchema, integer: boolean, at: string): number {
  if (schema.multipleOf !== undefined && schema.multipleOf !== 1) throw new CannotCall(`multipleOf at ${at}`);
  const step = integer ? 1 : 0.5;
  const low = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + step : undefined);
  const high = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - step : undefined);
  const value = low ?? (high !== undefined && high < 1 ? high : 1);
  if ((low !== undefined && value < low) || (high !== undefined && value > high)) {
    throw new CannotCall(`a number between ${low} and ${high} at ${at}`);
  }
  return integer ? Math.ceil(value) : value;
}

function sampleValue(schema: JsonSchema, document: OpenApiDocument, at: string): unknown {
  if (typeof schema.$ref === 'string') {
    const name = /^#\/components\/schemas\/(.+)$/.exec(schema.$ref)?.[1];
    const target = name ? document.components?.schemas?.[name] : undefined;
    if (!target) throw new CannotCall(`unresolvable $ref ${schema.$ref} at ${at}`);
    return sampleValue(target, document, at);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (Array.isArray(schema.examples) && schema.examples.length > 0) return schema.examples[0];
  if ('default' in schema) return schema.default;
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (!Array.isArray(schema[key])) continue;
    const reasons: string[] = [];
    for (const option of schema[key] as JsonSchema[]) {
      try {
        return sampleValue(option, document, at);
      } catch (error) {
        if (!(error instanceof CannotCall)) throw error;
        reasons.push(error.message);
      }
    }
    throw new CannotCall(`no option of ${key} at ${at} (${reasons.join('; ')})`);
  }
  if (Array.isArray(schema.allOf)) {
    if (schema.allOf.length === 1) return sampleValue(schema.allOf[0], document, at);
    throw new CannotCall(`allOf with several schemas at ${at}`);
  }
  const types: string[] = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const type = types.find((candidate) => candidate !== 'null') ?? types[0];
  switch (type) {
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const key of (schema.required ?? []) as string[]) {
        const property = schema.properties?.[key];
        if (!property) throw new CannotCall(`required property "${key}" without a schema at ${at}`);
        result[key] = sampleValue(property, document, `${at}/${key}`);
      }
      if ((schema.minProperties ?? 0) > Object.keys(result).length) throw new CannotCall(`minProperties at ${at}`);
      return result;
    }
    case 'array': {
      if (Array.isArray(schema.prefixItems)) {
        // A tuple: one value per position (e.g. the two people of an introduction).
        if ((schema.minItems ?? 0) > schema.prefixItems.length) throw new CannotCall(`more items than the tuple has at ${at}`);
        const items = (schema.prefixItems as JsonSchema[]).map((item, i) => sampleValue(item, document, `${at}/${i}`));
        if (new Set(items.map((item) => JSON.stringify(item))).size < items.length) throw new CannotCall(`distinct tuple items at ${at}`);
        return items;
      }
      const count: number = schema.minItems ?? 0;
      if (count > 0 && !schema.items) throw new CannotCall(`array items without a schema at ${at}`);
      const items = Array.from({ length: count }, (_, i) => sampleValue(schema.items, document, `${at}/${i}`));
      if (schema.uniqueItems && new Set(items.map((item) => JSON.stringify(item))).size < items.length) {
        throw new CannotCall(`unique array items at ${at}`);
      }
      return items;
    }
    case 'string':
      return sampleString(schema, at);
    case 'integer':
      return sampleNumber(schema, true, at);
    case 'number':
      return sampleNumber(schema, false, at);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case undefined:
      if (Object.keys(schema).every((key) => key.startsWith('$') || key === 'description')) return null;
      throw new CannotCall(`a schema without a type at ${at}: ${JSON.stringify(schema)}`);
    default:
      throw new CannotCall(`type "${type}" at ${at}`);
  }
}

function sampleBody(op: Operation, document: OpenApiDocument): unknown {
  const requestBody = op.operation.requestBody;
  if (!requestBody) return undefined;
  const schema = requestBody.content?.['application/json']?.schema;
  if (!schema) cannotCall(op, `a request body of type ${Object.keys(requestBody.content ?? {}).join(', ') || '(none)'}`);
  try {
    return sampleValue(schema, document, '/body');
  } catch (error) {
    if (error instanceof CannotCall) cannotCall(op, `cannot synthesize a body: ${error.message}`);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Fixture and parameter values

interface Fixture {
  owner: Person;
  /** An attendee of E, who joined through E's invite; the owner and the member met at E. */
  member: Person;
  /** Signed in, organizes F, has nothing to do with E (met nobody, introduced to nobody). */
  stranger: Person;
  event: { id: string };
  strangerEvent: { id: string };
  invite: { id: string; token: string };
  ownerApiToken: { id: string };
  slot: { id: string };
  table: { id: string };
  /** The owner asked the member to meet; the member accepted. */
  meetingRequest: { id: string };
  meeting: { id: string };
  /** A draft mixer of the owner and the member. */
  mixer: { id: string };
  feedToken: string;
  /** The owner introduced the member to X, another attendee of E the owner met. */
  introduction: { id: string };
  /** The member asked the owner whom to meet. */
  ask: { id: string };
  /** The owner's post in E, with a comment of the owner's under it. */
  post: { id: string };
  comment: { id: string };
}

const HOUR_MS = 3_600_000;
/** Longer than the default introduction cool-down (24 hours): the owner may introduce whom they met. */
const COOLDOWN_PASSED_MS = 25 * HOUR_MS;

async function createFixture(t: TestApp): Promise<Fixture> {
  const [owner, member, stranger, x] = await createPeople(t, ['Olive Owner', 'Milo Member', 'Sam Stranger', 'Xia Attendee']);
  // Every fixture moves the shared clock on by the cool-down, so the events are dated from the
  // clock rather than on fixed days, which the clock would pass after a hundred-odd operations.
  const startsAt = new Date(Math.ceil((t.clock.now().getTime() + 120 * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS);
  const at = (minutes: number) => new Date(startsAt.getTime() + minutes * 60_000).toISOString();
  const dated = (name: string) => sampleEvent({ name, startsAt: at(0), endsAt: at(240) });
  const event = await call(t.app, owner!, 'POST', '/api/events', dated('Event E'));
  const strangerEvent = await call(t.app, stranger!, 'POST', '/api/events', dated('Event F'));
  const invite = await call(t.app, owner!, 'POST', `/api/events/${event.body.id}/invites`, {});
  const ownerApiToken = await call(t.app, owner!, 'POST', '/api/me/tokens', { name: 'laptop' });
  if ([event, strangerEvent, invite, ownerApiToken].some((r) => r.status !== 201)) {
    throw new Error(`fixture failed: ${JSON.stringify([event, strangerEvent, invite, ownerApiToken].map((r) => r.body))}`);
  }
  await joinWith(t, member!, invite.body.token);
  await joinWith(t, x!, invite.body.token);
  const e = event.body.id as string;
  // Met before any meeting is planned, so that the meeting below stays a planned one.
  await meet(t, e, owner!, member!);
  await meet(t, e, owner!, x!);
  t.clock.advance(COOLDOWN_PASSED_MS);
  const introduction = await call(t.app, owner!, 'POST', '/api/me/introductions', { personIds: [member!.id, x!.id], why: 'You both run meetups' });
  const ask = await call(t.app, member!, 'POST', '/api/me/asks', { personId: owner!.id, topic: 'community building' });
  const slot = await call(t.app, owner!, 'POST', `/api/events/${e}/slots`, { startsAt: at(60), endsAt: at(80) });
  const table = await call(t.app, owner!, 'POST', `/api/events/${e}/tables`, { label: 'Table 1' });
  const meetingRequest = await call(t.app, owner!, 'POST', `/api/events/${e}/meeting-requests`, { inviteeId: member!.id, note: 'Hello' });
  const meeting = await call(t.app, member!, 'POST', `/api/events/${e}/meeting-requests/${meetingRequest.body?.id}/accept`);
  const feed = await call(t.app, owner!, 'POST', '/api/me/calendar-feed');
  const mixer = await call(t.app, owner!, 'POST', `/api/events/${e}/mixers`, {
    participants: { userIds: [owner!.id, member!.id] },
    tableSize: 2,
    rounds: 1,
    minutesPerRound: 5,
  });
  const post = await call(t.app, owner!, 'POST', `/api/events/${e}/posts`, { title: 'Welcome', body: 'Coffee at the back' });
  const comment = await call(t.app, owner!, 'POST', `/api/events/${e}/posts/${post.body?.id}/comments`, { body: 'Tea too' });
  const created = [introduction, ask, slot, table, meetingRequest, feed, mixer, post, comment];
  if (created.some((r) => r.status !== 201) || meeting.status !== 200) {
    throw new Error(`fixture failed: ${JSON.stringify([...created, meeting].map((r) => [r.status, r.body]))}`);
  }
  return {
    mixer: mixer.body,
    slot: slot.body,
    table: table.body[0],
    meetingRequest: meetingRequest.body,
    meeting: meeting.body,
    feedToken: `${(feed.body.url as string).split('/').pop()}`,
    owner: owner!,
    member: member!,
    stranger: stranger!,
    event: event.body,
    strangerEvent: strangerEvent.body,
    invite: invite.body,
    ownerApiToken: ownerApiToken.body,
    introduction: introduction.body,
    ask: ask.body,
    post: post.body,
    comment: comment.body,
  };
}

interface ParameterKnowledge {
  /** The value naming one of E's resources. */
  ofEvent(f: Fixture): string;
  /** A value naming nothing. */
  random(): string;
}

/** The path parameters the suite knows how to fill. */
const knownParameters: Record<string, ParameterKnowledge> = {
  eventId: { ofEvent: (f) => f.event.id, random: randomUUID },
  userId: { ofEvent: (f) => f.member.id, random: randomUUID },
  inviteId: { ofEvent: (f) => f.invite.id, random: randomUUID },
  tokenId: { ofEvent: (f) => f.ownerApiToken.id, random: randomUUID },
  token: { ofEvent: (f) => f.invite.token, random: () => randomBytes(18).toString('base64url') },
  slotId: { ofEvent: (f) => f.slot.id, random: randomUUID },
  tableId: { ofEvent: (f) => f.table.id, random: randomUUID },
  requestId: { ofEvent: (f) => f.meetingRequest.id, random: randomUUID },
  meetingId: { ofEvent: (f) => f.meeting.id, random: randomUUID },
  mixerId: { ofEvent: (f) => f.mixer.id, random: randomUUID },
  feedToken: { ofEvent: (f) => f.feedToken, random: () => `cal_${randomBytes(24).toString('base64url')}.ics` },
  introductionId: { ofEvent: (f) => f.introduction.id, random: randomUUID },
  askId: { ofEvent: (f) => f.ask.id, random: randomUUID },
  postId: { ofEvent: (f) => f.post.id, random: randomUUID },
  commentId: { ofEvent: (f) => f.comment.id, random: randomUUID },
};

interface CallPlan {
  pathParameters: string[];
  body: unknown;
}

function planCall(op: Operation, document: OpenApiDocument): CallPlan {
  const parameters = op.operation.parameters ?? [];
  const pathParameters = parameters.filter((p) => p.in === 'path').map((p) => p.name);
  for (const name of pathParameters) {
    if (!knownParameters[name]) cannotCall(op, `unknown parameter ${name}`);
  }
  for (const parameter of parameters) {
    if (parameter.in !== 'path' && parameter.required) cannotCall(op, `unknown parameter ${parameter.name}`);
  }
  for (const name of pathTemplateNames(op.path)) {
    if (!pathParameters.includes(name)) cannotCall(op, `unknown parameter ${name}`);
  }
  return { pathParameters, body: sampleBody(op, document) };
}

type Values = Record<string, string>;

function urlOf(op: Operation, values: Values): string {
  return fillPath(op.path, values);
}

function valuesOf(plan: CallPlan, pick: (name: string, knowledge: ParameterKnowledge) => string): Values {
  return Object.fromEntries(plan.pathParameters.map((name) => [name, pick(name, knownParameters[name]!)]));
}

const withoutInstance = (body: Record<string, unknown>) => {
  const { instance: _instance, ...rest } = body;
  return rest;
};

// ---------------------------------------------------------------------------------------------

const engines = storageEngines();
// The list of operations has to exist before `describe` so that each one gets its own `it`.
const documentApp = await createTestApp(engines[0]!);
const document = await readDocument(documentApp);
const operations = listOperations(document);

afterAll(async () => {
  await documentApp.close();
});

describe('the suite itself', () => {
  const operation = (path: string, extra: Partial<OpenApiOperation> = {}): Operation => ({
    method: 'POST',
    path,
    operation: { security: [{ session: [] }], ...extra },
    isPublic: false,
    permission: 'event.read',
  });

  it('refuses to guess a path parameter it does not know', () => {
    const op = operation('/api/events/{eventId}/widgets/{widgetId}', {
      parameters: [
        { name: 'eventId', in: 'path', required: true },
        { name: 'widgetId', in: 'path', required: true },
      ],
    });
    expect(() => planCall(op, document)).toThrow(
      'authorization suite does not know how to call POST /api/events/{eventId}/widgets/{widgetId}: unknown parameter widgetId — teach it in test/server/authorization.test.ts',
    );
  });

  it('refuses a body it cannot synthesize', () => {
    const body = (schema: JsonSchema) =>
      operation('/api/things', { requestBody: { required: true, content: { 'application/json': { schema } } } });
    const refuse = (schema: JsonSchema) =>
      expect(() => planCall(body(schema), document)).toThrow(/does not know how to call POST \/api\/things: cannot synthesize a body/);
    refuse({ type: 'object', properties: { at: { type: 'string', format: 'ipv6' } }, required: ['at'] });
    refuse({ type: 'object', properties: { code: { type: 'string', pattern: '^[A-Z]{3}-\\d{4}$' } }, required: ['code'] });
    refuse({ type: 'object', required: ['undeclared'] });
    expect(() =>
      planCall(operation('/api/things', { requestBody: { content: { 'multipart/form-data': { schema: {} } } } }), document),
    ).toThrow(/does not know how to call POST \/api\/things: a request body of type multipart\/form-data/);
  });

  it('synthesizes valid bodies from constraints', () => {
    const schema = {
      type: 'object',
      properties: {
        email: { type: 'string', format: 'email' },
        startsAt: { type: 'string', format: 'date-time' },
        endsAt: { type: 'string', format: 'date-time' },
        slug: { type: 'string', minLength: 3, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' },
        count: { type: 'integer', minimum: 5, maximum: 9 },
        kind: { type: 'string', enum: ['b', 'a'] },
        tags: { type: 'array', minItems: 2, items: { type: 'string', maxLength: 4 } },
        contact: { $ref: '#/components/schemas/ContactDetailsInput' },
        pair: { type: 'array', prefixItems: [{ type: 'string', format: 'uuid' }, { type: 'string', format: 'uuid' }], items: false, minItems: 2, maxItems: 2 },
        optional: { type: 'string' },
      },
      required: ['email', 'startsAt', 'endsAt', 'slug', 'count', 'kind', 'tags', 'contact', 'pair'],
    };
    const plan = planCall(
      operation('/api/things', { requestBody: { required: true, content: { 'application/json': { schema } } } }),
      document,
    );
    expect(plan.body).toMatchObject({ startsAt: SAME_INSTANT, endsAt: SAME_INSTANT, slug: 'utc', count: 5, kind: 'b', tags: ['UTC', 'UTC'] });
    expect((plan.body as { email: string }).email).toMatch(/^[^@\s]+@example\.org$/);
    expect(plan.body).toHaveProperty('contact.links', []);
    const pair = (plan.body as { pair: string[] }).pair;
    expect(pair).toHaveLength(2);
    expect(pair[0]).not.toBe(pair[1]);
    expect(plan.body).not.toHaveProperty('optional');
  });
});

describe.each(engines)('authorization of every documented operation on %s', (engine) => {
  let t: TestApp;
  let fixture: Promise<Fixture> | undefined;
  beforeAll(async () => {
    t = engine === engines[0] ? documentApp : await createTestApp(engine);
  });
  afterAll(async () => {
    if (t && t !== documentApp) await t.close();
  });

  it('finds the operations in the document', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations.map((op) => `${op.method} ${op.path}`)).toContain('GET /api/events/{eventId}');
  });

  /** Calls the operation and, for a write, proves the database is exactly as before. */
  async function deniedCall(op: Operation, who: Person | undefined, values: Values, body: unknown, label: string) {
    const isWrite = WRITE_METHODS.has(op.method);
    const before = isWrite ? await snapshotDatabase(t.ctx.db, bookkeeping) : undefined;
    const response = await call(t.app, who, op.method, urlOf(op, values), body);
    expect(response.status, `${label}: was let through (${JSON.stringify(response.body)?.slice(0, 300)})`).toBeGreaterThanOrEqual(400);
    expect(response.headers['content-type'], `${label}: content type`).toMatch(/^application\/problem\+json/);
    if (response.status === 400 && response.body?.type?.endsWith('/validation')) {
      throw new Error(
        `${label}: the synthesized request was rejected as invalid (${JSON.stringify(response.body.errors)}) — teach the suite in test/server/authorization.test.ts`,
      );
    }
    if (before) expect(await snapshotDatabase(t.ctx.db, bookkeeping), `${label}: data changed`).toEqual(before);
    return response;
  }

  /** 404 with exactly the body of a call about resources that do not exist. */
  async function expectNotFoundLikeNothing(op: Operation, plan: CallPlan, who: Person, values: Values, label: string) {
    const denied = await deniedCall(op, who, values, plan.body, label);
    const random = valuesOf(plan, (_, knowledge) => knowledge.random());
    const nothing = await deniedCall(op, who, random, plan.body, `${label} (random ids)`);
    expect(nothing.status, `${label}: status for random ids`).toBe(404);
    expect(denied.status, `${label}: status`).toBe(404);
    expect(denied.body.detail, `${label}: the route itself is missing`).not.toBe('There is no such route.');
    expect(withoutInstance(denied.body), `${label}: body differs from a call about nothing`).toEqual(
      withoutInstance(nothing.body),
    );
  }

  for (const op of operations) {
    it(`${op.method} ${op.path}`, async () => {
      const plan = planCall(op, document);
      const capabilities = plan.pathParameters.filter((name) => name in capabilityParameters);
      const eventScoped = plan.pathParameters.filter((name) => !(name in capabilityParameters));

      if (op.isPublic) {
        // A public operation may only be reached through a capability one holds.
        expect(eventScoped, `public ${op.method} ${op.path} takes parameters that are not capabilities`).toEqual([]);
      } else {
        expect(op.permission, `${op.method} ${op.path} does not state its permission (describePermission)`).toBeDefined();
        expect(permissions as readonly string[], `${op.method} ${op.path}: unknown permission`).toContain(op.permission);
      }

      // One fixture serves every operation: each call below is refused, and each refused write is
      // proven to change nothing, so the next operation finds the fixture as it was made. Only the
      // rate-limit counters, which count refused attempts too, start afresh.
      await clearRateLimits(t.ctx.db);
      fixture ??= createFixture(t);
      const f = await fixture;
      const ofEvent = valuesOf(plan, (_, knowledge) => knowledge.ofEvent(f));

      if (!op.isPublic) {
        const anonymous = await deniedCall(op, undefined, ofEvent, plan.body, 'without credentials');
        expect(anonymous.status, 'without credentials').toBe(401);
        expect(anonymous.body).toMatchObject({ status: 401, title: expect.any(String), detail: expect.any(String) });
      }

      if (capabilities.length > 0) {
        // Not holding the capability: everything else is E's, the capability is made up.
        const values = { ...ofEvent, ...valuesOf({ ...plan, pathParameters: capabilities }, (_, k) => k.random()) };
        const refused = await deniedCall(op, f.stranger, values, plan.body, 'stranger without the capability');
        expect(refused.status, 'stranger without the capability').toBe(404);
      } else if (eventScoped.length > 0) {
        await expectNotFoundLikeNothing(op, plan, f.stranger, ofEvent, 'stranger with E’s ids');
        if (plan.pathParameters.includes('eventId') && eventScoped.length > 1) {
          // E's resources addressed through the stranger's own event F.
          const crossEvent = { ...ofEvent, eventId: f.strangerEvent.id };
          await expectNotFoundLikeNothing(op, plan, f.stranger, crossEvent, 'stranger with E’s ids under F');
        }
      }

      if (op.permission && organizerOnlyPermissions.includes(op.permission)) {
        if (eventScoped.length === 0) cannotCall(op, `organizer-only (${op.permission}) without an event in its path`);
        await expectNotFoundLikeNothing(op, plan, f.member, ofEvent, 'attendee of E');
      }

      if (op.permission && op.permission in memberLacksPermissions) {
        if (eventScoped.length === 0) cannotCall(op, `${op.permission} without a resource in its path`);
        await expectNotFoundLikeNothing(op, plan, f.member, ofEvent, `member (${memberLacksPermissions[op.permission]})`);
      }
    });
  }
});
