import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { wholeNumber } from '../options.js';
import { printJson, printLine, progress } from '../terminal.js';

/**
 * Owns the demo events when --organizer names nobody and the server has no admin yet; like
 * every demo account, it cannot sign in.
 */
const DEMO_ORGANIZER_EMAIL = 'demo-organizer@commonground.invalid';

interface DemoCommandOptions {
  attendees: number;
  seed: number;
  organizer?: string;
  json?: boolean;
}

export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('create a demo event with realistic synthetic attendees, directly on the database, and print its URL')
    .option('--attendees <n>', 'how many synthetic attendees', wholeNumber(1, 20_000), 60)
    .option('--seed <s>', 'the same seed gives the same people', wholeNumber(0, 2 ** 32 - 1), 1)
    .option('--organizer <email>', `an existing account to own the event (default: the first admin, else a shared ${DEMO_ORGANIZER_EMAIL})`)
    .option('--json', 'print {"eventId","url","attendees","mixerId","seconds"}')
    .addHelpText(
      'after',
      '\nThe event gets 8 meeting slots with tables and a planned, not yet started welcome mixer of up to 300 attendees\n' +
        '(tables of 6, 4 rounds). The synthetic attendees cannot sign in.\n' +
        'With PGlite, stop the server first: one data directory serves one process.',
    )
    .action(async (options: DemoCommandOptions) => {
      const started = performance.now();
      const { configFromEnv, withDatabase } = await import('../database.js');
      const { createDemoEvent } = await import('../../server/demo/demo.service.js');
      const config = configFromEnv();
      progress('Opening the database…');
      const demo = await withDatabase(config, (ctx) =>
        createDemoEvent(ctx, {
          attendees: options.attendees,
          seed: options.seed,
          organizer: options.organizer ? { email: options.organizer, mustExist: true } : { fallback: DEMO_ORGANIZER_EMAIL },
          onProgress: progress,
        }),
      );
      const seconds = Math.round((performance.now() - started) / 10) / 100;
      const url = `${config.publicUrl}/e/${demo.eventId}`;
      if (options.json) {
        printJson({ eventId: demo.eventId, url, attendees: demo.attendees, mixerId: demo.mixerId ?? null, seconds });
        return;
      }
      printLine(`Created "${demo.name}" with ${demo.attendees} synthetic attendees in ${seconds} s: ${url}`);
      const owner =
        demo.organizerEmail === DEMO_ORGANIZER_EMAIL
          ? `Owned by ${demo.organizerEmail}, who cannot sign in either: create your account first (or use --organizer YOUR_EMAIL) to own a demo you can open.`
          : `Owned by ${demo.organizerEmail}: sign in as them to open it.`;
      printLine(`${owner} The synthetic attendees cannot sign in.`);
      printLine(
        demo.mixerId
          ? `It has 8 meeting slots with tables, and a welcome mixer planned but not started: ${url}/mixers/${demo.mixerId}`
          : 'It has 8 meeting slots with tables (a mixer needs two attendees or more).',
      );
    });
}
