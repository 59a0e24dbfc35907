import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, unwrap, type EventView, type Schemas } from '../api/client.js';
import { useEvent } from '../api/queries.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, Loading } from '../components/States.js';

type AuditEntry = Schemas['AuditEntry'];
type Kind = NonNullable<AuditEntry['kind']>;

const PAGE_SIZE = 30;

const FILTERS: { kind: Exclude<Kind, 'other'> | ''; label: string }[] = [
  { kind: '', label: 'Everything' },
  { kind: 'imports', label: 'Imports' },
  { kind: 'check-ins', label: 'Check-ins' },
  { kind: 'moderation', label: 'Posts and moderation' },
  { kind: 'roles', label: 'Roles' },
];

const KIND_MARK: Record<Kind, string> = {
  imports: 'Import',
  'check-ins': 'Check-in',
  moderation: 'Moderation',
  roles: 'Roles',
  other: 'Other',
};

const NOTHING_OF_KIND: Record<string, string> = {
  '': 'Imports, check-ins, posts and moderation, and changes of organizers will show here as they happen.',
  imports: 'No one has imported people yet.',
  'check-ins': 'No one has been checked in yet.',
  moderation: 'No posts or moderation yet.',
  roles: 'No one has been made an organizer or given the event yet.',
};

export function AuditPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `Activity log · ${event.data.name}` : 'Activity log');

  if (event.isPending) return <Loading lines={6} label="Loading the activity log…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <AuditView event={event.data} />;
}

const dayFormatters = new Map<string, Intl.DateTimeFormat>();
const timeFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, options: Intl.DateTimeFormatOptions) {
  let formatter = cache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(undefined, { timeZone, ...options });
    cache.set(timeZone, formatter);
  }
  return formatter;
}

/** "Thursday, 1 October 2026" on the event's clocks. */
const dayOf = (iso: string, timeZone: string) =>
  formatterFor(dayFormatters, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
/** "18:04" or "6:04 PM", as the reader's locale writes it, on the event's clocks. */
const timeOf = (iso: string, timeZone: string) =>
  formatterFor(timeFormatters, timeZone, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));

/** Consecutive entries of one day under one heading (entries come newest first). */
function byDay(entries: AuditEntry[], timeZone: string) {
  const days: { day: string; entries: AuditEntry[] }[] = [];
  for (const entry of entries) {
    const day = dayOf(entry.at, timeZone);
    const last = days[days.length - 1];
    if (last?.day === day) last.entries.push(entry);
    else days.push({ day, entries: [entry] });
  }
  return days;
}

function AuditView({ event }: { event: EventView }) {
  const eventId = event.id;
  const [kind, setKind] = useState<(typeof FILTERS)[number]['kind']>('');
  const log = useInfiniteQuery({
    queryKey: ['events', eventId, 'audit', kind],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/events/{eventId}/audit', {
          params: { path: { eventId }, query: { limit: PAGE_SIZE, ...(kind ? { kind } : {}), ...(pageParam ? { before: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: event.myRole === 'organizer',
  });

  const header = (
    <header className="ptm-head">
      <Link to={`/e/${eventId}?tab=members`} className="back-link">
        <span aria-hidden="true">←</span> {event.name}
      </Link>
      <h1>Activity log</h1>
      <p className="lead">
        What the organizers did, newest first: imports, check-ins, posts and moderation, and who organizes. Times are in the event’s time zone ({event.timeZone}).
      </p>
    </header>
  );

  if (event.myRole !== 'organizer') {
    return (
      <div className="stack narrow">
        {header}
        <EmptyState title="The activity log is for organizers">
          <p>Only the organizers of {event.name} can read what was done in it.</p>
        </EmptyState>
      </div>
    );
  }

  const entries = log.data?.pages.flatMap((page) => page.entries) ?? [];
  return (
    <div className="stack narrow">
      {header}
      <div className="chips" role="group" aria-label="Show">
        {FILTERS.map((filter) => (
          <button
            key={filter.kind || 'all'}
            type="button"
            className={`chip chip-filter${kind === filter.kind ? ' is-active' : ''}`}
            aria-pressed={kind === filter.kind}
            onClick={() => setKind(filter.kind)}
          >
            {filter.label}
          </button>
        ))}
      </div>
      {log.isPending ? (
        <Loading lines={5} label="Loading the activity log…" />
      ) : log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : entries.length === 0 ? (
        <EmptyState title="Nothing yet">
          <p>{NOTHING_OF_KIND[kind]}</p>
        </EmptyState>
      ) : (
        <>
          <ol className="audit-days" aria-label="Activity, newest first">
            {byDay(entries, event.timeZone).map(({ day, entries: ofDay }) => (
              <li key={day} className="audit-day">
                <h2 className="audit-day-title">{day}</h2>
                <ol className="audit-entries card">
                  {ofDay.map((entry) => (
                    <li key={entry.id} className="audit-entry">
                      <time className="audit-time" dateTime={entry.at}>
                        {timeOf(entry.at, event.timeZone)}
                      </time>
                      <p className="audit-summary">{entry.summary}</p>
                      <span className={`audit-kind audit-kind-${entry.kind}`}>{KIND_MARK[entry.kind]}</span>
                    </li>
                  ))}
                </ol>
              </li>
            ))}
          </ol>
          {log.hasNextPage ? (
            <div className="actions">
              <button type="button" className="button button-secondary" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
              </button>
            </div>
          ) : (
            <p className="muted audit-end">That is everything{kind ? ' of this kind' : ''}.</p>
          )}
        </>
      )}
    </div>
  );
}
