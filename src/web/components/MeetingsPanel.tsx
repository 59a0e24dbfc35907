import { Link } from 'react-router';
import type { EventView } from '../api/client.js';
import { useMeetingRequests, useMeetings } from '../api/queries.js';
import { formatSlotRange } from '../time.js';

/** The way in to 1:1 meetings from the event page: what comes next, and what waits for me. */
export function MeetingsPanel({ event }: { event: EventView }) {
  const eventId = event.id;
  const meetings = useMeetings(eventId);
  const requests = useMeetingRequests(eventId);
  const isOrganizer = event.myRole === 'organizer';
  const now = Date.now();
  const next = meetings.data?.find((m) => m.state === 'scheduled' && m.slot && Date.parse(m.slot.endsAt) > now);
  const received = requests.data?.received.length ?? 0;
  const waiting = meetings.data?.filter((m) => m.state === 'waiting').length ?? 0;

  let summary;
  if (next?.slot) {
    summary = (
      <p>
        Next: <strong>{next.person.name}</strong>, {formatSlotRange(next.slot.startsAt, next.slot.endsAt, event.timeZone)}
        {next.table ? ` at ${next.table.label}` : ''}
      </p>
    );
  } else if (waiting > 0) {
    summary = (
      <p>
        {waiting} {waiting === 1 ? 'meeting waits' : 'meetings wait'} for a time and a table.
      </p>
    );
  } else {
    summary = <p className="muted">Ask someone for a 1:1 with a short note. When they say yes, you both get a time and a table.</p>;
  }

  return (
    <section className="card stack-sm meetings-panel" aria-labelledby="meetings-panel-title">
      <h2 id="meetings-panel-title" className="eyebrow">
        1:1 meetings
      </h2>
      {summary}
      {received > 0 && (
        <p className="meetings-panel-new">
          <Link to={`/e/${eventId}/meetings?view=requests`}>
            {received} {received === 1 ? 'request waits' : 'requests wait'} for your answer
          </Link>
        </p>
      )}
      <div className="actions">
        <Link to={`/e/${eventId}/meetings`} className="button button-secondary">
          Meetings
        </Link>
        <Link to={`/e/${eventId}/met`} className="button button-secondary">
          We met
        </Link>
        {isOrganizer && (
          <Link to={`/e/${eventId}/schedule`} className="button button-quiet">
            Meeting schedule
          </Link>
        )}
      </div>
    </section>
  );
}
