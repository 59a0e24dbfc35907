import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type EventView } from '../api/client.js';
import { keys } from '../api/queries.js';
import { Avatar } from './Avatar.js';
import { ErrorState } from './States.js';
import { ReasonText } from './SuggestionCard.js';

const SHOWN = 3;

/** The way in to People to meet from the event page: who is first, and why. */
export function PeopleToMeetPreview({ event }: { event: EventView }) {
  const eventId = event.id;
  const preview = useQuery({
    queryKey: keys.peopleToMeetPreview(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/people-to-meet', { params: { path: { eventId }, query: { limit: SHOWN } } })),
  });
  const to = `/e/${eventId}/people-to-meet`;
  const data = preview.data;
  const top = data?.people[0];
  const total = data?.total ?? 0;

  let body;
  let action = (
    <Link to={to} className="button button-primary">
      See people to meet <span aria-hidden="true">→</span>
    </Link>
  );
  if (preview.isPending) {
    body = <p className="muted">Looking for people you have something in common with…</p>;
  } else if (!data) {
    // Not "no suggestions": we could not ask. (A failed re-read keeps showing what we had.)
    body = <ErrorState error={preview.error} title="Suggestions did not load" onRetry={() => void preview.refetch()} />;
  } else if (data.people.length === 0 && data.profileIncomplete) {
    body = <p>Add a few interests and what you’re looking for, and we’ll suggest people here to meet.</p>;
    action = (
      <Link to="/me/profile" className="button button-primary">
        Add your interests
      </Link>
    );
  } else if (!top) {
    body = <p className="muted">No suggestions yet. As people join and fill in their profiles, we’ll suggest who to meet.</p>;
  } else {
    body = (
      <>
        <p className="preview-title">
          {total >= 100 ? '100+' : total} {total === 1 ? 'person here shares' : 'people here share'} something with you
        </p>
        <div className="preview-people">
          <span className="avatar-stack" aria-hidden="true">
            {data.people.slice(0, SHOWN).map((person) => (
              <Avatar key={person.userId} name={person.displayName} />
            ))}
          </span>
          <p className="preview-first">
            Start with <strong>{top.displayName}</strong>
            {top.why[0] && (
              <span className="preview-why">
                <ReasonText reason={top.why[0]} />
              </span>
            )}
          </p>
        </div>
      </>
    );
  }

  return (
    <section className="card card-feature preview" aria-labelledby="ptm-preview-title">
      <h2 id="ptm-preview-title" className="eyebrow">
        People to meet
      </h2>
      {body}
      <div className="actions">{action}</div>
    </section>
  );
}
