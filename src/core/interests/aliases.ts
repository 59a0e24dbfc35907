import { taxonomy } from './taxonomy-data.js';

/**
 * Known spellings of interests: canonical name → other ways people write it, for every interest
 * in the taxonomy (taxonomy-data.ts), in taxonomy order. An interest without other spellings
 * maps to an empty list, so that its canonical name is still known.
 */
export const interestAliases: Record<string, readonly string[]> = Object.fromEntries(
  taxonomy.flatMap((category) => category.interests.map((interest) => [interest.name, interest.aliases ?? []] as const)),
);
