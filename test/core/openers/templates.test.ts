import { describe, it, expect } from 'vitest';
import { taxonomy } from '../../../src/core/interests/taxonomy-data.js';
import { isProperName } from '../../../src/core/interests/taxonomy.js';
import { containsPitch, innocentPhrases, pitchWords } from '../../../src/core/openers/pitch-words.js';
import {
  categoryOpeners,
  generalOpeners,
  relatedOpeners,
  theyOfferOpeners,
  theySeekOpeners,
} from '../../../src/core/openers/templates.js';

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
}

/** The interest as the caller writes it mid-sentence: "rock climbing", but "Rust" and "AI ethics". */
function inSentence(interest: string): string {
  return isProperName(interest) ? interest : interest.charAt(0).toLowerCase() + interest.slice(1);
}

const lists: ReadonlyArray<readonly [string, readonly string[], readonly string[], number]> = [
  ...Object.entries(categoryOpeners).map(([id, list]) => [`category ${id}`, list, ['interest'], 4] as const),
  ['related', relatedOpeners, ['mine', 'theirs'], 4],
  ['they offer', theyOfferOpeners, ['topic'], 4],
  ['they seek', theySeekOpeners, ['topic'], 4],
  ['general', generalOpeners, [], 8],
];

describe('opener templates', () => {
  it('has 4 to 8 templates for every taxonomy category, and none for anything else', () => {
    const ids = taxonomy.map((category) => category.id);
    expect(Object.keys(categoryOpeners).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      expect(categoryOpeners[id]!.length, id).toBeGreaterThanOrEqual(4);
      expect(categoryOpeners[id]!.length, id).toBeLessThanOrEqual(8);
    }
  });

  it('asks questions of 60 to 120 characters, addressed to the other person', () => {
    for (const [name, list, , min] of lists) {
      expect(list.length, name).toBeGreaterThanOrEqual(min);
      expect(new Set(list).size, name).toBe(list.length);
      for (const template of list) {
        expect(template.endsWith('?'), template).toBe(true);
        expect(template.length, template).toBeGreaterThanOrEqual(60);
        expect(template.length, template).toBeLessThanOrEqual(120);
        expect(template, template).toMatch(/\byou(r|rs|'re|'d|'ve)?\b/i);
        expect(template, template).not.toMatch(/\s{2}|^\s|\s$/);
      }
    }
  });

  it('uses only the placeholders of its list, each where it is needed', () => {
    for (const [name, list, allowed] of lists) {
      for (const template of list) {
        const used = placeholders(template);
        for (const placeholder of used) expect(allowed, `${name}: ${template}`).toContain(placeholder);
        expect(new Set(used), `${name}: ${template}`).toEqual(new Set(allowed));
        expect(template.replace(/\{(\w+)\}/g, ''), template).not.toMatch(/[{}]/);
      }
    }
  });

  it('never pitches', () => {
    for (const [, list] of lists) for (const template of list) expect(containsPitch(template), template).toBe(false);
  });

  it('still reads as a question without a pitch when filled with every interest of its category', () => {
    for (const category of taxonomy) {
      for (const template of categoryOpeners[category.id]!) {
        for (const interest of category.interests) {
          const question = template.replace('{interest}', inSentence(interest.name));
          expect(question.endsWith('?'), question).toBe(true);
          expect(question, question).not.toMatch(/[{}]/);
          expect(containsPitch(question), question).toBe(false);
        }
      }
    }
  });

  it('still reads without a pitch when filled with any interest', () => {
    const names = taxonomy.flatMap((category) => category.interests.map((interest) => inSentence(interest.name)));
    for (const template of [...relatedOpeners, ...theyOfferOpeners, ...theySeekOpeners]) {
      for (const [index, name] of names.entries()) {
        const other = names[(index * 7 + 3) % names.length]!;
        const question = template.replace(/\{(theirs|topic)\}/g, name).replace('{mine}', other);
        expect(question.endsWith('?'), question).toBe(true);
        expect(containsPitch(question), question).toBe(false);
      }
    }
  });
});

describe('containsPitch', () => {
  it('finds selling, hiring and investing in any case and inflection', () => {
    for (const text of [
      'Are you hiring at the moment?',
      'We are HIRING engineers',
      'Would you like a demo of our product?',
      'Can I sell you something?',
      'Who handles sales at your company?',
      'Looking for new customers and clients',
      'Any leads for me?',
      'What is your pricing model?',
      'Could I pitch you my idea?',
      'Is your team recruiting?',
      'Do you know a good recruiter?',
      'Are there job openings on your team?',
      'What salary would you expect?',
      'Could you look at my résumé?',
      'Are you an investor?',
      'We are raising our seed round',
      'Looking for funding for my company',
      'How do you think about valuation?',
      'What ROI do you expect?',
      'How much revenue do you make?',
      'Did you ever talk to VCs?',
      'Interested in venture capital?',
      'Happy to send over a term sheet',
      'How do you monetise a community?',
      'We offer a 20% discount',
      'Let us close the deal',
      'Buying decisions are hard',
      'How do you fill your sales funnel?',
      // Caught although innocent here: better to hold back a question than let a pitch through.
      'Do you prefer server-side or client-side rendering?',
      'Do you have perfect pitch?',
    ]) {
      expect(containsPitch(text), text).toBe(true);
    }
  });

  it('lets innocent questions through', () => {
    for (const text of [
      'What got you into leadership coaching?',
      'How did you pick up rock climbing?',
      'How do you deal with a blank page?',
      'That took a great deal of patience, how did you keep going?',
      'Which fundamentals would you teach first?',
      'What is it like to be a tech lead?',
      'Where did that idea lead to in the end?',
      'What are you working on in health equity?',
      'What was the best bake sale you ran for the school?',
      'What would you invent if you had a free year?',
      'Which refund policy? No, which policy on leadership?',
      'What does your illustration portfolio look like?',
      'What was your favourite customs story from travelling?',
    ]) {
      expect(containsPitch(text), text).toBe(false);
    }
  });

  it('keeps whole words and phrases in lower case, with no innocent phrase that is itself a pitch word', () => {
    for (const word of [...pitchWords, ...innocentPhrases]) {
      expect(word, word).toBe(word.toLowerCase());
      expect(word, word).toBe(word.trim());
    }
    expect(new Set(pitchWords).size).toBe(pitchWords.length);
    for (const phrase of innocentPhrases) expect(pitchWords).not.toContain(phrase);
  });
});
