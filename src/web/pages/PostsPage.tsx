import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, type EventView } from '../api/client.js';
import { postApi, refreshPosts, usePosts, useReports, useThread } from '../api/posts.js';
import { useEvent } from '../api/queries.js';
import { usePageTitle } from '../components/PageTitle.js';
import { PostCard } from '../components/PostCard.js';
import { PostForm } from '../components/PostForm.js';
import { PostReports } from '../components/PostReports.js';
import { EmptyState, ErrorState, EventLoadError, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';

/** The organizers' news at an event, with comments; one post when the address names it. */
export function PostsPage() {
  const { eventId = '', postId } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `News · ${event.data.name}` : 'News');

  if (event.isPending) return <Loading lines={6} label="Loading the news…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <PostsView event={event.data} postId={postId} />;
}

function PostsView({ event, postId }: { event: EventView; postId: string | undefined }) {
  const isOrganizer = event.myRole === 'organizer';
  const header = (
    <header className="ptm-head">
      <Link to={postId ? `/e/${event.id}/posts` : `/e/${event.id}`} className="back-link">
        <span aria-hidden="true">←</span> {postId ? 'All news' : event.name}
      </Link>
      <h1>News</h1>
      {!postId && (
        <p className="lead">
          {isOrganizer
            ? 'Announcements to everyone at the event. Each new post is sent to every member as a notification.'
            : 'What the organizers announce, with everyone’s comments.'}
        </p>
      )}
    </header>
  );
  return (
    <div className="stack narrow posts-page">
      {header}
      {isOrganizer && <ReportsWhenAsked eventId={event.id} timeZone={event.timeZone} />}
      {postId ? <OnePost event={event} postId={postId} /> : <AllPosts event={event} />}
    </div>
  );
}

/** The reports panel; a notification's link (`?reports`) scrolls to it once it has loaded. */
function ReportsWhenAsked({ eventId, timeZone }: { eventId: string; timeZone: string }) {
  const location = useLocation();
  const reports = useReports(eventId, true);
  const asked = new URLSearchParams(location.search).has('reports');
  const loaded = reports.data !== undefined;
  useEffect(() => {
    if (asked && loaded) document.getElementById('reports')?.scrollIntoView({ block: 'start' });
  }, [asked, loaded]);
  return <PostReports eventId={eventId} timeZone={timeZone} />;
}

function AllPosts({ event }: { event: EventView }) {
  const posts = usePosts(event.id);
  const isOrganizer = event.myRole === 'organizer';
  if (posts.isPending) return <Loading lines={4} label="Loading the news…" />;
  if (posts.isError) return <ErrorState error={posts.error} onRetry={() => void posts.refetch()} />;
  const list = posts.data.pages.flatMap((page) => page.posts);
  return (
    <>
      {isOrganizer && <NewPost eventId={event.id} startOpen={list.length === 0} />}
      {list.length === 0 && !isOrganizer && (
        <EmptyState title="No news yet">
          <p>When the organizers post something, it shows here and you get a notification.</p>
        </EmptyState>
      )}
      {list.length > 0 && (
        <div className="stack post-list">
          {list.map((post, index) => (
            <PostCard key={post.id} post={post} timeZone={event.timeZone} open={index === 0} />
          ))}
        </div>
      )}
      {posts.hasNextPage && (
        <div className="actions">
          <button type="button" className="button button-secondary" onClick={() => void posts.fetchNextPage()} disabled={posts.isFetchingNextPage}>
            {posts.isFetchingNextPage ? 'Loading…' : 'Show older posts'}
          </button>
        </div>
      )}
    </>
  );
}

function OnePost({ event, postId }: { event: EventView; postId: string }) {
  const navigate = useNavigate();
  const thread = useThread(event.id, postId);
  if (thread.isPending) return <Loading lines={4} label="Loading the post…" />;
  if (thread.isError) {
    if (thread.error instanceof ApiError && thread.error.isNotFound) {
      return (
        <EmptyState title="This post is not here any more">
          <p>The organizers may have deleted it.</p>
          <Link to={`/e/${event.id}/posts`} className="button button-secondary">
            All news
          </Link>
        </EmptyState>
      );
    }
    return <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />;
  }
  const post = thread.data.pages[0]!.post;
  return <PostCard post={post} timeZone={event.timeZone} open onDeleted={() => void navigate(`/e/${event.id}/posts`, { replace: true })} />;
}

function NewPost({ eventId, startOpen }: { eventId: string; startOpen: boolean }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [open, setOpen] = useState(startOpen);
  // A fresh form after each post.
  const [round, setRound] = useState(0);
  const publish = useMutation({
    mutationFn: (values: { title: string; body: string }) => postApi.publish(eventId, values),
    onSuccess: () => {
      notify('Posted. Everyone at the event is told.');
      setOpen(false);
      setRound((n) => n + 1);
      void refreshPosts(queryClient, eventId);
    },
  });
  if (!open) {
    return (
      <div className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            publish.reset();
            setOpen(true);
          }}
        >
          Write a post
        </button>
      </div>
    );
  }
  return (
    <section className="card stack-sm" aria-labelledby="new-post-title">
      <h2 id="new-post-title" className="card-title">
        New post
      </h2>
      <PostForm
        key={round}
        submitLabel="Publish"
        busyLabel="Publishing…"
        busy={publish.isPending}
        error={publish.error}
        onSubmit={(values) => publish.mutate(values)}
        onCancel={() => setOpen(false)}
      />
    </section>
  );
}
