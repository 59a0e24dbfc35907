import { useId, useState } from 'react';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, errorMessage, type EventView } from '../api/client.js';
import { mixerApi, mixerKeys, refreshMixers, storeMixer, useMixer, type Mixer, type MixerChange } from '../api/mixers.js';
import { useAccount, useEvent, useMembers } from '../api/queries.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Countdown } from '../components/Countdown.js';
import { TextField } from '../components/Field.js';
import { MixerFigures } from '../components/MixerFigures.js';
import { MixerForm } from '../components/MixerForm.js';
import { MixerPlanGrid } from '../components/MixerPlanGrid.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { figureContext, plural, playedFigures } from '../mixer-words.js';

export function MixerPage() {
  const { eventId = '', mixerId = '' } = useParams();
  const event = useEvent(eventId);

  if (event.isPending) return <Loading lines={6} label="Loading the mixer…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  // Attendees have their own view of a mixer: their table.
  if (event.data.myRole !== 'organizer') return <Navigate to={`/e/${eventId}/mixers/${mixerId}/me`} replace />;
  return <MixerControls event={event.data} mixerId={mixerId} />;
}

function MixerControls({ event, mixerId }: { event: EventView; mixerId: string }) {
  const eventId = event.id;
  const mixer = useMixer(eventId, mixerId);
  const account = useAccount();
  usePageTitle(mixer.data ? `${mixer.data.name} · ${event.name}` : 'Mixer');

  const back = (
    <Link to={`/e/${eventId}/mixers`} className="back-link">
      <span aria-hidden="true">←</span> Mixers
    </Link>
  );
  if (mixer.isPending) {
    return (
      <div className="stack">
        {back}
        <Loading lines={6} label="Loading the mixer…" />
      </div>
    );
  }
  if (mixer.isError) {
    return (
      <div className="stack">
        {back}
        {mixer.error instanceof ApiError && mixer.error.isNotFound ? (
          <EmptyState title="This mixer is not here any more">
            <p>It may have been deleted by another organizer.</p>
            <Link to={`/e/${eventId}/mixers`} className="button button-secondary">
              See the mixers
            </Link>
          </EmptyState>
        ) : (
          <ErrorState error={mixer.error} onRetry={() => void mixer.refetch()} />
        )}
      </div>
    );
  }

  const m = mixer.data;
  const away = m.participants.filter((p) => p.absentFrom !== null).length;
  const takingPart = m.status === 'running' && m.participants.some((p) => p.id === account.data?.id && p.absentFrom === null);
  return (
    <div className="stack mixer-page">
      <header className="ptm-head">
        {back}
        <h1>{m.name}</h1>
        <p className="badges">
          <span className={m.status === 'running' ? 'badge badge-shared' : m.status === 'draft' ? 'badge badge-waiting' : 'badge badge-quiet'}>
            {m.status === 'draft' ? 'Planned, not started' : m.status === 'running' ? 'On now' : 'Finished'}
          </span>
          <span className="badge badge-quiet">
            {plural(m.participants.filter((p) => p.absentFrom === null).length, 'person', 'people')}
            {away > 0 && ` · ${away} away`}
          </span>
          <span className="badge badge-quiet">
            {plural(m.rounds, 'round', 'rounds')} of {m.minutesPerRound} min
          </span>
          <span className="badge badge-quiet">
            {plural(m.tables, 'table', 'tables')} of {m.tableSize}
          </span>
        </p>
        {takingPart && (
          <p>
            <Link to={`/e/${eventId}/mixers/${m.id}/me`}>You take part too: see your own table</Link>
          </p>
        )}
      </header>
      {m.status === 'draft' && <DraftView event={event} mixer={m} />}
      {m.status === 'running' && <RunningView event={event} mixer={m} />}
      {m.status === 'finished' && <FinishedView event={event} mixer={m} />}
    </div>
  );
}

function PrintLinks({ eventId, mixerId }: { eventId: string; mixerId: string }) {
  return (
    <section className="stack-xs mixer-print-links" aria-label="Print">
      <p className="muted small">For people without a phone:</p>
      <div className="actions">
        <Link to={`/e/${eventId}/mixers/${mixerId}/print?view=cards`} className="button button-small button-secondary">
          Print table cards
        </Link>
        <Link to={`/e/${eventId}/mixers/${mixerId}/print?view=sheets`} className="button button-small button-secondary">
          Print round sheets
        </Link>
      </div>
    </section>
  );
}

function PlanSection({ mixer, title = 'The plan' }: { mixer: Mixer; title?: string }) {
  const titleId = useId();
  return (
    <section className="stack-sm" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        {title}
      </h2>
      <MixerPlanGrid mixer={mixer} highlightRound={mixer.status === 'running' ? mixer.currentRound : undefined} />
      <p className="muted small">How it was planned: {mixer.method}.</p>
    </section>
  );
}

/** The organizers' own rules, as the plan keeps them: pairs kept apart and hosts who stay at a table. */
function MixerRules({ mixer }: { mixer: Mixer }) {
  const names = new Map(mixer.participants.map((p) => [p.id, p.name]));
  const labels = new Map(mixer.plan.rounds.flatMap((round) => round.tables.map((table) => [table.table, table.label] as const)));
  const hosts = mixer.participants.filter((p) => p.pinnedTable !== null && p.absentFrom === null).sort((a, b) => a.name.localeCompare(b.name));
  if (mixer.apart.length === 0 && hosts.length === 0) return null;
  return (
    <ul className="mixer-rules-summary" aria-label="Rules of the plan">
      {mixer.apart.length > 0 && (
        <li>
          <span className="mixer-rules-kind">Kept apart</span>{' '}
          {mixer.apart.map(([a, b]) => `${names.get(a) ?? 'someone who left'} and ${names.get(b) ?? 'someone who left'}`).join('; ')}
        </li>
      )}
      {hosts.length > 0 && (
        <li>
          <span className="mixer-rules-kind">{hosts.length === 1 ? 'Host' : 'Hosts'}</span>{' '}
          {hosts.map((p) => `${p.name} at ${labels.get(p.pinnedTable!) ?? `table ${p.pinnedTable}`}`).join('; ')}
        </li>
      )}
    </ul>
  );
}

function DeleteMixer({ event, mixer }: { event: EventView; mixer: Mixer }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [asking, setAsking] = useState(false);
  const remove = useMutation({
    mutationFn: () => mixerApi.remove(event.id, mixer.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: mixerKeys.mixer(event.id, mixer.id) });
      void refreshMixers(queryClient, event.id);
      notify(`${mixer.name} is deleted`);
      void navigate(`/e/${event.id}/mixers`, { replace: true });
    },
  });
  return (
    <>
      <button
        type="button"
        className="button button-small button-quiet button-danger-text"
        onClick={() => {
          remove.reset();
          setAsking(true);
        }}
      >
        Delete mixer
      </button>
      <ConfirmDialog
        open={asking}
        title={`Delete ${mixer.name}?`}
        confirmLabel="Delete mixer"
        danger
        busy={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => setAsking(false)}
      >
        <p>{mixer.status === 'draft' ? 'Its plan goes. Nobody has been told of it yet.' : 'Its plan goes. Who met whom at its tables stays recorded.'}</p>
        <FormMessage error={remove.error} />
      </ConfirmDialog>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Draft: the preview

function DraftView({ event, mixer }: { event: EventView; mixer: Mixer }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [editing, setEditing] = useState(false);
  const [starting, setStarting] = useState(false);
  const save = useMutation({
    mutationFn: (change: MixerChange) => mixerApi.update(eventId, mixer.id, change),
    onSuccess: (updated) => {
      void storeMixer(queryClient, eventId, updated);
      setEditing(false);
      notify('Saved and re-planned');
    },
  });
  const start = useMutation({
    mutationFn: () => mixerApi.start(eventId, mixer.id),
    onSuccess: (updated) => {
      void storeMixer(queryClient, eventId, updated);
      setStarting(false);
      notify(`Round 1 has started. Everyone’s phone shows their table.`);
    },
  });

  if (editing) {
    return (
      <MixerForm
        eventId={eventId}
        mixer={mixer}
        busy={save.isPending}
        error={save.error}
        onSubmit={(change) => {
          if (Object.keys(change).length === 0) setEditing(false);
          else save.mutate(change);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  }

  return (
    <>
      <section className="card stack-sm mixer-preview" aria-labelledby="preview-title">
        <h2 id="preview-title" className="card-title">
          The plan, before it starts
        </h2>
        <MixerFigures figures={mixer.figures} context={figureContext(mixer)}>
          <MixerRules mixer={mixer} />
        </MixerFigures>
        <p className="muted small">Nobody is told anything until you start. Then each phone shows its person’s table, round by round.</p>
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            onClick={() => {
              start.reset();
              setStarting(true);
            }}
          >
            Start
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              save.reset();
              setEditing(true);
            }}
          >
            Edit
          </button>
          <DeleteMixer event={event} mixer={mixer} />
        </div>
      </section>
      <PrintLinks eventId={eventId} mixerId={mixer.id} />
      <PlanSection mixer={mixer} />
      <ConfirmDialog
        open={starting}
        title={`Start ${mixer.name}?`}
        confirmLabel="Start round 1"
        busy={start.isPending}
        onConfirm={() => start.mutate()}
        onCancel={() => setStarting(false)}
      >
        <p>
          Everyone taking part is told their table for round 1 at once. The round lasts {plural(mixer.minutesPerRound, 'minute', 'minutes')}
          {mixer.autoAdvance ? '; the next ones start by themselves.' : '; you start each next round.'}
        </p>
        <FormMessage error={start.error} />
      </ConfirmDialog>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Running

function RunningView({ event, mixer }: { event: EventView; mixer: Mixer }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [finishing, setFinishing] = useState(false);
  const [autoWanted, setAutoWanted] = useState<boolean>();
  const last = mixer.currentRound >= mixer.rounds;

  const advance = useMutation({
    mutationFn: () => mixerApi.advance(eventId, mixer.id, mixer.currentRound),
    onSuccess: (updated) => {
      void storeMixer(queryClient, eventId, updated);
      notify(updated.status === 'finished' ? `${updated.name} is over. Thank you!` : `Round ${updated.currentRound} has started. Everyone is told their table.`);
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 409) {
        try {
          const fresh = await queryClient.fetchQuery({ queryKey: mixerKeys.mixer(eventId, mixer.id), queryFn: () => mixerApi.get(eventId, mixer.id), staleTime: 0 });
          notify(
            fresh.status === 'finished'
              ? 'Someone else finished the mixer a moment ago.'
              : `Someone else moved on first: round ${fresh.currentRound} is on now. Nothing else changed.`,
          );
        } catch {
          // The mixer could not be read again (the network, say): the server's own words still say what happened.
          notify(errorMessage(error));
        }
        return;
      }
      notify(errorMessage(error), 'error');
    },
  });
  const finish = useMutation({
    mutationFn: () => mixerApi.finish(eventId, mixer.id),
    onSuccess: (updated) => {
      void storeMixer(queryClient, eventId, updated);
      setFinishing(false);
      notify(`${updated.name} is over. Everyone is told.`);
    },
  });
  // Next round and Finish each wait for the other: a tap on one while the other is on its way would act on a round that is over.
  const moving = advance.isPending || finish.isPending;
  const settings = useMutation({
    mutationFn: (change: MixerChange) => mixerApi.update(eventId, mixer.id, change),
    onSuccess: (updated, change) => {
      void storeMixer(queryClient, eventId, updated);
      if ('autoAdvance' in change) notify(updated.autoAdvance ? 'Rounds now start by themselves' : 'You start each round now');
      else notify('Saved');
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });

  return (
    <>
      <section className="card mixer-now" aria-labelledby="now-title">
        <div className="mixer-now-status">
          <p className="eyebrow" id="now-title">
            On now
          </p>
          <p className="mixer-now-round">
            Round <strong>{mixer.currentRound}</strong> <span className="mixer-now-of">of {mixer.rounds}</span>
          </p>
          <Countdown endsAt={mixer.roundEndsAt} className="mixer-now-clock" />
          <p className="muted small">
            {last
              ? mixer.autoAdvance
                ? 'This is the last round: the mixer ends by itself when the time is up.'
                : 'This is the last round. Press Finish when the time is up.'
              : mixer.autoAdvance
                ? `Round ${mixer.currentRound + 1} starts by itself when the time is up.`
                : `When the time is up, press Next round: round ${mixer.currentRound + 1} starts and every phone shows its new table.`}
          </p>
        </div>
        <div className="mixer-now-controls">
          <div className="actions mixer-now-actions">
            {!last && (
              <button type="button" className="button button-primary mixer-next" onClick={() => advance.mutate()} disabled={moving}>
                {advance.isPending ? 'Moving on…' : 'Next round'}
              </button>
            )}
            <button
              type="button"
              className={`button ${last ? 'button-primary mixer-next' : 'button-secondary'}`}
              disabled={moving}
              onClick={() => {
                finish.reset();
                setFinishing(true);
              }}
            >
              Finish
            </button>
          </div>
          <div className="check mixer-auto">
            <input
              id="mixer-auto"
              type="checkbox"
              checked={autoWanted ?? mixer.autoAdvance}
              disabled={settings.isPending}
              onChange={(e) => {
                // Shown at once (a controlled box waiting for the mutation's state would flick back for a moment).
                setAutoWanted(e.target.checked);
                settings.mutate({ autoAdvance: e.target.checked }, { onSettled: () => setAutoWanted(undefined) });
              }}
            />
            <label htmlFor="mixer-auto">
              Move on by itself
              <span className="field-hint">The next round starts when the time is up.</span>
            </label>
          </div>
          {/* Keyed by the length saved, so that a change made by another organizer shows here too. */}
          <RoundLength key={mixer.minutesPerRound} mixer={mixer} busy={settings.isPending} onSave={(minutesPerRound) => settings.mutate({ minutesPerRound })} />
        </div>
      </section>

      <section className="stack-sm" aria-labelledby="figures-title">
        <h2 id="figures-title" className="section-title">
          How the plan stands
        </h2>
        <MixerFigures figures={mixer.figures} context={figureContext(mixer)}>
          <MixerRules mixer={mixer} />
        </MixerFigures>
      </section>

      {!last && <Attendance event={event} mixer={mixer} />}
      <PlanSection mixer={mixer} title="Who sits where" />
      <PrintLinks eventId={eventId} mixerId={mixer.id} />

      <ConfirmDialog
        open={finishing}
        title={`Finish ${mixer.name}?`}
        confirmLabel="Finish"
        busy={finish.isPending}
        onConfirm={() => finish.mutate()}
        onCancel={() => setFinishing(false)}
      >
        <p>{last ? 'Everyone is told the mixer is over.' : `Rounds ${mixer.currentRound + 1} to ${mixer.rounds} will not take place. Everyone is told the mixer is over.`}</p>
        <FormMessage error={finish.error} />
      </ConfirmDialog>
    </>
  );
}

function RoundLength({ mixer, busy, onSave }: { mixer: Mixer; busy: boolean; onSave(minutes: number): void }) {
  const [minutes, setMinutes] = useState(String(mixer.minutesPerRound));
  const n = Number(minutes);
  const valid = Number.isInteger(n) && n >= 1 && n <= 240;
  return (
    <form
      className="mixer-length"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (valid && n !== mixer.minutesPerRound) onSave(n);
      }}
    >
      <TextField
        label="Minutes per round"
        hint="Changes when this round ends too."
        type="number"
        inputMode="numeric"
        min={1}
        max={240}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
        error={minutes.trim() !== '' && !valid ? 'A round lasts 1 to 240 minutes.' : undefined}
      />
      <button type="submit" className="button button-small button-secondary" disabled={busy || !valid || n === mixer.minutesPerRound}>
        Save
      </button>
    </form>
  );
}

/** Names shown at once for a search; typing more of the name finds the rest. */
const SEARCH_SHOWN = 8;

/** Who is here before the next round: mark no-shows and leavers, and add people who arrived. */
function Attendance({ event, mixer }: { event: EventView; mixer: Mixer }) {
  const eventId = event.id;
  const searchId = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const members = useMembers(eventId);
  const [search, setSearch] = useState('');
  const [result, setResult] = useState<string>();
  const next = mixer.currentRound + 1;
  const later = next === mixer.rounds ? `round ${next}` : `rounds ${next}–${mixer.rounds}`;

  const mark = useMutation({
    mutationFn: (change: { absent?: string[]; present?: string[]; name: string }) =>
      mixerApi.attendance(eventId, mixer.id, { ...(change.absent ? { absent: change.absent } : {}), ...(change.present ? { present: change.present } : {}) }),
    onSuccess: (updated, change) => {
      void storeMixer(queryClient, eventId, updated);
      const f = updated.figures;
      setResult(
        `${change.absent ? `${change.name} is away from round ${next}` : `${change.name} takes part from round ${next}`}. ${next === updated.rounds ? `Round ${next} is` : `Rounds ${next}–${updated.rounds} are`} re-planned: ${plural(f.repeatPairs, 'repeat pair', 'repeat pairs')}, ${plural(f.distinctPairs, 'new pair', 'new pairs')} in all.`,
      );
      setSearch('');
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });

  const participants = new Map(mixer.participants.map((p) => [p.id, p]));
  const away = mixer.participants.filter((p) => p.absentFrom !== null).sort((a, b) => a.name.localeCompare(b.name));
  const needle = search.trim().toLowerCase();
  // A name matches where one of its words starts with what was typed ("an" finds Ana Lima, not Hana).
  const matches = (name: string) => name.toLowerCase().split(/\s+/).some((word) => word.startsWith(needle)) || (needle.length >= 3 && name.toLowerCase().includes(needle));
  type Row = { id: string; name: string; state: 'here' | 'away' | 'new' };
  const rows: Row[] = [];
  if (needle) {
    for (const p of mixer.participants) if (matches(p.name)) rows.push({ id: p.id, name: p.name, state: p.absentFrom === null ? 'here' : 'away' });
    for (const m of members.data ?? []) {
      if (participants.has(m.userId) || m.status === 'left' || m.status === 'invited') continue;
      if (matches(m.displayName)) rows.push({ id: m.userId, name: m.displayName, state: 'new' });
    }
    rows.sort((a, b) => a.name.localeCompare(b.name));
  }
  const shown = rows.slice(0, SEARCH_SHOWN);
  const busyFor = (id: string) => mark.isPending && (mark.variables.absent?.[0] === id || mark.variables.present?.[0] === id);

  const action = (row: Row) => (
    <button
      type="button"
      className={`button button-small ${row.state === 'here' ? 'button-secondary' : 'button-primary'}`}
      // One change at a time: each re-plans the rounds to come from the one before.
      disabled={mark.isPending}
      aria-label={row.state === 'here' ? `${row.name} is not here` : row.state === 'away' ? `${row.name} is back` : `Add ${row.name} from round ${next}`}
      onClick={() => {
        setResult(undefined);
        mark.mutate(row.state === 'here' ? { absent: [row.id], name: row.name } : { present: [row.id], name: row.name });
      }}
    >
      {busyFor(row.id) ? 'Re-planning…' : row.state === 'here' ? 'Not here' : row.state === 'away' ? 'Back' : 'Add'}
    </button>
  );

  return (
    <section className="card stack-sm" aria-labelledby="attendance-title">
      <h2 id="attendance-title" className="card-title">
        Who is here for round {next}
      </h2>
      <p className="muted small">
        Someone left, or never came? Someone arrived late? Say so before the next round: {later} {next === mixer.rounds ? 'is' : 'are'} re-planned around them, and
        this round’s tables stay as they are.
      </p>
      <label htmlFor={searchId} className="visually-hidden">
        Find a person by name
      </label>
      <input
        id={searchId}
        type="search"
        className="input input-search"
        placeholder="Find a person by name"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {needle && (
        <ul className="mixer-attendance" aria-label="People found">
          {rows.length === 0 && <li className="mixer-person-row muted">No one of that name is at the event.</li>}
          {shown.map((row) => (
            <li key={row.id} className="mixer-person-row">
              <span className="stack-xs">
                <span className="mixer-person-name">{row.name}</span>
                <span className="muted small">{row.state === 'here' ? 'Taking part' : row.state === 'away' ? 'Away' : 'Not in this mixer yet'}</span>
              </span>
              {action(row)}
            </li>
          ))}
          {rows.length > shown.length && (
            <li className="mixer-person-row muted small">
              {plural(rows.length - shown.length, 'more person', 'more people')}: type more of the name.
            </li>
          )}
        </ul>
      )}
      {away.length > 0 && (
        <div className="stack-xs">
          <h3 className="subhead">Away ({away.length})</h3>
          <ul className="mixer-attendance" aria-label="Away">
            {away.map((p) => (
              <li key={p.id} className="mixer-person-row">
                <span className="stack-xs">
                  <span className="mixer-person-name">{p.name}</span>
                  <span className="muted small">from round {p.absentFrom}</span>
                </span>
                {action({ id: p.id, name: p.name, state: 'away' })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div aria-live="polite">
        {mark.isPending ? (
          <p className="form-message mixer-replanning">
            Re-planning {later} {mark.variables.absent ? 'without' : 'with'} {mark.variables.name}… This takes a few seconds.
          </p>
        ) : (
          result && <p className="form-message form-message-success">{result}</p>
        )}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Finished

/** What happened in the rounds played (not what the plan of all rounds would have given). */
function PlayedFigures({ mixer }: { mixer: Mixer }) {
  const played = playedFigures(mixer.plan.rounds);
  const met = played.people > 0 ? (2 * played.pairs) / played.people : 0;
  return (
    <ul className="mixer-figures" aria-label="Who met">
      <li>
        <strong>{played.people}</strong> {played.people === 1 ? 'person' : 'people'} took part
      </li>
      <li>
        <strong>{played.pairs}</strong> {played.pairs === 1 ? 'pair' : 'pairs'} met
      </li>
      <li>
        each person met {Number.isInteger(met) ? '' : 'about '}
        <strong>{Math.round(met)}</strong> {Math.round(met) === 1 ? 'person' : 'people'}
      </li>
      <li>
        {played.repeats === 0 ? (
          <>
            <strong>No one</strong> sat with the same person twice
          </>
        ) : (
          <>
            <strong>{played.repeats}</strong> {played.repeats === 1 ? 'repeat' : 'repeats'}: two people at one table again
          </>
        )}
      </li>
    </ul>
  );
}

function FinishedView({ event, mixer }: { event: EventView; mixer: Mixer }) {
  const played = Math.max(mixer.currentRound, 0);
  // Rounds never played are left out of who sat where.
  const asPlayed = { ...mixer, plan: { rounds: mixer.plan.rounds.filter((r) => r.round <= played) } };
  return (
    <>
      <section className="card stack-sm" aria-labelledby="finished-title">
        <h2 id="finished-title" className="card-title">
          {played < mixer.rounds ? `Finished after ${played} of ${mixer.rounds} rounds` : `Finished after ${plural(played, 'round', 'rounds')}`}
        </h2>
        {played > 0 && <PlayedFigures mixer={asPlayed} />}
        <div className="actions">
          <DeleteMixer event={event} mixer={mixer} />
        </div>
      </section>
      {played > 0 && <PlanSection mixer={asPlayed} title="Who sat where" />}
    </>
  );
}
