// How a mixer is said to people: its figures, who shares what, the time left in a round.
import type { MixerFigures } from './api/mixers.js';

/** "climbing", "climbing and Rust", "climbing, Rust and cycling". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const commonGroundFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export interface FigureLine {
  before?: string;
  /** The number, said in bold. */
  value: string;
  after?: string;
  /** A rule the plan could not keep, or repeats a plan of this length could avoid. */
  warning?: boolean;
}

/**
 * The figures of a plan as short phrases: "0 repeat pairs · at most 7 rounds can be free of
 * repeats (bound) · a simple round-by-round plan would have 8 · 96 new pairs · common ground 41".
 */
export function figuresInWords(figures: MixerFigures, rounds: number): FigureLine[] {
  const lines: FigureLine[] = [
    {
      value: String(figures.repeatPairs),
      after: `${figures.repeatPairs === 1 ? 'repeat pair' : 'repeat pairs'}${figures.maxRepeat > 2 ? ` (one pair meets ${figures.maxRepeat} times)` : ''}`,
      warning: figures.repeatPairs > 0 && rounds <= figures.bound,
    },
    { before: 'at most', value: String(figures.bound), after: `${figures.bound === 1 ? 'round' : 'rounds'} can be free of repeats (bound)` },
    { before: 'a simple round-by-round plan would have', value: String(figures.baselineRepeatPairs) },
    { value: String(figures.distinctPairs), after: figures.distinctPairs === 1 ? 'new pair' : 'new pairs' },
    { before: 'common ground', value: commonGroundFormat.format(figures.commonGround) },
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
export function figuresSentence(figures: MixerFigures, rounds: number): string {
  return figuresInWords(figures, rounds)
    .map((line) => [line.before, line.value, line.after].filter(Boolean).join(' '))
    .join(' · ');
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
