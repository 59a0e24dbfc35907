import { z } from 'zod';

export const email = z.email({ error: 'Please enter a valid email address.' }).max(254);
export const password = z
  .string()
  .min(8, { error: 'Please use at least 8 characters.' })
  .max(200, { error: 'Please use at most 200 characters.' });
export const personName = z
  .string()
  .trim()
  .min(1, { error: 'Please enter your name.' })
  .max(100, { error: 'Please keep your name under 100 characters.' });

export const account = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    isAdmin: z.boolean(),
    createdAt: z.date(),
  })
  .meta({ id: 'Account' });

export const signUpBody = z.strictObject({ email, password, name: personName });
export const signInBody = z.strictObject({ email: z.string().max(254), password: z.string().max(200) });
export const setupBody = z.strictObject({ token: z.string().min(1).max(200), email, password, name: personName });
export const changePasswordBody = z.strictObject({ currentPassword: z.string().max(200), newPassword: password });
export const deleteAccountBody = z.strictObject({ password: z.string().max(200) });

export const apiToken = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    createdAt: z.date(),
    lastUsedAt: z.date().nullable(),
    expiresAt: z.date().nullable(),
  })
  .meta({ id: 'ApiToken' });
export const newApiToken = apiToken.extend({ token: z.string() }).meta({ id: 'NewApiToken' });

const tokenName = z.string().trim().min(1, { error: 'Please name the token.' }).max(100);
const expiresInDays = z.number().int().min(1).max(3650).optional();
export const createTokenBody = z.strictObject({ name: tokenName, expiresInDays });
export const loginTokenBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(200),
  name: tokenName,
  expiresInDays,
});
export const tokenParams = z.strictObject({ tokenId: z.uuid() });
