import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { prepareEvent } from '../../../src/core/common-ground/prepare.js';
import { rankEveryone, matchesOf } from '../../../src/core/common-ground/recommend.js';
import { taxonomyVocabulary } from '../../../src/core/common-ground/vocabulary.js';
import type { CommonGroundReason } from '../../../src/core/common-ground/types.js';
import { interestInSentence, openersFor } from '../../../src/core/openers/openers.js';
import { generatePeople } from '../../../src/core/synthetic/people.js';
import { taxonomyInterestNames } from '../../../src/core/interests/taxonomy.js';

/**
 * Written here independently of the product's own pitch filter: if that filter misses a word,
 * this test still catches an opener that sells, hires or asks for money.
 */
const SELLING_HIRING_INVESTING =
  /\b(sell\w*|sales\w*|buy\w*|purchas\w*|customers?|clients?|leads|deals?(?! with)|discounts?|pric\w+|pitch\w*|demo|hir(e|es|ed|ing)|recruit\w*|vacanc\w+|salar\w+|invest\w*|fund(s|ed|ing)?|fundrais\w*|valuation|(private|sweat) equity|equity (stake|round)|revenue|roi|monetiz\w*)\b/i;

const people = generatePeople(400, 11);
const event = prepareEvent(people, taxonomyVocabulary);
const table = rankEveryone(event, { top: 5 });
const byId = new Map(people.map((person) => [person.id, person]));

function everyMatch(visit: (viewer: string, other: string, reasons: readonly CommonGroundReason[]) => void): void {
  for (let viewer = 0; viewer < people.length; viewer++) {
    const from = viewer * table.top;
    const found = matchesOf(event, viewer, table.people.subarray(from, from + table.top), table.scores.subarray(from, from + table.top));
    for (const match of found) visit(event.ids[viewer]!, match.id, match.reasons);
  }
}

describe('openers', () => {
  it('gives two or three distinct questions for every match, never a pitch', () => {
    let matches = 0;
    everyMatch((viewerId, otherId, reasons) => {
      const other = byId.get(otherId)!;
      const openers = openersFor({ viewerId, other: { id: otherId, questions: other.questions }, reasons });
      expect(openers.length).toBeGreaterThanOrEqual(2);
      expect(openers.length).toBeLessThanOrEqual(3);
      expect(new Set(openers).size).toBe(openers.length);
      for (const opener of openers) {
        expect(opener.endsWith('?'), opener).toBe(true);
        expect(opener, opener).not.toMatch(SELLING_HIRING_INVESTING);
        expect(opener).not.toMatch(/\{\w+\}/);
      }
      matches++;
    });
    expect(matches).toBeGreaterThan(1000);
  });

  it('asks about the strongest shared interest and uses a question the other person likes to be asked', () => {
    let checked = 0;
    everyMatch((viewerId, otherId, reasons) => {
      const other = byId.get(otherId)!;
      const openers = openersFor({ viewerId, other: { id: otherId, questions: other.questions }, reasons });
      const first = reasons.find((reason) => reason.kind === 'shared-interest');
      if (first && first.kind === 'shared-interest') {
        expect(openers[0]!.toLowerCase()).toContain(interestInSentence(first.interest).toLowerCase());
      }
      const askable = other.questions.filter((question) => question.endsWith('?'));
      if (askable.length > 0) {
        expect(openers.some((opener) => askable.includes(opener))).toBe(true);
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(100);
  });

  it('is the same for the same pair, and leaves out their questions that pitch', () => {
    const reasons: CommonGroundReason[] = [{ kind: 'shared-interest', interest: 'Beekeeping', peopleWithIt: 2, weight: 3 }];
    const other = { id: 'b', questions: ['Want to invest in my startup?', 'Ask me about my hives?'] };
    const once = openersFor({ viewerId: 'a', other, reasons });
    expect(openersFor({ viewerId: 'a', other, reasons })).toEqual(once);
    expect(once).toContain('Ask me about my hives?');
    expect(once.join(' ')).not.toMatch(/invest/i);
  });

  it('fills in any interest of the taxonomy as a question', () => {
    fc.assert(
      fc.property(fc.constantFrom(...taxonomyInterestNames()), fc.string({ maxLength: 6 }), (interest, id) => {
        const openers = openersFor({
          viewerId: `v${id}`,
          other: { id: `o${id}` },
          reasons: [{ kind: 'shared-interest', interest, peopleWithIt: 3, weight: 1 }],
        });
        expect(openers.length).toBeGreaterThanOrEqual(2);
        for (const opener of openers) {
          expect(opener.endsWith('?')).toBe(true);
          expect(opener).not.toMatch(SELLING_HIRING_INVESTING);
        }
      }),
      { numRuns: 300 },
    );
  });
});
