// How a mixer is said to people: its figures, who shares what, the time left in a round.
import type { Mixer, MixerFigures } from './api/mixers.js';

/** "climbing", "climbing and Rust", "climbing, Rust and cycling". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const commonGroundFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export interface FigureLine {
  before?: string;
  /** The number, said in bold. */
  value: string;
  after?: string;
  /** A rule the plan could not keep, or repeats a plan of this length could avoid. */
  warning?: boolean;
}

/** What a plan's figures are about: the people it seats and their tables. */
export interface FigureContext {
  rounds: number;
  /** People seated in at least one round. */
  people: number;
  tableSize: number;
}

/** The people a plan seats (in at least one round), its rounds and its table size: what its figures are about. */
export function figureContext(mixer: Pick<Mixer, 'plan' | 'rounds' | 'tableSize'>): FigureContext {
  const people = new Set(mixer.plan.rounds.flatMap((round) => round.tables.flatMap((table) => table.people)));
  return { rounds: mixer.rounds, people: people.size, tableSize: mixer.tableSize };
}

/**
 * The figures of a plan as short phrases an organizer reads at a glance: "No one sits with the
 * same person twice · at most 7 rounds can be free of repeats · a simple round-by-round plan
 * would have 8 repeats · each person meets about 15 people · common ground score 41".
 */
export function figuresInWords(figures: MixerFigures, context: FigureContext): FigureLine[] {
  const { rounds, people } = context;
  const repeats: FigureLine =
    figures.repeatPairs === 0
      ? { value: 'No one', after: 'sits with the same person twice' }
      : {
          value: String(figures.repeatPairs),
          after: `${figures.repeatPairs === 1 ? 'repeat' : 'repeats'}: two people at one table again${figures.maxRepeat > 2 ? ` (one pair ${figures.maxRepeat} times)` : ''}${
            figures.metBeforePairs > 0 ? `, ${figures.metBeforePairs === figures.repeatPairs ? 'all' : figures.metBeforePairs} of them ${figures.metBeforePairs === 1 ? 'a pair' : 'pairs'} who met earlier at the event` : ''
          }`,
          warning: rounds <= figures.bound && figures.repeatPairs > figures.metBeforePairs,
        };
  const met = people > 0 ? (2 * figures.distinctPairs) / people : 0;
  const lines: FigureLine[] = [
    repeats,
    { before: 'at most', value: String(figures.bound), after: `${figures.bound === 1 ? 'round' : 'rounds'} can be free of repeats` },
    {
      before: 'a simple round-by-round plan would have',
      value: String(figures.baselineRepeatPairs),
      after: figures.baselineRepeatPairs === 1 ? 'repeat' : 'repeats',
    },
    people > 0
      ? { before: Number.isInteger(met) ? 'each person meets' : 'each person meets about', value: String(Math.round(met)), after: Math.round(met) === 1 ? 'person' : 'people' }
      : { value: String(figures.distinctPairs), after: figures.distinctPairs === 1 ? 'pair meets' : 'pairs meet' },
    { before: 'common ground score', value: commonGroundFormat.format(figures.commonGround) },
  ];
  if (figures.apartViolations > 0) {
    lines.push({ value: String(figures.apartViolations), after: `${figures.apartViolations === 1 ? 'round seats' : 'rounds seat'} a keep-apart pair together`, warning: true });
  }
  if (figures.groupPairs > 0) {
    lines.push({ value: String(figures.groupPairs), after: `${figures.groupPairs === 1 ? 'table seats' : 'tables seat'} two people of one group together`, warning: true });
  }
  return lines;
}

/** The same phrases as one line of text, for a title or a test. */
export function figuresSentence(figures: MixerFigures, context: FigureContext): string {
  return figuresInWords(figures, context)
    .map((line) => [line.before, line.value, line.after].filter(Boolean).join(' '))
    .join(' · ');
}

/**
 * Why the bound is what it is, with this mixer's numbers: "Each round seats you with 3 others out
 * of the other 15, so after 5 rounds (15 ÷ 3, rounded down) there is nobody new left to sit with."
 */
export function boundInWords({ people, tableSize }: FigureContext, bound: number): string {
  const others = Math.max(people - 1, 0);
  const perRound = Math.max(tableSize - 1, 1);
  const division = others % perRound === 0 ? `${others} ÷ ${perRound}` : `${others} ÷ ${perRound}, rounded down`;
  return `Each round seats you with up to ${plural(perRound, 'person', 'people')} out of the ${plural(others, 'other', 'others')}, so after ${plural(bound, 'round', 'rounds')} (${division}) there is nobody new left to sit with. A longer mixer has to seat some people together again.`;
}

/** Who sat with whom in the rounds played: pairs who met, repeats and how many people each met, counted from the plan. */
export function playedFigures(rounds: ReadonlyArray<{ tables: ReadonlyArray<{ people: readonly string[] }> }>) {
  const times = new Map<string, number>();
  const people = new Set<string>();
  for (const round of rounds) {
    for (const table of round.tables) {
      for (const id of table.people) people.add(id);
      for (let i = 0; i < table.people.length; i++) {
        for (let j = i + 1; j < table.people.length; j++) {
          const [a, b] = [table.people[i]!, table.people[j]!].sort();
          const key = `${a}|${b}`;
          times.set(key, (times.get(key) ?? 0) + 1);
        }
      }
    }
  }
  let repeats = 0;
  for (const n of times.values()) repeats += n - 1;
  return { people: people.size, pairs: times.size, repeats };
}

/** "4:05" left, or "1:02:05" for a long round; never negative. */
export function formatLeft(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/** "4 minutes left", for screen readers: said in words, and only to the minute. */
export function leftInWords(ms: number): string {
  const minutes = Math.ceil(Math.max(0, ms) / 60_000);
  if (minutes <= 1) return ms > 0 ? 'less than a minute left' : 'time is up';
  return `${minutes} minutes left`;
}
