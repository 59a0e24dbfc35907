import { useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient, type InfiniteData } from '@tanstack/react-query';
import {
  api,
  errorMessage,
  unwrap,
  type EventView,
  type PeopleToMeet,
  type SavedPeople,
  type SavedPerson,
  type Suggestion,
} from '../api/client.js';
import { keys, refreshPeopleToMeetEverywhere, useEvent } from '../api/queries.js';
import { Avatar } from '../components/Avatar.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, FormMessage, Loading } from '../components/States.js';
import { SuggestionCard, firstNameOf, personLink } from '../components/SuggestionCard.js';
import { SuggestMeToggle } from '../components/SuggestMeToggle.js';
import { useToast } from '../components/Toasts.js';
import { formatDay } from '../time.js';

const PAGE_SIZE = 10;

type Pages = InfiniteData<PeopleToMeet, string>;
/** Where a removed card was, so that Undo puts it back in its place. */
interface Place {
  page: number;
  index: number;
}

export function PeopleToMeetPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `People to meet · ${event.data.name}` : 'People to meet');

  if (event.isPending) return <Loading lines={6} label="Loading people to meet…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <PeopleToMeetView event={event.data} />;
}

/** The cached pages, edited in place so that a card goes (or comes back) at once. */
function usePagesEditor(eventId: string) {
  const queryClient = useQueryClient();
  const key = keys.peopleToMeet(eventId);
  return {
    remove(userId: string): Place | undefined {
      let place: Place | undefined;
      queryClient.setQueryData<Pages>(key, (data) => {
        if (!data) return data;
        const pages = data.pages.map((page, pageIndex) => {
          const index = page.people.findIndex((p) => p.userId === userId);
          if (index < 0) return page;
          place ??= { page: pageIndex, index };
          return { ...page, people: page.people.filter((p) => p.userId !== userId) };
        });
        return place ? { ...data, pages: pages.map((page) => ({ ...page, total: Math.max(0, page.total - 1) })) } : data;
      });
      return place;
    },
    restore(person: Suggestion, place: Place) {
      queryClient.setQueryData<Pages>(key, (data) => {
        if (!data || data.pages.some((page) => page.people.some((p) => p.userId === person.userId))) return data;
        const target = Math.min(place.page, data.pages.length - 1);
        return {
          ...data,
          pages: data.pages.map((page, pageIndex) => {
            const people = [...page.people];
            if (pageIndex === target) people.splice(Math.min(place.index, people.length), 0, person);
            return { ...page, people, total: page.total + 1 };
          }),
        };
      });
    },
    setSaved(userId: string, saved: boolean) {
      queryClient.setQueryData<Pages>(key, (data) =>
        data && { ...data, pages: data.pages.map((page) => ({ ...page, people: page.people.map((p) => (p.userId === userId ? { ...p, saved } : p)) })) },
      );
    },
    /**
     * After a removal, reads the event page's preview again. The list itself needs no reload: a
     * next-page cursor remembers the last person shown, so "Show more" still starts right after them.
     */
    refreshPreview() {
      return queryClient.invalidateQueries({ queryKey: keys.peopleToMeetPreview(eventId) });
    },
    cancel() {
      return queryClient.cancelQueries({ queryKey: key });
    },
  };
}

/** The cached saved list, edited in place like the pages, then read again from the server. */
function useSavedEditor(eventId: string) {
  const queryClient = useQueryClient();
  const key = keys.savedPeople(eventId);
  return {
    add(person: SavedPerson, index = 0) {
      queryClient.setQueryData<SavedPeople>(key, (data) => {
        if (!data || data.people.some((p) => p.userId === person.userId)) return data;
        const people = [...data.people];
        people.splice(Math.min(index, people.length), 0, person);
        return { ...data, people };
      });
    },
    /** Takes a person off the saved list; returns where they were. */
    remove(userId: string): number | undefined {
      let index: number | undefined;
      queryClient.setQueryData<SavedPeople>(key, (data) => {
        const at = data?.people.findIndex((p) => p.userId === userId) ?? -1;
        if (!data || at < 0) return data;
        index = at;
        return { ...data, people: data.people.filter((p) => p.userId !== userId) };
      });
      return index;
    },
    cancel() {
      return queryClient.cancelQueries({ queryKey: key });
    },
    refresh() {
      return queryClient.invalidateQueries({ queryKey: key });
    },
  };
}

function PeopleToMeetView({ event }: { event: EventView }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const pages = usePagesEditor(eventId);
  const savedList = useSavedEditor(eventId);
  const [params] = useSearchParams();
  const view: 'suggestions' | 'saved' = params.get('view') === 'saved' ? 'saved' : 'suggestions';
  const [saving, setSaving] = useState<ReadonlySet<string>>(new Set());
  const [blocking, setBlocking] = useState<Suggestion>();
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const cards = useRef(new Map<string, HTMLElement>());
  const leaving = useRef(new Set<string>());
  // After a card goes, focus moves to the one that took its place (or the heading), not to nowhere.
  const [focusNext, setFocusNext] = useState<string | null>(null);

  const suggestions = useInfiniteQuery({
    queryKey: keys.peopleToMeet(eventId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/events/{eventId}/people-to-meet', {
          params: { path: { eventId }, query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const saved = useQuery({
    queryKey: keys.savedPeople(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/saved', { params: { path: { eventId } } })),
  });

  const seen = new Set<string>();
  const people = (suggestions.data?.pages.flatMap((page) => page.people) ?? []).filter((p) => !seen.has(p.userId) && seen.add(p.userId));
  const first = suggestions.data?.pages[0];
  const total = Math.max(first?.total ?? 0, people.length);
  // The server says when the organizers keep the guest list private (attendees then see no one).
  const hidden = first?.hiddenByOrganizers === true || saved.data?.hiddenByOrganizers === true;
  const savedPeople = saved.data?.people ?? [];
  const savedRows = useRef(new Map<string, HTMLElement>());

  useEffect(() => {
    if (focusNext === null) return;
    const target = focusNext === '' ? heading.current : (cards.current.get(focusNext) ?? savedRows.current.get(focusNext));
    if (target || focusNext === '') {
      target?.focus();
      setFocusNext(null);
    }
  }, [focusNext, people, savedPeople]);

  /** Those next to someone in a list, nearest first: where focus goes once they are gone. */
  function neighbours(list: { userId: string }[], userId: string): string[] {
    const index = list.findIndex((p) => p.userId === userId);
    return [list[index + 1]?.userId, list[index - 1]?.userId].filter((id): id is string => Boolean(id));
  }

  /** Focus to the first of these cards or rows still on the page, or else to the heading. */
  function focusNear(userIds: string[]) {
    setFocusNext(userIds.find((id) => cards.current.has(id) || savedRows.current.has(id)) ?? '');
  }

  /** Takes a person off the list, focus to the card that took their place; returns where they were. */
  function takeOut(person: Suggestion): Place | undefined {
    setFocusNext(neighbours(people, person.userId)[0] ?? '');
    return pages.remove(person.userId);
  }

  /**
   * Saves or unsaves someone, on their card and in the saved list at once; says so, and puts both
   * back if the server says no. True when the server agreed.
   */
  async function setSavedOf(person: Pick<SavedPerson, 'userId' | 'displayName' | 'headline'>, save: boolean): Promise<boolean> {
    if (saving.has(person.userId)) return false;
    setSaving((current) => new Set(current).add(person.userId));
    await savedList.cancel();
    pages.setSaved(person.userId, save);
    let index: number | undefined;
    if (save) savedList.add({ ...person, savedAt: new Date().toISOString() });
    else index = savedList.remove(person.userId);
    setAnnouncement(save ? `${person.displayName} is saved for later.` : `${person.displayName} is no longer saved.`);
    let done = true;
    try {
      const path = { eventId, userId: person.userId };
      await unwrap(save ? api.PUT('/api/events/{eventId}/saved/{userId}', { params: { path } }) : api.DELETE('/api/events/{eventId}/saved/{userId}', { params: { path } }));
    } catch (error) {
      done = false;
      pages.setSaved(person.userId, !save);
      if (save) savedList.remove(person.userId);
      else {
        const was = saved.data?.people.find((p) => p.userId === person.userId);
        if (was) savedList.add(was, index);
      }
      notify(errorMessage(error), 'error');
    } finally {
      setSaving((current) => {
        const next = new Set(current);
        next.delete(person.userId);
        return next;
      });
    }
    void savedList.refresh();
    return done;
  }

  function toggleSave(person: Suggestion) {
    void setSavedOf(person, !person.saved);
  }

  /**
   * Unsave from the saved list: the row goes, focus moves to the next one, then to the toast's
   * Undo (which saves again); going on without it, focus is back on the list.
   */
  async function unsaveRow(person: SavedPerson) {
    if (saving.has(person.userId)) return;
    const near = neighbours(savedPeople, person.userId);
    setFocusNext(near[0] ?? '');
    if (await setSavedOf(person, false)) {
      notify(`${person.displayName} is no longer saved.`, 'info', {
        label: 'Undo',
        run: async () => {
          if (await setSavedOf(person, true)) setFocusNext(person.userId);
          else focusNear(near);
        },
        focus: { leave: () => focusNear(near) },
      });
    }
  }

  /**
   * Brings someone back after "Not now". The card returns only once the server has agreed: if it
   * says no, they are still set aside there, so the card stays away and an error says so.
   */
  async function undoNotNow(person: Suggestion, place: Place | undefined, near: string[]) {
    try {
      await unwrap(api.DELETE('/api/events/{eventId}/people-to-meet/dismissed/{userId}', { params: { path: { eventId, userId: person.userId } } }));
    } catch (error) {
      focusNear(near);
      notify(`${person.displayName} could not be brought back. ${errorMessage(error)}`, 'error');
      return;
    }
    await pages.cancel();
    if (place) {
      pages.restore(person, place);
      setFocusNext(person.userId);
    } else {
      focusNear(near);
      void queryClient.invalidateQueries({ queryKey: keys.peopleToMeet(eventId) });
    }
    void pages.refreshPreview();
  }

  async function notNow(person: Suggestion) {
    // A double tap says it once.
    if (leaving.current.has(person.userId)) return;
    leaving.current.add(person.userId);
    await pages.cancel();
    const near = neighbours(people, person.userId);
    const place = takeOut(person);
    try {
      await unwrap(api.PUT('/api/events/{eventId}/people-to-meet/dismissed/{userId}', { params: { path: { eventId, userId: person.userId } } }));
      // Focus goes to Undo, one key away; Escape or Tab leaves it for the card that took their place.
      notify(`Not now: ${person.displayName} won’t be suggested here.`, 'info', {
        label: 'Undo',
        run: () => undoNotNow(person, place, near),
        focus: { leave: () => focusNear(near) },
      });
    } catch (error) {
      if (place) {
        pages.restore(person, place);
        setFocusNext(person.userId);
      }
      notify(errorMessage(error), 'error');
    } finally {
      leaving.current.delete(person.userId);
    }
    void pages.refreshPreview();
  }

  const block = useMutation({
    mutationFn: (person: Suggestion) => unwrap(api.PUT('/api/me/blocks/{userId}', { params: { path: { userId: person.userId } } })),
    onSuccess: (_, person) => {
      setBlocking(undefined);
      takeOut(person);
      // They leave every event's suggestions, saved list and preview at once (this list is edited
      // above), and those are read again.
      void refreshPeopleToMeetEverywhere(queryClient, { blocked: person.userId, except: keys.peopleToMeet(eventId) });
      void queryClient.invalidateQueries({ queryKey: keys.blocks });
      notify(`You blocked ${person.displayName}. You can unblock them on your Account page.`);
    },
  });

  const toEvent = `/e/${eventId}`;

  let list;
  if (suggestions.isPending && !hidden) {
    list = <Loading lines={8} label="Finding people you have something in common with…" />;
  } else if (hidden) {
    list = (
      <EmptyState title="Suggestions are off for this event">
        <p>The organizers chose to keep the guest list private, so there is no one to suggest. You will meet people in person.</p>
      </EmptyState>
    );
  } else if (suggestions.isError) {
    list = <ErrorState error={suggestions.error} onRetry={() => void suggestions.refetch()} />;
  } else if (people.length === 0 && first?.profileIncomplete) {
    list = (
      <div className="card nudge stack-sm">
        <h2 className="card-title">Tell us a little about you first</h2>
        <p>Add a few interests and what you’re looking for, and we’ll suggest people.</p>
        <p className="muted small">It takes a minute, and it works at every event you join.</p>
        <div className="actions">
          <Link to="/me/profile" className="button button-primary">
            Add your interests
          </Link>
        </div>
      </div>
    );
  } else if (people.length === 0) {
    list = (
      <EmptyState title="No one to suggest yet">
        <p>
          Suggestions come from interests you share, and from what one of you offers and the other is looking for. At a small
          event there may be no one like that yet, and anyone you said “Not now” to stays off this list.
        </p>
        <p>Check back as more people join, or add a few more interests.</p>
        <div className="actions">
          <Link to="/me/profile" className="button button-secondary">
            Add more interests
          </Link>
          <Link to={toEvent} className="button button-quiet">
            See everyone at the event
          </Link>
        </div>
      </EmptyState>
    );
  } else {
    list = (
      <>
        {first?.profileIncomplete && (
          <p className="notice">
            <span>
              Suggestions get better with more to go on. <Link to="/me/profile">Add interests and what you’re looking for</Link>.
            </span>
          </p>
        )}
        <ol className="suggestion-list" aria-label="Suggestions">
          {people.map((person) => (
            <li key={person.userId}>
              <SuggestionCard
                eventId={eventId}
                person={person}
                saving={saving.has(person.userId)}
                onToggleSave={() => void toggleSave(person)}
                onNotNow={() => void notNow(person)}
                onBlock={() => {
                  block.reset();
                  setBlocking(person);
                }}
                cardRef={(node) => {
                  if (node) cards.current.set(person.userId, node);
                  else cards.current.delete(person.userId);
                }}
              />
            </li>
          ))}
        </ol>
        {suggestions.hasNextPage && (
          <button
            type="button"
            className="button button-secondary button-block"
            onClick={() => void suggestions.fetchNextPage()}
            disabled={suggestions.isFetchingNextPage}
          >
            {suggestions.isFetchingNextPage ? 'Loading…' : `Show more · ${total - people.length} left`}
          </button>
        )}
      </>
    );
  }

  let savedView;
  if (saved.isPending) {
    savedView = <Loading lines={4} label="Loading the people you saved…" />;
  } else if (saved.isError) {
    savedView = <ErrorState error={saved.error} onRetry={() => void saved.refetch()} />;
  } else if (savedPeople.length === 0) {
    savedView = (
      <EmptyState title="No one saved yet">
        <p>Tap “Save for later” on a suggestion to keep them here, even once they are no longer among your suggestions.</p>
        <div className="actions">
          <Link to={{ search: '' }} replace className="button button-secondary">
            See suggestions
          </Link>
        </div>
      </EmptyState>
    );
  } else {
    savedView = (
      <ul className="saved-list" aria-label="Saved people">
        {savedPeople.map((person) => (
          <li key={person.userId} className="saved-row">
            <Avatar name={person.displayName} />
            <div className="saved-who">
              <Link {...personLink(eventId, person.userId, 'saved')} className="saved-name">
                {person.displayName}
              </Link>
              {person.headline && <p className="saved-headline">{person.headline}</p>}
              <p className="saved-when">Saved {formatDay(person.savedAt, event.timeZone)}</p>
            </div>
            <button
              type="button"
              className="button button-small button-secondary"
              onClick={() => void unsaveRow(person)}
              aria-disabled={saving.has(person.userId) || undefined}
              aria-label={`Unsave ${person.displayName}`}
              ref={(node) => {
                if (node) savedRows.current.set(person.userId, node);
                else savedRows.current.delete(person.userId);
              }}
            >
              Unsave
            </button>
          </li>
        ))}
      </ul>
    );
  }

  const blockingFirst = blocking ? firstNameOf(blocking.displayName) : '';

  return (
    <div className="stack">
      <header className="ptm-head">
        <Link to={toEvent} className="back-link">
          <span aria-hidden="true">←</span> {event.name}
        </Link>
        <h1 ref={heading} tabIndex={-1}>
          People to meet
        </h1>
        <p className="lead">People here you have something in common with, and a few good questions to start with.</p>
        {view === 'suggestions' && !hidden && suggestions.isSuccess && people.length > 0 && (
          <p className="ptm-count">
            {total >= 100 ? '100+ people' : `${total} ${total === 1 ? 'person' : 'people'}`}, best matches first
          </p>
        )}
      </header>

      <div className="ptm-layout">
        <section className="ptm-list">
          {!hidden && (
            <nav className="tabs ptm-tabs" aria-label="Lists">
              <Link
                to={{ search: '' }}
                replace
                className={`tab${view === 'suggestions' ? ' is-active' : ''}`}
                aria-current={view === 'suggestions' ? 'page' : undefined}
              >
                Suggestions
              </Link>
              <Link
                to={{ search: '?view=saved' }}
                replace
                className={`tab${view === 'saved' ? ' is-active' : ''}`}
                aria-current={view === 'saved' ? 'page' : undefined}
                aria-label={saved.isSuccess ? `Saved, ${savedPeople.length} ${savedPeople.length === 1 ? 'person' : 'people'}` : undefined}
              >
                Saved
                {saved.isSuccess && (
                  <span className="tab-count" aria-hidden="true">
                    {savedPeople.length}
                  </span>
                )}
              </Link>
            </nav>
          )}
          {view === 'saved' && !hidden ? savedView : list}
        </section>

        <aside className="ptm-aside" aria-label="About suggestions">
          <section className="card stack-sm" aria-labelledby="ptm-how">
            <h2 id="ptm-how" className="card-title">
              How we pick
            </h2>
            <p className="muted small">
              Interests you share come first, most of all the ones few others here have. Related interests count too, and so
              does something one of you offers that the other is looking for.
            </p>
            <p className="muted small">Only you see this list. No one is told when you save someone, skip them or block them.</p>
            <p className="small">
              <Link to="/me/profile">Improve your suggestions: edit your profile</Link>
            </p>
          </section>
          <section className="card stack-sm" aria-labelledby="ptm-you">
            <h2 id="ptm-you" className="card-title">
              You in others’ suggestions
            </h2>
            <SuggestMeToggle eventId={eventId} />
          </section>
        </aside>
      </div>

      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>

      <ConfirmDialog
        open={Boolean(blocking)}
        title={`Block ${blocking?.displayName ?? ''}?`}
        confirmLabel={`Block ${blockingFirst}`}
        danger
        busy={block.isPending}
        onConfirm={() => blocking && block.mutate(blocking)}
        onCancel={() => {
          setBlocking(undefined);
          block.reset();
        }}
      >
        <p>
          {blockingFirst} won’t be told. Neither of you will be suggested to the other again, at this event or any other.
        </p>
        <p>It only changes suggestions: you may still see each other in event directories. You can unblock them any time from your Account page.</p>
        <FormMessage error={block.error} />
      </ConfirmDialog>
    </div>
  );
}
