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

export function nonEmpty(raw: string): string {
  if (raw.trim() === '') throw new InvalidArgumentError('It cannot be empty.');
  return raw.trim();
}
