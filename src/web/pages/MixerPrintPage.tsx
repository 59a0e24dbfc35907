import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import type { EventView } from '../api/client.js';
import { useMixer, type Mixer } from '../api/mixers.js';
import { useEvent } from '../api/queries.js';
import { usePageTitle } from '../components/PageTitle.js';
import { ErrorState, EventLoadError, Loading } from '../components/States.js';
import { formatEventSpan } from '../time.js';

const VIEWS = [
  { id: 'cards', label: 'Table cards' },
  { id: 'sheets', label: 'Round sheets' },
] as const;
type View = (typeof VIEWS)[number]['id'];

export function MixerPrintPage() {
  const { eventId = '', mixerId = '' } = useParams();
  const event = useEvent(eventId);

  if (event.isPending) return <Loading lines={6} label="Loading the mixer…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  if (event.data.myRole !== 'organizer') return <Navigate to={`/e/${eventId}/mixers/${mixerId}/me`} replace />;
  return <PrintView event={event.data} mixerId={mixerId} />;
}

function PrintView({ event, mixerId }: { event: EventView; mixerId: string }) {
  const eventId = event.id;
  const [params] = useSearchParams();
  const view: View = params.get('view') === 'sheets' ? 'sheets' : 'cards';
  const mixer = useMixer(eventId, mixerId);
  usePageTitle(mixer.data ? `${view === 'cards' ? 'Table cards' : 'Round sheets'} · ${mixer.data.name}` : 'Print');

  const header = (
    <header className="ptm-head no-print">
      <Link to={`/e/${eventId}/mixers/${mixerId}`} className="back-link">
        <span aria-hidden="true">←</span> {mixer.data?.name ?? 'Mixer'}
      </Link>
      <h1>Print for the tables</h1>
      <p className="lead">
        {view === 'cards'
          ? 'One card per table, two to a sheet of A4: cut them in half and stand one on each table. Each says who sits there in every round.'
          : 'A slip per person, for those without a phone: their table in every round. Cut along the lines.'}
      </p>
    </header>
  );

  if (mixer.isPending) {
    return (
      <div className="stack">
        {header}
        <Loading lines={6} label="Loading the mixer…" />
      </div>
    );
  }
  if (mixer.isError) {
    return (
      <div className="stack">
        {header}
        <ErrorState error={mixer.error} onRetry={() => void mixer.refetch()} />
      </div>
    );
  }

  const m = mixer.data;
  return (
    <div className={`stack mixer-print mixer-print-${view}`}>
      {header}
      <nav className="tabs no-print" aria-label="What to print">
        {VIEWS.map((v) => (
          <Link
            key={v.id}
            to={{ search: `?view=${v.id}` }}
            replace
            className={`tab${view === v.id ? ' is-active' : ''}`}
            aria-current={view === v.id ? 'page' : undefined}
          >
            {v.label}
          </Link>
        ))}
      </nav>
      <div className="actions no-print">
        <button type="button" className="button button-primary" onClick={() => window.print()}>
          Print
        </button>
        {m.status === 'running' && <p className="muted small">Printed now, it shows the plan as it stands: rounds re-planned later will differ.</p>}
      </div>
      {view === 'cards' ? <TableCards event={event} mixer={m} /> : <RoundSheets event={event} mixer={m} />}
    </div>
  );
}

/** Table number → round → people, and person → round → table, from a plan. */
function seating(mixer: Mixer) {
  const names = new Map(mixer.participants.map((p) => [p.id, p.name]));
  const labels = new Map<number, string>();
  const byTable = new Map<number, Map<number, string[]>>();
  const byPerson = new Map<string, Map<number, string>>();
  for (const round of mixer.plan.rounds) {
    for (const table of round.tables) {
      if (!labels.has(table.table)) labels.set(table.table, table.label);
      let rounds = byTable.get(table.table);
      if (!rounds) byTable.set(table.table, (rounds = new Map()));
      rounds.set(round.round, table.people.map((id) => names.get(id) ?? 'Someone who left').sort((a, b) => a.localeCompare(b)));
      for (const id of table.people) {
        let seats = byPerson.get(id);
        if (!seats) byPerson.set(id, (seats = new Map()));
        seats.set(round.round, table.label || `Table ${table.table}`);
      }
    }
  }
  return { names, labels, byTable, byPerson, tables: [...byTable.keys()].sort((a, b) => a - b) };
}

/** "7" of "Table 7", for the big number; a named table keeps its name. */
function bigLabel(label: string, table: number): string {
  const match = /^table\s+(\S+)$/i.exec(label.trim());
  return match ? match[1]! : label || String(table);
}

/**
 * How a printed card holds its rounds on half a sheet of A4 (136 mm; the number takes the room
 * left): in one column at 12pt while they take at most some 75 mm (about 58 characters to a line),
 * else in two columns at 9.5pt (29 to a line), else on a sheet of its own.
 */
function cardFit(rounds: readonly string[][]): '' | ' is-long' | ' is-tiny' {
  const millimetres = (perLine: number, lineMm: number) =>
    rounds.reduce((sum, people) => sum + 1.6 + lineMm * Math.max(1, Math.ceil(people.join(', ').length / perLine)), 0);
  if (millimetres(58, 6.4) <= 75) return '';
  if (millimetres(29, 5.1) <= 140) return ' is-long';
  return ' is-tiny';
}

function TableCards({ event, mixer }: { event: EventView; mixer: Mixer }) {
  const { labels, byTable, tables } = seating(mixer);
  const rounds = mixer.plan.rounds.map((r) => r.round);
  // One look for the whole set: the card with the most names decides.
  const fits = tables.map((table) => cardFit(rounds.map((round) => byTable.get(table)?.get(round) ?? [])));
  const fit = fits.includes(' is-tiny') ? ' is-tiny' : fits.includes(' is-long') ? ' is-long' : '';
  return (
    <ol className="table-cards" aria-label="Table cards">
      {tables.map((table) => {
        const label = labels.get(table) ?? `Table ${table}`;
        const big = bigLabel(label, table);
        return (
          <li key={table} className={`table-card${fit}`}>
            <p className="table-card-event">
              {event.name} · {mixer.name}
            </p>
            <p className="table-card-number" aria-label={label}>
              {big !== label && <span className="table-card-word">Table</span>}
              <span className={big.length > 3 ? 'table-card-name' : undefined}>{big}</span>
            </p>
            <ol className="table-card-rounds">
              {rounds.map((round) => {
                const people = byTable.get(table)?.get(round) ?? [];
                return (
                  <li key={round}>
                    <span className="table-card-round">Round {round}</span>
                    <span>{people.length > 0 ? people.join(', ') : '—'}</span>
                  </li>
                );
              })}
            </ol>
          </li>
        );
      })}
    </ol>
  );
}

/** Why someone has no table in a round: not there yet, away, or sitting this one out. */
function noSeat(person: Mixer['participants'][number], round: number): string {
  if (round < person.joinedAt) return 'not here yet';
  if (person.absentFrom !== null && round >= person.absentFrom) return 'away';
  return 'sitting out';
}

function RoundSheets({ event, mixer }: { event: EventView; mixer: Mixer }) {
  const { byPerson } = seating(mixer);
  const rounds = mixer.plan.rounds.map((r) => r.round);
  const people = [...mixer.participants].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <p className="print-only print-event">
        {event.name} · {formatEventSpan(event.startsAt, event.endsAt, event.timeZone)} · {mixer.name}
      </p>
      <ul className="round-sheets" aria-label="Round sheets">
        {people.map((person) => {
          const seats = byPerson.get(person.id);
          return (
            <li key={person.id} className="round-sheet">
              <p className="round-sheet-name">{person.name}</p>
              <ol className="round-sheet-seats">
                {rounds.map((round) => (
                  <li key={round}>
                    Round {round} <span aria-hidden="true">→</span>
                    <span className="visually-hidden">:</span> <strong>{seats?.get(round) ?? noSeat(person, round)}</strong>
                  </li>
                ))}
              </ol>
            </li>
          );
        })}
      </ul>
    </>
  );
}
