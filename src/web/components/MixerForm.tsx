import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiError, fieldError, type Member } from '../api/client.js';
import type { Mixer, MixerChange, NewMixer } from '../api/mixers.js';
import { useMembers } from '../api/queries.js';
import { plural } from '../mixer-words.js';
import { TextField } from './Field.js';
import { FormMessage, Loading, ErrorState } from './States.js';

type Mode = 'keep' | 'checked_in' | 'joined' | 'pick';

interface Person {
  id: string;
  name: string;
  checkedIn: boolean;
  organizer?: boolean;
}

interface MixerFormProps {
  eventId: string;
  /** The draft being edited; without it, a new mixer. */
  mixer?: Mixer | undefined;
  busy: boolean;
  error: unknown;
  onSubmit(body: NewMixer | MixerChange): void;
  onCancel?: (() => void) | undefined;
}

/** The fields the form checks before sending, each with its own message under it. */
type Checked = 'name' | 'participants' | 'tableSize' | 'tables' | 'rounds' | 'minutesPerRound';
/** Fields the API may name in a 400 that the form shows under a field of its own. */
const SHOWN_FIELDS = ['name', 'participants', 'tableSize', 'tables', 'rounds', 'minutesPerRound', 'apart', 'pinned'];

const inRange = (value: string, min: number, max: number) => {
  const n = Number(value);
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max;
};

/**
 * A mixer's settings: who takes part, table size, rounds and their length, and the optional
 * rules (pairs kept apart, hosts who stay at their table). Editing a draft sends only what changed.
 */
export function MixerForm({ eventId, mixer, busy, error, onSubmit, onCancel }: MixerFormProps) {
  const members = useMembers(eventId);
  if (members.isPending) return <Loading lines={5} label="Loading the members…" />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;
  return <MixerFormFields eventId={eventId} mixer={mixer} members={members.data} busy={busy} error={error} onSubmit={onSubmit} onCancel={onCancel} />;
}

function MixerFormFields({ mixer, members, busy, error, onSubmit, onCancel }: MixerFormProps & { members: Member[] }) {
  const formId = useId();
  const editing = Boolean(mixer);
  const present = members.filter((m) => m.status === 'joined' || m.status === 'checked_in');
  // Anyone may be picked; "checked in" and "joined" are the attendees (organizers take part when picked).
  const everyone: Person[] = present
    .map((m) => ({ id: m.userId, name: m.displayName, checkedIn: m.status === 'checked_in', organizer: m.role === 'organizer' }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const attendees = everyone.filter((p) => !p.organizer);
  const checkedIn = attendees.filter((p) => p.checkedIn);

  const [name, setName] = useState(mixer?.name ?? 'Table rotation');
  const [mode, setMode] = useState<Mode>(mixer ? 'keep' : checkedIn.length > 0 ? 'checked_in' : 'joined');
  const [picked, setPicked] = useState<ReadonlySet<string>>(() => new Set(mixer?.participants.map((p) => p.id) ?? []));
  const [search, setSearch] = useState('');
  const [tableSize, setTableSize] = useState(String(mixer?.tableSize ?? 4));
  // Left empty: as many tables as the people need.
  const [tables, setTables] = useState(mixer?.tablesAvailable != null ? String(mixer.tablesAvailable) : '');
  const [rounds, setRounds] = useState(String(mixer?.rounds ?? 4));
  const [minutes, setMinutes] = useState(String(mixer?.minutesPerRound ?? 10));
  const [autoAdvance, setAutoAdvance] = useState(mixer?.autoAdvance ?? false);
  const [apart, setApart] = useState<[string, string][]>(mixer?.apart ?? []);
  const [apartTouched, setApartTouched] = useState(false);
  const initialPinned = (mixer?.participants ?? []).filter((p) => p.pinnedTable !== null).map((p) => ({ userId: p.id, table: p.pinnedTable! }));
  const [pinned, setPinned] = useState(initialPinned);
  const [apartA, setApartA] = useState('');
  const [apartB, setApartB] = useState('');
  const [pinWho, setPinWho] = useState('');
  const [pinTable, setPinTable] = useState('1');
  const [problems, setProblems] = useState<Partial<Record<Checked, string>>>({});

  const planned: Person[] = (mixer?.participants ?? [])
    .filter((p) => p.absentFrom === null)
    .map((p) => ({ id: p.id, name: p.name, checkedIn: true }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const taking: Person[] =
    mode === 'keep' ? planned : mode === 'checked_in' ? checkedIn : mode === 'joined' ? attendees : everyone.filter((p) => picked.has(p.id));
  const nameOf = new Map([...everyone, ...planned].map((p) => [p.id, p.name]));

  const size = Number(tableSize);
  const tablesNeeded = inRange(tableSize, 2, 20) && taking.length > 0 ? Math.ceil(taking.length / size) : undefined;
  const needle = search.trim().toLowerCase();
  const shown = needle ? everyone.filter((p) => p.name.toLowerCase().includes(needle)) : everyone;

  function togglePick(id: string, on: boolean) {
    setPicked((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function addApart() {
    if (!apartA || !apartB || apartA === apartB) return;
    if (apart.some(([a, b]) => (a === apartA && b === apartB) || (a === apartB && b === apartA))) return;
    setApart([...apart, [apartA, apartB]]);
    setApartTouched(true);
    setApartB('');
  }

  function addPin() {
    if (!pinWho || !inRange(pinTable, 1, 500)) return;
    setPinned([...pinned.filter((p) => p.userId !== pinWho), { userId: pinWho, table: Number(pinTable) }]);
    setPinWho('');
  }

  function check(): Partial<Record<Checked, string>> {
    const found: Partial<Record<Checked, string>> = {};
    if (name.trim() === '') found.name = 'Please give the mixer a name.';
    if (taking.length === 0) {
      found.participants =
        mode === 'checked_in' ? 'No one is checked in yet. Choose “Everyone who joined”, or pick people.' : 'No one takes part yet: pick at least two people.';
    } else if (taking.length === 1) {
      found.participants = 'A mixer needs at least two people.';
    }
    if (!inRange(tableSize, 2, 20)) found.tableSize = 'A table seats 2 to 20 people.';
    if (tables.trim() !== '' && !inRange(tables, 1, 500)) {
      found.tables = 'A whole number from 1 to 500, or leave it empty for as many as needed.';
    } else if (tables.trim() !== '' && tablesNeeded !== undefined && Number(tables) < tablesNeeded) {
      found.tables = `Too few: at least ${tablesNeeded} for ${plural(taking.length, 'person', 'people')}, or more people per table.`;
    }
    if (!inRange(rounds, 1, 30)) found.rounds = 'From 1 to 30 rounds.';
    if (!inRange(minutes, 1, 240)) found.minutesPerRound = 'From 1 to 240 minutes, in whole minutes.';
    return found;
  }

  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const found = check();
    setProblems(found);
    if (Object.keys(found).length > 0) {
      // The first field to fix comes into view (on a phone it is often above the button).
      const form = e.currentTarget;
      requestAnimationFrame(() => {
        const first = form.querySelector<HTMLElement>('[aria-invalid="true"], .mixer-who.is-invalid');
        first?.scrollIntoView({ block: 'center' });
        if (first instanceof HTMLInputElement) first.focus({ preventScroll: true });
      });
      return;
    }

    const participants = mode === 'pick' ? { userIds: [...picked] } : mode === 'keep' ? undefined : mode;
    const full: NewMixer = {
      name: name.trim(),
      participants: participants ?? 'checked_in',
      tableSize: size,
      ...(tables.trim() ? { tables: Number(tables) } : {}),
      rounds: Number(rounds),
      minutesPerRound: Number(minutes),
      autoAdvance,
      ...(apart.length > 0 ? { apart } : {}),
      ...(pinned.length > 0 ? { pinned } : {}),
    };
    if (!mixer) {
      onSubmit(full);
      return;
    }
    // A draft: only what changed, so that nothing is re-planned by accident.
    const change: MixerChange = {};
    if (full.name !== mixer.name) change.name = full.name;
    if (participants !== undefined) change.participants = participants;
    if (full.tableSize !== mixer.tableSize) change.tableSize = full.tableSize;
    // Emptied: back to as many tables as needed (null); a number: that limit.
    const limit = full.tables ?? null;
    if (limit !== mixer.tablesAvailable) change.tables = limit;
    if (full.rounds !== mixer.rounds) change.rounds = full.rounds;
    if (full.minutesPerRound !== mixer.minutesPerRound) change.minutesPerRound = full.minutesPerRound;
    if (autoAdvance !== mixer.autoAdvance) change.autoAdvance = autoAdvance;
    if (apartTouched) change.apart = apart;
    const pinKey = (list: { userId: string; table: number }[]) => list.map((p) => `${p.userId}:${p.table}`).sort().join();
    if (pinKey(pinned) !== pinKey(initialPinned)) change.pinned = pinned;
    onSubmit(change);
  }

  const apartChoices = taking.filter((p) => p.id !== apartA);
  const hasProblems = Object.keys(problems).length > 0;
  // What the server said about the last try, unless the form has found something new to fix since.
  const serverError = hasProblems ? undefined : error;
  const fieldMessage = (field: string) => problems[field as Checked] ?? fieldError(serverError, field);
  const shownUnderFields = hasProblems || (serverError instanceof ApiError && Object.keys(serverError.fields).some((f) => SHOWN_FIELDS.includes(f.split('.')[0]!)));
  const tooFewTables = tables.trim() !== '' && inRange(tables, 1, 500) && tablesNeeded !== undefined && Number(tables) < tablesNeeded;

  return (
    <form className="card form mixer-form" onSubmit={submit} noValidate aria-labelledby={`${formId}-title`}>
      <h2 id={`${formId}-title`} className="card-title">
        {editing ? 'Edit the mixer' : 'New mixer'}
      </h2>
      <TextField label="Name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} error={fieldMessage('name')} required />

      <fieldset className={`field mixer-who${fieldMessage('participants') ? ' is-invalid' : ''}`}>
        <legend className="field-label">Who takes part</legend>
        <div className="mixer-choices">
          {editing && (
            <Choice id={`${formId}-keep`} name={`${formId}-mode`} checked={mode === 'keep'} onChange={() => setMode('keep')}>
              The {plural(planned.length, 'person', 'people')} planned now
            </Choice>
          )}
          <Choice id={`${formId}-checked`} name={`${formId}-mode`} checked={mode === 'checked_in'} onChange={() => setMode('checked_in')}>
            Everyone checked in <span className="field-hint">{plural(checkedIn.length, 'person', 'people')} now, more if they arrive before you plan</span>
          </Choice>
          <Choice id={`${formId}-joined`} name={`${formId}-mode`} checked={mode === 'joined'} onChange={() => setMode('joined')}>
            Everyone who joined <span className="field-hint">{plural(attendees.length, 'person', 'people')}, checked in or not</span>
          </Choice>
          <Choice id={`${formId}-pick`} name={`${formId}-mode`} checked={mode === 'pick'} onChange={() => setMode('pick')}>
            People I pick {mode === 'pick' && <span className="field-hint">{picked.size} picked</span>}
          </Choice>
        </div>
        {mode === 'pick' && (
          <div className="mixer-pick stack-sm">
            <label htmlFor={`${formId}-search`} className="visually-hidden">
              Find a member by name
            </label>
            <input
              id={`${formId}-search`}
              type="search"
              className="input input-search"
              placeholder="Find by name"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            <div className="actions">
              <button type="button" className="button button-small button-secondary" onClick={() => shown.forEach((p) => togglePick(p.id, true))}>
                {needle ? 'Pick all shown' : 'Pick everyone'}
              </button>
              <button type="button" className="button button-small button-quiet" onClick={() => setPicked(new Set())} disabled={picked.size === 0}>
                Clear
              </button>
            </div>
            <ul className="mixer-pick-list" aria-label="Members">
              {shown.map((p) => (
                <li key={p.id} className="check">
                  <input id={`${formId}-p-${p.id}`} type="checkbox" checked={picked.has(p.id)} onChange={(e) => togglePick(p.id, e.target.checked)} />
                  <label htmlFor={`${formId}-p-${p.id}`}>
                    {p.name}
                    {(p.checkedIn || p.organizer) && <span className="field-hint">{[p.checkedIn && 'checked in', p.organizer && 'organizer'].filter(Boolean).join(' · ')}</span>}
                  </label>
                </li>
              ))}
              {shown.length === 0 && <li className="muted small">No member has that name.</li>}
            </ul>
          </div>
        )}
        <p className="field-error" aria-live="polite">
          {fieldMessage('participants')}
        </p>
      </fieldset>

      <div className="mixer-numbers">
        <TextField
          label="People per table"
          type="number"
          inputMode="numeric"
          min={2}
          max={20}
          value={tableSize}
          onChange={(e) => setTableSize(e.target.value)}
          error={fieldMessage('tableSize')}
        />
        <TextField
          label="Tables"
          type="number"
          inputMode="numeric"
          min={1}
          // Empty: as many tables as the people need (emptying a draft's limit clears it).
          placeholder="As needed"
          value={tables}
          onChange={(e) => setTables(e.target.value)}
          error={fieldMessage('tables')}
        />
        <TextField
          label="Rounds"
          type="number"
          inputMode="numeric"
          min={1}
          max={30}
          value={rounds}
          onChange={(e) => setRounds(e.target.value)}
          error={fieldMessage('rounds')}
        />
        <TextField
          label="Minutes per round"
          type="number"
          inputMode="numeric"
          min={1}
          max={240}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          error={fieldMessage('minutesPerRound')}
        />
      </div>
      <p className={`mixer-estimate${tooFewTables ? ' is-warning' : ''}`} aria-live="polite">
        {taking.length === 0
          ? 'No one takes part yet.'
          : tooFewTables
            ? `${plural(taking.length, 'person', 'people')} at tables of ${size} need ${plural(tablesNeeded!, 'table', 'tables')} a round, but you allow only ${tables}.`
            : tablesNeeded
              ? `${plural(taking.length, 'person', 'people')} at tables of ${size}: ${plural(tablesNeeded, 'table', 'tables')} a round${
                  inRange(rounds, 1, 30) && inRange(minutes, 1, 240) ? `, about ${Number(rounds) * Number(minutes)} minutes in all` : ''
                }.`
              : `${plural(taking.length, 'person', 'people')}.`}
      </p>

      <div className="check">
        <input id={`${formId}-auto`} type="checkbox" checked={autoAdvance} onChange={(e) => setAutoAdvance(e.target.checked)} />
        <label htmlFor={`${formId}-auto`}>
          Move on by itself
          <span className="field-hint">The next round starts when the time is up. Without it, you press “Next round”.</span>
        </label>
      </div>

      <details className="mixer-rules" open={apart.length > 0 || pinned.length > 0 || undefined}>
        <summary>Keep apart, and hosts who stay at a table</summary>
        <div className="stack-sm">
          <fieldset className="field">
            <legend className="field-label">Keep apart</legend>
            <p className="field-hint">Two people who never share a table: colleagues, or a pair who came together.</p>
            <div className="mixer-rule-row">
              <PersonSelect label="First person" value={apartA} onChange={setApartA} people={taking} />
              <PersonSelect label="Second person" value={apartB} onChange={setApartB} people={apartChoices} />
              <button type="button" className="button button-small button-secondary" onClick={addApart} disabled={!apartA || !apartB || apartA === apartB}>
                Add pair
              </button>
            </div>
            {apart.length > 0 && (
              <ul className="chips" aria-label="Kept apart">
                {apart.map(([a, b]) => (
                  <li key={`${a}|${b}`} className="chip chip-editable">
                    {nameOf.get(a) ?? 'Someone'} ↔ {nameOf.get(b) ?? 'someone'}
                    <button
                      type="button"
                      className="chip-remove"
                      aria-label={`No longer keep ${nameOf.get(a)} and ${nameOf.get(b)} apart`}
                      onClick={() => {
                        setApart(apart.filter(([x, y]) => !(x === a && y === b)));
                        setApartTouched(true);
                      }}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <p className="field-error" aria-live="polite">
              {fieldMessage('apart')}
            </p>
          </fieldset>

          <fieldset className="field">
            <legend className="field-label">Hosts</legend>
            <p className="field-hint">Someone who stays at one table every round, to welcome each new group.</p>
            <div className="mixer-rule-row">
              <PersonSelect label="Host" value={pinWho} onChange={setPinWho} people={taking} />
              <TextField label="Table" type="number" inputMode="numeric" min={1} value={pinTable} onChange={(e) => setPinTable(e.target.value)} />
              <button type="button" className="button button-small button-secondary" onClick={addPin} disabled={!pinWho || !inRange(pinTable, 1, 500)}>
                Add host
              </button>
            </div>
            {pinned.length > 0 && (
              <ul className="chips" aria-label="Hosts">
                {pinned.map((p) => (
                  <li key={p.userId} className="chip chip-editable">
                    {nameOf.get(p.userId) ?? 'Someone'} · table {p.table}
                    <button
                      type="button"
                      className="chip-remove"
                      aria-label={`${nameOf.get(p.userId)} no longer stays at table ${p.table}`}
                      onClick={() => setPinned(pinned.filter((q) => q.userId !== p.userId))}
                    >
                      <span aria-hidden="true">×</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
            <p className="field-error" aria-live="polite">
              {fieldMessage('pinned')}
            </p>
          </fieldset>
        </div>
      </details>

      <FormMessage error={shownUnderFields ? new Error('Please check what is marked in red above.') : serverError} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Planning…' : editing ? 'Save and re-plan' : 'Plan the mixer'}
        </button>
        {onCancel && (
          <button type="button" className="button button-quiet" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function Choice({ id, name, checked, onChange, children }: { id: string; name: string; checked: boolean; onChange(): void; children: ReactNode }) {
  return (
    <div className="check">
      <input id={id} type="radio" name={name} checked={checked} onChange={onChange} />
      <label htmlFor={id}>{children}</label>
    </div>
  );
}

function PersonSelect({ label, value, onChange, people }: { label: string; value: string; onChange(value: string): void; people: Person[] }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Choose…</option>
        {people.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </div>
  );
}
