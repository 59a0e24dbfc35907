import { Link } from 'react-router';

/** The organizers' way to the insights of their event. */
export function InsightsLink({ eventId }: { eventId: string }) {
  return (
    <nav className="card stack-sm" aria-label="Insights">
      <p className="card-title">Who met whom</p>
      <p className="muted">A picture of the encounters so far, how many met someone new, meetings held, mixers’ repeats and the interests people share.</p>
      <div className="actions">
        <Link to={`/e/${eventId}/insights`} className="button button-secondary">
          See insights
        </Link>
      </div>
    </nav>
  );
}
