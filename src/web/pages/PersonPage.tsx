import { Link, useLocation, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../api/client.js';
import { keys, useAccount, useEvent } from '../api/queries.js';
import { AskToMeet } from '../components/AskToMeet.js';
import { Avatar } from '../components/Avatar.js';
import { InterestChips, interestSet } from '../components/Interests.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, Loading } from '../components/States.js';

/** Someone at an event: what you share, and how to start a conversation. Never contact details. */
export function PersonPage() {
  const { eventId = '', userId = '' } = useParams();
  const location = useLocation();
  const cameFrom = location.state as { from?: string; view?: string } | null;
  const fromPeopleToMeet = cameFrom?.from === 'people-to-meet';
  const account = useAccount();
  const event = useEvent(eventId);
  const person = useQuery({
    queryKey: keys.person(eventId, userId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/people/{userId}', { params: { path: { eventId, userId } } })),
  });
  usePageTitle(person.data?.displayName ?? 'Person');

  const back = fromPeopleToMeet ? (
    <Link to={`/e/${eventId}/people-to-meet${cameFrom?.view === 'saved' ? '?view=saved' : ''}`} className="back-link">
      <span aria-hidden="true">←</span> People to meet
    </Link>
  ) : (
    <Link to={`/e/${eventId}`} className="back-link">
      <span aria-hidden="true">←</span> {event.data?.name ?? 'Back to the event'}
    </Link>
  );

  if (person.isPending) return <Loading lines={6} label="Loading their profile…" />;
  if (person.isError) {
    if (person.error instanceof ApiError && (person.error.status === 404 || person.error.status === 400)) {
      return (
        <div className="stack">
          {back}
          <EmptyState title="This profile is not available">
            <p>They may have left the event or chosen not to be listed.</p>
          </EmptyState>
        </div>
      );
    }
    return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  }

  const p = person.data;
  const isMe = p.userId === account.data?.id;
  const shared = interestSet(p.sharedInterests);
  const firstName = p.displayName.split(' ')[0] ?? p.displayName;

  return (
    <div className="stack narrow">
      {back}
      <header className="card person-head">
        <Avatar name={p.displayName} large />
        <div className="stack-xs">
          <h1 className="person-name">{p.displayName}</h1>
          {p.headline && <p className="person-headline">{p.headline}</p>}
          <p className="badges">
            {isMe && <span className="badge badge-quiet">This is how others see you</span>}
            {p.role === 'organizer' && <span className="badge">Organizer</span>}
            {p.status === 'checked_in' && <span className="badge badge-shared">Here now</span>}
          </p>
          {!isMe && (
            <div className="person-actions">
              <AskToMeet eventId={eventId} person={{ id: p.userId, name: p.displayName }} />
            </div>
          )}
        </div>
      </header>

      {p.hereFor && (
        <p className="card here-for here-for-large">
          <span className="here-for-label">Here for</span> {p.hereFor}
        </p>
      )}

      {p.sharedInterests.length > 0 && (
        <section className="card card-accent stack-sm" aria-labelledby="common-title">
          <h2 id="common-title" className="card-title">
            Your common ground
          </h2>
          <p>
            You both care about {listInWords(p.sharedInterests)}. A good place to start.
          </p>
        </section>
      )}

      {p.questions.length > 0 && (
        <section className="card stack-sm" aria-labelledby="openers-title">
          <h2 id="openers-title" className="card-title">
            {isMe ? 'Questions you like to be asked' : `Questions ${firstName} likes to be asked`}
          </h2>
          <ul className="openers">
            {p.questions.map((question) => (
              <li key={question} className="opener">
                <span className="opener-mark" aria-hidden="true">
                  “
                </span>
                {question}
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.interests.length > 0 && (
        <section className="card stack-sm" aria-labelledby="interests-title">
          <h2 id="interests-title" className="card-title">
            Interests
          </h2>
          <InterestChips interests={p.interests} shared={shared} label={`${p.displayName}’s interests`} />
          {shared.size > 0 && (
            <p className="muted small">
              <span className="chip-mark" aria-hidden="true">✓</span> marks what you share.
            </p>
          )}
        </section>
      )}

      {p.bio && (
        <section className="card stack-sm" aria-labelledby="bio-title">
          <h2 id="bio-title" className="card-title">
            About
          </h2>
          <p className="prose">{p.bio}</p>
        </section>
      )}

      {(p.offers.length > 0 || p.seeking.length > 0) && (
        <div className="two-col">
          {p.offers.length > 0 && (
            <section className="card stack-sm" aria-labelledby="offers-title">
              <h2 id="offers-title" className="card-title">
                Can help with
              </h2>
              <ul className="plain-list">
                {p.offers.map((offer) => (
                  <li key={offer}>{offer}</li>
                ))}
              </ul>
            </section>
          )}
          {p.seeking.length > 0 && (
            <section className="card stack-sm" aria-labelledby="seeking-title">
              <h2 id="seeking-title" className="card-title">
                Looking for
              </h2>
              <ul className="plain-list">
                {p.seeking.map((need) => (
                  <li key={need}>{need}</li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}

      {!p.bio && !p.questions.length && !p.interests.length && !p.offers.length && !p.seeking.length && (
        <EmptyState title={isMe ? 'Your profile is still empty' : `${firstName} has not filled in a profile yet`}>
          {isMe ? (
            <Link to="/me/profile" className="button button-primary">
              Fill in your profile
            </Link>
          ) : (
            <p>Ask them what brought them here.</p>
          )}
        </EmptyState>
      )}

      {isMe && p.interests.length > 0 && (
        <p>
          <Link to="/me/profile">Edit your profile</Link>
        </p>
      )}
    </div>
  );
}

function listInWords(items: string[]) {
  return items.map((item, index) => (
    <span key={item}>
      {index === 0 ? '' : index === items.length - 1 ? ' and ' : ', '}
      <strong>{item}</strong>
    </span>
  ));
}
