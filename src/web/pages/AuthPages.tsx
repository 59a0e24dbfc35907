import { useState, type FormEvent } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, fieldError, unwrap, type Account } from '../api/client.js';
import { keys, useAccount, useSetupStatus } from '../api/queries.js';
import { TextField } from '../components/Field.js';
import { ErrorState, FormMessage, Loading } from '../components/States.js';
import { safeNext } from '../components/RequireAccount.js';
import { usePageTitle } from '../components/PageTitle.js';

function useSignedInFlow() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  return {
    next,
    nextQuery: params.get('next') ? `?next=${encodeURIComponent(next)}` : '',
    joining: next.startsWith('/join/') || next.startsWith('/claim/'),
    done(account: Account) {
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'account' });
      queryClient.setQueryData(keys.account, account);
      void navigate(next, { replace: true });
    },
  };
}

export function SignInPage() {
  usePageTitle('Sign in');
  const account = useAccount();
  const setup = useSetupStatus();
  const flow = useSignedInFlow();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/sign-in', { body: { email, password } })),
    onSuccess: flow.done,
  });

  if (account.isPending) return <Loading />;
  if (account.data && !signIn.isSuccess) return <Navigate to={flow.next} replace />;

  function submit(event: FormEvent) {
    event.preventDefault();
    signIn.mutate();
  }

  return (
    <div className="auth">
      <h1>Welcome back</h1>
      <p className="lead">{flow.joining ? 'Sign in, then join the event you were invited to.' : 'Sign in to see your events and the people in them.'}</p>
      <form className="card form" onSubmit={submit} noValidate>
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(signIn.error, 'email')}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fieldError(signIn.error, 'password')}
          required
        />
        <FormMessage error={signIn.error} />
        <button type="submit" className="button button-primary button-block" disabled={signIn.isPending}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {setup.data?.needed === false && (
        <p className="auth-switch">
          New here? <Link to={`/sign-up${flow.nextQuery}`}>Create an account</Link>
        </p>
      )}
    </div>
  );
}

export function SignUpPage() {
  usePageTitle('Sign up');
  const account = useAccount();
  const setup = useSetupStatus();
  const flow = useSignedInFlow();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signUp = useMutation({
    mutationFn: () => unwrap(api.POST('/api/auth/sign-up', { body: { name, email, password } })),
    onSuccess: flow.done,
  });

  if (account.isPending || setup.isPending) return <Loading />;
  if (account.data && !signUp.isSuccess) return <Navigate to={flow.next} replace />;
  if (setup.isError) return <ErrorState error={setup.error} onRetry={() => void setup.refetch()} />;

  if (setup.data.needed) {
    return (
      <div className="auth">
        <h1>Not open for sign-ups yet</h1>
        <div className="notice">
          <p>
            This server is being set up: the person who installed it creates the first account with the link printed at
            start. Sign-ups open right after.
          </p>
        </div>
      </div>
    );
  }

  const taken = signUp.error instanceof ApiError && signUp.error.status === 409 ? signUp.error.message : undefined;

  return (
    <div className="auth">
      <h1>Join Common Ground</h1>
      <p className="lead">
        {flow.joining
          ? 'Create your account, then join the event you were invited to.'
          : 'One profile for every event you go to. Your contact details stay yours.'}
      </p>
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          signUp.mutate();
        }}
        noValidate
      >
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint="As people will see it at events."
          error={fieldError(signUp.error, 'name')}
          required
        />
        <TextField
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          inputMode="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fieldError(signUp.error, 'email') ?? taken}
          required
        />
        <TextField
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          hint="At least 8 characters."
          error={fieldError(signUp.error, 'password')}
          required
        />
        <FormMessage error={signUp.error} />
        <button type="submit" className="button button-primary button-block" disabled={signUp.isPending}>
          {signUp.isPending ? 'Creating your account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-switch">
        Already have an account? <Link to={`/sign-in${flow.nextQuery}`}>Sign in</Link>
      </p>
    </div>
  );
}
