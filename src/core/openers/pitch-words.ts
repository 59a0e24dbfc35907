/**
 * Words of selling, hiring and investing. An opener is a question about the other person, so a
 * question with one of these words in it is a pitch and is never offered. Whole words only, in
 * any case: "leadership" and "fundamentals" are fine, "leads" and "funding" are not.
 */
export const pitchWords: readonly string[] = [
  // Selling
  'sell', 'sells', 'selling', 'seller', 'sellers', 'sold', 'upsell', 'upsells', 'upselling', 'cross-sell',
  'cross-selling', 'sale', 'sales', 'salesperson', 'salespeople', 'salesman', 'salesmen', 'saleswoman',
  'buy', 'buys', 'buying', 'buyer', 'buyers', 'bought', 'purchase', 'purchases', 'purchased', 'purchasing',
  'customer', 'customers', 'client', 'clients', 'lead', 'leads', 'deal', 'deals', 'discount', 'discounts',
  'discounted', 'price', 'prices', 'priced', 'pricing', 'pitch', 'pitches', 'pitched', 'pitching', 'demo',
  'demos', 'quota', 'quotas', 'prospect', 'prospects', 'prospecting', 'funnel', 'funnels', 'go-to-market',
  'cold call', 'cold calls', 'cold calling', 'cold email', 'cold emails', 'b2b', 'b2c',
  // Hiring
  'hire', 'hires', 'hired', 'hiring', 'recruit', 'recruits', 'recruited', 'recruiting', 'recruiter',
  'recruiters', 'recruitment', 'job opening', 'job openings', 'job offer', 'job offers', 'vacancy',
  'vacancies', 'salary', 'salaries', 'résumé', 'résumés', 'headhunt', 'headhunter', 'headhunters',
  'headhunting', 'talent acquisition',
  // Investing
  'invest', 'invests', 'invested', 'investing', 'investor', 'investors', 'investment', 'investments',
  'fund', 'funds', 'funded', 'funding', 'fundraise', 'fundraises', 'fundraiser', 'fundraisers',
  'fundraising', 'valuation', 'valuations', 'equity stake', 'equity stakes', 'private equity', 'sweat equity',
  'roi', 'revenue', 'revenues', 'seed round', 'pre-seed', 'series a round', 'series b round', 'term sheet',
  'term sheets', 'cap table', 'vc', 'vcs', 'venture capital', 'venture capitalist', 'venture capitalists',
  'monetize', 'monetizes', 'monetizing', 'monetization', 'monetise', 'monetises', 'monetising',
  'monetisation', 'portfolio company', 'portfolio companies', 'unicorn startup',
];

/**
 * Everyday phrases that hold a pitch word without being a pitch: "how do you deal with …", a
 * role ("a tech lead"), a school bake sale. Kept short on purpose: a question wrongly held back
 * costs little, a pitch let through costs trust, so "client-side" or "perfect pitch" still count.
 */
export const innocentPhrases: readonly string[] = [
  'deal with', 'deals with', 'a great deal', 'lead to', 'lead by example', 'tech lead', 'team lead',
  'design lead', 'lead developer', 'lead engineer', 'lead designer', 'bake sale', 'jumble sale', 'car boot sale',
];

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One alternation of whole words or phrases; a space or hyphen in a phrase matches either. */
function wholeWords(list: readonly string[], flags: string): RegExp {
  const alternatives = [...list]
    .sort((a, b) => b.length - a.length)
    .map((phrase) => phrase.split(/[\s-]+/).map(escape).join('[\\s-]+'));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, flags);
}

const PITCH = wholeWords(pitchWords, 'iu');
const INNOCENT = wholeWords(innocentPhrases, 'giu');

/** Whether a text sells, recruits or asks for money, by the words it uses. */
export function containsPitch(text: string): boolean {
  return PITCH.test(text.normalize('NFC').replace(INNOCENT, ' '));
}
