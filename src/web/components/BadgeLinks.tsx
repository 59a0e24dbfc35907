import { Link } from 'react-router';

/** The organizers' way to the badges and the door, above the list of members. */
export function BadgeLinks({ eventId }: { eventId: string }) {
  return (
    <nav className="card stack-sm" aria-labelledby="badge-links-title">
      <h2 id="badge-links-title" className="card-title">
        At the door
      </h2>
      <p className="muted">Print a badge for everyone, with a QR code that checks them in when you scan it.</p>
      <div className="actions">
        <Link to={`/e/${eventId}/badges`} className="button button-secondary">
          Print badges
        </Link>
        <Link to={`/e/${eventId}/door`} className="button button-primary">
          Check people in
        </Link>
      </div>
    </nav>
  );
}
