import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, fieldError, unwrap } from '../api/client.js';
import { keys, useAccount } from '../api/queries.js';
import { TextField } from '../components/Field.js';
import { ErrorState, FormMessage, Loading } from '../components/States.js';
import { usePageTitle } from '../components/PageTitle.js';

/** First run: the one-time link printed at start creates the admin account. */
export function SetupPage() {
  usePageTitle('Set up');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const account = useAccount();
  const [token] = useState(() => decodeURIComponent(window.location.hash.replace(/^#/, '')));
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const status = useQuery({ queryKey: keys.setup, queryFn: () => unwrap(api.GET('/api/setup')) });
  const setup = useMutation({
    mutationFn: () => unwrap(api.POST('/api/setup', { body: { token, name, email, password } })),
    onSuccess: (account) => {
      queryClient.setQueryData(keys.account, account);
      queryClient.setQueryData(keys.setup, { needed: false });
      // The token is spent: keep it out of the history.
      window.history.replaceState(null, '', '/setup');
      void navigate('/', { replace: true });
    },
  });

  if (status.isPending || account.isPending) return <Loading />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;

  if (!status.data.needed && account.data) {
    return (
      <div className="auth">
        <h1>This server is set up</h1>
        <p className="lead">Its first account exists, and you are signed in. Nothing more to do here.</p>
        <div className="actions">
          <Link className="button button-primary" to="/">
            Go to my events
          </Link>
        </div>
      </div>
    );
  }

  if (!status.data.needed) {
    return (
      <div className="auth">
        <h1>This server is set up</h1>
        <p className="lead">The first account exists already. Sign in, or create your own account.</p>
        <div className="actions">
          <Link className="button button-primary" to="/sign-in">
            Sign in
          </Link>
          <Link className="button button-secondary" to="/sign-up">
            Sign up
          </Link>
        </div>
      </div>
    );
  }

  if (!token) {
    return (
      <div className="auth">
        <h1>Set up Common Ground</h1>
        <div className="notice">
          <p>
            Open the one-time set-up link that the server printed when it started. It looks like{' '}
            <code>http://…/setup#…</code>.
          </p>
        </div>
      </div>
    );
  }

  const expired = setup.error instanceof ApiError && setup.error.status === 404;

  return (
    <div className="auth">
      <h1>Set up Common Ground</h1>
      <p className="lead">Create the first account. It can manage this server; you can organize events with it too.</p>
      <form
        className="card form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setup.mutate();
        }}
      >
        <TextField label="Your name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={fieldError(setup.error, 'name')} required />
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(setup.error, 'email')}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(setup.error, 'password')}
          required
        />
        <FormMessage error={expired ? new Error('This set-up link has expired or was used already. Restart the server for a new one.') : setup.error} />
        <button type="submit" className="button button-primary button-block" disabled={setup.isPending}>
          {setup.isPending ? 'Creating…' : 'Create the admin account'}
        </button>
      </form>
    </div>
  );
}
