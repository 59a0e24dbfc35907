import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldError } from '../api/client.js';
import { postApi, refreshPosts, useThread, type Post, type PostComment } from '../api/posts.js';
import { formatMoment } from '../time.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { TextArea } from './Field.js';
import { NoteText } from './NoteText.js';
import { FORMATTING_HINT } from './PostForm.js';
import { ErrorState, FormMessage, Loading } from './States.js';
import { useToast } from './Toasts.js';

/** A post's comments, oldest first, and the form to add one (or "Comments are closed"). */
export function PostThread({ post, timeZone }: { post: Post; timeZone: string }) {
  const thread = useThread(post.eventId, post.id);
  if (thread.isPending) return <Loading lines={2} label="Loading the comments…" />;
  if (thread.isError) return <ErrorState error={thread.error} onRetry={() => void thread.refetch()} />;
  const comments = thread.data.pages.flatMap((page) => page.comments);
  // The thread's own read of the post is the newer one when a live change came in between.
  const current = thread.data.pages[0]?.post ?? post;
  return (
    <div className="post-thread stack-sm">
      {comments.length > 0 && (
        <ol className="comment-list" aria-label={`Comments on ${current.title}`}>
          {comments.map((comment) => (
            <CommentItem key={comment.id} comment={comment} post={current} timeZone={timeZone} />
          ))}
        </ol>
      )}
      {thread.hasNextPage && (
        <button type="button" className="button button-quiet button-small" onClick={() => void thread.fetchNextPage()} disabled={thread.isFetchingNextPage}>
          {thread.isFetchingNextPage ? 'Loading…' : 'Show more comments'}
        </button>
      )}
      {current.locked ? (
        <p className="notice comments-closed" role="status">
          Comments are closed
        </p>
      ) : (
        <CommentForm post={current} />
      )}
    </div>
  );
}

function CommentForm({ post }: { post: Post }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const send = useMutation({
    mutationFn: (text: string) => postApi.comment(post.eventId, post.id, text),
    onSuccess: () => {
      setBody('');
      void refreshPosts(queryClient, post.eventId);
    },
  });
  const bodyError = fieldError(send.error, 'body');
  function submit(e: FormEvent) {
    e.preventDefault();
    send.mutate(body);
  }
  return (
    <form className="form comment-form" onSubmit={submit} noValidate>
      <TextArea
        label="Your comment"
        name="comment"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={2}
        maxLength={2000}
        error={bodyError}
        hint={FORMATTING_HINT}
      />
      <FormMessage error={bodyError ? undefined : send.error} />
      <div className="actions">
        <button type="submit" className="button button-primary button-small" disabled={send.isPending}>
          {send.isPending ? 'Sending…' : 'Comment'}
        </button>
      </div>
    </form>
  );
}

function CommentItem({ comment, post, timeZone }: { comment: PostComment; post: Post; timeZone: string }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [mode, setMode] = useState<'view' | 'edit' | 'report'>('view');
  const [deleting, setDeleting] = useState(false);
  const done = () => void refreshPosts(queryClient, post.eventId);
  const remove = useMutation({
    mutationFn: () => postApi.removeComment(post.eventId, comment.id),
    onSuccess: () => {
      setDeleting(false);
      notify('Your comment is deleted');
      done();
    },
  });
  const hide = useMutation({
    mutationFn: (hidden: boolean) => postApi.hide(post.eventId, comment.id, hidden),
    onSuccess: (changed) => {
      notify(changed.hidden ? 'Hidden. Its author still sees it, marked as hidden.' : 'Shown again to everyone');
      done();
    },
    onError: (error) => notify(error.message, 'error'),
  });
  // Organizers hide what needs it; reporting is for members who cannot.
  const canReport = !comment.mine && !comment.hidden && !post.canModerate;
  const name = comment.author?.name ?? 'Someone who left';

  return (
    <li className={`comment${comment.hidden ? ' comment-hidden' : ''}`}>
      <p className="comment-meta">
        <span className="comment-author">{comment.mine ? 'You' : name}</span>
        <span className="muted">
          {' · '}
          <time dateTime={comment.createdAt}>{formatMoment(comment.createdAt, timeZone)}</time>
          {comment.editedAt && ' · edited'}
        </span>
      </p>
      {comment.hidden && (
        <p className="comment-flag">
          {comment.mine && !post.canModerate
            ? 'Hidden by the organizers: only you and they can see it.'
            : 'Hidden by the organizers: attendees do not see it.'}
        </p>
      )}
      {post.canModerate && comment.openReports !== null && comment.openReports > 0 && (
        <p className="comment-flag comment-flag-report">
          {comment.openReports === 1 ? 'Reported once' : `Reported ${comment.openReports} times`}
        </p>
      )}
      {mode === 'edit' ? (
        <CommentEditor comment={comment} post={post} onDone={() => setMode('view')} />
      ) : (
        <NoteText text={comment.body} className="comment-body" />
      )}
      {mode === 'report' && <ReportForm comment={comment} post={post} onDone={() => setMode('view')} />}
      {mode === 'view' && (
        <div className="comment-actions">
          {comment.mine && !post.locked && (
            <button type="button" className="button button-quiet button-small" onClick={() => setMode('edit')}>
              Edit
            </button>
          )}
          {comment.mine && (
            <button type="button" className="button button-quiet button-small button-danger-text" onClick={() => setDeleting(true)}>
              Delete
            </button>
          )}
          {post.canModerate && (
            <button type="button" className="button button-quiet button-small" onClick={() => hide.mutate(!comment.hidden)} disabled={hide.isPending}>
              {comment.hidden ? 'Unhide' : 'Hide'}
            </button>
          )}
          {canReport &&
            (comment.reportedByMe ? (
              <span className="muted small comment-reported">Reported to the organizers</span>
            ) : (
              <button type="button" className="button button-quiet button-small" onClick={() => setMode('report')}>
                Report
              </button>
            ))}
        </div>
      )}
      <ConfirmDialog
        open={deleting}
        title="Delete your comment?"
        confirmLabel="Delete comment"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          setDeleting(false);
          remove.reset();
        }}
      >
        <p>It is gone for everyone. This cannot be undone.</p>
        <FormMessage error={remove.error} />
      </ConfirmDialog>
    </li>
  );
}

function CommentEditor({ comment, post, onDone }: { comment: PostComment; post: Post; onDone(): void }) {
  const queryClient = useQueryClient();
  const [body, setBody] = useState(comment.body);
  const save = useMutation({
    mutationFn: (text: string) => postApi.editComment(post.eventId, comment.id, text),
    onSuccess: () => {
      void refreshPosts(queryClient, post.eventId);
      onDone();
    },
  });
  const bodyError = fieldError(save.error, 'body');
  return (
    <form
      className="form comment-form"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(body);
      }}
    >
      <TextArea label="Your comment" value={body} onChange={(e) => setBody(e.target.value)} rows={3} maxLength={2000} error={bodyError} />
      <FormMessage error={bodyError ? undefined : save.error} />
      <div className="actions">
        <button type="submit" className="button button-primary button-small" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save'}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ReportForm({ comment, post, onDone }: { comment: PostComment; post: Post; onDone(): void }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [reason, setReason] = useState('');
  const send = useMutation({
    mutationFn: () => postApi.report(post.eventId, comment.id, reason.trim()),
    onSuccess: () => {
      notify('Reported. Only the organizers see it, and who sent it.');
      void refreshPosts(queryClient, post.eventId);
      onDone();
    },
  });
  return (
    <form
      className="form report-form card card-private"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send.mutate();
      }}
    >
      <TextArea
        label="Why are you reporting it? (optional)"
        hint="Only the organizers read this, and see that you sent it. The person who wrote it is not told."
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={2}
        maxLength={500}
        error={fieldError(send.error, 'reason')}
      />
      <FormMessage error={fieldError(send.error, 'reason') ? undefined : send.error} />
      <div className="actions">
        <button type="submit" className="button button-primary button-small" disabled={send.isPending}>
          {send.isPending ? 'Sending…' : 'Send report'}
        </button>
        <button type="button" className="button button-secondary button-small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
