import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, fieldError, unwrap, type ApiToken, type BlockedPerson, type NewApiToken } from '../api/client.js';
import { keys, refreshPeopleToMeetEverywhere, useAccount, useMyEvents } from '../api/queries.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { CopyButton } from '../components/CopyButton.js';
import { SelectField, TextField } from '../components/Field.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { formatDay } from '../time.js';

export function AccountPage() {
  usePageTitle('Account');
  const account = useAccount();
  return (
    <div className="stack narrow">
      <div>
        <h1>Account</h1>
        {account.data && (
          <p className="muted">
            Signed in as <strong>{account.data.email}</strong>
            {account.data.isAdmin ? ' · server admin' : ''}
          </p>
        )}
      </div>
      <ChangePassword />
      <CalendarSubscription />
      <BlockedPeople />
      <ApiTokens />
      <YourData />
      <DeleteAccount />
    </div>
  );
}

function ChangePassword() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [saved, setSaved] = useState<string>();
  const change = useMutation({
    mutationFn: () => unwrap(api.POST('/api/me/password', { body: { currentPassword, newPassword } })),
    onSuccess: () => {
      setCurrent('');
      setNew('');
      setSaved('Password changed. Your other devices are signed out.');
    },
  });
  return (
    <section className="card form" aria-labelledby="password-title">
      <h2 id="password-title" className="card-title">
        Change password
      </h2>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(undefined);
          change.mutate();
        }}
      >
        <TextField label="Current password" type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} error={fieldError(change.error, 'currentPassword')} required />
        <TextField label="New password" type="password" autoComplete="new-password" hint="At least 8 characters." value={newPassword} onChange={(e) => setNew(e.target.value)} error={fieldError(change.error, 'newPassword')} required />
        <FormMessage error={change.error && !fieldError(change.error, 'currentPassword') && !fieldError(change.error, 'newPassword') ? change.error : undefined} success={saved} />
        <div className="actions">
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            {change.isPending ? 'Changing…' : 'Change password'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** People I blocked: neither of us is suggested to the other. Unblocking tells them nothing either. */
function BlockedPeople() {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const blocks = useQuery({ queryKey: keys.blocks, queryFn: async () => (await unwrap(api.GET('/api/me/blocks'))).blocks });
  const unblock = useMutation({
    mutationFn: (person: BlockedPerson) => unwrap(api.DELETE('/api/me/blocks/{userId}', { params: { path: { userId: person.userId } } })),
    onSuccess: (_, person) => {
      queryClient.setQueryData<BlockedPerson[]>(keys.blocks, (current) => current?.filter((p) => p.userId !== person.userId));
      void refreshPeopleToMeetEverywhere(queryClient);
      notify(`${person.displayName} is unblocked`);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });

  return (
    <section className="card stack-sm" aria-labelledby="blocks-title">
      <h2 id="blocks-title" className="card-title">
        Blocked people
      </h2>
      <p className="muted">
        Neither of you is suggested to the other, at any event. They were not told, and are not told when you unblock them.
      </p>
      {blocks.isPending ? (
        <Loading lines={2} />
      ) : blocks.isError ? (
        <ErrorState error={blocks.error} onRetry={() => void blocks.refetch()} />
      ) : blocks.data.length === 0 ? (
        <p className="muted small">You haven’t blocked anyone.</p>
      ) : (
        <ul className="token-list" aria-label="Blocked people">
          {blocks.data.map((person) => (
            <li key={person.userId} className="token-row">
              <div>
                <p className="token-name">{person.displayName}</p>
                <p className="muted small">Blocked {formatDay(String(person.blockedAt))}</p>
              </div>
              <button
                type="button"
                className="button button-secondary button-small"
                onClick={() => unblock.mutate(person)}
                disabled={unblock.isPending && unblock.variables.userId === person.userId}
                aria-label={`Unblock ${person.displayName}`}
              >
                Unblock
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A calendar app subscribes with webcal://; on phones the link opens the calendar app itself. */
function webcalOf(url: string): string | undefined {
  return /^https?:\/\//.test(url) ? url.replace(/^https?:\/\//, 'webcal://') : undefined;
}

/**
 * A secret link to my meetings at every event, for a calendar app to subscribe to. Shown once when
 * made (only its hash is kept); a new one replaces it, and it can be turned off.
 */
function CalendarSubscription() {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [created, setCreated] = useState<{ url: string; createdAt: string }>();
  const [asking, setAsking] = useState<'replace' | 'off'>();
  const feed = useQuery({ queryKey: keys.calendarFeed, queryFn: () => unwrap(api.GET('/api/me/calendar-feed')) });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/me/calendar-feed')),
    onSuccess: (made) => {
      setCreated(made);
      setAsking(undefined);
      queryClient.setQueryData(keys.calendarFeed, { active: true, createdAt: made.createdAt });
    },
  });
  const turnOff = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/me/calendar-feed')),
    onSuccess: () => {
      setCreated(undefined);
      setAsking(undefined);
      queryClient.setQueryData(keys.calendarFeed, { active: false, createdAt: null });
      notify('Calendar link turned off. Calendars subscribed to it no longer update.');
    },
  });
  const webcal = created ? webcalOf(created.url) : undefined;

  return (
    <section className="card stack-sm" aria-labelledby="calendar-title">
      <h2 id="calendar-title" className="card-title">
        Calendar subscription
      </h2>
      <p className="muted">
        Your 1:1 meetings at every event, in your own calendar app. It keeps up by itself as meetings are placed, moved or
        cancelled. Anyone with the link sees your meetings: keep it to yourself.
      </p>
      {feed.isPending ? (
        <Loading lines={1} />
      ) : feed.isError ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : created ? (
        <div className="new-token" role="status">
          <p className="notice-title">Copy your calendar link now. It will not be shown again.</p>
          <div className="copy-row">
            <label htmlFor="calendar-url" className="visually-hidden">
              Calendar link
            </label>
            <textarea id="calendar-url" className="input input-mono token-secret" readOnly rows={2} value={created.url} onFocus={(e) => e.target.select()} />
            <CopyButton text={created.url} what="Calendar link" />
          </div>
          <ul className="plain-list small calendar-howto">
            <li>
              <strong>Google Calendar</strong> (on a computer): Other calendars, <q>+</q>, From URL; paste the link.
            </li>
            <li>
              <strong>Apple Calendar</strong>: on a Mac, File, New Calendar Subscription; on an iPhone, Settings, Calendar,
              Accounts, Add Account, Other, Add Subscribed Calendar; paste the link.
            </li>
            <li>
              <strong>Outlook</strong>: Add calendar, Subscribe from web; paste the link.
            </li>
          </ul>
          <div className="actions">
            {webcal && (
              <a href={webcal} className="button button-secondary button-small">
                Open in my calendar app
              </a>
            )}
            <button type="button" className="button button-quiet button-small" onClick={() => setCreated(undefined)}>
              I have added it
            </button>
          </div>
        </div>
      ) : feed.data.active ? (
        <p>
          <span className="badge badge-shared">On</span> Made {formatDay(String(feed.data.createdAt))}. The link is only shown when it is made: if you
          have lost it, make a new one.
        </p>
      ) : (
        <p className="muted small">No calendar link yet.</p>
      )}
      <FormMessage error={create.error ?? turnOff.error} />
      {!created && feed.isSuccess && (
        <div className="actions">
          {feed.data.active ? (
            <>
              <button type="button" className="button button-secondary" onClick={() => setAsking('replace')}>
                Make a new link…
              </button>
              <button type="button" className="button button-quiet button-danger-text" onClick={() => setAsking('off')}>
                Turn off…
              </button>
            </>
          ) : (
            <button type="button" className="button button-secondary" onClick={() => create.mutate()} disabled={create.isPending}>
              {create.isPending ? 'Making…' : 'Make a calendar link'}
            </button>
          )}
        </div>
      )}
      <ConfirmDialog
        open={asking === 'replace'}
        title="Make a new calendar link?"
        confirmLabel="Make a new link"
        busy={create.isPending}
        onConfirm={() => create.mutate()}
        onCancel={() => setAsking(undefined)}
      >
        <p>The old link stops working at once: calendars subscribed to it stop updating. Subscribe again with the new one.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={asking === 'off'}
        title="Turn the calendar link off?"
        confirmLabel="Turn off"
        danger
        busy={turnOff.isPending}
        onConfirm={() => turnOff.mutate()}
        onCancel={() => setAsking(undefined)}
      >
        <p>Calendars subscribed to it stop updating. Meetings already in them stay until you remove the subscription.</p>
      </ConfirmDialog>
    </section>
  );
}

const TOKEN_LIFETIMES = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: '', label: 'Never expires' },
];

function ApiTokens() {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [name, setName] = useState('');
  const [days, setDays] = useState('90');
  const [created, setCreated] = useState<NewApiToken>();
  const [revoking, setRevoking] = useState<ApiToken>();
  const tokens = useQuery({ queryKey: keys.tokens, queryFn: async () => (await unwrap(api.GET('/api/me/tokens'))).tokens });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST('/api/me/tokens', { body: { name, ...(days ? { expiresInDays: Number(days) } : {}) } })),
    onSuccess: (token) => {
      setCreated(token);
      setName('');
      void queryClient.invalidateQueries({ queryKey: keys.tokens });
    },
  });
  const revoke = useMutation({
    mutationFn: (token: ApiToken) => unwrap(api.DELETE('/api/me/tokens/{tokenId}', { params: { path: { tokenId: token.id } } })),
    onSuccess: (_, token) => {
      queryClient.setQueryData<ApiToken[]>(keys.tokens, (current) => current?.filter((t) => t.id !== token.id));
      if (created?.id === token.id) setCreated(undefined);
      setRevoking(undefined);
      notify(`Token “${token.name}” revoked`);
    },
  });

  return (
    <section className="card stack-sm" aria-labelledby="tokens-title">
      <h2 id="tokens-title" className="card-title">
        API tokens
      </h2>
      <p className="muted">
        For the <code>commonground</code> command-line tool and your own scripts. A token acts as you: keep it secret.
      </p>
      {tokens.isPending ? (
        <Loading lines={2} />
      ) : tokens.isError ? (
        <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
      ) : tokens.data.length === 0 ? (
        <EmptyState title="No tokens yet" />
      ) : (
        <ul className="token-list">
          {tokens.data.map((token) => (
            <li key={token.id} className="token-row">
              <div>
                <p className="token-name">{token.name}</p>
                <p className="muted small">
                  <code>{token.prefix}…</code> · created {formatDay(String(token.createdAt))}
                  {token.lastUsedAt ? ` · last used ${formatDay(String(token.lastUsedAt))}` : ' · never used'}
                  {token.expiresAt ? ` · expires ${formatDay(String(token.expiresAt))}` : ''}
                </p>
              </div>
              <button type="button" className="button button-quiet button-danger-text button-small" onClick={() => setRevoking(token)} aria-label={`Revoke token ${token.name}`}>
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}

      {created && (
        <div className="new-token" role="status">
          <p className="notice-title">Copy your new token now. It will not be shown again.</p>
          <div className="copy-row">
            <label htmlFor="new-token" className="visually-hidden">
              New token {created.name}
            </label>
            <textarea id="new-token" className="input input-mono token-secret" readOnly rows={2} value={created.token} onFocus={(e) => e.target.select()} />
            <CopyButton text={created.token} what="Token" />
          </div>
          <button type="button" className="button button-secondary button-small" onClick={() => setCreated(undefined)}>
            I have saved it
          </button>
        </div>
      )}

      <form
        className="form token-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate();
        }}
      >
        <h3 className="subhead">New token</h3>
        <div className="field-row">
          <TextField label="Name" placeholder="e.g. laptop CLI" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(create.error, 'name')} maxLength={100} />
          <SelectField label="Expires after" value={days} onChange={setDays} options={TOKEN_LIFETIMES} error={fieldError(create.error, 'expiresInDays')} />
        </div>
        <FormMessage error={create.error && !fieldError(create.error, 'name') ? create.error : undefined} />
        <div className="actions">
          <button type="submit" className="button button-secondary" disabled={create.isPending}>
            {create.isPending ? 'Creating…' : 'Create token'}
          </button>
        </div>
      </form>

      <ConfirmDialog
        open={Boolean(revoking)}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        confirmLabel="Revoke token"
        danger
        busy={revoke.isPending}
        onConfirm={() => revoking && revoke.mutate(revoking)}
        onCancel={() => {
          setRevoking(undefined);
          revoke.reset();
        }}
      >
        <p>Anything using this token stops working at once.</p>
        <FormMessage error={revoke.error} />
      </ConfirmDialog>
    </section>
  );
}

/** Everything of mine as one JSON file; the server sends it as an attachment, so the phone saves it. */
function YourData() {
  return (
    <section className="card stack-sm" aria-labelledby="data-title">
      <h2 id="data-title" className="card-title">
        Your data
      </h2>
      <p className="muted">
        One file with everything that is yours here: your account, your profile with your private contact details, your events, your
        people with your notes about them, introductions, asks, meeting requests, the people you blocked, and vCards of the contacts
        exchanged with you.
      </p>
      <div className="actions">
        <a href="/api/me/export" download className="button button-secondary">
          Download everything (JSON)
        </a>
      </div>
      <p className="muted small">It holds your private notes and other people’s contact details: keep it somewhere safe.</p>
    </section>
  );
}

function DeleteAccount() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [password, setPassword] = useState('');
  const [asking, setAsking] = useState(false);
  const events = useMyEvents();
  const owned = events.data?.filter((event) => event.isOwner) ?? [];
  const remove = useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/me', { body: { password } })),
    onSuccess: async () => {
      // Leave first, so this page (which needs an account) does not send to sign-in on the way out.
      await navigate('/', { replace: true, flushSync: true });
      queryClient.setQueryData(keys.account, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'account' });
      notify('Your account is deleted. Take care.');
    },
    onError: () => setAsking(false),
  });
  return (
    <section className="card card-danger form" aria-labelledby="delete-title">
      <h2 id="delete-title" className="card-title">
        Delete account
      </h2>
      <p>This deletes your account, your profile, your contact details and your memberships, for good.</p>
      <p>
        An event you own passes to its longest-standing other organizer. An event you own with no other organizer is
        deleted, with everything in it: its attendees lose it too. This cannot be undone.
      </p>
      <p>
        You also disappear from everyone’s My people, with the notes they kept of you; people you introduced to each other stay
        connected, “introduced by someone who has left”.
      </p>
      <form
        className="form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          remove.reset();
          setAsking(true);
        }}
      >
        <TextField label="Your password, to confirm" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={fieldError(remove.error, 'password')} required />
        <FormMessage error={remove.error && !fieldError(remove.error, 'password') ? remove.error : undefined} />
        <div className="actions">
          <button type="submit" className="button button-danger" disabled={!password}>
            Delete my account…
          </button>
        </div>
      </form>
      <ConfirmDialog open={asking} title="Delete your account for good?" confirmLabel="Delete everything" danger busy={remove.isPending} onConfirm={() => remove.mutate()} onCancel={() => setAsking(false)}>
        <p>Your profile, contact details and memberships will be gone, and you leave everyone’s My people.</p>
        {owned.length > 0 ? (
          <p>
            You own {owned.map((event) => event.name).join(', ')}. An event with another organizer passes to them; one
            without is deleted, with everything in it, for all its attendees.
          </p>
        ) : (
          !events.isSuccess && <p>Events you own pass to another organizer, or are deleted for everyone if they have none.</p>
        )}
        <p>There is no way back.</p>
      </ConfirmDialog>
    </section>
  );
}
