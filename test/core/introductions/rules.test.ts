import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIntroduction, expiresAt, introductionState, readyAt } from '../../../src/core/introductions/rules.js';

const HOUR = 3_600_000;
const instant = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true });
const encounter = fc.record({ metAt: instant, cooldownHours: fc.integer({ min: 0, max: 720 }) });

describe('introduction rules', () => {
  it('needs an encounter with both, and says with whom one is missing', () => {
    const now = new Date('2026-06-02T00:00:00Z');
    const met = { metAt: new Date('2026-05-01T00:00:00Z'), cooldownHours: 24 };
    expect(checkIntroduction(undefined, met, now)).toEqual({ ok: false, reason: 'not_met', missing: ['a'] });
    expect(checkIntroduction(met, undefined, now)).toEqual({ ok: false, reason: 'not_met', missing: ['b'] });
    expect(checkIntroduction(undefined, undefined, now)).toEqual({ ok: false, reason: 'not_met', missing: ['a', 'b'] });
  });

  it('opens exactly when the later of the two is a cool-down old, each by its own event’s cool-down', () => {
    const a = { metAt: new Date('2026-06-01T10:00:00Z'), cooldownHours: 24 };
    const b = { metAt: new Date('2026-06-01T20:00:00Z'), cooldownHours: 2 };
    // a is ready at 10:00 the next day, b at 22:00 the same day: a is the one waited for.
    expect(checkIntroduction(a, b, new Date('2026-06-02T09:59:59Z'))).toEqual({
      ok: false,
      reason: 'cooling_down',
      readyAt: new Date('2026-06-02T10:00:00Z'),
      waitingFor: 'a',
    });
    expect(checkIntroduction(a, b, new Date('2026-06-02T10:00:00Z'))).toEqual({ ok: true, readyAt: new Date('2026-06-02T10:00:00Z') });
  });

  it('is allowed if and only if both encounters are past their cool-downs, whichever order they are given in', () => {
    fc.assert(
      fc.property(encounter, encounter, instant, (a, b, now) => {
        const result = checkIntroduction(a, b, now);
        const ready = Math.max(readyAt(a).getTime(), readyAt(b).getTime());
        expect(result.ok).toBe(now.getTime() >= ready);
        if (result.ok || result.reason === 'cooling_down') expect(result.readyAt.getTime()).toBe(ready);
        expect(checkIntroduction(b, a, now).ok).toBe(result.ok);
        expect(readyAt(a).getTime() - a.metAt.getTime()).toBe(a.cooldownHours * HOUR);
      }),
    );
  });

  it('reads as waiting until it expires, unless connected or withdrawn', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 90 }), fc.integer({ min: -100, max: 100 }), (created, days, offsetDays) => {
        const expires = expiresAt(created, days);
        const now = new Date(created.getTime() + (days + offsetDays) * 24 * HOUR);
        const state = introductionState({ status: 'pending', expiresAt: expires }, now);
        expect(state).toBe(offsetDays < 0 ? 'waiting' : 'not_this_time');
        expect(introductionState({ status: 'connected', expiresAt: expires }, now)).toBe('connected');
        expect(introductionState({ status: 'withdrawn', expiresAt: expires }, now)).toBe('withdrawn');
        expect(introductionState({ status: 'lapsed', expiresAt: expires }, now)).toBe('not_this_time');
      }),
    );
  });
});
