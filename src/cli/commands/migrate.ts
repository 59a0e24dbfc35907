import type { Command } from 'commander';
import { printLine } from '../terminal.js';

export function migrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (DATABASE_URL, else PGlite in DATA_DIR) and exit')
    .addHelpText('after', '\nWith PGlite, stop the server first: one data directory serves one process.')
    .action(async () => {
      const { configFromEnv, countAppliedMigrations, describeDatabase, withDatabase } = await import('../database.js');
      const config = configFromEnv();
      const { before, after } = await withDatabase(
        config,
        async (_ctx, handle) => {
          const before = await countAppliedMigrations(handle.db);
          await handle.migrate();
          return { before, after: await countAppliedMigrations(handle.db) };
        },
        { migrate: false },
      );
      const applied = after - before;
      const what = applied === 0 ? 'no migrations to apply' : `applied ${applied} migration${applied === 1 ? '' : 's'}`;
      printLine(`Database up to date (${describeDatabase(config)}): ${what}, ${after} in all.`);
    });
}
