/**
 * The rules of introductions, not so fast: an introducer must have met both people, and the
 * later of those encounters must be at least a cool-down old, so that an introduction comes from
 * knowing both rather than from a first handshake.
 */

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_COOLDOWN_HOURS = 24;
export const DEFAULT_EXPIRY_DAYS = 14;

/**
 * The introducer's first encounter with one of the two, and the cool-down of its event. The
 * first, not the latest: the cool-down is there so that an introduction comes after a first
 * meeting has settled, and meeting someone known for years again today does not restart it.
 */
export interface LastEncounter {
  metAt: Date;
  cooldownHours: number;
}

export type IntroductionCheck =
  | { ok: true; readyAt: Date }
  | { ok: false; reason: 'not_met'; missing: ('a' | 'b')[] }
  | { ok: false; reason: 'cooling_down'; readyAt: Date; waitingFor: 'a' | 'b' };

/**
 * Whether an introduction of a and b may be proposed at `now`. Each encounter has its own
 * cool-down (the setting of the event it happened at); the later of the two ready times counts.
 */
export function checkIntroduction(a: LastEncounter | undefined, b: LastEncounter | undefined, now: Date): IntroductionCheck {
  const missing = [...(a ? [] : ['a' as const]), ...(b ? [] : ['b' as const])];
  if (!a || !b) return { ok: false, reason: 'not_met', missing };
  const readyA = readyAt(a);
  const readyB = readyAt(b);
  const waitingFor = readyB.getTime() > readyA.getTime() ? 'b' : 'a';
  const ready = waitingFor === 'b' ? readyB : readyA;
  if (now.getTime() < ready.getTime()) return { ok: false, reason: 'cooling_down', readyAt: ready, waitingFor };
  return { ok: true, readyAt: ready };
}

/** When an encounter is old enough to introduce from. */
export function readyAt(encounter: LastEncounter): Date {
  return new Date(encounter.metAt.getTime() + encounter.cooldownHours * HOUR_MS);
}

export function expiresAt(createdAt: Date, days: number): Date {
  return new Date(createdAt.getTime() + days * DAY_MS);
}

export type IntroductionAnswer = 'accepted' | 'declined';

/**
 * What one person may know of an introduction: never the other's answer (a decline is never
 * revealed), only whether it connected, is still waiting or did not come about.
 */
export type IntroductionState = 'waiting' | 'connected' | 'withdrawn' | 'not_this_time';

export function introductionState(
  stored: { status: 'pending' | 'connected' | 'withdrawn' | 'lapsed'; expiresAt: Date },
  now: Date,
): IntroductionState {
  if (stored.status === 'connected') return 'connected';
  if (stored.status === 'withdrawn') return 'withdrawn';
  if (stored.status === 'lapsed' || now.getTime() >= stored.expiresAt.getTime()) return 'not_this_time';
  return 'waiting';
}
