import { readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError } from 'commander';
import { accountCommands } from './commands/account.js';
import { adminCommand } from './commands/admin.js';
import { demoCommand } from './commands/demo.js';
import { importCommand } from './commands/import.js';
import { eventsCommands } from './commands/events.js';
import { meetingsCommands } from './commands/meetings.js';
import { migrateCommand } from './commands/migrate.js';
import { mixerCommands } from './commands/mixer.js';
import { recommendCommand } from './commands/recommend.js';
import { serveCommand } from './commands/serve.js';
import { BAD_INPUT, exitCodeOf, oneLine } from './errors.js';
import { InputFileError } from './input-file.js';

const here = path.dirname(fileURLToPath(import.meta.url));

function packageVersion(): string {
  // Two levels up from src/cli and from dist/cli alike.
  const pkg = JSON.parse(readFileSync(path.resolve(here, '../../package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

export function buildProgram(): Command {
  const program = new Command('commonground');
  program
    .description('Common Ground: in-person networking at events. Server administration, a client of its API, and offline tools over CSV files.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for the command')
    .helpCommand('help [command]', 'show help for a command')
    // Errors become exceptions handled in `main`, written as one line there.
    .exitOverride()
    .configureOutput({ outputError: () => {}, writeErr: () => {} })
    .showSuggestionAfterError(true);

  serveCommand(program);
  migrateCommand(program);
  adminCommand(program);
  demoCommand(program);
  accountCommands(program);
  eventsCommands(program);
  importCommand(program);
  recommendCommand(program);
  meetingsCommands(program);
  mixerCommands(program);

  program.addHelpText(
    'after',
    '\nExit status: 0 success, 1 runtime failure, 2 bad usage or bad input.\nRun `commonground <command> --help` for the options of a command.',
  );
  return program;
}

/** The deepest command that `args` name, so a usage line can point at its --help. */
function commandPath(program: Command, args: string[]): Command {
  let current = program;
  for (const arg of args) {
    const next = current.commands.find((c) => c.name() === arg || c.aliases().includes(arg));
    if (!next) break;
    current = next;
  }
  return current;
}

function fullName(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The one line a usage error gets: what is wrong, and where the help is. */
function usageLine(error: CommanderError, program: Command, args: string[]): string {
  const operands = args.filter((arg) => !arg.startsWith('-'));
  const command = commandPath(program, operands);
  const helpFor = operands.indexOf('help');
  if (error.code === 'commander.help' && helpFor >= 0 && operands[helpFor + 1]) {
    return `commonground: unknown command '${operands[helpFor + 1]}'; see ${fullName(command)} --help`;
  }
  if (error.code === 'commander.help') {
    // A command (or group) named without one of its commands.
    const names = command.commands.map((c) => c.name()).filter((name) => name !== 'help');
    return `${fullName(command)}: missing command (one of: ${names.join(', ')}); see ${fullName(command)} --help`;
  }
  const message = oneLine(error.message.replace(/^error: /, '')).replace(/\.$/, '');
  return `commonground: ${message}; see ${fullName(command)} --help`;
}

/** Runs the CLI on `argv` (as process.argv); sets process.exitCode instead of exiting. */
export async function main(argv: string[] = process.argv): Promise<void> {
  // `commonground … | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  });
  const program = buildProgram();
  const args = argv.slice(2);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      // `--help`, `help <command>` and `--version` end this way too, with exit code 0.
      if (error.exitCode === 0) {
        process.exitCode = 0;
        return;
      }
      process.stderr.write(`${usageLine(error, program, args)}\n`);
      process.exitCode = BAD_INPUT;
      return;
    }
    // `people.csv:14:3: …` starts the line, the way editors and other tools expect a place in a file.
    process.stderr.write(error instanceof InputFileError ? `${oneLine(error)}\n` : `commonground: ${oneLine(error)}\n`);
    process.exitCode = exitCodeOf(error);
  }
}

function isEntry(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntry()) await main();
