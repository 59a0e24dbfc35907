import { useMutation, useQueryClient } from '@tanstack/react-query';
import { postApi, refreshPosts, useReports, type ReportedComment } from '../api/posts.js';
import { formatMoment } from '../time.js';
import { NoteText } from './NoteText.js';
import { ErrorState } from './States.js';
import { useToast } from './Toasts.js';

/** For organizers: reported comments waiting for them, who reported each and why; hide or dismiss. */
export function PostReports({ eventId, timeZone }: { eventId: string; timeZone: string }) {
  const reports = useReports(eventId, true);
  if (reports.isError) return <ErrorState error={reports.error} onRetry={() => void reports.refetch()} />;
  const waiting = reports.data?.reports ?? [];
  if (waiting.length === 0) return null;
  return (
    <section id="reports" className="card card-private stack-sm post-reports" aria-labelledby="reports-title" tabIndex={-1}>
      <h2 id="reports-title" className="card-title">
        Reported comments ({waiting.length})
      </h2>
      <p className="muted small">Only organizers see reports and who sent them. The person who wrote a comment is never told it was reported.</p>
      <ul className="stack-sm report-list">
        {waiting.map((entry) => (
          <ReportEntry key={entry.comment.id} entry={entry} eventId={eventId} timeZone={timeZone} />
        ))}
      </ul>
    </section>
  );
}

function ReportEntry({ entry, eventId, timeZone }: { entry: ReportedComment; eventId: string; timeZone: string }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const { comment } = entry;
  const hide = useMutation({
    mutationFn: () => postApi.hide(eventId, comment.id, true),
    onSuccess: () => {
      notify('Hidden. Its author still sees it, marked as hidden.');
      void refreshPosts(queryClient, eventId);
    },
    onError: (error) => notify(error.message, 'error'),
  });
  const dismiss = useMutation({
    mutationFn: () => postApi.dismiss(eventId, comment.id),
    onSuccess: () => {
      notify('Reports dismissed; the comment stays');
      void refreshPosts(queryClient, eventId);
    },
    onError: (error) => notify(error.message, 'error'),
  });
  return (
    <li className="report-entry stack-xs">
      <p className="small muted">
        On “{comment.postTitle}” · {comment.author?.name ?? 'Someone who left'} ·{' '}
        <time dateTime={comment.createdAt}>{formatMoment(comment.createdAt, timeZone)}</time>
      </p>
      <blockquote className="report-quote">
        <NoteText text={comment.body} />
      </blockquote>
      <ul className="report-reasons small">
        {entry.reports.map((report) => (
          <li key={report.reporter.id}>
            <strong>{report.reporter.name}</strong>
            {report.reason ? `: ${report.reason}` : ' gave no reason'}
          </li>
        ))}
      </ul>
      <div className="actions">
        <button type="button" className="button button-secondary button-small" onClick={() => hide.mutate()} disabled={hide.isPending}>
          Hide comment
        </button>
        <button type="button" className="button button-quiet button-small" onClick={() => dismiss.mutate()} disabled={dismiss.isPending}>
          Dismiss
        </button>
      </div>
    </li>
  );
}
