import { Link } from 'react-router';

/** The organizers' way to the attendee import, beside the invite links: two ways people arrive. */
export function ImportLink({ eventId }: { eventId: string }) {
  return (
    <nav className="card stack-sm" aria-label="Import a guest list">
      <p className="card-title">Have a guest list already?</p>
      <p className="muted">
        Import it from Luma, Eventbrite, Meetup or a spreadsheet. Everyone on it is invited, and claims their profile with the QR code on their
        badge.
      </p>
      <div className="actions">
        <Link to={`/e/${eventId}/import`} className="button button-secondary">
          Import attendees
        </Link>
      </div>
    </nav>
  );
}
