import { useEffect, useId, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  api,
  errorMessage,
  unwrap,
  type EventView,
  type Meeting,
  type MeetingSlot,
  type ReceivedMeetingRequest,
  type SentMeetingRequest,
} from '../api/client.js';
import { keys, refreshMeetings, useAvailability, useEvent, useMeetingRequests, useMeetings, useSlots } from '../api/queries.js';
import { Avatar } from '../components/Avatar.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { firstNameOf } from '../names.js';
import { noteOwnChange } from '../notifications.js';
import { dayKey, formatMoment, formatSlotRange, formatWeekday } from '../time.js';

const VIEWS = [
  { id: 'schedule', label: 'Schedule' },
  { id: 'requests', label: 'Requests' },
  { id: 'availability', label: 'Availability' },
] as const;
type View = (typeof VIEWS)[number]['id'];

export function MeetingsPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `Meetings · ${event.data.name}` : 'Meetings');

  if (event.isPending) return <Loading lines={6} label="Loading your meetings…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <MeetingsView event={event.data} />;
}

/** Where a meeting is: its time on the event's clocks, and its table. */
export function meetingPlace(meeting: Pick<Meeting, 'slot' | 'table'>, timeZone: string): string | undefined {
  if (!meeting.slot) return undefined;
  const when = formatSlotRange(meeting.slot.startsAt, meeting.slot.endsAt, timeZone);
  return meeting.table ? `${when}, ${meeting.table.label}` : when;
}

function MeetingsView({ event }: { event: EventView }) {
  const eventId = event.id;
  const [params] = useSearchParams();
  const requested = params.get('view');
  const view: View = VIEWS.some((v) => v.id === requested) ? (requested as View) : 'schedule';
  const requests = useMeetingRequests(eventId);
  const received = requests.data?.received.length ?? 0;

  return (
    <div className="stack narrow">
      <header className="ptm-head">
        <Link to={`/e/${eventId}`} className="back-link">
          <span aria-hidden="true">←</span> {event.name}
        </Link>
        <h1>Meetings</h1>
        <p className="lead">Your 1:1s here: when, at which table, and with whom.</p>
        <div className="actions">
          <Link to={`/e/${eventId}/met`} className="button button-secondary button-small">
            We met: show or scan a code
          </Link>
        </div>
      </header>

      <nav className="tabs ptm-tabs meetings-tabs" aria-label="Meetings">
        {VIEWS.map((v) => {
          // Only what waits for me is counted: the schedule's own list says how many meetings there are.
          const count = v.id === 'requests' && requests.isSuccess && received > 0 ? received : undefined;
          return (
            <Link
              key={v.id}
              to={{ search: v.id === 'schedule' ? '' : `?view=${v.id}` }}
              replace
              className={`tab${view === v.id ? ' is-active' : ''}`}
              aria-current={view === v.id ? 'page' : undefined}
              aria-label={count !== undefined ? `${v.label}, ${count} waiting for your answer` : undefined}
            >
              {v.label}
              {count !== undefined && (
                <span className="tab-count tab-count-new" aria-hidden="true">
                  {count}
                </span>
              )}
            </Link>
          );
        })}
      </nav>

      {view === 'schedule' && <ScheduleView event={event} />}
      {view === 'requests' && <RequestsView event={event} />}
      {view === 'availability' && <AvailabilityView event={event} />}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Schedule

function ScheduleView({ event }: { event: EventView }) {
  const eventId = event.id;
  const meetings = useMeetings(eventId);
  const requests = useMeetingRequests(eventId);
  const received = requests.data?.received ?? [];

  if (meetings.isPending) return <Loading lines={5} label="Loading your meetings…" />;
  if (meetings.isError) return <ErrorState error={meetings.error} onRetry={() => void meetings.refetch()} />;

  const upcoming = meetings.data.filter((m) => m.state === 'scheduled' || m.state === 'waiting');
  const done = meetings.data.filter((m) => m.state === 'held' || m.state === 'cancelled');

  const nudge = received.length > 0 && (
    <div className="card nudge stack-sm">
      <p className="card-title nudge-title">
        {received.length === 1
          ? `${received[0]!.person.name} would like to meet you`
          : `${received[0]!.person.name} and ${received.length - 1} ${received.length === 2 ? 'other' : 'others'} would like to meet you`}
      </p>
      <div className="actions">
        <Link to={{ search: '?view=requests' }} replace className="button button-primary button-small">
          See {received.length === 1 ? 'the request' : 'the requests'}
        </Link>
      </div>
    </div>
  );

  if (meetings.data.length === 0) {
    return (
      <>
        {nudge}
        <EmptyState title="No meetings yet">
          <p>
            Ask someone you have something in common with. When they say yes, your meeting shows here with a time and a
            table.
          </p>
          <div className="actions">
            <Link to={`/e/${eventId}/people-to-meet`} className="button button-primary">
              See people to meet
            </Link>
          </div>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      {nudge}
      {upcoming.length > 0 ? (
        <ol className="meeting-list" aria-label="Your meetings">
          {upcoming.map((meeting) => (
            <li key={meeting.id}>
              <MeetingCard event={event} meeting={meeting} />
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState title="Nothing coming up">
          <p>
            <Link to={`/e/${eventId}/people-to-meet`}>Find someone else to meet</Link>.
          </p>
        </EmptyState>
      )}
      {done.length > 0 && (
        <section className="stack-sm" aria-labelledby="meetings-done">
          <h2 id="meetings-done" className="section-title">
            Met and cancelled
          </h2>
          <ol className="meeting-list">
            {done.map((meeting) => (
              <li key={meeting.id}>
                <MeetingCard event={event} meeting={meeting} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}

const STATE_BADGES: Record<Meeting['state'], { text: string; className: string }> = {
  scheduled: { text: 'Scheduled', className: 'badge badge-shared' },
  waiting: { text: 'Waiting for a time and table', className: 'badge badge-waiting' },
  held: { text: 'Met ✓', className: 'badge badge-shared' },
  cancelled: { text: 'Cancelled', className: 'badge badge-quiet' },
};

function MeetingCard({ event, meeting }: { event: EventView; meeting: Meeting }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const titleId = useId();
  const [asking, setAsking] = useState<'move' | 'cancel'>();
  const first = firstNameOf(meeting.person.name);
  const open = meeting.state === 'scheduled' || meeting.state === 'waiting';
  const theySaid = open && meeting.confirmedByThem && !meeting.confirmedByMe;
  const started = meeting.slot ? Date.parse(meeting.slot.startsAt) <= Date.now() : false;

  const replaceMeeting = (updated: Meeting) =>
    queryClient.setQueryData<Meeting[]>(keys.meetings(eventId), (list) => list?.map((m) => (m.id === updated.id ? updated : m)));

  const met = useMutation({
    mutationFn: () => unwrap(api.PUT('/api/events/{eventId}/met/{userId}', { params: { path: { eventId, userId: meeting.person.id } } })),
    onSuccess: (result) => {
      notify(result.state === 'recorded' ? `You and ${first} met — recorded` : `Noted. Now ${first} confirms too.`);
      void refreshMeetings(queryClient, eventId);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  const move = useMutation({
    mutationFn: () => {
      noteOwnChange(eventId);
      return unwrap(api.POST('/api/events/{eventId}/meetings/{meetingId}/reschedule', { params: { path: { eventId, meetingId: meeting.id } } }));
    },
    onSuccess: (moved) => {
      replaceMeeting(moved);
      setAsking(undefined);
      notify(`Moved to ${meetingPlace(moved, event.timeZone) ?? 'another time'}. ${first} is told.`);
      void refreshMeetings(queryClient, eventId);
    },
  });
  const cancel = useMutation({
    mutationFn: () => unwrap(api.POST('/api/events/{eventId}/meetings/{meetingId}/cancel', { params: { path: { eventId, meetingId: meeting.id } } })),
    onSuccess: (cancelled) => {
      replaceMeeting(cancelled);
      setAsking(undefined);
      notify(`Your meeting with ${first} is cancelled. We let ${first} know.`);
      void refreshMeetings(queryClient, eventId);
    },
  });

  const badge = STATE_BADGES[meeting.state];
  const hint = meeting.table?.locationHint;

  return (
    <article className={`card meeting meeting-${meeting.state}${theySaid ? ' needs-you' : ''}`} aria-labelledby={titleId}>
      <p className="meeting-state">
        <span className={badge.className}>{badge.text}</span>
      </p>
      {meeting.slot ? (
        <p className="meeting-when">
          <time dateTime={meeting.slot.startsAt}>{formatSlotRange(meeting.slot.startsAt, meeting.slot.endsAt, event.timeZone)}</time>
          {meeting.table && (
            <span className="meeting-where">
              {meeting.table.label}
              {hint ? <span className="meeting-hint"> · {hint}</span> : null}
            </span>
          )}
        </p>
      ) : meeting.state === 'waiting' ? (
        <p className="meeting-when meeting-when-none">No time and table yet: we place it as soon as a slot suits you both.</p>
      ) : null}

      <div className="meeting-who">
        <Avatar name={meeting.person.name} />
        <div className="stack-xs">
          <h2 id={titleId} className="meeting-name">
            <Link to={`/e/${eventId}/people/${meeting.person.id}`}>{meeting.person.name}</Link>
          </h2>
          {meeting.person.headline && <p className="meeting-headline">{meeting.person.headline}</p>}
        </div>
      </div>

      {meeting.note && (
        <p className="meeting-note">
          <span className="here-for-label">{meeting.requestedByMe ? 'Your note' : `${first}’s note`}</span> {meeting.note}
        </p>
      )}

      {theySaid && (
        <p className="meeting-alert" role="note">
          {first} says you met — confirm
        </p>
      )}
      {open && meeting.confirmedByMe && <p className="muted small">Waiting for {first} to confirm</p>}
      {meeting.state === 'cancelled' && <p className="muted small">{meeting.cancelledByMe ? 'You cancelled this meeting.' : `${first} cancelled this meeting.`}</p>}

      {open && (
        <div className="meeting-actions">
          {!meeting.confirmedByMe && (
            <button
              type="button"
              className={`button button-small ${theySaid ? 'button-primary' : 'button-secondary'}`}
              onClick={() => met.mutate()}
              disabled={met.isPending}
              aria-describedby={titleId}
            >
              {met.isPending ? 'Saving…' : 'We met'}
            </button>
          )}
          {meeting.slot && (
            <a className="button button-small button-secondary" href={`/api/events/${eventId}/meetings/${meeting.id}/calendar`} download="meeting.ics" aria-describedby={titleId}>
              Add to calendar
            </a>
          )}
          {meeting.state === 'scheduled' && !started && (
            <button
              type="button"
              className="button button-small button-quiet"
              onClick={() => {
                move.reset();
                setAsking('move');
              }}
              aria-describedby={titleId}
            >
              Move
            </button>
          )}
          <button
            type="button"
            className="button button-small button-quiet button-danger-text"
            onClick={() => {
              cancel.reset();
              setAsking('cancel');
            }}
            aria-describedby={titleId}
          >
            Cancel
          </button>
        </div>
      )}

      <ConfirmDialog
        open={asking === 'move'}
        title="Move to another time?"
        confirmLabel="Find another time"
        cancelLabel="Keep this time"
        busy={move.isPending}
        onConfirm={() => move.mutate()}
        onCancel={() => setAsking(undefined)}
      >
        <p>We look for another slot in which you and {first} are both free and a table is open. {first} is told of the new time.</p>
        <FormMessage error={move.error} />
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'cancel'}
        title={`Cancel your meeting with ${first}?`}
        confirmLabel="Cancel meeting"
        cancelLabel="Keep it"
        danger
        busy={cancel.isPending}
        onConfirm={() => cancel.mutate()}
        onCancel={() => setAsking(undefined)}
      >
        <p>{first} is told that you cannot make it. The time and table go to someone else.</p>
        <FormMessage error={cancel.error} />
      </ConfirmDialog>
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// Requests

const SENT_BADGES: Record<SentMeetingRequest['state'], { text: string; className: string }> = {
  waiting: { text: 'Waiting', className: 'badge badge-waiting' },
  accepted: { text: 'Accepted', className: 'badge badge-shared' },
  not_this_time: { text: 'Not this time', className: 'badge badge-quiet' },
  withdrawn: { text: 'Withdrawn', className: 'badge badge-quiet' },
};

function RequestsView({ event }: { event: EventView }) {
  const eventId = event.id;
  const requests = useMeetingRequests(eventId);
  const slots = useSlots(eventId);
  const heading = useRef<HTMLHeadingElement>(null);
  const [focusHeading, setFocusHeading] = useState(false);

  useEffect(() => {
    if (!focusHeading) return;
    heading.current?.focus();
    setFocusHeading(false);
  }, [focusHeading]);

  if (requests.isPending) return <Loading lines={5} label="Loading your requests…" />;
  if (requests.isError) return <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />;

  const { sent, received, caps } = requests.data;
  const slotById = new Map((slots.data ?? []).map((slot) => [slot.id, slot]));

  return (
    <>
      <p className="caps-line">
        {caps.open} of {caps.maxOpen} requests waiting for an answer · {caps.sentLast24h} sent today of {caps.dailyLimit}
      </p>

      <section className="stack-sm" aria-labelledby="received-title">
        <h2 id="received-title" ref={heading} tabIndex={-1} className="section-title">
          Asked you
        </h2>
        {received.length === 0 ? (
          <p className="muted">No one is waiting for your answer.</p>
        ) : (
          <>
            <p className="muted small">
              Say yes, or “Not this time”: nobody is told that you said no. The request just ends quietly.
            </p>
            <ol className="meeting-list" aria-label="Requests waiting for your answer">
              {received.map((request) => (
                <li key={request.id}>
                  <ReceivedCard event={event} request={request} slotById={slotById} onGone={() => setFocusHeading(true)} />
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      <section className="stack-sm" aria-labelledby="sent-title">
        <h2 id="sent-title" className="section-title">
          You asked
        </h2>
        {sent.length === 0 ? (
          <p className="muted">
            You have not asked anyone yet. <Link to={`/e/${eventId}/people-to-meet`}>See people to meet</Link>.
          </p>
        ) : (
          <ul className="saved-list" aria-label="Requests you sent">
            {sent.map((request) => (
              <SentRow key={request.id} event={event} request={request} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function preferredText(ids: string[], slotById: Map<string, MeetingSlot>, timeZone: string): string | undefined {
  const slots = ids.map((id) => slotById.get(id)).filter((slot): slot is MeetingSlot => Boolean(slot));
  if (slots.length === 0) return undefined;
  const oneDay = new Set(slots.map((slot) => dayKey(slot.startsAt, timeZone))).size === 1;
  const times = slots.map((slot) => formatSlotRange(slot.startsAt, slot.endsAt, timeZone, { withDay: !oneDay }));
  return oneDay ? `${formatWeekday(slots[0]!.startsAt, timeZone)}: ${times.join(', ')}` : times.join('; ');
}

function ReceivedCard({
  event,
  request,
  slotById,
  onGone,
}: {
  event: EventView;
  request: ReceivedMeetingRequest;
  slotById: Map<string, MeetingSlot>;
  onGone(): void;
}) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const titleId = useId();
  const first = firstNameOf(request.person.name);
  const preferred = preferredText(request.preferredSlotIds, slotById, event.timeZone);

  const drop = () =>
    queryClient.setQueryData(keys.meetingRequests(eventId), (data: ReturnType<typeof useMeetingRequests>['data']) =>
      data && { ...data, received: data.received.filter((r) => r.id !== request.id) },
    );

  const accept = useMutation({
    mutationFn: () => {
      noteOwnChange(eventId);
      return unwrap(api.POST('/api/events/{eventId}/meeting-requests/{requestId}/accept', { params: { path: { eventId, requestId: request.id } } }));
    },
    onSuccess: (meeting) => {
      drop();
      onGone();
      const place = meetingPlace(meeting, event.timeZone);
      notify(place ? `You said yes. You meet ${first}: ${place}.` : `You said yes to ${first}. We’ll find you both a time and a table.`);
      void refreshMeetings(queryClient, eventId);
    },
  });
  const decline = useMutation({
    mutationFn: () => unwrap(api.POST('/api/events/{eventId}/meeting-requests/{requestId}/decline', { params: { path: { eventId, requestId: request.id } } })),
    onSuccess: () => {
      drop();
      onGone();
      notify(`Not this time. ${first} won’t be told.`);
      void refreshMeetings(queryClient, eventId);
    },
  });
  const busy = accept.isPending || decline.isPending;

  return (
    <article className="card meeting request-card" aria-labelledby={titleId}>
      <div className="meeting-who">
        <Avatar name={request.person.name} />
        <div className="stack-xs">
          <h3 id={titleId} className="meeting-name">
            <Link to={`/e/${eventId}/people/${request.person.id}`}>{request.person.name}</Link>
          </h3>
          {request.person.headline && <p className="meeting-headline">{request.person.headline}</p>}
          <p className="meeting-since">Asked {formatMoment(request.createdAt, event.timeZone)}</p>
        </div>
      </div>
      {request.note && (
        <blockquote className="request-note">
          <p>{request.note}</p>
        </blockquote>
      )}
      {preferred && (
        <p className="small">
          <span className="here-for-label">Times that suit {first}</span> {preferred}
        </p>
      )}
      <FormMessage error={accept.error ?? decline.error} />
      <div className="meeting-actions">
        <button type="button" className="button button-primary button-small" onClick={() => accept.mutate()} disabled={busy} aria-describedby={titleId}>
          {accept.isPending ? 'Accepting…' : 'Accept'}
        </button>
        <button type="button" className="button button-quiet button-small" onClick={() => decline.mutate()} disabled={busy} aria-describedby={titleId}>
          Not this time
        </button>
      </div>
    </article>
  );
}

function SentRow({ event, request }: { event: EventView; request: SentMeetingRequest }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const first = firstNameOf(request.person.name);
  const badge = SENT_BADGES[request.state];
  const withdraw = useMutation({
    mutationFn: () => unwrap(api.POST('/api/events/{eventId}/meeting-requests/{requestId}/withdraw', { params: { path: { eventId, requestId: request.id } } })),
    onSuccess: () => {
      notify(`Your request to ${first} is withdrawn.`);
      void refreshMeetings(queryClient, eventId);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  return (
    <li className="saved-row sent-row">
      <Avatar name={request.person.name} />
      <div className="saved-who">
        <p className="sent-head">
          <Link to={`/e/${eventId}/people/${request.person.id}`} className="saved-name">
            {request.person.name}
          </Link>
          <span className={badge.className}>{badge.text}</span>
        </p>
        {request.note && <p className="saved-headline sent-note">“{request.note}”</p>}
        <p className="saved-when">Asked {formatMoment(request.createdAt, event.timeZone)}</p>
      </div>
      {request.state === 'waiting' && (
        <button
          type="button"
          className="button button-small button-secondary"
          onClick={() => withdraw.mutate()}
          disabled={withdraw.isPending}
          aria-label={`Withdraw your request to ${request.person.name}`}
        >
          Withdraw
        </button>
      )}
      {request.state === 'accepted' && (
        <Link to={{ search: '' }} replace className="button button-small button-quiet">
          See meeting
        </Link>
      )}
    </li>
  );
}

// ---------------------------------------------------------------------------------------------
// Availability

function AvailabilityView({ event }: { event: EventView }) {
  const availability = useAvailability(event.id);
  if (availability.isPending) return <Loading lines={5} label="Loading the meeting times…" />;
  if (availability.isError) return <ErrorState error={availability.error} onRetry={() => void availability.refetch()} />;
  if (availability.data.slots.length === 0) {
    return (
      <EmptyState title="No meeting times yet">
        <p>The organizers have not set the times for 1:1 meetings yet. Until they do, you are free whenever they choose.</p>
      </EmptyState>
    );
  }
  return <AvailabilityForm key={availability.data.slots.map((s) => s.id).join()} event={event} slots={availability.data.slots} />;
}

function AvailabilityForm({ event, slots }: { event: EventView; slots: (MeetingSlot & { available: boolean })[] }) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(slots.filter((s) => s.available).map((s) => s.id)));
  const [saved, setSaved] = useState<string>();
  const now = Date.now();
  const open = slots.filter((slot) => Date.parse(slot.startsAt) > now);

  const save = useMutation({
    mutationFn: () => {
      noteOwnChange(event.id);
      return unwrap(api.PUT('/api/events/{eventId}/me/availability', { params: { path: { eventId: event.id } }, body: { availableSlotIds: [...chosen] } }));
    },
    onSuccess: (data) => {
      setSaved('Saved. Your meetings are placed only in the times you ticked.');
      queryClient.setQueryData(keys.availability(event.id), data);
      void refreshMeetings(queryClient, event.id);
    },
  });

  const days = new Map<string, typeof slots>();
  for (const slot of slots) {
    const day = dayKey(slot.startsAt, event.timeZone);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }

  const set = (ids: string[], on: boolean) => {
    setSaved(undefined);
    setChosen((current) => {
      const next = new Set(current);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return next;
    });
  };

  return (
    <form
      className="card form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        setSaved(undefined);
        save.mutate();
      }}
    >
      <div className="stack-xs">
        <h2 className="card-title">When are you free for meetings?</h2>
        <p className="muted small">Untick the times you can’t make. A meeting of yours in a time you untick waits for another one, and the other person is told.</p>
      </div>
      {open.length > 1 && (
        <div className="actions">
          <button type="button" className="button button-small button-secondary" onClick={() => set(open.map((s) => s.id), true)}>
            Free for all
          </button>
          <button type="button" className="button button-small button-quiet" onClick={() => set(open.map((s) => s.id), false)}>
            Untick all
          </button>
        </div>
      )}
      {[...days.entries()].map(([day, daySlots]) => (
        <fieldset key={day} className="field availability-day">
          <legend className="field-label">{formatWeekday(daySlots[0]!.startsAt, event.timeZone)}</legend>
          <ul className="availability-list">
            {daySlots.map((slot) => {
              const past = Date.parse(slot.startsAt) <= now;
              const id = `slot-${slot.id}`;
              return (
                <li key={slot.id} className="check">
                  <input id={id} type="checkbox" checked={chosen.has(slot.id)} disabled={past} onChange={(e) => set([slot.id], e.target.checked)} />
                  <label htmlFor={id}>
                    {formatSlotRange(slot.startsAt, slot.endsAt, event.timeZone, { withDay: false })}
                    {(slot.label || past) && <span className="field-hint">{[slot.label, past ? 'already started' : ''].filter(Boolean).join(' · ')}</span>}
                  </label>
                </li>
              );
            })}
          </ul>
        </fieldset>
      ))}
      <FormMessage error={save.error} success={saved} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save availability'}
        </button>
      </div>
    </form>
  );
}
