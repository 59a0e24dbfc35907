import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, issueSetupToken, resetPassword } from '../../src/server/accounts/accounts.service.js';
import { setupTokens, users } from '../../src/server/platform/db/schema.js';
import { call, cookieOf, createTestApp, signUp, type TestApp } from '../support/app.js';
import { storageEngines } from '../support/engines.js';

describe.each(storageEngines())('accounts on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs up, answers /api/me, signs out', async () => {
    const ana = await signUp(t.app, 'Ana Lima');
    const me = await call(t.app, ana, 'GET', '/api/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: ana.id, name: 'Ana Lima', email: ana.email, isAdmin: false });
    expect(me.body).not.toHaveProperty('passwordHash');
    const out = await call(t.app, ana, 'POST', '/api/auth/sign-out');
    expect(out.status).toBe(204);
    expect((await call(t.app, ana, 'GET', '/api/me')).status).toBe(401);
  });

  it('sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      payload: { email: 'cookie@example.org', name: 'Cookie', password: 'long enough pw' },
    });
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Lax/);
    expect(header).not.toMatch(/Secure/);
  });

  it('refuses a second account with the same email in another case: 409, nothing stored', async () => {
    const first = await signUp(t.app, 'Bo Chen');
    const again = await call(t.app, undefined, 'POST', '/api/auth/sign-up', {
      email: first.email.toUpperCase(),
      name: 'Someone Else',
      password: 'another password',
    });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    const signIn = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: first.email, password: 'another password' });
    expect(signIn.status).toBe(401);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const cy = await signUp(t.app, 'Cy Okafor');
    const wrong = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: cy.email, password: 'not the password' });
    const unknown = await call(t.app, undefined, 'POST', '/api/auth/sign-in', {
      email: 'nobody-here@example.org',
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, instance: undefined });
    expect(strip(wrong.body)).toEqual(strip(unknown.body));
  });

  it('rate-limits sign-in per email with 429 and Retry-After, and lets it through after the window', async () => {
    const dee = await signUp(t.app, 'Dee Park');
    let last;
    for (let i = 0; i < 11; i++) {
      last = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: dee.email, password: 'wrong password!' });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    const right = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: dee.email, password: 'a long enough password' });
    expect(right.status).toBe(429);
    t.clock.advance(16 * 60_000);
    const later = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: dee.email, password: 'a long enough password' });
    expect(later.status).toBe(200);
  });

  it('does not let failed attempts from another network lock the owner out', async () => {
    const gil = await signUp(t.app, 'Gil Nunes');
    for (let i = 0; i < 12; i++) {
      await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        remoteAddress: '127.0.0.2',
        payload: { email: gil.email, password: 'someone guessing' },
      });
    }
    const elsewhere = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      remoteAddress: '127.0.0.2',
      payload: { email: gil.email, password: 'someone guessing' },
    });
    expect(elsewhere.statusCode).toBe(429);
    expect(elsewhere.json().detail).toMatch(/try again in 15 minutes/);
    const owner = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: gil.email, password: 'a long enough password' });
    expect(owner.status).toBe(200);
  });

  it('rejects malformed JSON, wrong types and unknown fields with 400 naming the fields', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-up',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.headers['content-type']).toMatch(/problem\+json/);
    const bad = await call(t.app, undefined, 'POST', '/api/auth/sign-up', {
      email: 'not-an-email',
      name: 42,
      password: 'short',
      isAdmin: true,
    });
    expect(bad.status).toBe(400);
    const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(['/body/email', '/body/isAdmin', '/body/name', '/body/password']);
  });

  it('refuses an oversized body with 413 problem+json', async () => {
    const huge = await call(t.app, undefined, 'POST', '/api/auth/sign-up', {
      email: 'big@example.org',
      name: 'x'.repeat(300 * 1024),
      password: 'long enough pw',
    });
    expect(huge.status).toBe(413);
    expect(huge.body.status).toBe(413);
  });

  it('refuses a state change from another origin', async () => {
    const eve = await signUp(t.app, 'Eve Cross');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/me/tokens',
      headers: { cookie: eve.cookie, origin: 'https://evil.example' },
      payload: { name: 'stolen' },
    });
    expect(response.statusCode).toBe(403);
    expect((await call(t.app, eve, 'GET', '/api/me/tokens')).body.tokens).toEqual([]);
  });

  it('changes the password: the old one stops working and other sessions end', async () => {
    const fay = await signUp(t.app, 'Fay Gold');
    const otherDevice = cookieOf(
      await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: fay.email, password: 'a long enough password' } }),
    );
    const wrong = await call(t.app, fay, 'POST', '/api/me/password', { currentPassword: 'nope nope', newPassword: 'brand new password' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].pointer).toBe('/body/currentPassword');
    const changed = await call(t.app, fay, 'POST', '/api/me/password', {
      currentPassword: 'a long enough password',
      newPassword: 'brand new password',
    });
    expect(changed.status).toBe(204);
    expect((await call(t.app, fay, 'GET', '/api/me')).status).toBe(200);
    expect((await call(t.app, { ...fay, cookie: otherDevice }, 'GET', '/api/me')).status).toBe(401);
    const oldPw = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: fay.email, password: 'a long enough password' });
    expect(oldPw.status).toBe(401);
    const newPw = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: fay.email, password: 'brand new password' });
    expect(newPw.status).toBe(200);
  });

  it('issues named API tokens that work as bearer, are stored hashed and can be revoked', async () => {
    const gus = await signUp(t.app, 'Gus Hart');
    const created = await call(t.app, gus, 'POST', '/api/me/tokens', { name: 'laptop' });
    expect(created.status).toBe(201);
    const token: string = created.body.token;
    expect(token).toMatch(/^cg_/);
    const asBearer = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(asBearer.json().id).toBe(gus.id);
    const stored = await t.ctx.db.query.apiTokens.findFirst();
    expect(JSON.stringify(await t.ctx.db.query.apiTokens.findMany())).not.toContain(token);
    expect(stored).toBeDefined();
    const listed = await call(t.app, gus, 'GET', '/api/me/tokens');
    expect(listed.body.tokens).toHaveLength(1);
    expect(listed.body.tokens[0]).not.toHaveProperty('token');
    expect((await call(t.app, gus, 'DELETE', `/api/me/tokens/${created.body.id}`)).status).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(after.statusCode).toBe(401);
  });

  it('does not let one person revoke another person’s token', async () => {
    const hal = await signUp(t.app, 'Hal Ito');
    const ivy = await signUp(t.app, 'Ivy Jones');
    const token = await call(t.app, hal, 'POST', '/api/me/tokens', { name: 'cli' });
    const revoke = await call(t.app, ivy, 'DELETE', `/api/me/tokens/${token.body.id}`);
    expect(revoke.status).toBe(404);
    expect((await call(t.app, hal, 'GET', '/api/me/tokens')).body.tokens).toHaveLength(1);
  });

  it('exchanges email and password for a token (CLI login)', async () => {
    const jo = await signUp(t.app, 'Jo King');
    const ok = await call(t.app, undefined, 'POST', '/api/auth/tokens', {
      email: jo.email,
      password: 'a long enough password',
      name: 'commonground CLI',
    });
    expect(ok.status).toBe(201);
    expect(ok.body.account.id).toBe(jo.id);
    const bad = await call(t.app, undefined, 'POST', '/api/auth/tokens', { email: jo.email, password: 'wrong one!', name: 'x' });
    expect(bad.status).toBe(401);
  });

  it('limits guesses of the current password, so a stolen session cannot find it', async () => {
    const lu = await signUp(t.app, 'Lu Mendes');
    let last;
    for (let i = 0; i < 11; i++) {
      last = await call(t.app, lu, 'POST', '/api/me/password', { currentPassword: `guess number ${i}`, newPassword: 'taken over now' });
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    const signIn = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: lu.email, password: 'a long enough password' });
    expect(signIn.status).toBe(200);
  });

  it('resets a password for the operator: sessions end and API tokens stop working', async () => {
    const mo = await signUp(t.app, 'Mo Reyes');
    const token = (await call(t.app, mo, 'POST', '/api/me/tokens', { name: 'laptop' })).body.token as string;
    await resetPassword(t.ctx, { email: mo.email.toUpperCase(), password: 'a fresh password' });
    expect((await call(t.app, mo, 'GET', '/api/me')).status).toBe(401);
    const bearer = await t.app.inject({ method: 'GET', url: '/api/me', headers: { authorization: `Bearer ${token}` } });
    expect(bearer.statusCode).toBe(401);
    const fresh = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: mo.email, password: 'a fresh password' });
    expect(fresh.status).toBe(200);
  });

  it('deletes my account with my password, and only then', async () => {
    const kim = await signUp(t.app, 'Kim Lee');
    expect((await call(t.app, kim, 'DELETE', '/api/me', { password: 'wrong password' })).status).toBe(400);
    expect((await call(t.app, kim, 'GET', '/api/me')).status).toBe(200);
    expect((await call(t.app, kim, 'DELETE', '/api/me', { password: 'a long enough password' })).status).toBe(204);
    expect((await call(t.app, kim, 'GET', '/api/me')).status).toBe(401);
    const again = await call(t.app, undefined, 'POST', '/api/auth/sign-in', { email: kim.email, password: 'a long enough password' });
    expect(again.status).toBe(401);
  });
});

describe.each(storageEngines())('first-run setup on %s', (engine) => {
  // A database of its own: setup only works while there is no account at all.
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, {}, { empty: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  const admin = { email: 'Admin@Example.org', name: 'First Admin', password: 'a long enough password' };
  const setup = (token: string) => call(t.app, undefined, 'POST', '/api/setup', { token, ...admin });

  it('creates the first account as admin with the one-time token, once, and never after an account exists', async () => {
    expect((await call(t.app, undefined, 'GET', '/api/setup')).body).toEqual({ needed: true });

    // An expired token does nothing.
    const expired = (await issueSetupToken(t.ctx))!;
    t.clock.advance(25 * 3_600_000);
    expect((await setup(expired)).status).toBe(404);

    // Nobody can sign up and take the server before its first account exists.
    const early = (await issueSetupToken(t.ctx))!;
    const refused = await call(t.app, undefined, 'POST', '/api/auth/sign-up', {
      email: 'early.bird@example.org',
      name: 'Early Bird',
      password: 'a long enough password',
    });
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/not set up yet/);
    expect(await t.ctx.db.select().from(users)).toEqual([]);

    // A valid token stops working once an account exists another way (commonground admin create).
    const first = await createUser(t.ctx, { email: 'early.bird@example.org', name: 'Early Bird', password: 'a long enough password' });
    const late = await setup(early);
    expect(late.status).toBe(404);
    expect(late.body.detail).toBe('It does not exist, or you do not have access to it.');
    expect((await t.ctx.db.select().from(users)).map((u) => u.email)).toEqual([first.email]);
    const signedIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { email: first.email, password: 'a long enough password' },
    });
    expect(signedIn.statusCode).toBe(200);
    const firstPerson = { id: first.id, email: first.email, name: first.name, cookie: cookieOf(signedIn) };
    expect((await call(t.app, firstPerson, 'DELETE', '/api/me', { password: 'a long enough password' })).status).toBe(204);

    const token = await issueSetupToken(t.ctx);
    expect(token).toBeDefined();
    expect(JSON.stringify(await t.ctx.db.select().from(setupTokens))).not.toContain(token!);
    expect((await setup(`${token}x`)).status).toBe(404);
    const created = await setup(token!);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'admin@example.org', name: 'First Admin', isAdmin: true });
    const cookie = String(created.headers['set-cookie']).split(';')[0]!;
    const me = await call(t.app, { id: created.body.id, email: admin.email, name: admin.name, cookie }, 'GET', '/api/me');
    expect(me.body).toMatchObject({ id: created.body.id, isAdmin: true });

    const again = await call(t.app, undefined, 'POST', '/api/setup', { ...admin, token, email: 'second@example.org' });
    expect(again.status).toBe(404);
    expect((await t.ctx.db.select().from(users)).filter((u) => u.isAdmin)).toHaveLength(1);
    expect(await issueSetupToken(t.ctx)).toBeUndefined();
    expect(await t.ctx.db.select().from(setupTokens)).toEqual([]);
    expect((await call(t.app, undefined, 'GET', '/api/setup')).body).toEqual({ needed: false });
  });

  it('keeps every process’s link working until one of them creates the admin', async () => {
    const fresh = await createTestApp(engine, {}, { empty: true });
    try {
      const first = (await issueSetupToken(fresh.ctx))!;
      const second = (await issueSetupToken(fresh.ctx))!;
      expect(first).not.toBe(second);
      const made = await call(fresh.app, undefined, 'POST', '/api/setup', { token: second, ...admin });
      expect(made.status).toBe(201);
      expect((await call(fresh.app, undefined, 'POST', '/api/setup', { token: first, ...admin, email: 'other@example.org' })).status).toBe(404);
      expect(await fresh.ctx.db.select().from(setupTokens)).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('validates the setup form like sign-up', async () => {
    const bad = await call(t.app, undefined, 'POST', '/api/setup', { token: 'x', email: 'nope', password: 'short', name: '', isAdmin: false });
    expect(bad.status).toBe(400);
    const pointers = bad.body.errors.map((e: { pointer: string }) => e.pointer).sort();
    expect(pointers).toEqual(['/body/email', '/body/isAdmin', '/body/name', '/body/password']);
  });
});
