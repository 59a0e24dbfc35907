import { Link } from 'react-router';
import type { EventView } from '../api/client.js';
import { usePosts } from '../api/posts.js';
import { formatMoment } from '../time.js';

/** On the event page: the latest news and the way to all of it (for organizers, also to write). */
export function PostsPanel({ event }: { event: EventView }) {
  const posts = usePosts(event.id);
  const isOrganizer = event.myRole === 'organizer';
  const latest = posts.data?.pages[0]?.posts[0];
  if (!latest && !isOrganizer) return null;
  return (
    <section className="card stack-sm posts-panel" aria-labelledby="news-title">
      <div className="section-head">
        <h2 id="news-title" className="card-title">
          News
        </h2>
        <Link to={`/e/${event.id}/posts`} className="button button-secondary button-small">
          {latest ? 'All news' : 'Write a post'}
        </Link>
      </div>
      {latest ? (
        <p className="posts-panel-latest">
          <Link to={`/e/${event.id}/posts/${latest.id}`}>{latest.title}</Link>
          <span className="muted small">
            {' · '}
            <time dateTime={latest.createdAt}>{formatMoment(latest.createdAt, event.timeZone)}</time>
            {latest.commentCount > 0 && ` · ${latest.commentCount === 1 ? '1 comment' : `${latest.commentCount} comments`}`}
          </span>
        </p>
      ) : (
        <p className="muted">Announce something to everyone here: each post reaches every member as a notification.</p>
      )}
    </section>
  );
}
