export type MembershipStatus = 'invited' | 'joined' | 'checked_in' | 'left';

export interface CheckInState {
  status: MembershipStatus;
  checkedInAt: Date | null;
}

/**
 * Whether a membership counts as checked in. For a member the status says it; someone imported
 * who has not claimed their account stays `invited`, and their check-in time says it. (A member
 * who left and joined again may carry an old time with status `joined`: not checked in.)
 */
export function isCheckedIn(state: CheckInState): boolean {
  return state.status === 'checked_in' || (state.status === 'invited' && state.checkedInAt !== null);
}

/**
 * A membership checked in (or the check-in undone) at `now`. An unclaimed import stays `invited`:
 * checking them in records that they came, and does not make them a member others can see (only
 * claiming does). Checking in twice keeps the first time. `changed` says whether this is news, so
 * that a repeat writes no audit entry. A departed member is the caller's to refuse.
 */
export function checkInChange(
  current: CheckInState,
  checkIn: boolean,
  now: Date,
): { status: Exclude<MembershipStatus, 'left'>; checkedInAt: Date | null; changed: boolean } {
  const { status, checkedInAt } = current;
  if (status === 'left') throw new RangeError('a member who left cannot be checked in');
  const invited = status === 'invited';
  if (checkIn) {
    if (isCheckedIn(current)) return { status, checkedInAt, changed: false };
    return { status: invited ? 'invited' : 'checked_in', checkedInAt: now, changed: true };
  }
  return { status: invited ? 'invited' : 'joined', checkedInAt: null, changed: isCheckedIn(current) };
}
