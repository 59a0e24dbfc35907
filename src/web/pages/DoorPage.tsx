import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link, Navigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, errorMessage, unwrap, type EventView, type Schemas } from '../api/client.js';
import { keys, useEvent } from '../api/queries.js';
import { Avatar } from '../components/Avatar.js';
import { usePageTitle } from '../components/PageTitle.js';
import { QrScanner } from '../components/QrScanner.js';
import { ErrorState, EventLoadError, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { formatMoment } from '../time.js';
import '../components/BadgeSheets.css';

type DoorPerson = Schemas['DoorPerson'];
type Outcome =
  | { kind: 'in'; person: DoorPerson }
  | { kind: 'again'; person: DoorPerson }
  | { kind: 'refused'; title: string; detail: string };

/** After a scan, the camera rests this long before reading the next badge. */
const RESUME_AFTER_MS = 1200;
/** The same badge read again this soon is the one still in front of the camera, not a new scan. */
const SAME_BADGE_MS = 5000;

const doorKey = (eventId: string) => ['events', eventId, 'check-ins'] as const;

export function DoorPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `Door · ${event.data.name}` : 'Door');

  if (event.isPending) return <Loading lines={6} label="Loading the event…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  if (event.data.myRole !== 'organizer') return <Navigate to={`/e/${eventId}`} replace />;
  return <DoorView event={event.data} />;
}

function timeOf(iso: string, timeZone: string): string {
  const zoned = (at: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const at = new Date(iso);
  if (zoned(at) !== zoned(new Date())) return formatMoment(iso, timeZone);
  return new Intl.DateTimeFormat(undefined, { timeZone, hour: 'numeric', minute: '2-digit' }).format(at);
}

function refusal(error: unknown): Outcome {
  const detail = errorMessage(error);
  if (error instanceof ApiError && error.status === 404) return { kind: 'refused', title: 'Not a badge of this event', detail };
  if (error instanceof ApiError && error.status === 409) return { kind: 'refused', title: 'Not checked in', detail };
  if (error instanceof ApiError && error.status === 429) return { kind: 'refused', title: 'Too many scans', detail };
  return { kind: 'refused', title: 'Could not check in', detail };
}

function DoorView({ event }: { event: EventView }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [outcome, setOutcome] = useState<Outcome>();
  const [scanning, setScanning] = useState(false);
  const [resting, setResting] = useState(false);
  const [scanRound, setScanRound] = useState(0);
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string>();
  const lastRead = useRef<{ text: string; at: number }>(undefined);
  const resultRef = useRef<HTMLDivElement>(null);
  const typedId = useId();

  const summary = useQuery({
    queryKey: doorKey(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/check-ins', { params: { path: { eventId } } })),
    // Other organizers scan at other doors.
    refetchInterval: 15_000,
  });

  function refresh() {
    void queryClient.invalidateQueries({ queryKey: doorKey(eventId) });
    void queryClient.invalidateQueries({ queryKey: keys.members(eventId) });
    void queryClient.invalidateQueries({ queryKey: ['events', eventId, 'badges'] });
  }

  function show(next: Outcome) {
    setOutcome(next);
    requestAnimationFrame(() => resultRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }));
  }

  const checkIn = useMutation({
    mutationFn: (code: string) =>
      unwrap(api.POST('/api/events/{eventId}/check-ins', { params: { path: { eventId } }, body: { code } })),
    onSuccess: (result) => {
      setTyped('');
      show({ kind: result.alreadyCheckedIn ? 'again' : 'in', person: result.person });
      queryClient.setQueryData(doorKey(eventId), (old: Schemas['DoorSummary'] | undefined) =>
        old ? { ...old, checkedIn: result.checkedIn, expected: result.expected } : old,
      );
      refresh();
    },
    onError: (error) => show(refusal(error)),
  });

  const undo = useMutation({
    mutationFn: (person: DoorPerson) =>
      unwrap(api.DELETE('/api/events/{eventId}/check-ins/{userId}', { params: { path: { eventId, userId: person.userId } } })),
    onSuccess: (result) => {
      notify(`Check-in of ${result.person.name} undone`);
      setOutcome((current) => (current && current.kind !== 'refused' && current.person.userId === result.person.userId ? undefined : current));
      refresh();
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });

  // The camera rests a moment after each badge, then reads the next.
  useEffect(() => {
    if (!resting || checkIn.isPending) return;
    const timer = setTimeout(() => {
      setResting(false);
      setScanRound((n) => n + 1);
    }, RESUME_AFTER_MS);
    return () => clearTimeout(timer);
  }, [resting, checkIn.isPending]);

  function onScanned(text: string) {
    setResting(true);
    const now = Date.now();
    const previous = lastRead.current;
    lastRead.current = { text, at: now };
    if (previous && previous.text === text && now - previous.at < SAME_BADGE_MS) return;
    checkIn.mutate(text);
  }

  function submitTyped(e: FormEvent) {
    e.preventDefault();
    if (!typed.trim()) {
      // The last scan's answer would read as the answer to this empty one.
      checkIn.reset();
      setTypedError('Type the code printed under the badge’s QR code (like 3F9A 21BC), or paste its link.');
      return;
    }
    setTypedError(undefined);
    checkIn.mutate(typed.trim());
  }

  const counts = summary.data;
  const share = counts && counts.expected > 0 ? Math.round((100 * counts.checkedIn) / counts.expected) : 0;

  return (
    <div className="stack">
      <header className="ptm-head">
        <Link to={`/e/${eventId}?tab=members`} className="back-link">
          <span aria-hidden="true">←</span> {event.name}
        </Link>
        <h1>Door</h1>
        <p className="lead">Scan each badge’s QR code as people arrive.</p>
      </header>

      <section className="card door-count" aria-label="Checked in so far">
        {counts ? (
          <>
            <p className="door-count-figure" role="status">
              <strong>{counts.checkedIn}</strong> of {counts.expected} checked in
            </p>
            <div className="door-meter" aria-hidden="true">
              <span style={{ width: `${share}%` }} />
            </div>
          </>
        ) : summary.isError ? (
          <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
        ) : (
          <Loading lines={1} label="Counting…" />
        )}
      </section>

      <div ref={resultRef} className="door-result" aria-live="polite">
        {checkIn.isPending ? (
          <p className="notice">Checking the badge…</p>
        ) : outcome?.kind === 'in' ? (
          <div className="door-outcome door-outcome-in">
            <p className="door-outcome-title">
              <span aria-hidden="true">✓ </span>Checked in: {outcome.person.name}
            </p>
            {outcome.person.headline && <p className="door-outcome-who">{outcome.person.headline}</p>}
            {!outcome.person.claimed && <p>Their profile is not claimed yet: scanning the QR code on their badge with their own phone does it.</p>}
            <button type="button" className="button button-small button-secondary" onClick={() => undo.mutate(outcome.person)} disabled={undo.isPending}>
              Undo
            </button>
          </div>
        ) : outcome?.kind === 'again' ? (
          <div className="door-outcome door-outcome-again">
            <p className="door-outcome-title">
              Already checked in{outcome.person.checkedInAt ? ` at ${timeOf(outcome.person.checkedInAt, event.timeZone)}` : ''}
            </p>
            <p className="door-outcome-who">
              {outcome.person.name}
              {outcome.person.headline ? ` — ${outcome.person.headline}` : ''}
            </p>
          </div>
        ) : outcome?.kind === 'refused' ? (
          <div className="door-outcome door-outcome-refused" role="alert">
            <p className="door-outcome-title">
              <span aria-hidden="true">✕ </span>
              {outcome.title}
            </p>
            <p className="door-outcome-who">{outcome.detail}</p>
          </div>
        ) : null}
      </div>

      <section className="card stack-sm" aria-labelledby="scan-title">
        <h2 id="scan-title" className="card-title">
          Scan badges
        </h2>
        {scanning ? (
          resting ? (
            <p className="muted" role="status">
              Ready for the next badge in a moment…
            </p>
          ) : (
            <QrScanner key={scanRound} onText={onScanned} onCancel={() => setScanning(false)} />
          )
        ) : (
          <button type="button" className="button button-primary button-block" onClick={() => setScanning(true)}>
            Start scanning
          </button>
        )}
        {scanning && resting && (
          <button type="button" className="button button-secondary" onClick={() => setScanning(false)}>
            Stop scanning
          </button>
        )}
        <form className="stack-sm" onSubmit={submitTyped} noValidate>
          <label htmlFor={typedId} className="field-label">
            Or type the code under the badge’s QR code
          </label>
          <div className="input-row">
            <input
              id={typedId}
              className="input input-mono"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoCapitalize="none"
              autoComplete="off"
              autoCorrect="off"
              spellCheck={false}
              aria-invalid={typedError ? true : undefined}
              aria-describedby={`${typedId}-hint ${typedId}-error`}
            />
            <button type="submit" className="button button-secondary" disabled={checkIn.isPending}>
              Check in
            </button>
          </div>
          <p id={`${typedId}-hint`} className="field-hint">
            No badge with them? Find them by name in <Link to={`/e/${eventId}?tab=members`}>Members</Link>.
          </p>
          <p id={`${typedId}-error`} className="field-error" aria-live="polite">
            {typedError}
          </p>
        </form>
      </section>

      <section className="stack-sm" aria-labelledby="recent-title">
        <h2 id="recent-title" className="section-title">
          Latest check-ins
        </h2>
        {!counts ? null : counts.recent.length === 0 ? (
          <p className="muted">No one yet.</p>
        ) : (
          <ul className="saved-list" aria-label="Latest check-ins">
            {counts.recent.map((person) => (
              <li key={person.userId} className="saved-row">
                <Avatar name={person.name} />
                <div className="saved-who">
                  <p className="saved-name">{person.name}</p>
                  {person.headline && <p className="saved-headline">{person.headline}</p>}
                  {person.checkedInAt && <p className="saved-when door-recent-time">{timeOf(person.checkedInAt, event.timeZone)}</p>}
                </div>
                <button
                  type="button"
                  className="button button-small button-secondary"
                  onClick={() => undo.mutate(person)}
                  disabled={undo.isPending && undo.variables.userId === person.userId}
                  aria-label={`Undo check-in of ${person.name}`}
                >
                  Undo
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <Link to={`/e/${eventId}/badges`}>Print badges</Link>
      </p>
    </div>
  );
}
