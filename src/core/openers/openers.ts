import type { CommonGroundReason } from '../common-ground/types.js';
import { categoryOf, isProperName } from '../interests/taxonomy.js';
import { containsPitch } from './pitch-words.js';
import {
  categoryOpeners,
  generalOpeners,
  relatedOpeners,
  theyOfferOpeners,
  theySeekOpeners,
} from './templates.js';

/** For an interest the taxonomy does not know, questions that suit any pastime or subject. */
const anyInterestOpeners: readonly string[] = [
  'What got you into {interest}?',
  'What do you enjoy most about {interest} these days?',
  'What would you tell someone curious about {interest}?',
  "What's something about {interest} that surprised you?",
];

export interface OpenerRequest {
  /** Who will ask. */
  readonly viewerId: string;
  /** Who will be asked, with the questions they like to be asked. */
  readonly other: { readonly id: string; readonly questions?: readonly string[] };
  /** The pair's common ground, as the engine gives it. */
  readonly reasons: readonly CommonGroundReason[];
  /** How many questions (2 or 3 reads best). */
  readonly count?: number;
}

/** Filled-in questions repeat (the same template and interest for many pairs): check each once. */
const pitchChecked = new Map<string, boolean>();
const PITCH_CHECKS_KEPT = 20_000;

function pitches(question: string): boolean {
  let found = pitchChecked.get(question);
  if (found === undefined) {
    if (pitchChecked.size >= PITCH_CHECKS_KEPT) pitchChecked.clear();
    found = containsPitch(question);
    pitchChecked.set(question, found);
  }
  return found;
}

/** FNV-1a: a stable choice of template for a pair, without randomness. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193);
  }
  return value >>> 0;
}

/** How an interest reads inside a question: "rock climbing", but "Rust" and "AI ethics". */
export function interestInSentence(interest: string): string {
  if (isProperName(interest)) return interest;
  const [first = '', ...rest] = interest.split(' ');
  if (/[A-Z0-9]/.test(first.slice(1)) || rest.some((word) => /[A-Z]/.test(word))) return interest;
  return interest.charAt(0).toLowerCase() + interest.slice(1);
}

function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** A question of the other person's own, if it reads as one and is not a pitch. */
function askable(question: string): boolean {
  const text = question.trim();
  return text.length >= 8 && text.length <= 200 && text.endsWith('?') && !pitches(text);
}

/**
 * Two or three questions the viewer could open with: about the other person, drawn from their
 * common ground and from the questions the other person likes to be asked — never a pitch. The
 * same pair always gets the same questions.
 */
export function openersFor(request: OpenerRequest): string[] {
  const { viewerId, other, reasons } = request;
  const count = request.count ?? 3;
  const pair = `${viewerId}\u0000${other.id}`;
  const chosen: string[] = [];
  const used = new Set<string>();
  const take = (templates: readonly string[], values: Readonly<Record<string, string>>, salt: string) => {
    if (templates.length === 0 || chosen.length >= count) return;
    const start = hash(`${pair}\u0000${salt}`) % templates.length;
    for (let step = 0; step < templates.length; step++) {
      const template = templates[(start + step) % templates.length]!;
      if (used.has(template)) continue;
      const question = fill(template, values);
      if (!question.endsWith('?') || pitches(question) || chosen.includes(question)) continue;
      used.add(template);
      chosen.push(question);
      return;
    }
  };
  const interestQuestion = (interest: string, salt: string) => {
    const category = categoryOf(interest);
    const templates = (category && categoryOpeners[category.id]) || anyInterestOpeners;
    take(templates, { interest: interestInSentence(interest) }, salt);
  };

  const shared = reasons.filter((reason) => reason.kind === 'shared-interest');
  const offers = reasons.filter((reason) => reason.kind === 'offer-meets-need');
  const related = reasons.filter((reason) => reason.kind === 'related-interests');

  if (shared[0]) interestQuestion(shared[0].interest, 'shared');
  const theirs = (other.questions ?? []).filter(askable);
  if (theirs.length > 0 && chosen.length < count) {
    const question = theirs[hash(pair) % theirs.length]!.trim();
    if (!chosen.includes(question)) chosen.push(question);
  }
  const offer = offers[0];
  if (offer) {
    const topic = interestInSentence(offer.topic);
    if (offer.offeredBy === other.id) take(theyOfferOpeners, { topic }, 'offer');
    else take(theySeekOpeners, { topic }, 'need');
  }
  const link = related[0];
  if (link) {
    const [first, second] = link.interests;
    const mine = first.person === viewerId ? first : second;
    const them = first.person === viewerId ? second : first;
    take(relatedOpeners, { theirs: interestInSentence(them.interest), mine: interestInSentence(mine.interest) }, 'related');
  }
  if (shared[1]) interestQuestion(shared[1].interest, 'second');
  // Little common ground: general questions make up the first two.
  for (let round = 0; chosen.length < Math.min(count, 2) && round < generalOpeners.length; round++) {
    take(generalOpeners, {}, `general${round}`);
  }
  return chosen.slice(0, count);
}
