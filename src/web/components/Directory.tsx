import { useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap, type DirectoryEntry, type EventView } from '../api/client.js';
import { keys, useAccount, useMyProfile } from '../api/queries.js';
import { Avatar } from './Avatar.js';
import { InterestChips, interestSet } from './Interests.js';
import { EmptyState, ErrorState, Loading } from './States.js';

const PAGE_SIZE = 24;

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setCurrent(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** The people of an event: searchable, filterable by interest, a page at a time. */
export function Directory({ event }: { event: EventView }) {
  const eventId = event.id;
  const searchId = useId();
  const account = useAccount();
  const profile = useMyProfile();
  const [search, setSearch] = useState('');
  const [interest, setInterest] = useState('');
  const q = useDebounced(search.trim(), 250);
  const isOrganizer = event.myRole === 'organizer';
  const hidden = !isOrganizer && !event.settings.attendeeDirectory;

  const interests = useQuery({
    queryKey: keys.eventInterests(eventId),
    queryFn: async () => (await unwrap(api.GET('/api/events/{eventId}/interests', { params: { path: { eventId } } }))).interests,
    enabled: !hidden,
  });
  const people = useInfiniteQuery({
    queryKey: keys.directory(eventId, q, interest),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/events/{eventId}/directory', {
          params: {
            path: { eventId },
            query: { limit: PAGE_SIZE, ...(q ? { q } : {}), ...(interest ? { interest } : {}), ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: !hidden,
  });

  if (hidden) {
    return (
      <section className="stack-sm" aria-labelledby="directory-title">
        <h2 id="directory-title" className="section-title">
          People
        </h2>
        <EmptyState title="The guest list is private for this event">
          <p>The organizers chose not to show who is coming. You will meet them in person.</p>
        </EmptyState>
      </section>
    );
  }

  const mine = interestSet(profile.data?.interests);
  const chips = (interests.data ?? []).slice(0, 12).map((use) => use.interest);
  if (interest && !chips.some((c) => c.toLowerCase() === interest.toLowerCase())) chips.unshift(interest);
  const everyone = people.data?.pages.flatMap((page) => page.people) ?? [];
  const total = people.data?.pages[0]?.total ?? 0;
  const filtered = Boolean(q || interest);

  return (
    <section className="stack-sm" aria-labelledby="directory-title">
      <div className="section-head">
        <h2 id="directory-title" className="section-title">
          People
        </h2>
        {people.data && (
          <p className="muted" aria-live="polite">
            {total} {total === 1 ? 'person' : 'people'}
            {filtered ? ' match' : ''}
          </p>
        )}
      </div>
      <div className="directory-tools">
        <label htmlFor={searchId} className="visually-hidden">
          Search people by name, headline or interest
        </label>
        <input
          id={searchId}
          type="search"
          className="input input-search"
          placeholder="Name, headline or interest"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          maxLength={100}
        />
        {chips.length > 0 && (
          <div className="filter-chips" role="group" aria-label="Filter by interest">
            {chips.map((chip) => {
              const active = chip.toLowerCase() === interest.toLowerCase();
              return (
                <button
                  key={chip}
                  type="button"
                  className={`chip chip-filter${active ? ' is-active' : ''}${mine.has(chip.toLowerCase()) ? ' chip-mine' : ''}`}
                  aria-pressed={active}
                  onClick={() => setInterest(active ? '' : chip)}
                >
                  {chip}
                </button>
              );
            })}
          </div>
        )}
      </div>
      {people.isPending ? (
        <Loading lines={5} label="Loading people…" />
      ) : people.isError ? (
        <ErrorState error={people.error} onRetry={() => void people.refetch()} />
      ) : everyone.length === 0 ? (
        filtered ? (
          <EmptyState title="No one matches that yet">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setSearch('');
                setInterest('');
              }}
            >
              Clear search and filter
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No one is listed yet">
            <p>{isOrganizer ? 'Share an invite link: people appear here once they join.' : 'Check back closer to the event.'}</p>
          </EmptyState>
        )
      ) : (
        <>
          <ul className="people-grid">
            {everyone.map((person) => (
              <li key={person.userId}>
                <PersonCard person={person} eventId={eventId} mine={mine} isMe={person.userId === account.data?.id} showListing={isOrganizer} />
              </li>
            ))}
          </ul>
          {people.hasNextPage && (
            <button type="button" className="button button-secondary button-block" onClick={() => void people.fetchNextPage()} disabled={people.isFetchingNextPage}>
              {people.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </section>
  );
}

function PersonCard({ person, eventId, mine, isMe, showListing }: { person: DirectoryEntry; eventId: string; mine: Set<string>; isMe: boolean; showListing: boolean }) {
  const shared = isMe ? new Set<string>() : mine;
  const sharedCount = isMe ? 0 : person.interests.filter((i) => mine.has(i.toLowerCase())).length;
  return (
    <article className="card person-card">
      <div className="person-card-head">
        <Avatar name={person.displayName} />
        <div className="person-card-title">
          <h3 className="person-card-name">
            <Link to={`/e/${eventId}/people/${person.userId}`} className="stretched-link">
              {person.displayName}
            </Link>
          </h3>
          {person.headline && <p className="person-card-headline">{person.headline}</p>}
        </div>
      </div>
      <div className="badges">
        {isMe && <span className="badge badge-quiet">You</span>}
        {person.role === 'organizer' && <span className="badge">Organizer</span>}
        {showListing && !person.listed && <span className="badge badge-quiet">Not listed</span>}
        {sharedCount > 0 && (
          <span className="badge badge-shared">
            {sharedCount} in common
          </span>
        )}
      </div>
      {person.hereFor && (
        <p className="here-for">
          <span className="here-for-label">Here for</span> {person.hereFor}
        </p>
      )}
      <InterestChips interests={person.interests} shared={shared} label={`${person.displayName}’s interests`} />
    </article>
  );
}
