import { InvalidArgumentError } from 'commander';

/** A commander argument parser for a whole number in [min, max]. */
export function wholeNumber(min: number, max: number) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!/^\s*-?\d+\s*$/.test(raw) || !Number.isSafeInteger(value) || value < min || value > max) {
      throw new InvalidArgumentError(`Use a whole number from ${min} to ${max}.`);
    }
    return value;
  };
}

/** A commander argument parser for a number of seconds, more than 0 and at most an hour. */
export function seconds(raw: string): number {
  const value = Number(raw);
  if (!/^\s*\d*\.?\d+\s*$/.test(raw) || !(value > 0 && value <= 3600)) {
    throw new InvalidArgumentError('Use a number of seconds greater than 0 and at most 3600.');
  }
  return value;
}

export function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new InvalidArgumentError('It cannot be empty.');
  return raw.trim();
}
