import type { Command } from 'commander';
import { formatSpan, formatTable, shorten } from '../table.js';
import { printJson, printLine } from '../terminal.js';
import { signedInClient } from './account.js';

export function eventsCommands(program: Command): void {
  const events = program.command('events').description('events on the server you are logged in to');

  events
    .command('list')
    .description('the events you organize or attend, soonest first')
    .option('--json', 'print {"events":[…]} as the API answers it')
    .action(async (options: { json?: boolean }) => {
      const client = signedInClient();
      const answer = await client.call('GET /api/events', client.api.GET('/api/events'));
      if (options.json) {
        printJson(answer);
        return;
      }
      if (answer.events.length === 0) {
        printLine(`No events on ${client.server} yet.`);
        return;
      }
      const rows = answer.events.map((event) => [
        shorten(event.name, 40),
        event.slug,
        formatSpan(event.startsAt, event.endsAt, event.timeZone),
        event.isOwner ? 'owner' : event.myRole,
        String(event.attendeeCount),
      ]);
      printLine(formatTable(['NAME', 'SLUG', 'WHEN', 'ROLE', 'ATTENDEES'], rows));
    });
}
