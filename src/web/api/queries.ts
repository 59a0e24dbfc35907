import { QueryCache, QueryClient, useQuery, useQueries, type InfiniteData, type Query } from '@tanstack/react-query';
import { ApiError, api, unwrap, type Account, type PeopleToMeet, type SavedPeople } from './client.js';

export const queryClient: QueryClient = new QueryClient({
  // A session that ended elsewhere (signed out on another device, password changed) shows up as
  // a 401 on any read: forget the account, and the pages that need one send to sign-in.
  queryCache: new QueryCache({
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== 'account') {
        queryClient.setQueryData(['account'], null);
      }
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      retry: (failures, error) => {
        if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
        return failures < 2;
      },
    },
  },
});

/** Query keys, one place, so invalidations match what pages read. */
export const keys = {
  account: ['account'] as const,
  setup: ['setup'] as const,
  events: ['events'] as const,
  event: (eventId: string) => ['events', eventId] as const,
  myMembership: (eventId: string) => ['events', eventId, 'me'] as const,
  directory: (eventId: string, q: string, interest: string) => ['events', eventId, 'directory', q, interest] as const,
  eventInterests: (eventId: string) => ['events', eventId, 'interests'] as const,
  members: (eventId: string) => ['events', eventId, 'members'] as const,
  invites: (eventId: string) => ['events', eventId, 'invites'] as const,
  person: (eventId: string, userId: string) => ['events', eventId, 'people', userId] as const,
  /** Everything about my suggestions at an event: the page's list, my saved people and the event page's preview. */
  peopleToMeetAll: (eventId: string) => ['events', eventId, 'people-to-meet'] as const,
  peopleToMeet: (eventId: string) => ['events', eventId, 'people-to-meet', 'list'] as const,
  peopleToMeetPreview: (eventId: string) => ['events', eventId, 'people-to-meet', 'preview'] as const,
  savedPeople: (eventId: string) => ['events', eventId, 'people-to-meet', 'saved'] as const,
  blocks: ['blocks'] as const,
  slots: (eventId: string) => ['events', eventId, 'slots'] as const,
  tables: (eventId: string) => ['events', eventId, 'tables'] as const,
  availability: (eventId: string) => ['events', eventId, 'availability'] as const,
  meetingRequests: (eventId: string) => ['events', eventId, 'meeting-requests'] as const,
  meetings: (eventId: string) => ['events', eventId, 'meetings'] as const,
  encounters: (eventId: string) => ['events', eventId, 'encounters'] as const,
  meetCode: (eventId: string) => ['events', eventId, 'meet-code'] as const,
  schedule: (eventId: string) => ['events', eventId, 'schedule'] as const,
  notifications: ['notifications'] as const,
  calendarFeed: ['calendar-feed'] as const,
  invite: (token: string) => ['invites', token] as const,
  profile: ['profile'] as const,
  tokens: ['tokens'] as const,
};

/** Any event's suggestions, saved people or event-page preview: what a block or an unblock changes. */
export function isPeopleToMeetQuery(query: Pick<Query, 'queryKey'>): boolean {
  return query.queryKey[0] === 'events' && query.queryKey[2] === 'people-to-meet';
}

/**
 * After a block or an unblock: every event's suggestions, saved lists and previews are read again.
 * A block also takes the person out of what is cached at once, so that no page shows them meanwhile.
 * `except` is a query already edited by hand (the list the block was made from), left as it is.
 */
export function refreshPeopleToMeetEverywhere(client: QueryClient, options: { blocked?: string; except?: readonly unknown[] } = {}) {
  const { blocked, except } = options;
  const isExcept = (key: readonly unknown[]) => except !== undefined && key.length === except.length && key.every((part, i) => part === except[i]);
  if (blocked) {
    const without = <T extends { userId: string }>(people: T[]) => people.filter((p) => p.userId !== blocked);
    for (const query of client.getQueryCache().findAll({ predicate: isPeopleToMeetQuery })) {
      const key = query.queryKey;
      if (isExcept(key)) continue;
      client.setQueryData<InfiniteData<PeopleToMeet> | PeopleToMeet | SavedPeople>(key, (data) => {
        if (!data) return data;
        if ('pages' in data) {
          const gone = data.pages.some((page) => page.people.some((p) => p.userId === blocked));
          return gone ? { ...data, pages: data.pages.map((page) => ({ ...page, people: without(page.people), total: Math.max(0, page.total - 1) })) } : data;
        }
        if (!data.people.some((p) => p.userId === blocked)) return data;
        return 'total' in data ? { ...data, people: without(data.people), total: Math.max(0, data.total - 1) } : { ...data, people: without(data.people) };
      });
    }
  }
  return client.invalidateQueries({ predicate: (query) => isPeopleToMeetQuery(query) && !isExcept(query.queryKey) });
}

/** The signed-in account, or null when signed out. */
export function useAccount() {
  return useQuery({
    queryKey: keys.account,
    queryFn: async (): Promise<Account | null> => {
      try {
        return await unwrap(api.GET('/api/me'));
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** Whether the server still waits for its first (admin) account: until then nobody can sign up. */
export function useSetupStatus() {
  return useQuery({
    queryKey: keys.setup,
    queryFn: () => unwrap(api.GET('/api/setup')),
    staleTime: 60_000,
  });
}

export function useMyEvents(enabled = true) {
  return useQuery({
    queryKey: keys.events,
    queryFn: async () => (await unwrap(api.GET('/api/events'))).events,
    enabled,
  });
}

export function useEvent(eventId: string) {
  return useQuery({
    queryKey: keys.event(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}', { params: { path: { eventId } } })),
  });
}

/** My membership of an event: role, status, whether I am listed and suggested, what I am here for. */
export function useMyMembership(eventId: string) {
  return useQuery({
    queryKey: keys.myMembership(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/me', { params: { path: { eventId } } })),
  });
}

export function useMyProfile(enabled = true) {
  return useQuery({
    queryKey: keys.profile,
    queryFn: () => unwrap(api.GET('/api/me/profile')),
    enabled,
  });
}

/** Interests used in the given events, most used first, without duplicates (case-insensitive). */
export function useInterestSuggestions(eventIds: string[]) {
  const results = useQueries({
    queries: eventIds.map((eventId) => ({
      queryKey: keys.eventInterests(eventId),
      queryFn: async () =>
        (await unwrap(api.GET('/api/events/{eventId}/interests', { params: { path: { eventId } } }))).interests,
    })),
  });
  const counts = new Map<string, { interest: string; people: number }>();
  for (const result of results) {
    for (const use of result.data ?? []) {
      const key = use.interest.toLowerCase();
      const known = counts.get(key);
      if (known) known.people += use.people;
      else counts.set(key, { ...use });
    }
  }
  return [...counts.values()].sort((a, b) => b.people - a.people || a.interest.localeCompare(b.interest)).map((u) => u.interest);
}

/** What a meeting request, an answer, a move or a "we met" may change, at one event or (without an id) at every event. */
const MEETING_PARTS = new Set(['meeting-requests', 'meetings', 'encounters', 'schedule', 'availability']);

export function refreshMeetings(client: QueryClient, eventId?: string) {
  return client.invalidateQueries({
    predicate: (query) =>
      query.queryKey[0] === 'events' && (eventId === undefined || query.queryKey[1] === eventId) && MEETING_PARTS.has(String(query.queryKey[2])),
  });
}

/** The meeting slots of an event, earliest first. */
export function useSlots(eventId: string, enabled = true) {
  return useQuery({
    queryKey: keys.slots(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/slots', { params: { path: { eventId } } })),
    enabled,
  });
}

export function useTables(eventId: string, enabled = true) {
  return useQuery({
    queryKey: keys.tables(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/tables', { params: { path: { eventId } } })),
    enabled,
  });
}

/** My requests at an event: sent (with their state), received (waiting for my answer), and my caps. */
export function useMeetingRequests(eventId: string, enabled = true) {
  return useQuery({
    queryKey: keys.meetingRequests(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/meeting-requests', { params: { path: { eventId } } })),
    enabled,
  });
}

export function useMeetings(eventId: string, enabled = true) {
  return useQuery({
    queryKey: keys.meetings(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/meetings', { params: { path: { eventId } } })),
    enabled,
  });
}

/** Whom I met at the event, and the "we met" waiting for me or for them. */
export function useEncounters(eventId: string) {
  return useQuery({
    queryKey: keys.encounters(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/encounters', { params: { path: { eventId } } })),
  });
}

export function useAvailability(eventId: string) {
  return useQuery({
    queryKey: keys.availability(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/me/availability', { params: { path: { eventId } } })),
  });
}

/** My personal code at the event, for others to scan or type; it does not change. */
export function useMeetCode(eventId: string) {
  return useQuery({
    queryKey: keys.meetCode(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/me/meet-code', { params: { path: { eventId } } })),
    staleTime: Infinity,
  });
}

/** The organizers' view: slots, tables, meetings by slot and table, and the figures. */
export function useSchedule(eventId: string) {
  return useQuery({
    queryKey: keys.schedule(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/schedule', { params: { path: { eventId } } })),
  });
}

export function useNotifications(enabled = true) {
  return useQuery({
    queryKey: keys.notifications,
    queryFn: () => unwrap(api.GET('/api/me/notifications')),
    enabled,
  });
}

/** The members of an event, for its organizers: status, role, whether they are listed. */
export function useMembers(eventId: string, enabled = true) {
  return useQuery({
    queryKey: keys.members(eventId),
    queryFn: async () => (await unwrap(api.GET('/api/events/{eventId}/members', { params: { path: { eventId } } }))).members,
    enabled,
  });
}
