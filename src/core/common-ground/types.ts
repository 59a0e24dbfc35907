/** What the common-ground engine reads of an attendee: free text, normalized inside. */
export interface CommonGroundProfile {
  readonly id: string;
  readonly interests: readonly string[];
  /** "What I can offer": short sentences. */
  readonly offers?: readonly string[];
  /** "What I am looking for": short sentences. */
  readonly seeking?: readonly string[];
}

/** Where interests come from: related interests and interests named inside a sentence. */
export interface InterestVocabulary {
  /** Whether a canonical name is one the vocabulary knows (and so finds in sentences). */
  knows(interest: string): boolean;
  /** Canonical names related to a canonical name; the relation must be symmetric. */
  related(interest: string): readonly string[];
  /** Canonical names mentioned in a sentence, in order of appearance. */
  findInText(text: string): readonly string[];
}

export interface CommonGroundWeights {
  /** A pair of related interests counts this share of the rarer one's weight. */
  readonly related: number;
  /** One person's offer meeting the other's need counts this share of the topic's weight. */
  readonly offerNeed: number;
  /**
   * How much a full profile is toned down: scores are multiplied by
   * ((1 + median profile mass) / (1 + profile mass))^damping for each of the two people, so
   * people who list everything do not top every list. 0 turns it off.
   */
  readonly damping: number;
}

export const defaultWeights: CommonGroundWeights = { related: 0.35, offerNeed: 0.8, damping: 0.5 };

export interface PersonInterest {
  readonly person: string;
  readonly interest: string;
}

/**
 * Why two people have something to talk about. The same items, in the same order, whichever of
 * the two asks: no item is written from one side's point of view. `weight` is the item's part of
 * the score.
 */
export type CommonGroundReason =
  | {
      readonly kind: 'shared-interest';
      readonly interest: string;
      /** How many people at the event have this interest: the fewer, the more it counts. */
      readonly peopleWithIt: number;
      readonly weight: number;
    }
  | {
      readonly kind: 'related-interests';
      /** Ordered by person id. */
      readonly interests: readonly [PersonInterest, PersonInterest];
      readonly weight: number;
    }
  | {
      readonly kind: 'offer-meets-need';
      readonly offeredBy: string;
      readonly soughtBy: string;
      /** The interest both sentences are about. */
      readonly topic: string;
      readonly offer: string;
      readonly need: string;
      readonly weight: number;
    };

export interface CommonGround {
  readonly score: number;
  readonly reasons: readonly CommonGroundReason[];
}

export interface RankedPerson {
  readonly id: string;
  readonly score: number;
}

export interface Match extends RankedPerson {
  readonly reasons: readonly CommonGroundReason[];
}

/** Who is never suggested to whom. */
export interface Exclusions {
  /** People who turned suggestions off: suggested to no one (they still get their own list). */
  readonly unsuggestable?: Iterable<string>;
  /** Per person, the people never suggested to them (met, dismissed, blocked either way). */
  readonly hidden?: ReadonlyMap<string, Iterable<string>>;
}
