import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type EventView } from '../api/client.js';
import { keys, useEvent } from '../api/queries.js';
import { BadgeLinks } from '../components/BadgeLinks.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Directory } from '../components/Directory.js';
import { EventForm, type EventFormValues } from '../components/EventForm.js';
import { HereForCard } from '../components/HereForCard.js';
import { ImportLink } from '../components/ImportLink.js';
import { InsightsLink } from '../components/InsightsLink.js';
import { InvitePanel } from '../components/InvitePanel.js';
import { MeetingsPanel } from '../components/MeetingsPanel.js';
import { MembersPanel } from '../components/MembersPanel.js';
import { MixersPanel } from '../components/MixersPanel.js';
import { OrganizerTools } from '../components/OrganizerTools.js';
import { PeopleToMeetPreview } from '../components/PeopleToMeetPreview.js';
import { PostsPanel } from '../components/PostsPanel.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EventLoadError, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { formatEventSpan } from '../time.js';

const ORGANIZER_TABS = [
  { id: 'people', label: 'People' },
  { id: 'invite', label: 'Invite' },
  { id: 'members', label: 'Members' },
  { id: 'edit', label: 'Edit' },
] as const;
type Tab = (typeof ORGANIZER_TABS)[number]['id'];

export function EventPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data?.name ?? 'Event');

  if (event.isPending) return <Loading lines={6} label="Loading the event…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <EventView event={event.data} />;
}

function EventView({ event }: { event: EventView }) {
  const [params] = useSearchParams();
  const isOrganizer = event.myRole === 'organizer';
  const requested = params.get('tab') as Tab | null;
  const tab: Tab = isOrganizer && requested && ORGANIZER_TABS.some((t) => t.id === requested) ? requested : 'people';

  return (
    <div className="stack">
      <header className="event-head">
        <Link to="/" className="back-link">
          <span aria-hidden="true">←</span> My events
        </Link>
        <h1>{event.name}</h1>
        <p className="event-when">
          <time dateTime={event.startsAt}>{formatEventSpan(event.startsAt, event.endsAt, event.timeZone)}</time>
        </p>
        {event.venue && <p className="event-venue">{event.venue}</p>}
        <p className="badges">
          {isOrganizer && <span className="badge">{event.isOwner ? 'You organize this' : 'Co-organizer'}</span>}
          {event.myStatus === 'checked_in' && <span className="badge badge-shared">Checked in</span>}
          <span className="badge badge-quiet">
            {event.attendeeCount} {event.attendeeCount === 1 ? 'person' : 'people'}
          </span>
        </p>
        {event.description && <p className="event-description">{event.description}</p>}
      </header>

      {isOrganizer && (
        <nav className="tabs" aria-label="Event sections">
          {ORGANIZER_TABS.map((t) => (
            <Link
              key={t.id}
              to={{ search: t.id === 'people' ? '' : `?tab=${t.id}` }}
              className={`tab${tab === t.id ? ' is-active' : ''}`}
              aria-current={tab === t.id ? 'page' : undefined}
              replace
            >
              {t.label}
            </Link>
          ))}
        </nav>
      )}
      {isOrganizer && <OrganizerTools eventId={event.id} />}

      {tab === 'people' && (
        <>
          <MixersPanel event={event} placement="top" />
          <PostsPanel event={event} />
          {(isOrganizer || event.settings.attendeeDirectory) && <PeopleToMeetPreview event={event} />}
          <MeetingsPanel event={event} />
          {isOrganizer && <MixersPanel event={event} placement="below" />}
          {isOrganizer && <InsightsLink eventId={event.id} />}
          <HereForCard eventId={event.id} />
          <Directory event={event} />
          {!event.isOwner && <LeaveEvent event={event} />}
        </>
      )}
      {tab === 'invite' && (
        <>
          <InvitePanel event={event} />
          <ImportLink eventId={event.id} />
        </>
      )}
      {tab === 'members' && (
        <>
          <BadgeLinks eventId={event.id} />
          <MembersPanel event={event} />
        </>
      )}
      {tab === 'edit' && (
        <>
          <EditEvent event={event} />
          {event.isOwner && <DeleteEvent event={event} />}
        </>
      )}
    </div>
  );
}

function EditEvent({ event }: { event: EventView }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [saved, setSaved] = useState<string>();
  const save = useMutation({
    mutationFn: (values: EventFormValues) => unwrap(api.PATCH('/api/events/{eventId}', { params: { path: { eventId: event.id } }, body: values })),
    onSuccess: (updated) => {
      queryClient.setQueryData(keys.event(event.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.events, exact: true });
      setSaved('Saved.');
      notify('Event saved');
    },
  });
  return (
    <section className="stack-sm" aria-labelledby="edit-title">
      <h2 id="edit-title" className="section-title">
        Edit event
      </h2>
      <EventForm
        key={event.id}
        event={event}
        submitLabel="Save changes"
        busyLabel="Saving…"
        busy={save.isPending}
        error={save.error}
        success={saved}
        onSubmit={(values) => {
          setSaved(undefined);
          save.mutate(values);
        }}
      />
    </section>
  );
}

function LeaveEvent({ event }: { event: EventView }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [asking, setAsking] = useState(false);
  const leave = useMutation({
    mutationFn: () => unwrap(api.POST('/api/events/{eventId}/leave', { params: { path: { eventId: event.id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: keys.event(event.id) });
      void queryClient.invalidateQueries({ queryKey: keys.events, exact: true });
      notify(`You left ${event.name}`);
      void navigate('/');
    },
  });
  return (
    <div className="leave">
      <button type="button" className="button button-quiet button-danger-text" onClick={() => setAsking(true)}>
        Leave this event
      </button>
      <ConfirmDialog
        open={asking}
        title={`Leave ${event.name}?`}
        confirmLabel="Leave event"
        danger
        busy={leave.isPending}
        onConfirm={() => leave.mutate()}
        onCancel={() => {
          setAsking(false);
          leave.reset();
        }}
      >
        <p>You will no longer appear in its directory or see who is coming. To come back, you need a new invite link.</p>
        <FormMessage error={leave.error} />
      </ConfirmDialog>
    </div>
  );
}

function DeleteEvent({ event }: { event: EventView }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/events/{eventId}', { params: { path: { eventId: event.id } } })),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: keys.event(event.id) });
      void queryClient.invalidateQueries({ queryKey: keys.events, exact: true });
      notify(`${event.name} is deleted`);
      void navigate('/', { replace: true });
    },
  });
  return (
    <section className="card card-danger stack-sm" aria-labelledby="delete-event-title">
      <h2 id="delete-event-title" className="card-title">
        Delete this event
      </h2>
      <p>Everything in it goes too: members, invite links, what people are here for. People keep their own profiles.</p>
      <div className="actions">
        <button type="button" className="button button-secondary button-danger-text" onClick={() => setAsking(true)}>
          Delete event…
        </button>
      </div>
      <ConfirmDialog
        open={asking}
        title={`Delete ${event.name}?`}
        confirmLabel="Delete event"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setAsking(false);
          remove.reset();
        }}
      >
        <p>This cannot be undone.</p>
        <FormMessage error={remove.error} />
      </ConfirmDialog>
    </section>
  );
}
