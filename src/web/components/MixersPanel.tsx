import { Link } from 'react-router';
import type { EventView } from '../api/client.js';
import { useMixerSeat, useMixers, type MixerSummary } from '../api/mixers.js';

/**
 * The way in to mixers from the event page. Attendees see it only while a mixer they are in is
 * on, with the way to their table; organizers always, at the top while one runs (`top`), further
 * down otherwise.
 */
export function MixersPanel({ event, placement }: { event: EventView; placement: 'top' | 'below' }) {
  const eventId = event.id;
  const isOrganizer = event.myRole === 'organizer';
  const mixers = useMixers(eventId);
  const running = (mixers.data ?? []).filter((m) => m.status === 'running');
  if ((placement === 'top') !== (running.length > 0)) return null;

  if (!isOrganizer) {
    if (running.length === 0) return null;
    return (
      <section className="card card-accent stack-sm mixers-panel is-on" aria-labelledby="mixers-panel-title">
        <h2 id="mixers-panel-title" className="eyebrow">
          Mixer on now
        </h2>
        {running.map((mixer) => (
          <div key={mixer.id} className="mixers-panel-row">
            <div className="stack-xs">
              <p>
                <strong>{mixer.name}</strong>: round {mixer.currentRound} of {mixer.rounds}
              </p>
              <MySeat eventId={eventId} mixer={mixer} />
            </div>
            <Link to={`/e/${eventId}/mixers/${mixer.id}/me`} className="button button-primary">
              See your table
            </Link>
          </div>
        ))}
      </section>
    );
  }

  const drafts = (mixers.data ?? []).filter((m) => m.status === 'draft').length;
  return (
    <section className={`card stack-sm mixers-panel${running.length > 0 ? ' card-accent is-on' : ''}`} aria-labelledby="mixers-panel-title">
      <h2 id="mixers-panel-title" className="eyebrow">
        {running.length > 0 ? 'Mixer on now' : 'Mixers'}
      </h2>
      {running.length > 0 ? (
        running.map((mixer) => (
          <p key={mixer.id}>
            <Link to={`/e/${eventId}/mixers/${mixer.id}`}>
              <strong>{mixer.name}</strong>
            </Link>{' '}
            is on: round {mixer.currentRound} of {mixer.rounds}
          </p>
        ))
      ) : (
        <p className="muted">
          {drafts > 0
            ? `${drafts === 1 ? 'A mixer is' : `${drafts} mixers are`} planned and waiting to start.`
            : 'Table rotations: people change tables each round, and each phone says where to sit and with whom.'}
        </p>
      )}
      <div className="actions">
        {running.length === 1 && (
          <Link to={`/e/${eventId}/mixers/${running[0]!.id}`} className="button button-primary">
            Run it
          </Link>
        )}
        <Link to={`/e/${eventId}/mixers`} className="button button-secondary">
          {mixers.data && mixers.data.length > 0 ? 'Mixers' : 'Plan a mixer'}
        </Link>
      </div>
    </section>
  );
}

/** Where I sit now, said on the event page too: the toast that said it is gone after a few seconds. */
function MySeat({ eventId, mixer }: { eventId: string; mixer: MixerSummary }) {
  const seat = useMixerSeat(eventId, mixer.id);
  const data = seat.data;
  if (!data || data.status !== 'running' || data.round !== mixer.currentRound) return null;
  if (!data.seat) return <p className="mixers-panel-seat">You sit out this round.</p>;
  return (
    <p className="mixers-panel-seat">
      You sit at <strong>{data.seat.label || `Table ${data.seat.table}`}</strong>
    </p>
  );
}
