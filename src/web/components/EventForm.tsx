import { useMemo, useState, type FormEvent } from 'react';
import { ApiError, fieldError, type EventView } from '../api/client.js';
import { TextArea, TextField, SelectField } from './Field.js';
import { FormMessage } from './States.js';
import { browserTimeZone, timeZones, utcToZonedLocal, zonedLocalToUtcIso } from '../time.js';

export interface EventFormValues {
  name: string;
  slug?: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  venue: string;
  description: string;
  settings: { attendeeDirectory: boolean; maxOpenRequests: number; dailyRequestLimit: number; introductionCooldownHours: number };
}

interface EventFormProps {
  event?: EventView;
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: unknown;
  success?: string | undefined;
  onSubmit(values: EventFormValues): void;
  onCancel?: () => void;
}

/** The server's defaults for the meeting request caps. */
const DEFAULT_MAX_OPEN = 5;
const DEFAULT_DAILY = 10;
/** The server's default wait between meeting two people and introducing them to each other. */
const DEFAULT_INTRO_COOLDOWN_HOURS = 24;

/** A whole number typed in a field, when it lies in [min, max]. */
function wholeIn(value: string, min: number, max: number): number | undefined {
  const n = Number(value.trim());
  return value.trim() !== '' && Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

function defaultTimes(): { start: string; end: string } {
  const tomorrow = new Date(Date.now() + 86_400_000);
  const day = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
  return { start: `${day}T18:00`, end: `${day}T21:00` };
}

/** Create and edit an event; times are typed on the clocks of the event's time zone. */
export function EventForm({ event, submitLabel, busyLabel, busy, error, success, onSubmit, onCancel }: EventFormProps) {
  const initialZone = event?.timeZone ?? browserTimeZone();
  const defaults = useMemo(defaultTimes, []);
  const [name, setName] = useState(event?.name ?? '');
  const [slug, setSlug] = useState(event?.slug ?? '');
  const [timeZone, setTimeZone] = useState(initialZone);
  const [start, setStart] = useState(event ? utcToZonedLocal(event.startsAt, event.timeZone) : defaults.start);
  const [end, setEnd] = useState(event ? utcToZonedLocal(event.endsAt, event.timeZone) : defaults.end);
  const [venue, setVenue] = useState(event?.venue ?? '');
  const [description, setDescription] = useState(event?.description ?? '');
  const [attendeeDirectory, setAttendeeDirectory] = useState(event?.settings.attendeeDirectory ?? true);
  const [maxOpen, setMaxOpen] = useState(String(event?.settings.maxOpenRequests ?? DEFAULT_MAX_OPEN));
  const [daily, setDaily] = useState(String(event?.settings.dailyRequestLimit ?? DEFAULT_DAILY));
  const [cooldown, setCooldown] = useState(String(event?.settings.introductionCooldownHours ?? DEFAULT_INTRO_COOLDOWN_HOURS));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const zones = useMemo(() => timeZones([initialZone]).map((zone) => ({ value: zone, label: zone.replace(/_/g, ' ') })), [initialZone]);

  const conflict = error instanceof ApiError && error.status === 409 ? error.message : undefined;
  const errorOf = (field: string) => localErrors[field] ?? fieldError(error, field);

  function submit(e: FormEvent) {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (!name.trim()) problems.name = 'Please name the event.';
    const startsAt = zonedLocalToUtcIso(start, timeZone);
    const endsAt = zonedLocalToUtcIso(end, timeZone);
    if (!startsAt) problems.startsAt = 'Please choose when it starts.';
    if (!endsAt) problems.endsAt = 'Please choose when it ends.';
    if (startsAt && endsAt && Date.parse(endsAt) < Date.parse(startsAt)) problems.endsAt = 'The event cannot end before it starts.';
    const maxOpenRequests = wholeIn(maxOpen, 1, 50);
    const dailyRequestLimit = wholeIn(daily, 1, 200);
    if (maxOpenRequests === undefined) problems['settings.maxOpenRequests'] = 'A whole number from 1 to 50.';
    if (dailyRequestLimit === undefined) problems['settings.dailyRequestLimit'] = 'A whole number from 1 to 200.';
    const introductionCooldownHours = wholeIn(cooldown, 0, 720);
    if (introductionCooldownHours === undefined) problems['settings.introductionCooldownHours'] = 'A whole number of hours from 0 to 720 (30 days).';
    setLocalErrors(problems);
    if (
      Object.keys(problems).length > 0 ||
      !startsAt ||
      !endsAt ||
      maxOpenRequests === undefined ||
      dailyRequestLimit === undefined ||
      introductionCooldownHours === undefined
    ) {
      return;
    }
    const trimmedSlug = slug.trim();
    onSubmit({
      name: name.trim(),
      ...(trimmedSlug && trimmedSlug !== event?.slug ? { slug: trimmedSlug } : {}),
      startsAt,
      endsAt,
      timeZone,
      venue: venue.trim(),
      description,
      settings: { attendeeDirectory, maxOpenRequests, dailyRequestLimit, introductionCooldownHours },
    });
  }

  const hasLocalErrors = Object.keys(localErrors).length > 0;

  return (
    <form className="card form" onSubmit={submit} noValidate>
      <TextField label="Event name" value={name} onChange={(e) => setName(e.target.value)} error={errorOf('name')} required maxLength={120} />
      <div className="field-row">
        <TextField
          label="Starts"
          type="datetime-local"
          value={start}
          onChange={(e) => {
            const value = e.target.value;
            // Keep the length of the event when the start moves.
            if (value && start && end) {
              const length = Date.parse(`${end}Z`) - Date.parse(`${start}Z`);
              const moved = new Date(Date.parse(`${value}Z`) + Math.max(length, 0)).toISOString().slice(0, 16);
              setEnd(moved);
            }
            setStart(value);
          }}
          error={errorOf('startsAt')}
          required
        />
        <TextField label="Ends" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} error={errorOf('endsAt')} required />
      </div>
      <SelectField
        label="Time zone"
        value={timeZone}
        onChange={setTimeZone}
        options={zones}
        hint="Times above are on the clocks of this zone. Everyone sees them in it."
        error={errorOf('timeZone')}
      />
      <TextField label="Venue" value={venue} onChange={(e) => setVenue(e.target.value)} placeholder="Where people meet" error={errorOf('venue')} maxLength={200} />
      <TextArea
        label="Description"
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        rows={4}
        hint="What is it about, and who is it for?"
        error={errorOf('description')}
        maxLength={5000}
      />
      <TextField
        label="Short address (optional)"
        value={slug}
        onChange={(e) => setSlug(e.target.value.toLowerCase())}
        hint="Lower-case letters, digits and dashes, e.g. rust-meetup-may. Used by the command-line tools; left empty, it comes from the name."
        error={errorOf('slug') ?? conflict}
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
      />
      <div className="check">
        <input id="attendee-directory" type="checkbox" checked={attendeeDirectory} onChange={(e) => setAttendeeDirectory(e.target.checked)} />
        <label htmlFor="attendee-directory">
          Attendees can browse who is coming
          <span className="field-hint">Organizers always can. People choose for themselves whether they are listed.</span>
        </label>
      </div>
      <fieldset className="field">
        <legend className="field-label">1:1 meeting requests</legend>
        <p className="field-hint">Caps for each attendee, so that nobody is flooded with requests.</p>
        <div className="field-row">
          <TextField
            label="Waiting for an answer at once"
            type="number"
            inputMode="numeric"
            min={1}
            max={50}
            value={maxOpen}
            onChange={(e) => setMaxOpen(e.target.value)}
            error={errorOf('settings.maxOpenRequests')}
          />
          <TextField
            label="Sent in 24 hours"
            type="number"
            inputMode="numeric"
            min={1}
            max={200}
            value={daily}
            onChange={(e) => setDaily(e.target.value)}
            error={errorOf('settings.dailyRequestLimit')}
          />
        </div>
      </fieldset>
      <fieldset className="field">
        <legend className="field-label">Introductions</legend>
        <p className="field-hint">
          Someone who met two people may introduce them to each other this many hours after first meeting the later of the two (a
          meeting here counts with this setting), so that introductions come from knowing people. 0 allows it straight away.
        </p>
        <div className="field-row">
          <TextField
            label="Introductions open after (hours)"
            type="number"
            inputMode="numeric"
            min={0}
            max={720}
            value={cooldown}
            onChange={(e) => setCooldown(e.target.value)}
            error={errorOf('settings.introductionCooldownHours')}
          />
        </div>
      </fieldset>
      <FormMessage error={hasLocalErrors ? new Error('Please check the fields marked above.') : conflict ? undefined : error} success={success} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
