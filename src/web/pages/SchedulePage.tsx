import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, fieldError, unwrap, type EventView, type MeetingSlot, type MeetingTable, type PersonBrief } from '../api/client.js';
import { keys, useEvent, useSchedule } from '../api/queries.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { SelectField, TextField } from '../components/Field.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { formatEventSpan, formatSlotRange, utcToZonedLocal, zonedLocalToUtcIso } from '../time.js';

/** Above this many tables the grid is too wide for a phone or a sheet of A4: one block per slot instead. */
const GRID_MAX_TABLES = 6;

interface ScheduledMeeting {
  id: string;
  slotId: string | null;
  tableId: string | null;
  people: PersonBrief[];
  held: boolean;
}

export function SchedulePage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `Meeting schedule · ${event.data.name}` : 'Meeting schedule');

  if (event.isPending) return <Loading lines={6} label="Loading the schedule…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  if (event.data.myRole !== 'organizer') {
    return (
      <EmptyState title="Only the organizers see the schedule">
        <Link to={`/e/${eventId}/meetings`} className="button button-secondary">
          See your own meetings
        </Link>
      </EmptyState>
    );
  }
  return <ScheduleView event={event.data} />;
}

function percent(rate: number | null): string | undefined {
  return rate === null ? undefined : `${Math.round(rate * 100)}%`;
}

const pair = (meeting: ScheduledMeeting) => meeting.people.map((p) => p.name).join(' & ');

function ScheduleView({ event }: { event: EventView }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const schedule = useSchedule(eventId);
  const [asking, setAsking] = useState(false);
  const replan = useMutation({
    mutationFn: () => unwrap(api.POST('/api/events/{eventId}/schedule/replan', { params: { path: { eventId } } })),
    onSuccess: () => {
      setAsking(false);
      void queryClient.invalidateQueries({ queryKey: keys.schedule(eventId) });
    },
  });

  const header = (
    <header className="ptm-head">
      <Link to={`/e/${eventId}`} className="back-link no-print">
        <span aria-hidden="true">←</span> {event.name}
      </Link>
      <p className="print-only print-event">
        {event.name} · {formatEventSpan(event.startsAt, event.endsAt, event.timeZone)}
      </p>
      <h1>Meeting schedule</h1>
      <p className="lead no-print">Who meets whom, when and at which table. Print it for the front desk.</p>
    </header>
  );

  if (schedule.isPending) {
    return (
      <div className="stack">
        {header}
        <Loading lines={6} label="Loading the schedule…" />
      </div>
    );
  }
  if (schedule.isError) {
    return (
      <div className="stack">
        {header}
        <ErrorState error={schedule.error} onRetry={() => void schedule.refetch()} />
      </div>
    );
  }

  const { slots, tables, meetings, figures } = schedule.data;
  const rate = percent(figures.acceptanceRate);
  const waiting = meetings.filter((m) => !m.slotId || !m.tableId);
  const result = replan.data;

  return (
    <div className="stack schedule-page">
      {header}

      <dl className="figures" aria-label="Figures">
        <div className="figure">
          <dt>Requests</dt>
          <dd>{figures.requests}</dd>
          <dd className="figure-note">{figures.waitingForAnswer} waiting for an answer</dd>
        </div>
        <div className="figure">
          <dt>Accepted</dt>
          <dd>{figures.accepted}</dd>
          <dd className="figure-note">{rate ? `${rate} of those answered` : 'No answers yet'}</dd>
        </div>
        <div className="figure">
          <dt>Placed</dt>
          <dd>
            {figures.placed}
            <span className="figure-of"> of {figures.meetings}</span>
          </dd>
          <dd className="figure-note">meetings with a time and table</dd>
        </div>
        <div className="figure">
          <dt>Held</dt>
          <dd>{figures.held}</dd>
          <dd className="figure-note">confirmed by both</dd>
        </div>
      </dl>

      <div className="actions no-print">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            replan.reset();
            setAsking(true);
          }}
          disabled={slots.length === 0 || tables.length === 0}
        >
          Re-plan
        </button>
        <button type="button" className="button button-secondary" onClick={() => window.print()}>
          Print
        </button>
      </div>
      <div className="no-print" aria-live="polite">
        {result && (
          <p className="form-message form-message-success">
            Re-planned: {result.placed} of {result.meetings} meetings have a time and table
            {result.upperBound < result.meetings ? ` (with these slots, tables and people’s times, at most ${result.upperBound} can)` : ''}.{' '}
            {result.moved === 0 ? 'No one had to move.' : `${result.moved} ${result.moved === 1 ? 'meeting moved; its two people were' : 'meetings moved; their people were'} told.`}
          </p>
        )}
      </div>

      <section className="stack-sm" aria-labelledby="grid-title">
        <h2 id="grid-title" className="section-title">
          By slot and table
        </h2>
        {slots.length === 0 || tables.length === 0 ? (
          <EmptyState title={slots.length === 0 ? 'No time slots yet' : 'No tables yet'}>
            <p>Add time slots and tables below. Accepted meetings are placed as soon as there is room.</p>
          </EmptyState>
        ) : (
          <ScheduleGrid slots={slots} tables={tables} meetings={meetings} timeZone={event.timeZone} />
        )}
      </section>

      {waiting.length > 0 && (
        <section className="stack-sm schedule-waiting" aria-labelledby="waiting-title">
          <h2 id="waiting-title" className="section-title">
            Waiting for a time and table ({waiting.length})
          </h2>
          <p className="muted small no-print">They are placed as soon as a slot suits both people and a table is free. Adding slots or tables, or a re-plan, may help.</p>
          <ul className="plain-list">
            {waiting.map((m) => (
              <li key={m.id}>{pair(m)}</li>
            ))}
          </ul>
        </section>
      )}

      <div className="two-col no-print">
        <SlotsPanel event={event} slots={slots} meetings={meetings} />
        <TablesPanel eventId={eventId} tables={tables} meetings={meetings} />
      </div>

      <ConfirmDialog
        open={asking}
        title="Re-plan the meetings still to come?"
        confirmLabel="Re-plan"
        busy={replan.isPending}
        onConfirm={() => replan.mutate()}
        onCancel={() => setAsking(false)}
      >
        <p>Meetings in slots still to come may move, to give as many meetings as possible a time and a table. Everyone whose meeting moves is told.</p>
        <FormMessage error={replan.error} />
      </ConfirmDialog>
    </div>
  );
}

function ScheduleGrid({ slots, tables, meetings, timeZone }: { slots: MeetingSlot[]; tables: MeetingTable[]; meetings: ScheduledMeeting[]; timeZone: string }) {
  const at = new Map(meetings.filter((m) => m.slotId && m.tableId).map((m) => [`${m.slotId}|${m.tableId}`, m]));
  const wide = tables.length > GRID_MAX_TABLES;
  const days = new Set(slots.map((s) => utcToZonedLocal(s.startsAt, timeZone).slice(0, 10))).size;
  const when = (slot: MeetingSlot) => formatSlotRange(slot.startsAt, slot.endsAt, timeZone, { withDay: days > 1 });

  const cell = (m: ScheduledMeeting | undefined) =>
    m ? (
      <span className={`grid-pair${m.held ? ' is-held' : ''}`}>
        {m.people.map((p) => (
          <span key={p.id} className="grid-name">
            {p.name}
          </span>
        ))}
        {m.held && <span className="grid-held">met ✓</span>}
      </span>
    ) : (
      <span className="grid-free" aria-label="free">
        –
      </span>
    );

  return (
    <div className={`schedule${wide ? ' is-wide' : ''}`}>
      <div className="grid-scroll" role="region" aria-label="Meetings by slot and table" tabIndex={0}>
        <table className="schedule-grid">
          <thead>
            <tr>
              <th scope="col">Time</th>
              {tables.map((t) => (
                <th key={t.id} scope="col">
                  {t.label}
                  {t.locationHint && <span className="grid-hint">{t.locationHint}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {slots.map((s) => (
              <tr key={s.id}>
                <th scope="row">
                  {when(s)}
                  {s.label && <span className="grid-hint">{s.label}</span>}
                </th>
                {tables.map((t) => (
                  <td key={t.id}>{cell(at.get(`${s.id}|${t.id}`))}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <ol className="schedule-blocks" aria-label="Meetings by slot">
        {slots.map((s) => {
          const here = tables.map((t) => ({ table: t, meeting: at.get(`${s.id}|${t.id}`) })).filter((x) => x.meeting);
          return (
            <li key={s.id} className={`slot-block${here.length === 0 ? ' is-empty' : ''}`}>
              <h3 className="slot-block-title">
                {when(s)}
                {s.label && <span className="grid-hint"> · {s.label}</span>}
              </h3>
              {here.length === 0 ? (
                <p className="muted small">No meetings</p>
              ) : (
                <ul className="slot-block-list">
                  {here.map(({ table, meeting }) => (
                    <li key={table.id}>
                      <span className="slot-block-table">{table.label}</span>
                      <span>
                        {pair(meeting!)}
                        {meeting!.held && <span className="grid-held"> · met ✓</span>}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}

const SPLITS = [
  { value: '', label: 'One slot' },
  { value: '10', label: '10 minutes each' },
  { value: '15', label: '15 minutes each' },
  { value: '20', label: '20 minutes each' },
  { value: '30', label: '30 minutes each' },
  { value: '45', label: '45 minutes each' },
  { value: '60', label: '1 hour each' },
];

/** Wall-clock arithmetic on `datetime-local` values: minutes later, on the same clocks. */
function addMinutes(local: string, minutes: number): string {
  return new Date(Date.parse(`${local}Z`) + minutes * 60_000).toISOString().slice(0, 16);
}

function minutesBetween(start: string, end: string): number {
  return (Date.parse(`${end}Z`) - Date.parse(`${start}Z`)) / 60_000;
}

/** The slots a start, an end and a length make: [start, end) pieces, the last one whole only. */
function pieces(start: string, end: string, split: string): { start: string; end: string }[] {
  const total = minutesBetween(start, end);
  if (!(total > 0)) return [];
  const length = Number(split);
  if (!split || !(length > 0) || length >= total) return [{ start, end }];
  const out = [];
  for (let at = 0; at + length <= total && out.length < 100; at += length) out.push({ start: addMinutes(start, at), end: addMinutes(start, at + length) });
  return out;
}

function SlotsPanel({ event, slots, meetings }: { event: EventView; slots: MeetingSlot[]; meetings: ScheduledMeeting[] }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const timeZone = event.timeZone;
  const last = slots[slots.length - 1];
  const initialStart = utcToZonedLocal(last ? last.endsAt : event.startsAt, timeZone);
  const [start, setStart] = useState(initialStart);
  const [end, setEnd] = useState(addMinutes(initialStart, 60));
  const [split, setSplit] = useState('20');
  const [label, setLabel] = useState('');
  const [problem, setProblem] = useState<string>();
  const [deleting, setDeleting] = useState<MeetingSlot>();
  const planned = pieces(start, end, split);

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.schedule(eventId) }), queryClient.invalidateQueries({ queryKey: keys.slots(eventId) })]);

  const add = useMutation({
    mutationFn: async (list: { start: string; end: string }[]) => {
      let added = 0;
      try {
        for (const piece of list) {
          const startsAt = zonedLocalToUtcIso(piece.start, timeZone);
          const endsAt = zonedLocalToUtcIso(piece.end, timeZone);
          if (!startsAt || !endsAt) throw new Error('Please choose when the slots start and end.');
          await unwrap(api.POST('/api/events/{eventId}/slots', { params: { path: { eventId } }, body: { startsAt, endsAt, ...(label.trim() ? { label: label.trim() } : {}) } }));
          added++;
        }
      } catch (error) {
        // Those added before the one that failed stay added: say so.
        throw added > 0 ? new Error(`Added ${added} of ${list.length} slots. Then: ${errorMessage(error)}`) : error;
      } finally {
        await refresh();
      }
      return added;
    },
    onSuccess: (added, list) => {
      notify(added === 1 ? 'Slot added' : `${added} slots added`);
      const next = list[list.length - 1]!.end;
      setStart(next);
      setEnd(addMinutes(next, minutesBetween(start, end)));
    },
  });

  const remove = useMutation({
    mutationFn: (slot: MeetingSlot) => unwrap(api.DELETE('/api/events/{eventId}/slots/{slotId}', { params: { path: { eventId, slotId: slot.id } } })),
    onSuccess: () => {
      setDeleting(undefined);
      notify('Slot deleted');
      void refresh();
    },
    onError: (error) => {
      if (!deleting) notify(errorMessage(error), 'error');
    },
  });

  const inSlot = (slot: MeetingSlot) => meetings.filter((m) => m.slotId === slot.id).length;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!start || !end || minutesBetween(start, end) <= 0) {
      setProblem('A slot must end after it starts.');
      return;
    }
    setProblem(undefined);
    add.mutate(planned);
  }

  return (
    <section className="card stack-sm" aria-labelledby="slots-title">
      <h2 id="slots-title" className="card-title">
        Time slots
      </h2>
      <p className="muted small">Times for 1:1 meetings, on the event’s clocks ({timeZone.replace(/_/g, ' ')}). Slots may not overlap.</p>
      {slots.length === 0 ? (
        <p className="muted">No slots yet.</p>
      ) : (
        <ul className="token-list" aria-label="Time slots">
          {slots.map((slot) => {
            const count = inSlot(slot);
            const when = formatSlotRange(slot.startsAt, slot.endsAt, timeZone);
            return (
              <li key={slot.id} className="token-row">
                <div>
                  <p className="token-name">{when}</p>
                  <p className="muted small">
                    {[slot.label, count === 0 ? 'no meetings' : `${count} ${count === 1 ? 'meeting' : 'meetings'}`].filter(Boolean).join(' · ')}
                  </p>
                </div>
                <button
                  type="button"
                  className="button button-quiet button-danger-text button-small"
                  aria-label={`Delete slot ${when}`}
                  disabled={remove.isPending && remove.variables.id === slot.id}
                  onClick={() => {
                    remove.reset();
                    if (count > 0) setDeleting(slot);
                    else remove.mutate(slot);
                  }}
                >
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <form className="form token-form" onSubmit={submit} noValidate>
        <h3 className="subhead">Add slots</h3>
        <TextField label="From" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required />
        <TextField label="To" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} error={problem} required />
        <div className="field-row">
          <SelectField label="Split into" value={split} onChange={setSplit} options={SPLITS} />
          <TextField label="Label (optional)" value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} placeholder="e.g. Coffee break" />
        </div>
        <FormMessage error={add.error} />
        <div className="actions">
          <button type="submit" className="button button-secondary" disabled={add.isPending || planned.length === 0}>
            {add.isPending ? 'Adding…' : planned.length > 1 ? `Add ${planned.length} slots` : 'Add slot'}
          </button>
        </div>
      </form>

      <ConfirmDialog
        open={Boolean(deleting)}
        title="Delete this slot?"
        confirmLabel="Delete slot"
        danger
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => setDeleting(undefined)}
      >
        <p>
          {deleting && inSlot(deleting) === 1 ? 'A meeting is in it. It moves' : `${deleting ? inSlot(deleting) : 0} meetings are in it. They move`} to another
          slot where they fit, or wait for one; their people are told.
        </p>
        <FormMessage error={remove.error} />
      </ConfirmDialog>
    </section>
  );
}

function TablesPanel({ eventId, tables, meetings }: { eventId: string; tables: MeetingTable[]; meetings: ScheduledMeeting[] }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [count, setCount] = useState('5');
  const [where, setWhere] = useState('');
  const [name, setName] = useState('');
  const [nameWhere, setNameWhere] = useState('');
  const [deleting, setDeleting] = useState<MeetingTable>();

  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey: keys.schedule(eventId) }), queryClient.invalidateQueries({ queryKey: keys.tables(eventId) })]);

  const addNumbered = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/events/{eventId}/tables', { params: { path: { eventId } }, body: { count: Number(count), ...(where.trim() ? { locationHint: where.trim() } : {}) } })),
    onSuccess: (added) => {
      notify(added.length === 1 ? `${added[0]!.label} added` : `${added.length} tables added`);
      void refresh();
    },
  });
  const addNamed = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/events/{eventId}/tables', { params: { path: { eventId } }, body: { label: name.trim(), ...(nameWhere.trim() ? { locationHint: nameWhere.trim() } : {}) } })),
    onSuccess: (added) => {
      notify(`${added[0]?.label ?? 'Table'} added`);
      setName('');
      setNameWhere('');
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (table: MeetingTable) => unwrap(api.DELETE('/api/events/{eventId}/tables/{tableId}', { params: { path: { eventId, tableId: table.id } } })),
    onSuccess: (_, table) => {
      setDeleting(undefined);
      notify(`${table.label} deleted`);
      void refresh();
    },
    onError: (error) => {
      if (!deleting) notify(errorMessage(error), 'error');
    },
  });
  const atTable = (table: MeetingTable) => meetings.filter((m) => m.tableId === table.id).length;
  const n = Number(count);

  return (
    <section className="card stack-sm" aria-labelledby="tables-title">
      <h2 id="tables-title" className="card-title">
        Tables
      </h2>
      <p className="muted small">Where meetings take place. A hint helps people find them.</p>
      {tables.length === 0 ? (
        <p className="muted">No tables yet.</p>
      ) : (
        <ul className="token-list" aria-label="Tables">
          {tables.map((table) => {
            const used = atTable(table);
            return (
              <li key={table.id} className="token-row">
                <div>
                  <p className="token-name">{table.label}</p>
                  <p className="muted small">{[table.locationHint, used === 0 ? 'no meetings' : `${used} ${used === 1 ? 'meeting' : 'meetings'}`].filter(Boolean).join(' · ')}</p>
                </div>
                <button
                  type="button"
                  className="button button-quiet button-danger-text button-small"
                  aria-label={`Delete ${table.label}`}
                  disabled={remove.isPending && remove.variables.id === table.id}
                  onClick={() => {
                    remove.reset();
                    if (used > 0) setDeleting(table);
                    else remove.mutate(table);
                  }}
                >
                  Delete
                </button>
              </li>
            );
          })}
        </ul>
      )}

      <form
        className="form token-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          addNumbered.mutate();
        }}
      >
        <h3 className="subhead">Add numbered tables</h3>
        <div className="field-row">
          <TextField
            label="How many"
            type="number"
            inputMode="numeric"
            min={1}
            max={500}
            value={count}
            onChange={(e) => setCount(e.target.value)}
            error={fieldError(addNumbered.error, 'count')}
          />
          <TextField label="Where (optional)" value={where} onChange={(e) => setWhere(e.target.value)} maxLength={120} placeholder="e.g. main hall" />
        </div>
        <FormMessage error={addNumbered.error && !fieldError(addNumbered.error, 'count') ? addNumbered.error : undefined} />
        <div className="actions">
          <button type="submit" className="button button-secondary" disabled={addNumbered.isPending || !(n >= 1 && n <= 500)}>
            {addNumbered.isPending ? 'Adding…' : n >= 1 && n <= 500 ? `Add ${n} ${n === 1 ? 'table' : 'tables'}` : 'Add tables'}
          </button>
        </div>
      </form>

      <form
        className="form token-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          addNamed.mutate();
        }}
      >
        <h3 className="subhead">Add a named table</h3>
        <div className="field-row">
          <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={40} placeholder="e.g. Garden bench" error={fieldError(addNamed.error, 'label')} />
          <TextField label="Where (optional)" value={nameWhere} onChange={(e) => setNameWhere(e.target.value)} maxLength={120} placeholder="e.g. by the window" />
        </div>
        <FormMessage error={addNamed.error && !fieldError(addNamed.error, 'label') ? addNamed.error : undefined} />
        <div className="actions">
          <button type="submit" className="button button-secondary" disabled={addNamed.isPending || !name.trim()}>
            {addNamed.isPending ? 'Adding…' : 'Add table'}
          </button>
        </div>
      </form>

      <ConfirmDialog
        open={Boolean(deleting)}
        title={`Delete ${deleting?.label ?? 'this table'}?`}
        confirmLabel="Delete table"
        danger
        busy={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onCancel={() => setDeleting(undefined)}
      >
        <p>Its meetings move to another table where they fit, or wait for one; their people are told.</p>
        <FormMessage error={remove.error} />
      </ConfirmDialog>
    </section>
  );
}
