/** A person's interests as chips; the ones shared with me stand out (and say so to screen readers). */
export function InterestChips({ interests, shared, label = 'Interests' }: { interests: string[]; shared: Set<string>; label?: string }) {
  if (interests.length === 0) return null;
  const sorted = [...interests].sort((a, b) => Number(shared.has(b.toLowerCase())) - Number(shared.has(a.toLowerCase())));
  return (
    <ul className="chips" aria-label={label}>
      {sorted.map((interest) => {
        const isShared = shared.has(interest.toLowerCase());
        return (
          <li key={interest} className={`chip${isShared ? ' chip-shared' : ''}`}>
            {isShared && <span className="chip-mark" aria-hidden="true">✓</span>}
            {interest}
            {isShared && <span className="visually-hidden"> (you share this)</span>}
          </li>
        );
      })}
    </ul>
  );
}

export function interestSet(interests: string[] | undefined): Set<string> {
  return new Set((interests ?? []).map((i) => i.toLowerCase()));
}
