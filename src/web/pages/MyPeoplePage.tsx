import { useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import {
  contactsVCardUrl,
  followUpWords,
  formatDayOf,
  memoryApi,
  storePerson,
  todayHere,
  useFollowUps,
  useIntroductions,
  useMyPeople,
  type MyPersonSummary,
} from '../api/memory.js';
import { Avatar } from '../components/Avatar.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { firstNameOf } from '../names.js';

function useDebounced<T>(value: T, ms: number): T {
  const [current, setCurrent] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setCurrent(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return current;
}

/** Everyone I met or was introduced to, across events, with what only I keep of them. */
export function MyPeoplePage() {
  usePageTitle('My people');
  const searchId = useId();
  const [params, setParams] = useSearchParams();
  const tag = params.get('tag') ?? '';
  const [search, setSearch] = useState(params.get('q') ?? '');
  const q = useDebounced(search.trim(), 250);
  const everyone = useMyPeople('', '');
  const people = useMyPeople(q, tag);
  const introductions = useIntroductions();
  const waitingForMe = introductions.data?.forMe.filter((i) => i.state === 'waiting' && i.myAnswer === null).length ?? 0;

  // The search and the tag stay in the address, so Back from a person returns to the same list.
  useEffect(() => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (q) next.set('q', q);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [q, setParams]);

  const setTag = (value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set('tag', value);
        else next.delete('tag');
        return next;
      },
      { replace: true },
    );

  const all = everyone.data?.people ?? [];
  const tags = everyone.data?.tags ?? [];
  const exchanged = all.filter((p) => p.contacts === 'exchanged').length;
  const filtered = Boolean(q || tag);

  return (
    <div className="stack narrow">
      <header className="page-head">
        <div>
          <h1>My people</h1>
          <p className="muted">Everyone you met in person or were introduced to, at every event.</p>
          <p className="private-line small">
            <LockIcon /> Your notes, tags and follow-ups are yours: only you see them.
          </p>
        </div>
        <Link to="/me/introductions" className="button button-secondary button-small">
          Introductions
          {waitingForMe > 0 && (
            <>
              <span className="tab-count tab-count-new" aria-hidden="true">
                {waitingForMe}
              </span>
              <span className="visually-hidden">, {waitingForMe} waiting for your answer</span>
            </>
          )}
        </Link>
      </header>

      <FollowUpDigest />

      {everyone.isPending ? (
        <Loading lines={6} label="Loading your people…" />
      ) : everyone.isError ? (
        <ErrorState error={everyone.error} onRetry={() => void everyone.refetch()} />
      ) : all.length === 0 ? (
        <NobodyYet />
      ) : (
        <section className="stack-sm" aria-labelledby="people-title">
          <div className="section-head">
            <h2 id="people-title" className="section-title">
              {filtered ? 'Found' : 'Everyone'}
            </h2>
            {people.data && (
              <p className="muted small" aria-live="polite">
                {people.data.people.length} {people.data.people.length === 1 ? 'person' : 'people'}
              </p>
            )}
          </div>
          <div className="directory-tools">
            <label htmlFor={searchId} className="visually-hidden">
              Search your people by name, note, tag, interest or event
            </label>
            <input
              id={searchId}
              type="search"
              className="input input-search"
              placeholder="Name, note, tag, interest or event"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
              maxLength={200}
              enterKeyHint="search"
            />
            {tags.length > 0 && (
              <div className="filter-chips" role="group" aria-label="Only people with the tag">
                {tags.map((chip) => {
                  const active = chip === tag;
                  return (
                    <button
                      key={chip}
                      type="button"
                      className={`chip chip-filter${active ? ' is-active' : ''}`}
                      aria-pressed={active}
                      onClick={() => setTag(active ? '' : chip)}
                    >
                      #{chip}
                    </button>
                  );
                })}
              </div>
            )}
          </div>
          {people.isPending ? (
            <Loading lines={4} label="Searching…" />
          ) : people.isError ? (
            <ErrorState error={people.error} onRetry={() => void people.refetch()} />
          ) : people.data.people.length === 0 ? (
            <EmptyState title={q ? `No one matches “${q}”` : 'No one has this tag'}>
              <p>Search looks in names, headlines, your notes and tags, their interests, and the events where you met.</p>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => {
                  setSearch('');
                  setTag('');
                }}
              >
                Show everyone
              </button>
            </EmptyState>
          ) : (
            <ul className="my-people-list" aria-label="Your people" aria-busy={people.isFetching && people.isPlaceholderData}>
              {people.data.people.map((person) => (
                <li key={person.id}>
                  <PersonRow person={person} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      {exchanged > 0 && (
        <section className="card stack-sm" aria-labelledby="vcard-title">
          <h2 id="vcard-title" className="card-title">
            Contacts for your phone
          </h2>
          <p className="muted small">
            The {exchanged === 1 ? 'person' : `${exchanged} people`} you exchanged contact details with, in one file your phone’s contacts
            app can import. It holds only what each of you chose to share.
          </p>
          <div className="actions">
            <a className="button button-secondary button-small" href={contactsVCardUrl} download="common-ground-contacts.vcf">
              Download contacts (vCard)
            </a>
          </div>
        </section>
      )}
    </div>
  );
}

/** How people get here, for someone who has met nobody yet. */
function NobodyYet() {
  return (
    <EmptyState title="No one here yet">
      <p>The people you meet at events gather here, so that you can remember them and pick up where you left off. Someone joins your list when:</p>
      <ul className="plain-list how-people-arrive">
        <li>you both say “we met” at an event, by scanning each other’s code or with a tap,</li>
        <li>you hold a 1:1 meeting, or sit at the same table in a mixer,</li>
        <li>someone who knows you both introduces you, and you both say yes.</li>
      </ul>
      <p>Then you can keep a private note, a few tags and a reminder to get back in touch.</p>
      <Link to="/" className="button button-secondary button-small">
        See your events
      </Link>
    </EmptyState>
  );
}

function PersonRow({ person }: { person: MyPersonSummary }) {
  const introduced = person.introducedBy && !person.lastContext.startsWith('Introduced by') ? `Introduced by ${person.introducedBy}` : undefined;
  return (
    <article className="card my-person">
      <Avatar name={person.name} />
      <div className="my-person-body">
        <h3 className="my-person-name">
          <Link to={`/me/people/${person.id}`} className="stretched-link">
            {person.name}
          </Link>
        </h3>
        {person.headline && <p className="my-person-headline">{person.headline}</p>}
        {person.lastContext && <p className="my-person-context">{person.lastContext}</p>}
        {introduced && <p className="my-person-context">{introduced}</p>}
        {person.noteExcerpt && <p className="my-person-note">{person.noteExcerpt}</p>}
        {(person.tags.length > 0 || person.followUp || person.contacts === 'offered_to_me' || person.contacts === 'exchanged') && (
          <p className="badges">
            {person.contacts === 'exchanged' && <span className="badge badge-shared">✓ Contacts exchanged</span>}
            {person.followUp && (
              <span className={`badge ${person.followUp.due ? 'badge-waiting' : 'badge-quiet'}`}>{followUpWords(person.followUp)}</span>
            )}
            {person.contacts === 'offered_to_me' && <span className="badge badge-shared">Would like to exchange details</span>}
            {person.tags.map((t) => (
              <span key={t} className="badge badge-tag">
                #{t}
              </span>
            ))}
          </p>
        )}
      </div>
    </article>
  );
}

/** Who is due for a follow-up, with a quick way to say we were in touch, and who is due this week. */
function FollowUpDigest() {
  const digest = useFollowUps();
  if (!digest.data || (digest.data.due.length === 0 && digest.data.upcoming.length === 0)) return null;
  const { due, upcoming, today } = digest.data;
  return (
    <section className="card follow-ups stack-sm" aria-labelledby="follow-ups-title">
      {due.length > 0 && (
        <>
          <h2 id="follow-ups-title" className="card-title">
            Due to follow up
          </h2>
          <ul className="follow-up-list">
            {due.map((person) => (
              <DueRow key={person.id} person={person} today={today} />
            ))}
          </ul>
        </>
      )}
      {upcoming.length > 0 && (
        <>
          {due.length > 0 ? (
            <h3 className="follow-ups-later">Coming up this week</h3>
          ) : (
            <h2 id="follow-ups-title" className="card-title">
              Follow-ups coming up this week
            </h2>
          )}
          <ul className="follow-up-list follow-up-list-later">
            {upcoming.map((person) => (
              <li key={person.id} className="follow-up-row">
                <Link to={`/me/people/${person.id}`} className="follow-up-name">
                  {person.name}
                </Link>
                <span className="muted small">{formatDayOf(person.followUp!.dueOn, today)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function DueRow({ person, today }: { person: MyPersonSummary; today: string }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const first = firstNameOf(person.name);
  const inTouch = useMutation({
    mutationFn: () => memoryApi.inTouch(person.id),
    onSuccess: (updated) => {
      void storePerson(queryClient, updated);
      notify(updated.followUp ? `Noted. Next follow-up with ${first}: ${formatDayOf(updated.followUp.dueOn, todayHere())}.` : `Noted that you and ${first} were in touch.`);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  const since = person.followUp && person.followUp.dueOn < today ? `since ${formatDayOf(person.followUp.dueOn, today)}` : 'today';
  return (
    <li className="follow-up-row">
      <Avatar name={person.name} />
      <div className="follow-up-who">
        <Link to={`/me/people/${person.id}`} className="follow-up-name">
          {person.name}
        </Link>
        <p className="muted small">
          Due {since}
          {person.lastContext ? ` · ${person.lastContext}` : ''}
        </p>
      </div>
      <button
        type="button"
        className="button button-small button-secondary"
        onClick={() => inTouch.mutate()}
        disabled={inTouch.isPending}
        aria-label={`We were in touch: ${person.name}`}
      >
        {inTouch.isPending ? 'Saving…' : 'We were in touch'}
      </button>
    </li>
  );
}

export function LockIcon() {
  return (
    <svg className="lock" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <rect x="4.5" y="10.5" width="15" height="10" rx="2.5" fill="none" stroke="currentColor" strokeWidth="2" />
      <path d="M8 10.5V7.5a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}
