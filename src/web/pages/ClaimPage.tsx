import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, fieldError, unwrap } from '../api/client.js';
import { claimApi, type ClaimView } from '../api/imports.js';
import { keys, useAccount } from '../api/queries.js';
import { TextField } from '../components/Field.js';
import { usePageTitle } from '../components/PageTitle.js';
import { ErrorState, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { forgetOfflineData } from '../offline/register.js';
import { formatEventSpan } from '../time.js';

const MIN_PASSWORD = 8;

/**
 * Where a badge's QR code leads. Someone an organizer imported sets their first password here; someone
 * who already has an account signs in and joins; anyone else learns the badge is taken.
 */
export function ClaimPage() {
  const { token = '' } = useParams();
  const account = useAccount();
  const claim = useQuery({
    // What the link leads to depends on who is signed in.
    queryKey: ['claims', token, account.data?.id ?? 'anonymous'],
    queryFn: () => claimApi.describe(token),
    enabled: !account.isPending,
  });
  usePageTitle(claim.data ? `Your badge · ${claim.data.event.name}` : 'Your badge');

  if (account.isPending || claim.isPending) return <Loading lines={4} label="Opening your badge…" />;
  if (claim.isError) {
    if (claim.error instanceof ApiError && (claim.error.status === 404 || claim.error.status === 400)) return <ClaimGone />;
    return <ErrorState error={claim.error} onRetry={() => void claim.refetch()} />;
  }
  return <ClaimView token={token} claim={claim.data} signedInAs={account.data?.name} />;
}

function ClaimGone() {
  return (
    <div className="auth">
      <div className="card stack-sm gone">
        <p className="eyebrow">Badge link</p>
        <h1>This link does not lead to a badge</h1>
        <p>Check the code on your badge, or ask the organizers at the welcome desk for a new one. It is nothing you did.</p>
        <Link to="/" className="button button-secondary">
          Go to Common Ground
        </Link>
      </div>
    </div>
  );
}

function EventCard({ event, eyebrow }: { event: ClaimView['event']; eyebrow: string }) {
  return (
    <article className="card invitation stack-sm">
      <p className="eyebrow">{eyebrow}</p>
      <h1>{event.name}</h1>
      <p className="event-when">
        <time dateTime={event.startsAt}>{formatEventSpan(event.startsAt, event.endsAt, event.timeZone)}</time>
      </p>
      {event.venue && <p className="event-venue">{event.venue}</p>}
    </article>
  );
}

function ClaimView({ token, claim, signedInAs }: { token: string; claim: ClaimView; signedInAs: string | undefined }) {
  const here = encodeURIComponent(`/claim/${token}`);
  const { event } = claim;
  switch (claim.state) {
    case 'unclaimed':
      return (
        <div className="auth">
          <EventCard event={event} eyebrow="Your badge" />
          <ClaimForm token={token} claim={claim} signedInAs={signedInAs} />
        </div>
      );
    case 'sign_in':
      return (
        <div className="auth">
          <EventCard event={event} eyebrow={claim.name ? `${claim.name}, you are invited to` : 'You are invited to'} />
          {signedInAs ? (
            <SignOutFirst hint={claim.emailHint} signedInAs={signedInAs} />
          ) : (
            <div className="stack-sm">
              <p>
                You already have an account. Sign in as <strong className="claim-hint">{claim.emailHint}</strong> to join {event.name}.
              </p>
              <Link to={`/sign-in?next=${here}`} className="button button-primary button-block">
                Sign in to join
              </Link>
              <p className="muted small">You will come right back here.</p>
            </div>
          )}
        </div>
      );
    case 'join':
      return (
        <div className="auth">
          <EventCard event={event} eyebrow="You are invited to" />
          <JoinButton token={token} event={event} />
        </div>
      );
    case 'claimed':
      return (
        <div className="auth">
          <EventCard event={event} eyebrow="Your badge" />
          <div className="notice stack-sm" role="status">
            <p className="notice-title">This badge is already claimed</p>
            {signedInAs ? (
              <p>
                Its profile has a password. You are signed in as {signedInAs}: if the badge is yours, open the event; if it is not, the organizers can help at
                the welcome desk.
              </p>
            ) : (
              <p>Its profile has a password. If it is yours, sign in; if it is not, the organizers can help at the welcome desk.</p>
            )}
          </div>
          {signedInAs ? (
            <Link to={`/e/${event.id}`} className="button button-primary button-block">
              Open {event.name}
            </Link>
          ) : (
            <Link to={`/sign-in?next=${encodeURIComponent(`/e/${event.id}`)}`} className="button button-primary button-block">
              Sign in
            </Link>
          )}
        </div>
      );
  }
}

/** After a claim or a join: what this browser held for the last account goes, then the event opens. */
function useArrive() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { notify } = useToast();
  return async (eventId: string, eventName: string, newSession: boolean) => {
    if (newSession) {
      await forgetOfflineData();
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'account' });
    } else {
      void queryClient.invalidateQueries({ queryKey: keys.events, exact: true });
      void queryClient.invalidateQueries({ queryKey: keys.event(eventId) });
    }
    await queryClient.refetchQueries({ queryKey: keys.account, exact: true });
    notify(`Welcome to ${eventName}`);
    await navigate(`/e/${eventId}`, { replace: true });
  };
}

function ClaimForm({ token, claim, signedInAs }: { token: string; claim: ClaimView; signedInAs: string | undefined }) {
  const arrive = useArrive();
  const [name, setName] = useState(claim.name ?? '');
  const [password, setPassword] = useState('');
  const [mistake, setMistake] = useState<{ name?: string; password?: string }>({});
  const submit = useMutation({
    mutationFn: () => claimApi.claim(token, { password, ...(name.trim() !== claim.name ? { name: name.trim() } : {}) }),
    onSuccess: ({ eventId }) => arrive(eventId, claim.event.name, true),
  });

  function send(e: FormEvent) {
    e.preventDefault();
    const found = {
      ...(name.trim() === '' ? { name: 'Please enter your name.' } : {}),
      ...(password.length < MIN_PASSWORD ? { password: `Please use at least ${MIN_PASSWORD} characters.` } : {}),
    };
    setMistake(found);
    if (Object.keys(found).length === 0) submit.mutate();
  }

  const first = claim.name?.split(' ')[0];
  return (
    <div className="stack-sm">
      <h2 className="section-title">
        {first ? `Welcome, ${first}` : 'Welcome'} — you’re on the guest list of {claim.event.name}
      </h2>
      <p className="muted">
        The organizers made you a profile from the guest list. Choose a password to make it yours: then you can see who is coming, what you
        have in common, and keep the people you meet.
      </p>
      {signedInAs && (
        <p className="notice notice-warning small">
          You are signed in as {signedInAs}. Claiming this badge signs you in to its profile instead.
        </p>
      )}
      <form className="card form" onSubmit={send} noValidate>
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="As it will show on the badge and to other guests."
          error={mistake.name ?? fieldError(submit.error, 'name')}
          required
        />
        <TextField
          label="Choose a password"
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint={`At least ${MIN_PASSWORD} characters.`}
          error={mistake.password ?? fieldError(submit.error, 'password')}
          minLength={MIN_PASSWORD}
          required
        />
        <FormMessage error={submit.error instanceof ApiError && Object.keys(submit.error.fields).length > 0 ? undefined : submit.error} />
        <button type="submit" className="button button-primary button-block" disabled={submit.isPending || submit.isSuccess}>
          {submit.isPending || submit.isSuccess ? 'Opening the event…' : 'Claim my badge and join'}
        </button>
      </form>
    </div>
  );
}

function JoinButton({ token, event }: { token: string; event: ClaimView['event'] }) {
  const arrive = useArrive();
  const join = useMutation({
    mutationFn: () => claimApi.claim(token, {}),
    onSuccess: ({ eventId }) => arrive(eventId, event.name, false),
  });
  return (
    <div className="stack-sm">
      <p className="muted">Joining lets you see who else is coming and what you have in common. You choose whether you are listed.</p>
      <FormMessage error={join.error} />
      <button type="button" className="button button-primary button-block" onClick={() => join.mutate()} disabled={join.isPending || join.isSuccess}>
        {join.isPending || join.isSuccess ? 'Joining…' : `Join ${event.name}`}
      </button>
    </div>
  );
}

/** Signed in as someone else: this badge is another account's. */
function SignOutFirst({ hint, signedInAs }: { hint: string | undefined; signedInAs: string }) {
  const queryClient = useQueryClient();
  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/sign-out')),
    onSuccess: async () => {
      await forgetOfflineData();
      queryClient.setQueryData(keys.account, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'account' });
    },
  });
  return (
    <div className="stack-sm">
      <p>
        This badge belongs to the account of <strong className="claim-hint">{hint}</strong>, and you are signed in as {signedInAs}. Sign
        out, then sign in as {hint} to join.
      </p>
      <FormMessage error={signOut.error} />
      <button type="button" className="button button-secondary button-block" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        {signOut.isPending ? 'Signing out…' : `Sign out of ${signedInAs}`}
      </button>
    </div>
  );
}
