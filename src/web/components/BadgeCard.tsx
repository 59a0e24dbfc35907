import { useLayoutEffect, useRef } from 'react';
import type { Schemas } from '../api/client.js';
import { badgeCodeOf, doorCodeOf } from '../../core/badges/badge-code.js';
import { BadgeQr } from './BadgeQr.js';

export type Badge = Schemas['Badge'];

const PX_PER_PT = 96 / 72;
/** The name's line height, as BadgeSheets.css sets it. */
const LINE_HEIGHT = 1.1;

/**
 * Sets the name's size to the largest at which it takes at most two lines, no word runs out of
 * the badge, and it stays within the room the layout keeps for it (`--name-room`: two lines of a
 * middling size, so a short name on one line may be bigger), from `--name-max` down to
 * `--name-min`. A name too long even then is cut after two lines, never spilled.
 */
function fitName(element: HTMLElement) {
  const style = getComputedStyle(element);
  const max = parseFloat(style.getPropertyValue('--name-max')) || 28;
  const min = parseFloat(style.getPropertyValue('--name-min')) || 10;
  const room = (parseFloat(style.getPropertyValue('--name-room')) || 48) * PX_PER_PT;
  element.classList.remove('is-squeezed');
  for (let size = max; size >= min; size -= 0.5) {
    element.style.fontSize = `${size}pt`;
    const limit = Math.min(room, 2 * LINE_HEIGHT * size * PX_PER_PT) + 1;
    if (element.scrollHeight <= limit && element.scrollWidth <= element.clientWidth) return;
  }
  element.style.fontSize = `${min}pt`;
  element.classList.add('is-squeezed');
}

/** One printed badge: the event, a name big enough to read across a room, and the QR code. */
export function BadgeCard({ badge, eventName, layoutId }: { badge: Badge; eventName: string; layoutId: string }) {
  const nameRef = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    const element = nameRef.current;
    if (!element) return;
    fitName(element);
    let cancelled = false;
    // Once web fonts are in, measure again: a different face has different widths.
    void document.fonts?.ready.then(() => {
      if (!cancelled) fitName(element);
    });
    return () => {
      cancelled = true;
    };
  }, [badge.name, layoutId]);

  const caption = badge.claimed ? 'Scan at the door' : 'Scan to claim your profile';
  return (
    <li className="name-badge" data-user-id={badge.userId}>
      <p className="name-badge-event">{eventName}</p>
      <p ref={nameRef} className="name-badge-name">
        {badge.name}
      </p>
      <div className="name-badge-about">
        {badge.headline && <p className="name-badge-headline">{badge.headline}</p>}
        {badge.interests.length > 0 && (
          <ul className="name-badge-interests" aria-label="Interests">
            {badge.interests.map((interest) => (
              <li key={interest}>{interest}</li>
            ))}
          </ul>
        )}
      </div>
      <figure className="name-badge-code">
        <BadgeQr className="name-badge-qr" text={badge.claimUrl} label={`QR code of ${badge.name}’s badge`} />
        <figcaption>
          {caption}
          <span className="name-badge-door-code">{doorCodeOf(badgeCodeOf(badge.claimUrl) ?? '')}</span>
        </figcaption>
      </figure>
    </li>
  );
}
