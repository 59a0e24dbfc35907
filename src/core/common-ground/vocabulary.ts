import { canonicalInterest, findInterestsInText, relatedInterests } from '../interests/taxonomy.js';
import type { InterestVocabulary } from './types.js';

/** The shipped interest taxonomy as the engine's vocabulary. */
export const taxonomyVocabulary: InterestVocabulary = {
  knows: (interest) => canonicalInterest(interest) === interest,
  related: relatedInterests,
  findInText: findInterestsInText,
};
