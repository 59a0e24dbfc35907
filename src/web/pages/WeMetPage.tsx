import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, unwrap, type Encounter, type EventView, type PersonBrief } from '../api/client.js';
import { refreshMeetings, useAccount, useEncounters, useEvent, useMeetCode } from '../api/queries.js';
import { Avatar } from '../components/Avatar.js';
import { usePageTitle } from '../components/PageTitle.js';
import { QrCode } from '../components/QrCode.js';
import { QrScanner } from '../components/QrScanner.js';
import { ErrorState, EventLoadError, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { parseMeetCode } from '../met-code.js';
import { firstNameOf } from '../names.js';
import { formatMoment } from '../time.js';

type MetOutcome = { state: 'waiting'; person: PersonBrief } | { state: 'recorded'; person: PersonBrief } | { state: 'error'; message: string };

export function WeMetPage() {
  const { eventId = '', code } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `We met · ${event.data.name}` : 'We met');

  if (event.isPending) return <Loading lines={6} label="Loading…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <WeMetView event={event.data} code={code} />;
}

/** "ABC DEF": a code in two halves, easier to read aloud and to type. */
function spaced(code: string): string {
  const half = Math.ceil(code.length / 2);
  return `${code.slice(0, half)} ${code.slice(half)}`;
}

const SOURCES: Record<Encounter['source'], string> = {
  meeting: 'at your 1:1',
  mixer: 'at a mixer table',
  scan: 'by code',
  tap: 'by tapping “We met”',
};

function WeMetView({ event, code }: { event: EventView; code: string | undefined }) {
  const eventId = event.id;
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const account = useAccount();
  const meetCode = useMeetCode(eventId);
  const encounters = useEncounters(eventId);
  const [outcome, setOutcome] = useState<MetOutcome>();
  const [scanning, setScanning] = useState(false);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string>();
  const resultRef = useRef<HTMLDivElement>(null);
  const scanButton = useRef<HTMLButtonElement>(null);
  const theirCard = useRef<HTMLElement>(null);
  const handledCode = useRef<string>(undefined);
  const typedId = useId();

  function show(next: MetOutcome) {
    setOutcome(next);
    // Said where the person is looking: the result sits at the top, the scanner further down.
    requestAnimationFrame(() => {
      resultRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      resultRef.current?.focus({ preventScroll: true });
    });
  }

  const byCode = useMutation({
    mutationFn: (theirCode: string) => unwrap(api.POST('/api/events/{eventId}/met', { params: { path: { eventId } }, body: { code: theirCode } })),
    onSuccess: (result) => {
      setTyped('');
      setTypedError(undefined);
      show({ state: result.state, person: result.person });
      void refreshMeetings(queryClient, eventId);
    },
    onError: (error) => show({ state: 'error', message: errorMessage(error) }),
  });

  const byTap = useMutation({
    mutationFn: (person: PersonBrief) => unwrap(api.PUT('/api/events/{eventId}/met/{userId}', { params: { path: { eventId, userId: person.id } } })),
    onSuccess: (result) => {
      const first = firstNameOf(result.person.name);
      notify(result.state === 'recorded' ? `You and ${first} met — recorded` : `Noted. Now ${first} confirms too.`);
      void refreshMeetings(queryClient, eventId);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });

  // Opened from the link in someone's QR code (a phone's own camera app brings people here):
  // say "we met" with it once, and take it out of the address so a reload does not say it again.
  useEffect(() => {
    if (!code || handledCode.current === code) return;
    handledCode.current = code;
    const parsed = parseMeetCode(code);
    if (parsed) byCode.mutate(parsed);
    else show({ state: 'error', message: 'This link holds no meet code. Ask them to show their code again, or type it below.' });
    void navigate(`/e/${eventId}/met`, { replace: true });
    // Only a new code in the address counts; byCode and show do the same work on every render.
  }, [code, eventId, navigate]);

  function onScanned(text: string) {
    setScanning(false);
    const parsed = parseMeetCode(text);
    if (parsed) byCode.mutate(parsed);
    else show({ state: 'error', message: 'That QR code is not a Common Ground meet code. Scan the code on their We met page.' });
  }

  function submitTyped(e: FormEvent) {
    e.preventDefault();
    const parsed = parseMeetCode(typed);
    if (!parsed) {
      setTypedError(typed.trim() ? 'A code is 6 letters and digits, like K7M 2QX.' : 'Please type their code.');
      return;
    }
    setTypedError(undefined);
    byCode.mutate(parsed);
  }

  const data = encounters.data;
  const myName = account.data?.name ?? '';

  return (
    <div className="stack">
      <header className="ptm-head">
        <Link to={`/e/${eventId}`} className="back-link">
          <span aria-hidden="true">←</span> {event.name}
        </Link>
        <h1>We met</h1>
        <p className="lead">Talked to someone? Scan each other’s codes: once you both have, it’s remembered for you both.</p>
      </header>

      <div ref={resultRef} tabIndex={-1} className="met-result" aria-live="polite">
        {byCode.isPending ? (
          <p className="notice">Checking the code…</p>
        ) : outcome?.state === 'recorded' ? (
          <div className="card card-accent met-outcome">
            <p className="met-outcome-title">
              <span aria-hidden="true">✓ </span>You and {firstNameOf(outcome.person.name)} met — recorded
            </p>
            <p>{outcome.person.name} is among the people you met here.</p>
          </div>
        ) : outcome?.state === 'waiting' ? (
          <div className="card nudge met-outcome">
            <p className="met-outcome-title">Now {firstNameOf(outcome.person.name)} scans your code, or taps We met</p>
            <p className="muted">As soon as they do, it is recorded for you both.</p>
          </div>
        ) : outcome?.state === 'error' ? (
          <p className="notice notice-error" role="alert">
            {outcome.message}
          </p>
        ) : null}
      </div>

      <div className="met-grid">
        <section className="card met-card" aria-labelledby="my-code-title">
          <h2 id="my-code-title" className="card-title">
            Your code
          </h2>
          {meetCode.isPending ? (
            <div className="qr qr-placeholder met-qr" aria-hidden="true" />
          ) : meetCode.isError ? (
            <ErrorState error={meetCode.error} onRetry={() => void meetCode.refetch()} />
          ) : (
            <>
              <QrCode text={meetCode.data.url} label={`QR code to say you met ${myName}`.trim()} size={232} />
              <p className="meet-code">
                <span aria-hidden="true">{spaced(meetCode.data.code)}</span>
                <span className="visually-hidden">Your code: {meetCode.data.code.split('').join(' ')}</span>
              </p>
            </>
          )}
        </section>

        <section ref={theirCard} className="card met-card" aria-labelledby="their-code-title">
          <h2 id="their-code-title" className="card-title">
            Their code
          </h2>
          {scanning ? (
            <QrScanner
              onText={onScanned}
              onCancel={() => {
                setScanning(false);
                requestAnimationFrame(() => scanButton.current?.focus());
              }}
            />
          ) : (
            <button
              ref={scanButton}
              type="button"
              className="button button-primary button-block"
              onClick={() => {
                setScanning(true);
                // On a phone the viewfinder opens below the fold: bring it up.
                requestAnimationFrame(() => theirCard.current?.scrollIntoView({ block: 'start', behavior: 'smooth' }));
              }}
              disabled={byCode.isPending}
            >
              Scan their code
            </button>
          )}
          <form className="met-type" onSubmit={submitTyped} noValidate>
            <label htmlFor={typedId} className="field-label">
              Type their code
            </label>
            <div className="input-row">
              <input
                id={typedId}
                className="input input-mono met-input"
                value={typed}
                onChange={(e) => setTyped(e.target.value)}
                placeholder="e.g. K7M 2QX"
                autoCapitalize="characters"
                autoComplete="off"
                autoCorrect="off"
                spellCheck={false}
                aria-invalid={typedError ? true : undefined}
                aria-describedby={`${typedId}-error`}
              />
              <button type="submit" className="button button-secondary" disabled={byCode.isPending}>
                Confirm code
              </button>
            </div>
            <p id={`${typedId}-error`} className="field-error" aria-live="polite">
              {typedError}
            </p>
          </form>
        </section>
      </div>

      {encounters.isPending ? (
        <Loading lines={3} label="Loading the people you met…" />
      ) : encounters.isError ? (
        <ErrorState error={encounters.error} onRetry={() => void encounters.refetch()} />
      ) : (
        <>
          {data!.waitingForMe.length > 0 && (
            <section className="stack-sm" aria-labelledby="waiting-me-title">
              <h2 id="waiting-me-title" className="section-title">
                Waiting for you to confirm
              </h2>
              <ul className="saved-list">
                {data!.waitingForMe.map(({ person, since }) => (
                  <li key={person.id} className="saved-row">
                    <Avatar name={person.name} />
                    <div className="saved-who">
                      <Link to={`/e/${eventId}/people/${person.id}`} className="saved-name">
                        {person.name}
                      </Link>
                      <p className="saved-when">Says you met · {formatMoment(since, event.timeZone)}</p>
                    </div>
                    <button
                      type="button"
                      className="button button-small button-primary"
                      onClick={() => byTap.mutate(person)}
                      disabled={byTap.isPending && byTap.variables.id === person.id}
                      aria-label={`Confirm you met ${person.name}`}
                    >
                      Confirm
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {data!.waitingForThem.length > 0 && (
            <section className="stack-sm" aria-labelledby="waiting-them-title">
              <h2 id="waiting-them-title" className="section-title">
                Waiting for them
              </h2>
              <ul className="saved-list">
                {data!.waitingForThem.map(({ person, since }) => (
                  <li key={person.id} className="saved-row">
                    <Avatar name={person.name} />
                    <div className="saved-who">
                      <Link to={`/e/${eventId}/people/${person.id}`} className="saved-name">
                        {person.name}
                      </Link>
                      <p className="saved-when">You said you met · {formatMoment(since, event.timeZone)}</p>
                    </div>
                  </li>
                ))}
              </ul>
            </section>
          )}
          <section className="stack-sm" aria-labelledby="met-title">
            <h2 id="met-title" className="section-title">
              People you met here
            </h2>
            {data!.encounters.length === 0 ? (
              <p className="muted">No one yet. After a conversation, scan each other’s codes and they show up here.</p>
            ) : (
              <ul className="saved-list" aria-label="People you met here">
                {data!.encounters.map((encounter) => (
                  <li key={encounter.id} className="saved-row">
                    <Avatar name={encounter.person.name} />
                    <div className="saved-who">
                      <Link to={`/e/${eventId}/people/${encounter.person.id}`} className="saved-name">
                        {encounter.person.name}
                      </Link>
                      {encounter.person.headline && <p className="saved-headline">{encounter.person.headline}</p>}
                      <p className="saved-when">
                        {formatMoment(encounter.metAt, event.timeZone)}
                        {encounter.tableLabel ? ` · ${encounter.tableLabel}` : ''} · {SOURCES[encounter.source]}
                      </p>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <p>
            <Link to={`/e/${eventId}/meetings`}>Your meetings</Link>
          </p>
        </>
      )}
    </div>
  );
}
