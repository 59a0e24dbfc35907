import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError, type EventView } from '../api/client.js';
import { useMixerSeat, type MixerSeat } from '../api/mixers.js';
import { useEvent } from '../api/queries.js';
import { Avatar } from '../components/Avatar.js';
import { Countdown } from '../components/Countdown.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, Loading } from '../components/States.js';
import { listInWords } from '../mixer-words.js';

export function MixerSeatPage() {
  const { eventId = '', mixerId = '' } = useParams();
  const event = useEvent(eventId);

  if (event.isPending) return <Loading lines={5} label="Loading your table…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <SeatView event={event.data} mixerId={mixerId} />;
}

/** "Table 7", or the label as it is when it is a name ("Garden bench"). */
function tableTitle(seat: { table: number; label: string }): string {
  return seat.label || `Table ${seat.table}`;
}

function SeatView({ event, mixerId }: { event: EventView; mixerId: string }) {
  const eventId = event.id;
  const seat = useMixerSeat(eventId, mixerId);
  const data = seat.data;
  usePageTitle(data ? (data.status === 'running' && data.seat ? `Round ${data.round} · ${tableTitle(data.seat)}` : data.name) : 'Your table');

  const back = (
    <Link to={`/e/${eventId}`} className="back-link">
      <span aria-hidden="true">←</span> {event.name}
    </Link>
  );

  if (seat.isPending) {
    return (
      <div className="stack narrow">
        {back}
        <Loading lines={5} label="Loading your table…" />
      </div>
    );
  }
  if (seat.isError) {
    return (
      <div className="stack narrow">
        {back}
        {seat.error instanceof ApiError && seat.error.isNotFound ? (
          <EmptyState title="No table for you yet">
            <p>
              This mixer has not started, or you are not part of it. If it starts with you in it, your table shows here at once: keep this page open. Not in it but
              would like to be? Ask the organizers: they can add you from the next round.
            </p>
            <Link to={`/e/${eventId}`} className="button button-secondary">
              Back to the event
            </Link>
          </EmptyState>
        ) : (
          <ErrorState error={seat.error} onRetry={() => void seat.refetch()} />
        )}
      </div>
    );
  }

  return (
    <div className="stack narrow mixer-seat-page">
      {back}
      <Seat event={event} seat={seat.data} />
    </div>
  );
}

function Seat({ event, seat }: { event: EventView; seat: MixerSeat }) {
  const cardRef = useRef<HTMLElement>(null);
  const shownRound = useRef(seat.round);
  const [announcement, setAnnouncement] = useState('');

  // A new round: a short buzz where phones have one, a flash of the card, and a word for screen readers.
  useEffect(() => {
    if (shownRound.current === seat.round) return;
    shownRound.current = seat.round;
    if (seat.status !== 'running') return;
    navigator.vibrate?.(200);
    setAnnouncement(
      seat.seat
        ? `Round ${seat.round}: ${tableTitle(seat.seat)}${seat.seat.with.length > 0 ? `, with ${listInWords(seat.seat.with.map((p) => p.name))}` : ''}.`
        : `Round ${seat.round}: you sit out this round.`,
    );
    const card = cardRef.current;
    if (!card) return;
    card.classList.remove('is-new');
    void card.offsetWidth;
    card.classList.add('is-new');
  }, [seat]);

  if (seat.status === 'finished') {
    return (
      <section className="card stack-sm mixer-seat mixer-seat-over" aria-labelledby="seat-title">
        <p className="eyebrow">{seat.name}</p>
        <h1 id="seat-title">The mixer is over</h1>
        <p>Thank you for taking part. Everyone you sat with is in your list of people you met here.</p>
        <div className="actions">
          <Link to={`/e/${event.id}/met`} className="button button-primary">
            Whom I met
          </Link>
          <Link to={`/e/${event.id}`} className="button button-secondary">
            Back to the event
          </Link>
        </div>
      </section>
    );
  }

  if (seat.status === 'draft' || seat.round === 0) {
    return (
      <section className="card stack-sm mixer-seat" aria-labelledby="seat-title">
        <p className="eyebrow">{seat.name}</p>
        <h1 id="seat-title">Not started yet</h1>
        <p>When the organizers start the mixer, your table shows here at once. Keep this page open.</p>
      </section>
    );
  }

  const upcoming = seat.upcoming.filter((u) => u.round > seat.round);

  return (
    <>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <section ref={cardRef} className={`card mixer-seat${seat.seat ? '' : ' is-out'}`} aria-labelledby="seat-title">
        <p className="mixer-seat-top">
          <span className="eyebrow">{seat.name}</span>
          <Countdown endsAt={seat.roundEndsAt} className="mixer-seat-clock" />
        </p>
        <h1 id="seat-title" className="mixer-seat-title">
          <span className="mixer-seat-round">
            Round {seat.round}
            <span className="mixer-seat-of"> of {seat.rounds}</span>
          </span>
          {seat.seat ? <span className="mixer-seat-table">{tableTitle(seat.seat)}</span> : <span className="mixer-seat-table is-out">Sitting out</span>}
        </h1>
        {seat.seat ? (
          <>
            {seat.seat.with.length > 0 ? (
              <ul className="mixer-seat-with" aria-label="At your table">
                {seat.seat.with.map((p) => (
                  <li key={p.id}>
                    <Avatar name={p.name} />
                    <span className="stack-xs">
                      <span className="mixer-seat-name">{p.name}</span>
                      {p.headline && <span className="mixer-seat-headline">{p.headline}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p>No one else at this table this round. The next one is sure to be busier.</p>
            )}
            {seat.seat.shared.length > 0 && (
              <p className="mixer-seat-shared">
                You share <strong>{listInWords(seat.seat.shared)}</strong>
              </p>
            )}
            {seat.seat.opener && (
              <p className="mixer-seat-opener">
                <span className="here-for-label">To start</span> {seat.seat.opener}
              </p>
            )}
          </>
        ) : upcoming[0] ? (
          <p>
            There is no seat for you this round. Your next table is <strong>table {upcoming[0].table}</strong>, from round {upcoming[0].round}: go there when it
            starts.
          </p>
        ) : (
          <p>There is no seat for you in this round or the ones after it. If you are here and would like to join in, tell the organizers: they can seat you from the next round.</p>
        )}
        {seat.seat && upcoming.length === 0 && seat.round < seat.rounds && (
          <p className="muted">
            After this round there is no table for you. If you are staying, tell the organizers: they can seat you again from the next round.
          </p>
        )}
      </section>

      {upcoming.length > 0 && (
        <section className="stack-xs" aria-labelledby="upcoming-title">
          <h2 id="upcoming-title" className="subhead">
            Your next tables
          </h2>
          <ol className="mixer-upcoming">
            {upcoming.map((u) => (
              <li key={u.round}>
                <span className="muted">Round {u.round}</span> <strong>Table {u.table}</strong>
              </li>
            ))}
          </ol>
          <p className="muted small">They may change if people leave or arrive.</p>
        </section>
      )}
    </>
  );
}
