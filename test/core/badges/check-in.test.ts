import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkInChange, isCheckedIn, type CheckInState } from '../../../src/core/badges/check-in.js';

const EARLIER = new Date('2026-10-01T17:04:00Z');
const NOW = new Date('2026-10-01T18:30:00Z');

const state = fc.record({
  status: fc.constantFrom('invited', 'joined', 'checked_in') as fc.Arbitrary<CheckInState['status']>,
  checkedInAt: fc.option(fc.constant(EARLIER), { nil: null }),
});

describe('checking in at the door', () => {
  it('checks a member in, and an unclaimed import without making them a member', () => {
    expect(checkInChange({ status: 'joined', checkedInAt: null }, true, NOW)).toEqual({ status: 'checked_in', checkedInAt: NOW, changed: true });
    expect(checkInChange({ status: 'invited', checkedInAt: null }, true, NOW)).toEqual({ status: 'invited', checkedInAt: NOW, changed: true });
  });

  it('keeps the first time when checked in again, and says nothing changed', () => {
    expect(checkInChange({ status: 'checked_in', checkedInAt: EARLIER }, true, NOW)).toEqual({ status: 'checked_in', checkedInAt: EARLIER, changed: false });
    expect(checkInChange({ status: 'invited', checkedInAt: EARLIER }, true, NOW)).toEqual({ status: 'invited', checkedInAt: EARLIER, changed: false });
  });

  it('does not count an old time of someone who left and joined again', () => {
    expect(isCheckedIn({ status: 'joined', checkedInAt: EARLIER })).toBe(false);
    expect(checkInChange({ status: 'joined', checkedInAt: EARLIER }, true, NOW)).toEqual({ status: 'checked_in', checkedInAt: NOW, changed: true });
  });

  it('undoes a check-in', () => {
    expect(checkInChange({ status: 'checked_in', checkedInAt: EARLIER }, false, NOW)).toEqual({ status: 'joined', checkedInAt: null, changed: true });
    expect(checkInChange({ status: 'invited', checkedInAt: EARLIER }, false, NOW)).toEqual({ status: 'invited', checkedInAt: null, changed: true });
    expect(checkInChange({ status: 'joined', checkedInAt: null }, false, NOW).changed).toBe(false);
  });

  it('refuses someone who left', () => {
    expect(() => checkInChange({ status: 'left', checkedInAt: null }, true, NOW)).toThrow(RangeError);
  });

  it('never turns an invited person into a member, and lands where it was asked, idempotently', () => {
    fc.assert(
      fc.property(state, fc.boolean(), (current, checkIn) => {
        const next = checkInChange(current, checkIn, NOW);
        expect(next.status === 'invited').toBe(current.status === 'invited');
        expect(isCheckedIn(next)).toBe(checkIn);
        expect(next.changed).toBe(isCheckedIn(current) !== checkIn);
        const again = checkInChange(next, checkIn, NOW);
        expect(again.changed).toBe(false);
        expect({ status: again.status, checkedInAt: again.checkedInAt }).toEqual({ status: next.status, checkedInAt: next.checkedInAt });
      }),
    );
  });
});
