import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, fieldError, unwrap, type MeetingSlot } from '../api/client.js';
import { keys, refreshMeetings, useEvent, useMeetingRequests, useMeetings, useSlots } from '../api/queries.js';
import { firstNameOf } from '../names.js';
import { dayKey, formatSlotRange } from '../time.js';
import { Sheet } from './Sheet.js';
import { FormMessage } from './States.js';
import { useToast } from './Toasts.js';

/** As the server counts: characters, not UTF-16 units, after trimming. */
export const NOTE_MAX = 280;
const noteLength = (note: string) => [...note.trim()].length;

interface AskToMeetProps {
  eventId: string;
  person: { id: string; name: string };
  /** A larger button, for the person's own page. */
  large?: boolean;
}

/**
 * "Ask to meet" someone, or where things stand with them: asked and waiting, a meeting planned,
 * or their own request to answer. The request is a short note and, if I like, times that suit me.
 */
export function AskToMeet({ eventId, person, large }: AskToMeetProps) {
  const requests = useMeetingRequests(eventId);
  const meetings = useMeetings(eventId);
  const [open, setOpen] = useState(false);
  const [refocus, setRefocus] = useState(false);
  const wrapper = useRef<HTMLDivElement>(null);
  const first = firstNameOf(person.name);
  const size = large ? '' : ' button-small';

  const meeting = meetings.data?.find((m) => m.person.id === person.id && m.state !== 'cancelled');
  const asked = requests.data?.sent.find((r) => r.person.id === person.id && r.state === 'waiting');
  const askedMe = requests.data?.received.find((r) => r.person.id === person.id);

  // The button I used is gone once the request is sent: focus goes to what took its place.
  useEffect(() => {
    if (!refocus) return;
    wrapper.current?.querySelector<HTMLElement>('a, button')?.focus();
    setRefocus(false);
  }, [refocus, asked]);

  const meetingsPage = `/e/${eventId}/meetings`;
  let control;
  if (meeting) {
    control = (
      <Link to={meetingsPage} className={`button${size} ask-state`} aria-label={`${meeting.state === 'held' ? 'You met' : 'Meeting planned'} with ${person.name}: see your meetings`}>
        {meeting.state === 'held' ? (
          <>
            You met <span aria-hidden="true">✓</span>
          </>
        ) : (
          'Meeting planned'
        )}
      </Link>
    );
  } else if (asked) {
    control = (
      <Link to={`${meetingsPage}?view=requests`} className={`button${size} ask-state`} aria-label={`Asked ${person.name} to meet: see your request`}>
        <span aria-hidden="true">✓</span> Asked
      </Link>
    );
  } else if (askedMe) {
    control = (
      <Link to={`${meetingsPage}?view=requests`} className={`button${size} button-primary`}>
        {first} asked you: answer
      </Link>
    );
  } else {
    control = (
      <button type="button" className={`button${size} button-primary ask-button`} onClick={() => setOpen(true)}>
        Ask to meet
      </button>
    );
  }

  return (
    <div className="ask" ref={wrapper}>
      {control}
      <Sheet open={open} title={`Ask ${first} to meet`} onClose={() => setOpen(false)}>
        <AskForm
          eventId={eventId}
          person={person}
          onDone={() => {
            setOpen(false);
            setRefocus(true);
          }}
          onCancel={() => setOpen(false)}
        />
      </Sheet>
    </div>
  );
}

function AskForm({ eventId, person, onDone, onCancel }: { eventId: string; person: { id: string; name: string }; onDone(): void; onCancel(): void }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const event = useEvent(eventId);
  const slots = useSlots(eventId);
  const requests = useMeetingRequests(eventId);
  const [note, setNote] = useState('');
  const [preferred, setPreferred] = useState<ReadonlySet<string>>(new Set());
  const noteId = useId();
  const first = firstNameOf(person.name);
  const length = noteLength(note);
  const over = length - NOTE_MAX;

  const send = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/events/{eventId}/meeting-requests', {
          params: { path: { eventId } },
          body: { inviteeId: person.id, ...(note.trim() ? { note: note.trim() } : {}), ...(preferred.size ? { preferredSlotIds: [...preferred] } : {}) },
        }),
      ),
    onSuccess: (sent) => {
      queryClient.setQueryData(keys.meetingRequests(eventId), (data: typeof requests.data) =>
        data && {
          ...data,
          sent: [sent, ...data.sent.filter((r) => r.id !== sent.id)],
          caps: { ...data.caps, open: data.caps.open + 1, sentLast24h: data.caps.sentLast24h + 1 },
        },
      );
      void refreshMeetings(queryClient, eventId);
      notify(`Request sent to ${first}`);
      onDone();
    },
    // Already asked, or already meeting (from another tab or device): show where things stand.
    onError: () => void refreshMeetings(queryClient, eventId),
  });

  const timeZone = event.data?.timeZone ?? 'UTC';
  const now = Date.now();
  const upcoming = (slots.data ?? []).filter((slot) => Date.parse(slot.startsAt) > now);
  const oneDay = new Set(upcoming.map((slot) => dayKey(slot.startsAt, timeZone))).size <= 1;
  const caps = requests.data?.caps;
  const noteError = fieldError(send.error, 'note');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (over > 0 || send.isPending) return;
    send.mutate();
  }

  return (
    <form className="form ask-form" onSubmit={submit} noValidate>
      <p className="muted">
        {first} sees your note and can say yes. Then you both get a time and a table{upcoming.length > 0 ? ', in a slot you are both free' : ''}.
      </p>
      <div className={`field${noteError || over > 0 ? ' field-invalid' : ''}`}>
        <label htmlFor={noteId} className="field-label">
          Your note <span className="field-optional">(optional)</span>
        </label>
        <p id={`${noteId}-hint`} className="field-hint">
          What would you like to talk about?
        </p>
        <textarea
          id={noteId}
          className="input textarea"
          rows={4}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder="e.g. I’d love to hear what you’re building"
          aria-describedby={`${noteId}-hint ${noteId}-count`}
          aria-invalid={noteError || over > 0 ? true : undefined}
          data-autofocus
        />
        <p className={`ask-count${over > 0 ? ' is-over' : ''}`}>
          <span aria-hidden="true">
            {length}/{NOTE_MAX}
          </span>
          <span id={`${noteId}-count`} className="visually-hidden">
            Up to {NOTE_MAX} characters.
          </span>
        </p>
        <p className="field-error" aria-live="polite">
          {over > 0 ? `${over} ${over === 1 ? 'character' : 'characters'} too many: please keep it to ${NOTE_MAX}.` : noteError}
        </p>
      </div>

      {upcoming.length > 0 && (
        <fieldset className="field">
          <legend className="field-label">Times that suit you (optional)</legend>
          <p className="field-hint">Leave them all unticked if any time is fine.</p>
          <ul className="slot-chips">
            {upcoming.map((slot) => (
              <li key={slot.id}>
                <SlotChip
                  slot={slot}
                  label={slotLabel(slot, timeZone, !oneDay)}
                  checked={preferred.has(slot.id)}
                  onChange={(checked) =>
                    setPreferred((current) => {
                      const next = new Set(current);
                      if (checked) next.add(slot.id);
                      else next.delete(slot.id);
                      return next;
                    })
                  }
                />
              </li>
            ))}
          </ul>
        </fieldset>
      )}

      {caps && (
        <p className="muted small">
          {caps.open === 0
            ? `You can have up to ${caps.maxOpen} requests waiting for an answer at once.`
            : `${caps.open} of your requests ${caps.open === 1 ? 'is' : 'are'} waiting for an answer; this event allows ${caps.maxOpen} at once.`}
        </p>
      )}
      <FormMessage error={send.error && !noteError ? send.error : undefined} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={send.isPending || over > 0}>
          {send.isPending ? 'Sending…' : 'Send request'}
        </button>
      </div>
    </form>
  );
}

function slotLabel(slot: MeetingSlot, timeZone: string, withDay: boolean) {
  const when = formatSlotRange(slot.startsAt, slot.endsAt, timeZone, { withDay });
  return slot.label ? `${when} · ${slot.label}` : when;
}

/** A slot to tick, as a chip: the whole chip is the checkbox's label. */
export function SlotChip({ slot, label, checked, disabled, onChange }: { slot: MeetingSlot; label: string; checked: boolean; disabled?: boolean; onChange(checked: boolean): void }) {
  const id = useId();
  return (
    <span className={`slot-chip${checked ? ' is-checked' : ''}`}>
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} data-slot={slot.id} />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}
