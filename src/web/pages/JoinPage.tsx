import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../api/client.js';
import { keys, useAccount } from '../api/queries.js';
import { usePageTitle } from '../components/PageTitle.js';
import { ErrorState, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { formatEventSpan } from '../time.js';

/** Where an invite link lands: what the event is, then sign up or sign in, then join. */
export function JoinPage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const account = useAccount();
  const preview = useQuery({
    queryKey: [...keys.invite(token), account.data?.id ?? 'anonymous'],
    queryFn: () => unwrap(api.GET('/api/invites/{token}', { params: { path: { token } } })),
    enabled: !account.isPending,
  });
  const join = useMutation({
    mutationFn: () => unwrap(api.POST('/api/invites/{token}/accept', { params: { path: { token } } })),
    onSuccess: (event) => {
      queryClient.setQueryData(keys.event(event.id), event);
      void queryClient.invalidateQueries({ queryKey: keys.events, exact: true });
      notify(`Welcome to ${event.name}`);
      void navigate(`/e/${event.id}`, { replace: true });
    },
  });
  usePageTitle(preview.data ? `Join ${preview.data.event.name}` : 'Invitation');

  if (account.isPending || preview.isPending) return <Loading lines={4} label="Opening the invitation…" />;
  if (preview.isError) {
    if (preview.error instanceof ApiError && (preview.error.status === 404 || preview.error.status === 400)) {
      return (
        <div className="auth">
          <div className="card stack-sm gone">
            <h1>This invite link no longer works</h1>
            <p>It may have expired or been withdrawn by the organizer — that happens, and it is nothing you did.</p>
            <p>Ask the person who shared it for a fresh link.</p>
            <Link to="/" className="button button-secondary">
              Go to Common Ground
            </Link>
          </div>
        </div>
      );
    }
    return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  }

  const { event, alreadyMember } = preview.data;
  const here = encodeURIComponent(`/join/${token}`);

  return (
    <div className="auth">
      <article className="card invitation stack-sm">
        <p className="eyebrow">You are invited to</p>
        <h1>{event.name}</h1>
        <p className="event-when">
          <time dateTime={event.startsAt}>{formatEventSpan(event.startsAt, event.endsAt, event.timeZone)}</time>
        </p>
        {event.venue && <p className="event-venue">{event.venue}</p>}
        {event.description && <p className="event-description">{event.description}</p>}
      </article>
      {alreadyMember ? (
        <div className="stack-sm">
          <p>You are already part of this event.</p>
          <Link to={`/e/${event.id}`} className="button button-primary button-block">
            Open the event
          </Link>
        </div>
      ) : account.data ? (
        <div className="stack-sm">
          <p className="muted">
            Joining lets you see who else is coming and what you have in common. You choose whether you are listed.
          </p>
          <FormMessage error={join.error} />
          <button type="button" className="button button-primary button-block" onClick={() => join.mutate()} disabled={join.isPending}>
            {join.isPending ? 'Joining…' : `Join ${event.name}`}
          </button>
        </div>
      ) : (
        <div className="stack-sm">
          <p className="muted">To join, create a free account or sign in. You will come right back here.</p>
          <Link to={`/sign-up?next=${here}`} className="button button-primary button-block">
            Sign up to join
          </Link>
          <Link to={`/sign-in?next=${here}`} className="button button-secondary button-block">
            I already have an account
          </Link>
        </div>
      )}
    </div>
  );
}
