import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { Link } from 'react-router';
import type { Suggestion, SuggestionReason } from '../api/client.js';
import { Avatar } from './Avatar.js';
import { firstNameOf } from '../names.js';
import { AskToMeet } from './AskToMeet.js';
import { CopyButton } from './CopyButton.js';
import { useDismiss } from './dismiss.js';

/** Reasons shown before "more": enough to judge, few enough to read on a phone. */
const REASONS_SHOWN = 4;

export { firstNameOf };

/** Where a suggestion's person page is, remembering that we came from People to meet (and which list). */
export function personLink(eventId: string, userId: string, view?: 'saved') {
  return { to: `/e/${eventId}/people/${userId}`, state: { from: 'people-to-meet', ...(view ? { view } : {}) } };
}

/** One reason, from my side: what we share, or how one of us could help the other. */
export function ReasonText({ reason }: { reason: SuggestionReason }): ReactNode {
  switch (reason.kind) {
    case 'shared':
      return (
        <>
          <span className="why-lead">You both:</span> <strong>{reason.interest}</strong>
          <span className="why-count">
            {' · '}
            <span className="why-count-text">{reason.peopleWithIt <= 2 ? 'only you two here' : `${reason.peopleWithIt} here`}</span>
          </span>
        </>
      );
    case 'related':
      return (
        <>
          <span className="why-lead">You:</span> <strong>{reason.yours}</strong>{' '}
          <span className="why-arrow" aria-hidden="true">
            ↔
          </span>
          <span className="visually-hidden">, </span> <span className="why-lead">them:</span> <strong>{reason.theirs}</strong>
        </>
      );
    case 'they-offer':
      return (
        <>
          <span className="why-lead">They can help with:</span> <q>{reason.offer}</q>
        </>
      );
    case 'you-offer':
      return (
        <>
          <span className="why-lead">You could help with:</span> <q>{reason.need}</q>
        </>
      );
  }
}

/** Apostrophes inside words set as ’ (what's → what’s), as everywhere else in the app. */
export function typeset(text: string): string {
  return text.replace(/(\p{L})'(\p{L})/gu, '$1’$2');
}

/**
 * Related interests that meet the same one of theirs (or of mine) as one chip: "You: Baking,
 * Fermentation ↔ them: Cooking" rather than two chips that both end in Cooking.
 */
function mergeRelated(why: SuggestionReason[]): SuggestionReason[] {
  const merged: SuggestionReason[] = [];
  for (const reason of why) {
    if (reason.kind !== 'related') {
      merged.push(reason);
      continue;
    }
    const same = merged.find(
      (r): r is Extract<SuggestionReason, { kind: 'related' }> => r.kind === 'related' && (r.theirs === reason.theirs || r.yours === reason.yours),
    );
    if (!same) merged.push({ ...reason });
    else if (same.theirs === reason.theirs) same.yours = `${same.yours}, ${reason.yours}`;
    else same.theirs = `${same.theirs}, ${reason.theirs}`;
  }
  return merged;
}

function WhyChips({ why, name }: { why: Suggestion['why']; name: string }) {
  const [all, setAll] = useState(false);
  const reasons = mergeRelated(why);
  // Offers and needs are sentences: they read best after the short chips, each on its own line.
  const sorted = [...reasons.filter((r) => r.kind === 'shared' || r.kind === 'related'), ...reasons.filter((r) => r.kind === 'they-offer' || r.kind === 'you-offer')];
  const hidden = all ? 0 : Math.max(0, sorted.length - REASONS_SHOWN);
  const shown = hidden > 1 ? sorted.slice(0, REASONS_SHOWN) : sorted;
  return (
    <ul className="why" aria-label={`What you have in common with ${name}`}>
      {shown.map((reason, index) => (
        <li key={index} className={`why-chip why-${reason.kind}`}>
          {reason.kind === 'shared' && (
            <span className="why-mark" aria-hidden="true">
              ✓
            </span>
          )}
          <span>
            <ReasonText reason={reason} />
          </span>
        </li>
      ))}
      {hidden > 1 && (
        <li>
          {/* The button is a 44px touch target; the dashed chip inside it is what shows. */}
          <button type="button" className="why-more" onClick={() => setAll(true)} aria-label={`Show ${hidden} more things in common with ${name}`}>
            <span className="why-more-chip">+{hidden} more</span>
          </button>
        </li>
      )}
    </ul>
  );
}

function CopyIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className="icon">
      <rect x="8.5" y="8.5" width="11" height="11" rx="2.5" />
      <path d="M15.5 5.5v-.5a2 2 0 0 0-2-2h-8.5a2 2 0 0 0-2 2v8.5a2 2 0 0 0 2 2h.5" />
    </svg>
  );
}

function BookmarkIcon({ filled }: { filled: boolean }) {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false" className={`icon${filled ? ' icon-filled' : ''}`}>
      <path d="M6.5 3.5h11a1 1 0 0 1 1 1v16l-6.5-4.2-6.5 4.2v-16a1 1 0 0 1 1-1Z" />
    </svg>
  );
}

function DotsIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" className="icon icon-dots">
      <circle cx="5" cy="12" r="1.9" />
      <circle cx="12" cy="12" r="1.9" />
      <circle cx="19" cy="12" r="1.9" />
    </svg>
  );
}

/** Space kept between the open menu and the left edge of the screen. */
const MENU_MARGIN = 12;

/**
 * A small disclosure menu: opens below its button, closes on Escape, outside taps and leaving by
 * keyboard. It hangs from the button's right edge and is never wider than the room to its left,
 * so a long name wraps inside it instead of pushing it off the screen.
 */
function MoreMenu({ name, profile, onBlock }: { name: string; profile: ReturnType<typeof personLink>; onBlock(): void }) {
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const [room, setRoom] = useState<number>();
  const panelId = useId();
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    if (!open || !wrapper.current) return;
    const measure = () => setRoom(Math.floor((wrapper.current?.getBoundingClientRect().right ?? 0) - MENU_MARGIN));
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [open]);

  useEffect(() => {
    if (open) wrapper.current?.querySelector<HTMLElement>('.more-item')?.focus();
  }, [open]);
  const closeOnBlur = useDismiss(open, closeMenu, wrapper, button);

  return (
    <div
      className="more"
      ref={wrapper}
      onBlur={closeOnBlur}
    >
      <button
        ref={button}
        type="button"
        className="button-more"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`More for ${name}`}
        onClick={() => setOpen((current) => !current)}
      >
        <DotsIcon />
      </button>
      <div id={panelId} className="more-panel" hidden={!open} style={room ? { maxWidth: `min(var(--more-panel-max), ${room}px)`, minWidth: `min(var(--more-panel-min), ${room}px)` } : undefined}>
        <Link {...profile} className="more-item">
          View profile
        </Link>
        <button
          type="button"
          className="more-item more-item-danger"
          onClick={() => {
            setOpen(false);
            onBlock();
          }}
        >
          Block {firstNameOf(name)}…
        </button>
      </div>
    </div>
  );
}

interface SuggestionCardProps {
  eventId: string;
  person: Suggestion;
  /** A save or unsave is on its way to the server. */
  saving: boolean;
  onToggleSave(): void;
  onNotNow(): void;
  onBlock(): void;
  cardRef?: Ref<HTMLElement>;
}

/** Someone I could meet: who they are, why we might get on, and how to start talking. */
export function SuggestionCard({ eventId, person, saving, onToggleSave, onNotNow, onBlock, cardRef }: SuggestionCardProps) {
  const titleId = useId();
  const profile = personLink(eventId, person.userId);
  return (
    <article ref={cardRef} className={`card suggestion${person.saved ? ' is-saved' : ''}`} aria-labelledby={titleId} tabIndex={-1}>
      <header className="suggestion-head">
        <Avatar name={person.displayName} />
        <div className="suggestion-title">
          <h2 id={titleId} className="suggestion-name">
            <Link {...profile}>{person.displayName}</Link>
          </h2>
          {person.headline && <p className="suggestion-headline">{person.headline}</p>}
        </div>
        <MoreMenu name={person.displayName} profile={profile} onBlock={onBlock} />
      </header>

      {person.hereFor && (
        <p className="here-for">
          <span className="here-for-label">Here for</span> {person.hereFor}
        </p>
      )}

      {person.why.length > 0 && <WhyChips why={person.why} name={person.displayName} />}

      {person.openers.length > 0 && (
        <div className="suggestion-openers">
          <h3 className="suggestion-label">Questions to open with</h3>
          <ul className="openers openers-compact">
            {person.openers.map((question, index) => (
              <li key={question} className="opener">
                <span className="opener-mark" aria-hidden="true">
                  “
                </span>
                <span className="opener-text">{typeset(question)}</span>
                <CopyButton text={typeset(question)} what="Question" label={<CopyIcon />} ariaLabel={`Copy question ${index + 1}`} className="opener-copy" />
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="suggestion-actions">
        <AskToMeet eventId={eventId} person={{ id: person.userId, name: person.displayName }} />
        {/* One name for both states, as a toggle has; aria-pressed says which (the visible label follows it). */}
        <button
          type="button"
          className={`button button-small save-button${person.saved ? ' is-saved' : ''}`}
          onClick={onToggleSave}
          aria-pressed={person.saved}
          aria-disabled={saving || undefined}
          aria-label={`Save ${person.displayName} for later`}
        >
          <BookmarkIcon filled={person.saved} />
          {person.saved ? 'Saved' : 'Save for later'}
        </button>
        <button type="button" className="button button-small button-quiet not-now" onClick={onNotNow} aria-label={`Not now: ${person.displayName}`}>
          Not now
        </button>
      </div>
    </article>
  );
}
