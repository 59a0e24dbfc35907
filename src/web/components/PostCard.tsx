import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postApi, refreshPosts, type Post } from '../api/posts.js';
import { formatMoment } from '../time.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { NoteText } from './NoteText.js';
import { PostForm } from './PostForm.js';
import { PostThread } from './PostThread.js';
import { FormMessage } from './States.js';
import { useToast } from './Toasts.js';

/** The toggle's words: what opening it shows, or that it hides them again. */
function commentsLabel(count: number, open: boolean, locked: boolean): string {
  if (open) return 'Hide comments';
  if (count === 0) return locked ? 'No comments' : 'Comment';
  return count === 1 ? '1 comment' : `${count} comments`;
}

/** One post: its text, what its author and the organizers may do with it, and its comments. */
export function PostCard({ post, timeZone, open: openAtFirst, onDeleted }: { post: Post; timeZone: string; open: boolean; onDeleted?: () => void }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const titleId = useId();
  const threadId = useId();
  const [open, setOpen] = useState(openAtFirst);
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const done = () => void refreshPosts(queryClient, post.eventId);
  const edit = useMutation({
    mutationFn: (values: { title: string; body: string }) => postApi.edit(post.eventId, post.id, values),
    onSuccess: () => {
      setEditing(false);
      notify('Post saved');
      done();
    },
  });
  const lock = useMutation({
    mutationFn: (locked: boolean) => postApi.lock(post.eventId, post.id, locked),
    onSuccess: (changed) => {
      notify(changed.locked ? 'Comments are closed on this post' : 'Comments are open again');
      done();
    },
    onError: (error) => notify(error.message, 'error'),
  });
  const remove = useMutation({
    mutationFn: () => postApi.remove(post.eventId, post.id),
    onSuccess: () => {
      setDeleting(false);
      notify('Post deleted');
      done();
      onDeleted?.();
    },
  });

  return (
    <article className="card post-card" aria-labelledby={titleId}>
      {editing ? (
        <PostForm
          initial={{ title: post.title, body: post.body }}
          submitLabel="Save post"
          busyLabel="Saving…"
          busy={edit.isPending}
          error={edit.error}
          onSubmit={(values) => edit.mutate(values)}
          onCancel={() => {
            setEditing(false);
            edit.reset();
          }}
        />
      ) : (
        <>
          <header className="post-head">
            <h2 id={titleId} className="post-title">
              <Link to={`/e/${post.eventId}/posts/${post.id}`}>{post.title}</Link>
            </h2>
            <p className="post-meta muted small">
              {post.author?.name ?? 'An organizer who left'}
              {' · '}
              <time dateTime={post.createdAt}>{formatMoment(post.createdAt, timeZone)}</time>
              {post.editedAt && ' · edited'}
            </p>
          </header>
          <NoteText text={post.body} className="post-body" />
        </>
      )}
      {!editing && (post.canEdit || post.canModerate) && (
        <div className="post-tools" role="group" aria-label="Manage this post">
          {post.canEdit && (
            <button type="button" className="button button-quiet button-small" onClick={() => setEditing(true)}>
              Edit
            </button>
          )}
          {post.canModerate && (
            <button type="button" className="button button-quiet button-small" onClick={() => lock.mutate(!post.locked)} disabled={lock.isPending}>
              {post.locked ? 'Reopen comments' : 'Close comments'}
            </button>
          )}
          {post.canModerate && (
            <button type="button" className="button button-quiet button-small button-danger-text" onClick={() => setDeleting(true)}>
              Delete
            </button>
          )}
        </div>
      )}
      <div className="post-foot">
        <button type="button" className="button button-secondary button-small post-toggle" aria-expanded={open} aria-controls={threadId} onClick={() => setOpen((o) => !o)}>
          {commentsLabel(post.commentCount, open, post.locked)}
          <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
        {post.locked && !open && <span className="badge badge-quiet">Comments are closed</span>}
      </div>
      <div id={threadId} hidden={!open}>
        {open && <PostThread post={post} timeZone={timeZone} />}
      </div>
      <ConfirmDialog
        open={deleting}
        title={`Delete “${post.title}”?`}
        confirmLabel="Delete post"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        <p>Its comments go too. This cannot be undone.</p>
        <FormMessage error={remove.error} />
      </ConfirmDialog>
    </article>
  );
}
