// Live notifications for the signed-in person: one Server-Sent Events stream for the whole app.
import { useEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { AppNotification } from './api/client.js';
import {
  mixerKeys,
  refreshMixers,
  seatFromMessage,
  type MixerFinishedMessage,
  type MixerRoundMessage,
  type MixerSeat,
  type MixerUpdatedMessage,
} from './api/mixers.js';
import { refreshIntroductions, refreshMyPeople } from './api/memory.js';
import { refreshPosts, type PostsChangedMessage } from './api/posts.js';
import { keys, refreshMeetings } from './api/queries.js';
import { useToast } from './components/Toasts.js';

type NotificationList = { notifications: AppNotification[]; unread: number };

/** After the server refused the stream (a session that ended, say): how long before trying again. */
const RETRY_REFUSED_MS = 30_000;

/**
 * The server tells both people when a meeting is placed or moved, the one who caused it too (by
 * accepting, moving, or changing their times). That person has just been told by the page itself:
 * for a few seconds after their own change, such news goes to the bell without a second toast.
 */
const OWN_CHANGE_QUIET_MS = 5000;
const ECHO_KINDS = new Set(['meeting_placed', 'meeting_moved']);
const ownChanges = new Map<string, number>();

/** Call when the person changed their meetings at an event themselves. */
export function noteOwnChange(eventId: string) {
  ownChanges.set(eventId, Date.now());
}

/**
 * Answering an introduction that both then accepted: the page says "You are connected" itself, and
 * the server's news of it (to both) goes to the bell without a second toast for the one who answered.
 * Keyed by the other person, whom that news links to.
 */
const ownIntroductionAnswers = new Map<string, number>();

/** Call when the person answers an introduction to `otherId` themselves (the news may come before the answer's response). */
export function noteOwnIntroductionAnswer(otherId: string) {
  ownIntroductionAnswers.set(`/me/people/${otherId}`, Date.now());
}

/** Call when that answer did not connect them (the other had not said yes yet): the news, later, is news. */
export function forgetOwnIntroductionAnswer(otherId: string) {
  ownIntroductionAnswers.delete(`/me/people/${otherId}`);
}

function isEchoOfOwnChange(notification: AppNotification): boolean {
  // To the two who answered, it links to the other person (to the introducer, to the introduction).
  if (notification.kind === 'intro_connected') return Date.now() - (ownIntroductionAnswers.get(notification.link) ?? 0) < OWN_CHANGE_QUIET_MS;
  if (notification.eventId === null) return false;
  return ECHO_KINDS.has(notification.kind) && Date.now() - (ownChanges.get(notification.eventId) ?? 0) < OWN_CHANGE_QUIET_MS;
}

/** News of introductions and asks, and what changes my people (a new encounter, a connection, contacts shared). */
const INTRODUCTION_KINDS = new Set(['intro_proposed', 'intro_connected', 'ask_received']);
const MY_PEOPLE_KINDS = new Set(['intro_connected', 'contacts_offered', 'contacts_exchanged', 'met_recorded']);
const POST_KINDS = new Set(['post_published', 'comment_reported']);

/** Reads again what a notification is about: an event's meetings, my introductions, my people. */
function refreshFor(client: QueryClient, notification: AppNotification) {
  // Introductions, asks and contact exchange belong to no event.
  if (notification.eventId !== null) void refreshMeetings(client, notification.eventId);
  if (INTRODUCTION_KINDS.has(notification.kind)) void refreshIntroductions(client);
  if (MY_PEOPLE_KINDS.has(notification.kind)) void refreshMyPeople(client);
  if (POST_KINDS.has(notification.kind) && notification.eventId !== null) void refreshPosts(client, notification.eventId);
}

/** The data of a live message, or undefined when it is not JSON with an event and a mixer. */
function mixerMessage<T extends { eventId: string; mixerId: string }>(message: Event): T | undefined {
  try {
    const data = JSON.parse((message as MessageEvent<string>).data) as T;
    return typeof data?.eventId === 'string' && typeof data.mixerId === 'string' ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Where an attendee sees their table at a mixer. */
export const mixerSeatPath = (eventId: string, mixerId: string) => `/e/${eventId}/mixers/${mixerId}/me`;

/** Puts a new notification at the top of the bell's list and counts it as unread. */
function addToList(client: QueryClient, notification: AppNotification) {
  const known = client.getQueryData<NotificationList>(keys.notifications);
  if (!known) {
    void client.invalidateQueries({ queryKey: keys.notifications });
    return;
  }
  if (known.notifications.some((n) => n.id === notification.id)) return;
  client.setQueryData<NotificationList>(keys.notifications, {
    notifications: [notification, ...known.notifications].slice(0, 50),
    unread: known.unread + (notification.read ? 0 : 1),
  });
}

/**
 * While someone is signed in, listens for their notifications: each one is said in a toast with
 * a way to it, the bell's count goes up, and what it is about (meetings, requests, encounters,
 * introductions, my people) is read again. The browser reconnects a dropped stream by itself;
 * the stream is closed on sign-out.
 */
export function useLiveNotifications(signedIn: boolean) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const navigate = useNavigate();
  const location = useLocation();
  const [attempt, setAttempt] = useState(0);
  // The latest of each, without opening a new stream whenever they change.
  const latest = useRef({ notify, navigate, here: location.pathname + location.search });
  latest.current = { notify, navigate, here: location.pathname + location.search };

  useEffect(() => {
    if (!signedIn || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/me/notifications/stream');
    let opened = false;
    let retry: ReturnType<typeof setTimeout> | undefined;

    source.addEventListener('notification', (message) => {
      let notification: AppNotification;
      try {
        notification = JSON.parse((message as MessageEvent<string>).data) as AppNotification;
      } catch {
        return;
      }
      addToList(queryClient, notification);
      refreshFor(queryClient, notification);
      if (isEchoOfOwnChange(notification)) return;
      const { notify: say, navigate: go, here } = latest.current;
      // Already on the page it points to, which has just been refreshed: no need for a way there.
      say(notification.text, 'info', here === notification.link ? undefined : { label: 'View', run: () => void go(notification.link) });
    });
    // A mixer's new round: my seat changes at once from the message, then is read in full. On
    // my table's page the page itself changes; anywhere else a toast says where to go.
    source.addEventListener('mixer.round', (message) => {
      const round = mixerMessage<MixerRoundMessage>(message);
      if (!round) return;
      const seatKey = mixerKeys.seat(round.eventId, round.mixerId);
      queryClient.setQueryData<MixerSeat>(seatKey, (previous) => seatFromMessage(previous, round));
      void refreshMixers(queryClient, round.eventId);
      const { notify: say, navigate: go, here } = latest.current;
      const seatPath = mixerSeatPath(round.eventId, round.mixerId);
      if (here === seatPath) return;
      say(round.text, 'info', { label: 'View', run: () => void go(seatPath) });
    });
    source.addEventListener('mixer.finished', (message) => {
      const finished = mixerMessage<MixerFinishedMessage>(message);
      if (!finished) return;
      void refreshMixers(queryClient, finished.eventId);
      const { notify: say, here } = latest.current;
      if (here === mixerSeatPath(finished.eventId, finished.mixerId)) return;
      say(`${finished.name} is over. Thank you for taking part!`);
    });
    // For organizers: another organizer (or the clock) moved a mixer on, or its plan changed.
    source.addEventListener('mixer.updated', (message) => {
      const updated = mixerMessage<MixerUpdatedMessage>(message);
      if (!updated) return;
      void refreshMixers(queryClient, updated.eventId);
    });
    // An event's posts or comments changed: the open page reads them again (the message says no more).
    source.addEventListener('posts.changed', (message) => {
      try {
        const changed = JSON.parse((message as MessageEvent<string>).data) as PostsChangedMessage;
        if (typeof changed?.eventId === 'string') void refreshPosts(queryClient, changed.eventId);
      } catch {
        // Not a message this app knows.
      }
    });
    source.addEventListener('resync', () => {
      // The server's link to the database was down for a while: what was said meanwhile was lost.
      void queryClient.invalidateQueries({ queryKey: keys.notifications });
      void refreshMeetings(queryClient);
      void refreshMixers(queryClient);
      void refreshIntroductions(queryClient);
      void refreshMyPeople(queryClient);
      void refreshPosts(queryClient);
    });
    source.addEventListener('open', () => {
      // Back after a drop: what was said meanwhile is in the list, and may have changed meetings.
      if (opened) {
        void queryClient.invalidateQueries({ queryKey: keys.notifications });
        void refreshMeetings(queryClient);
        void refreshMixers(queryClient);
        void refreshIntroductions(queryClient);
        void refreshMyPeople(queryClient);
        void refreshPosts(queryClient);
      }
      opened = true;
    });
    source.addEventListener('error', () => {
      // A dropped connection is retried by the browser; a refusal (not 200) closes the stream for
      // good. Then the session may have ended: ask again who is signed in, and try later.
      if (source.readyState !== EventSource.CLOSED) return;
      void queryClient.invalidateQueries({ queryKey: keys.account });
      retry = setTimeout(() => setAttempt((n) => n + 1), RETRY_REFUSED_MS);
    });

    return () => {
      clearTimeout(retry);
      source.close();
    };
  }, [signedIn, attempt, queryClient]);
}
