import { Link } from 'react-router';
import type { EventView } from '../api/client.js';
import { useFollowUps } from '../api/memory.js';
import { useAccount, useMyEvents, useMyProfile, useSetupStatus } from '../api/queries.js';
import { EmptyState, ErrorState, Loading } from '../components/States.js';
import { usePageTitle } from '../components/PageTitle.js';
import { formatEventSpan } from '../time.js';

export function HomePage() {
  const account = useAccount();
  if (account.isPending) return <Loading />;
  if (account.isError) return <ErrorState error={account.error} onRetry={() => void account.refetch()} />;
  return account.data ? <MyEvents firstName={account.data.name.split(' ')[0] ?? ''} /> : <Landing />;
}

function Landing() {
  usePageTitle(undefined);
  const setup = useSetupStatus();
  return (
    <div className="landing">
      <section className="hero" aria-labelledby="hero-title">
        <p className="eyebrow">For people who go to events to meet people</p>
        <h1 id="hero-title">Meet the people in the room. Start with what you share.</h1>
        <p className="lead">
          Networking, done gently: see who is coming to your event, find the interests you share, and learn which
          questions people like to be asked. No pitches, no card-pushing, no agenda beyond a good conversation.
        </p>
        {setup.data?.needed ? (
          <div className="notice">
            <p>
              This server is being set up: the person who installed it creates the first account with the link printed at
              start.
            </p>
          </div>
        ) : (
          <div className="actions">
            <Link to="/sign-up" className="button button-primary">
              Create an account
            </Link>
            <Link to="/sign-in" className="button button-secondary">
              Sign in
            </Link>
          </div>
        )}
      </section>
      <ul className="pillars" aria-label="How it works">
        <li className="card pillar">
          <h2>See who is here</h2>
          <p>Everyone who chose to be listed, with what they care about and what brought them to the event.</p>
        </li>
        <li className="card pillar">
          <h2>Start with what you share</h2>
          <p>Shared interests stand out, and people tell you which questions they like to be asked.</p>
        </li>
        <li className="card pillar">
          <h2>Your details stay yours</h2>
          <p>Your email and phone are only for you: they never show in directories or on profiles.</p>
        </li>
      </ul>
    </div>
  );
}

function MyEvents({ firstName }: { firstName: string }) {
  usePageTitle('My events');
  const events = useMyEvents();
  const profile = useMyProfile();
  const followUps = useFollowUps();
  const due = followUps.data?.due ?? [];
  const now = Date.now();
  const profileIsBare = profile.data && profile.data.interests.length === 0 && !profile.data.headline;
  const upcoming = events.data?.filter((e) => Date.parse(e.endsAt) >= now) ?? [];
  const past = events.data?.filter((e) => Date.parse(e.endsAt) < now) ?? [];

  return (
    <div className="stack">
      <div className="page-head">
        <div>
          <h1>Hello, {firstName}</h1>
          <p className="muted">Your events, soonest first.</p>
        </div>
        <Link to="/events/new" className="button button-primary">
          Create an event
        </Link>
      </div>
      {profileIsBare && (events.data?.length ?? 0) > 0 && (
        <div className="notice">
          <p className="notice-title">Help people find common ground with you</p>
          <p>Add a headline and a few interests. They show next to your name at your events.</p>
          <Link to="/me/profile" className="button button-secondary">
            Fill in your profile
          </Link>
        </div>
      )}
      {due.length > 0 && (
        <Link to="/me/people" className="card card-link follow-up-home">
          <span className="follow-up-home-title">Due to follow up: {due.length}</span>
          <span className="muted small">
            {due
              .slice(0, 3)
              .map((p) => p.name)
              .join(', ')}
            {due.length > 3 ? ` and ${due.length - 3} more` : ''}
          </span>
        </Link>
      )}
      {events.isPending ? (
        <Loading lines={4} label="Loading your events…" />
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.length === 0 ? (
        <EmptyState title="No events yet">
          <p>
            Going to an event? Open the invite link the organizer shared with you and you will land right in it. Hosting
            one? Create it above and share a link.
          </p>
          <Link to="/me/profile" className="button button-secondary">
            Fill in your profile
          </Link>
        </EmptyState>
      ) : (
        <>
          {upcoming.length > 0 && <EventList title="Coming up" events={upcoming} />}
          {past.length > 0 && <EventList title="Past events" events={past} />}
        </>
      )}
    </div>
  );
}

function EventList({ title, events }: { title: string; events: EventView[] }) {
  return (
    <section className="stack-sm" aria-label={title}>
      <h2 className="section-title">{title}</h2>
      <ul className="event-list">
        {events.map((event) => (
          <li key={event.id}>
            <Link to={`/e/${event.id}`} className="card card-link event-card">
              <span className="event-card-name">{event.name}</span>
              <span className="event-card-when">{formatEventSpan(event.startsAt, event.endsAt, event.timeZone)}</span>
              {event.venue && <span className="event-card-venue">{event.venue}</span>}
              <span className="event-card-meta">
                {event.myRole === 'organizer' && <span className="badge">Organizer</span>}
                <span>
                  {event.attendeeCount} {event.attendeeCount === 1 ? 'person' : 'people'}
                </span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
