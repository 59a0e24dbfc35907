import { useEffect, useState } from 'react';
import { formatLeft, leftInWords } from '../mixer-words.js';

/** The time now, read again every `intervalMs` while `active`. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}

/**
 * The time left in a round, "4:05", ticking each second. Screen readers get it in words (to the
 * minute) rather than a number that changes every second.
 */
export function Countdown({ endsAt, className = '' }: { endsAt: string | null; className?: string }) {
  const end = endsAt ? Date.parse(endsAt) : NaN;
  const now = useNow(Number.isFinite(end));
  if (!Number.isFinite(end)) return null;
  const left = end - now;
  const over = left <= 0;
  return (
    <p className={`countdown${over ? ' is-over' : ''} ${className}`.trim()}>
      <span className="visually-hidden">{leftInWords(left)}</span>
      <span aria-hidden="true">
        {over ? (
          'Time’s up'
        ) : (
          <>
            <span className="countdown-clock">{formatLeft(left)}</span> left
          </>
        )}
      </span>
    </p>
  );
}
