import type { Command } from 'commander';
import type { z } from 'zod';
import { badInput } from '../errors.js';
import { printJson, printLine, readSecretFromStdin } from '../terminal.js';

interface CreateOptions {
  email: string;
  name: string;
  passwordStdin?: boolean;
  json?: boolean;
}

/** The API's own rules, so an admin made here could have signed up there. */
function check<T>(rule: z.ZodType<T>, value: unknown, what: string): T {
  const result = rule.safeParse(value);
  if (!result.success) throw badInput(`${what}: ${result.error.issues[0]?.message ?? 'not valid'}`);
  return result.data;
}

export function adminCommand(program: Command): void {
  const admin = program.command('admin').description('server administration, directly on the database');

  admin
    .command('create')
    .description('create an admin account (the non-interactive way to the first account)')
    .requiredOption('--email <email>', 'the admin’s email (used to sign in)')
    .requiredOption('--name <name>', 'the admin’s name as people see it')
    .option('--password-stdin', 'read the password from stdin (never from an argument)')
    .option('--json', 'print the account as JSON')
    .addHelpText('after', '\nExample:\n  printf %s "$ADMIN_PASSWORD" | commonground admin create --email ana@example.org --name "Ana Lima" --password-stdin')
    .action(async (options: CreateOptions) => {
      if (!options.passwordStdin) {
        throw badInput('admin create needs --password-stdin: pipe the password in, e.g. printf %s "$PW" | commonground admin create --email E --name N --password-stdin');
      }
      // Loaded on demand: the database and the server's modules are slow to load for --help.
      const { email: emailRule, password: passwordRule, personName } = await import('../../server/accounts/accounts.schemas.js');
      const { createUser } = await import('../../server/accounts/accounts.service.js');
      const { AppError } = await import('../../server/platform/errors.js');
      const { configFromEnv, withDatabase } = await import('../database.js');
      const email = check(emailRule, options.email.trim(), '--email');
      const name = check(personName, options.name, '--name');
      const password = check(passwordRule, await readSecretFromStdin(), 'password');
      const config = configFromEnv();
      const account = await withDatabase(config, async (ctx) => {
        try {
          return await createUser(ctx, { email, name, password, isAdmin: true });
        } catch (error) {
          if (error instanceof AppError && error.code === 'conflict') throw badInput(`an account with the email ${email} already exists`);
          throw error;
        }
      });
      if (options.json) printJson(account);
      else printLine(`Created admin account ${account.name} <${account.email}>.`);
    });

  admin
    .command('reset-password')
    .description('give an account a new password (ends its sessions and lifts a sign-in lock)')
    .requiredOption('--email <email>', 'the account’s email')
    .option('--password-stdin', 'read the new password from stdin (never from an argument)')
    .option('--json', 'print the account as JSON')
    .addHelpText('after', '\nExample:\n  printf %s "$NEW_PASSWORD" | commonground admin reset-password --email ana@example.org --password-stdin')
    .action(async (options: { email: string; passwordStdin?: boolean; json?: boolean }) => {
      if (!options.passwordStdin) {
        throw badInput('admin reset-password needs --password-stdin: pipe the new password in, e.g. printf %s "$PW" | commonground admin reset-password --email E --password-stdin');
      }
      const { email: emailRule, password: passwordRule } = await import('../../server/accounts/accounts.schemas.js');
      const { resetPassword } = await import('../../server/accounts/accounts.service.js');
      const { configFromEnv, withDatabase } = await import('../database.js');
      const email = check(emailRule, options.email.trim(), '--email');
      const password = check(passwordRule, await readSecretFromStdin(), 'password');
      const account = await withDatabase(configFromEnv(), (ctx) => resetPassword(ctx, { email, password }));
      if (options.json) printJson(account);
      else printLine(`New password set for ${account.name} <${account.email}>; their other sessions have ended.`);
    });
}
