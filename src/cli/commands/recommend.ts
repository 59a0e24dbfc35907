import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import type { CommonGroundReason } from '../../core/common-ground/types.js';
import { readPeopleCsv, type PersonRow } from '../../core/csv/people.js';
import { wholeNumber } from '../options.js';
import { readCsvFile } from '../input-file.js';
import { printChunks, progress } from '../terminal.js';

interface RecommendCommandOptions {
  people: string;
  top: number;
  json?: boolean;
}

export interface RecommendedMatch {
  id: string;
  score: number;
  why: string[];
  openers: string[];
}

export interface PersonRecommendations {
  id: string;
  matches: RecommendedMatch[];
}

/** A sentence someone typed, to quote inside a line of ours: on one line, without its full stop. */
function quoted(sentence: string): string {
  return oneLineOf(sentence).replace(/\.+$/, '');
}

function oneLineOf(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Why the viewer and another person should meet, from the viewer's side, strongest first. */
export function whyLines(
  viewerId: string,
  reasons: readonly CommonGroundReason[],
  inSentence: (interest: string) => string,
): string[] {
  return reasons.map((reason) => {
    switch (reason.kind) {
      case 'shared-interest':
        return `You both like ${inSentence(reason.interest)} (${reason.peopleWithIt} people here)`;
      case 'related-interests': {
        const [first, second] = reason.interests;
        const [mine, theirs] = first.person === viewerId ? [first, second] : [second, first];
        return `You're into ${inSentence(mine.interest)}, they're into ${inSentence(theirs.interest)}`;
      }
      case 'offer-meets-need':
        return reason.offeredBy === viewerId
          ? `You offer: ${quoted(reason.offer)} — they're looking for: ${quoted(reason.need)}`
          : `They offer: ${quoted(reason.offer)} — you're looking for: ${quoted(reason.need)}`;
    }
  });
}

const roundScore = (score: number) => Math.round(score * 10_000) / 10_000;

/** For every person, in file order, their best `top` matches with reasons and openers. */
async function recommendEveryone(people: readonly PersonRow[], top: number): Promise<PersonRecommendations[]> {
  const [{ prepareEvent }, { taxonomyVocabulary }, { rankEveryoneInParallel }, { matchesOf }, { openersFor, interestInSentence }] =
    await Promise.all([
      import('../../core/common-ground/prepare.js'),
      import('../../core/common-ground/vocabulary.js'),
      import('../../core/common-ground/parallel.js'),
      import('../../core/common-ground/recommend.js'),
      import('../../core/openers/openers.js'),
    ]);
  const event = prepareEvent(
    people.map(({ id, interests, offers, seeking }) => ({ id, interests, offers, seeking })),
    taxonomyVocabulary,
  );
  progress(`Ranking ${people.length} people…`);
  const table = await rankEveryoneInParallel(event, { top });
  progress('Finding the reasons and openers…');
  return people.map(({ id }, viewer) => {
    const from = viewer * table.top;
    const matches = matchesOf(event, viewer, table.people.subarray(from, from + table.top), table.scores.subarray(from, from + table.top));
    return {
      id,
      matches: matches.map((match) => ({
        id: match.id,
        score: roundScore(match.score),
        why: whyLines(id, match.reasons, interestInSentence),
        openers: openersFor({ viewerId: id, other: { id: match.id }, reasons: match.reasons }),
      })),
    };
  });
}

/** The JSON document, one person's results per line, so that a big file's output can be read with grep too. */
function* jsonChunks(people: number, seconds: number, results: readonly PersonRecommendations[]): Generator<string> {
  yield `{"people":${people},"seconds":${seconds},"results":[`;
  for (let i = 0; i < results.length; i++) yield `${i === 0 ? '' : ','}\n${JSON.stringify(results[i])}`;
  yield '\n]}\n';
}

function* textChunks(
  people: readonly PersonRow[],
  top: number,
  seconds: number,
  results: readonly PersonRecommendations[],
): Generator<string> {
  const nameOf = new Map(people.map((person) => [person.id, person.name]));
  const who = (id: string) => oneLineOf(`${nameOf.get(id) ?? id} (${id})`);
  yield `People to meet for ${people.length} ${people.length === 1 ? 'person' : 'people'}, the best ${top} each, found in ${seconds} s.\n`;
  for (const result of results) {
    const lines = ['', who(result.id)];
    if (result.matches.length === 0) lines.push('  no one here shares an interest, an offer or a need with them');
    result.matches.forEach((match, index) => {
      lines.push(`  ${index + 1}. ${who(match.id)}  score ${match.score}`);
      for (const why of match.why) lines.push(`       ${why}`);
      for (const opener of match.openers) lines.push(`       Ask: ${opener}`);
    });
    yield `${lines.join('\n')}\n`;
  }
}

export function recommendCommand(program: Command): void {
  program
    .command('recommend')
    .description('offline: for every person in a people CSV, the people to meet, with the reasons and questions to open with')
    .requiredOption('--people <file>', 'people CSV: id,name,interests,offers,seeking,group (id and name required; lists separated by ;)')
    .option('--top <k>', 'how many people to suggest to each person', wholeNumber(1, 100), 10)
    .option('--json', 'print {"people","seconds","results":[{"id","matches":[{"id","score","why","openers"}]}]}')
    .addHelpText(
      'after',
      '\nNeeds no server and no database. People are listed in file order; "seconds" is the time from\n' +
        'reading the file to the last reason, without printing.',
    )
    .action(async (options: RecommendCommandOptions) => {
      const started = performance.now();
      progress(`Reading ${options.people}…`);
      const people = readCsvFile(options.people, readPeopleCsv);
      const results = await recommendEveryone(people, options.top);
      const seconds = Math.round(performance.now() - started) / 1000;
      await printChunks(
        options.json ? jsonChunks(people.length, seconds, results) : textChunks(people, options.top, seconds, results),
      );
    });
}
