import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EventView } from '../api/client.js';
import { mixerApi, storeMixer, useMixers, type MixerSummary, type NewMixer } from '../api/mixers.js';
import { useEvent } from '../api/queries.js';
import { MixerForm } from '../components/MixerForm.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { plural } from '../mixer-words.js';

export function MixersPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `Mixers · ${event.data.name}` : 'Mixers');

  if (event.isPending) return <Loading lines={6} label="Loading the mixers…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <MixersView event={event.data} />;
}

const STATUS: Record<MixerSummary['status'], { text: string; className: string }> = {
  draft: { text: 'Planned, not started', className: 'badge badge-waiting' },
  running: { text: 'On now', className: 'badge badge-shared' },
  finished: { text: 'Finished', className: 'badge badge-quiet' },
};

/** Where a mixer of the list leads: organizers to their controls, attendees to their table. */
export function mixerLink(eventId: string, mixer: Pick<MixerSummary, 'id'>, organizer: boolean) {
  return `/e/${eventId}/mixers/${mixer.id}${organizer ? '' : '/me'}`;
}

/** "Round 2 of 5" while it runs, "6 rounds" planned or played, "3 of 6 rounds played" when finished early. */
export function mixerProgress(mixer: Pick<MixerSummary, 'status' | 'rounds' | 'currentRound'>): string {
  if (mixer.status === 'running') return `Round ${mixer.currentRound} of ${mixer.rounds}`;
  if (mixer.status === 'finished' && mixer.currentRound < mixer.rounds) return `${mixer.currentRound} of ${plural(mixer.rounds, 'round', 'rounds')} played`;
  return plural(mixer.rounds, 'round', 'rounds');
}

function MixersView({ event }: { event: EventView }) {
  const eventId = event.id;
  const isOrganizer = event.myRole === 'organizer';
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const mixers = useMixers(eventId);
  const [adding, setAdding] = useState(false);
  const create = useMutation({
    mutationFn: (body: NewMixer) => mixerApi.create(eventId, body),
    onSuccess: (mixer) => {
      void storeMixer(queryClient, eventId, mixer);
      notify(`${mixer.name} is planned. Check the plan, then start it.`);
      void navigate(`/e/${eventId}/mixers/${mixer.id}`);
    },
  });

  const header = (
    <header className="ptm-head">
      <Link to={`/e/${eventId}`} className="back-link">
        <span aria-hidden="true">←</span> {event.name}
      </Link>
      <h1>Mixers</h1>
      <p className="lead">
        {isOrganizer
          ? 'Table rotations: people sit at tables and change tables each round, meeting new people every time.'
          : 'Table rotations you are part of: each round, your phone says where you sit and with whom.'}
      </p>
    </header>
  );

  if (mixers.isPending) {
    return (
      <div className="stack narrow">
        {header}
        <Loading lines={4} label="Loading the mixers…" />
      </div>
    );
  }
  if (mixers.isError) {
    return (
      <div className="stack narrow">
        {header}
        <ErrorState error={mixers.error} onRetry={() => void mixers.refetch()} />
      </div>
    );
  }

  const list = mixers.data;
  const showForm = isOrganizer && (adding || list.length === 0);

  return (
    <div className="stack narrow">
      {header}
      {isOrganizer && !showForm && (
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              create.reset();
              setAdding(true);
            }}
          >
            New mixer
          </button>
        </div>
      )}
      {showForm && (
        <MixerForm
          eventId={eventId}
          busy={create.isPending}
          error={create.error}
          onSubmit={(body) => create.mutate(body as NewMixer)}
          onCancel={list.length > 0 ? () => setAdding(false) : undefined}
        />
      )}
      {list.length === 0 && !isOrganizer && (
        <EmptyState title="No mixer yet">
          <p>When the organizers start a mixer you are part of, your table shows here and on the event page.</p>
        </EmptyState>
      )}
      {list.length > 0 && (
        <ul className="mixer-list" aria-label="Mixers">
          {list.map((mixer) => (
            <li key={mixer.id}>
              <Link to={mixerLink(eventId, mixer, isOrganizer)} className="card card-link mixer-row">
                <span className="mixer-row-name">{mixer.name}</span>
                <span className="badges">
                  <span className={STATUS[mixer.status].className}>{STATUS[mixer.status].text}</span>
                  <span className="badge badge-quiet">{mixerProgress(mixer)}</span>
                  <span className="badge badge-quiet">
                    {plural(mixer.participantCount, 'person', 'people')} · tables of {mixer.tableSize}
                  </span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
