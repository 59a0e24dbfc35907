// The organizers' posts and their comments: the API's shapes and calls, and the queries pages read.
import { useInfiniteQuery, useQuery, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from './client.js';

export type Post = Schemas['Post'];
export type PostComment = Schemas['PostComment'];
export type OpenReports = Schemas['OpenReports'];
export type ReportedComment = OpenReports['reports'][number];

/** The live message that an event's posts changed (the page reads them again: it says nothing else). */
export interface PostsChangedMessage {
  eventId: string;
  postId: string;
}

const onPost = (eventId: string, postId: string) => ({ params: { path: { eventId, postId } } });
const onComment = (eventId: string, commentId: string) => ({ params: { path: { eventId, commentId } } });

export const postApi = {
  list: (eventId: string, cursor?: string) =>
    unwrap(api.GET('/api/events/{eventId}/posts', { params: { path: { eventId }, query: cursor ? { cursor } : {} } })),
  thread: (eventId: string, postId: string, cursor?: string) =>
    unwrap(api.GET('/api/events/{eventId}/posts/{postId}', { params: { path: { eventId, postId }, query: cursor ? { cursor } : {} } })),
  publish: (eventId: string, body: { title: string; body: string }) =>
    unwrap(api.POST('/api/events/{eventId}/posts', { params: { path: { eventId } }, body })),
  edit: (eventId: string, postId: string, body: { title?: string; body?: string }) =>
    unwrap(api.PATCH('/api/events/{eventId}/posts/{postId}', { ...onPost(eventId, postId), body })),
  remove: (eventId: string, postId: string) => unwrap(api.DELETE('/api/events/{eventId}/posts/{postId}', onPost(eventId, postId))),
  lock: (eventId: string, postId: string, locked: boolean) =>
    unwrap(
      locked
        ? api.POST('/api/events/{eventId}/posts/{postId}/lock', onPost(eventId, postId))
        : api.DELETE('/api/events/{eventId}/posts/{postId}/lock', onPost(eventId, postId)),
    ),
  comment: (eventId: string, postId: string, body: string) =>
    unwrap(api.POST('/api/events/{eventId}/posts/{postId}/comments', { ...onPost(eventId, postId), body: { body } })),
  editComment: (eventId: string, commentId: string, body: string) =>
    unwrap(api.PATCH('/api/events/{eventId}/comments/{commentId}', { ...onComment(eventId, commentId), body: { body } })),
  removeComment: (eventId: string, commentId: string) =>
    unwrap(api.DELETE('/api/events/{eventId}/comments/{commentId}', onComment(eventId, commentId))),
  hide: (eventId: string, commentId: string, hidden: boolean) =>
    unwrap(
      hidden
        ? api.POST('/api/events/{eventId}/comments/{commentId}/hidden', onComment(eventId, commentId))
        : api.DELETE('/api/events/{eventId}/comments/{commentId}/hidden', onComment(eventId, commentId)),
    ),
  report: (eventId: string, commentId: string, reason: string) =>
    unwrap(api.POST('/api/events/{eventId}/comments/{commentId}/reports', { ...onComment(eventId, commentId), body: reason ? { reason } : {} })),
  reports: (eventId: string) => unwrap(api.GET('/api/events/{eventId}/reports', { params: { path: { eventId } } })),
  dismiss: (eventId: string, commentId: string) =>
    unwrap(api.POST('/api/events/{eventId}/reports/{commentId}/dismiss', { params: { path: { eventId, commentId } } })),
};

export const postKeys = {
  /** Everything about posts at an event: the list, each thread and the reports. */
  all: (eventId: string) => ['events', eventId, 'posts'] as const,
  list: (eventId: string) => ['events', eventId, 'posts', 'list'] as const,
  thread: (eventId: string, postId: string) => ['events', eventId, 'posts', 'thread', postId] as const,
  reports: (eventId: string) => ['events', eventId, 'posts', 'reports'] as const,
};

export function usePosts(eventId: string) {
  return useInfiniteQuery({
    queryKey: postKeys.list(eventId),
    queryFn: ({ pageParam }) => postApi.list(eventId, pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useThread(eventId: string, postId: string, enabled = true) {
  return useInfiniteQuery({
    queryKey: postKeys.thread(eventId, postId),
    queryFn: ({ pageParam }) => postApi.thread(eventId, postId, pageParam || undefined),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled,
  });
}

export function useReports(eventId: string, enabled: boolean) {
  return useQuery({ queryKey: postKeys.reports(eventId), queryFn: () => postApi.reports(eventId), enabled });
}

/** Reads an event's posts again (or every event's, without an id): after a live message, or my own change. */
export function refreshPosts(client: QueryClient, eventId?: string) {
  return client.invalidateQueries({
    predicate: (query) => query.queryKey[0] === 'events' && (eventId === undefined || query.queryKey[1] === eventId) && query.queryKey[2] === 'posts',
  });
}
