import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { NOTE_MAX_LENGTH } from '../../core/memory/note-format.js';
import { ApiError, errorMessage, fieldError } from '../api/client.js';
import {
  addDays,
  daysFromToday,
  formatDayOf,
  memoryApi,
  memoryKeys,
  memoryWriteKey,
  metInPerson,
  personVCardUrl,
  queuedDraftOf,
  refreshMyPeopleLists,
  storePerson,
  todayHere,
  useMyPerson,
  type ContactShareInput,
  type MemoryDraft,
  type MyPerson,
  type PersonContext,
} from '../api/memory.js';
import { useMyProfile } from '../api/queries.js';
import { AskSheet } from '../components/AskSheet.js';
import { Avatar } from '../components/Avatar.js';
import { ChipInput } from '../components/ChipInput.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { TextArea } from '../components/Field.js';
import { InterestChips, interestSet } from '../components/Interests.js';
import { IntroduceSheet } from '../components/IntroduceSheet.js';
import { NoteText } from '../components/NoteText.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { firstNameOf } from '../names.js';
import { dismissFailedWrite, saveWhenOnline, subscribeToWrites, useFailedWrites, usePendingWrites } from '../offline/write-queue.js';
import { browserTimeZone, formatDay } from '../time.js';
import { LockIcon } from './MyPeoplePage.js';

/** One of my people: where we met, what I keep of them, our follow-up and our contact exchange. */
export function MyPersonPage() {
  const { userId = '' } = useParams();
  const person = useMyPerson(userId);
  usePageTitle(person.data?.name ?? 'My people');

  const back = (
    <Link to="/me/people" className="back-link">
      <span aria-hidden="true">←</span> My people
    </Link>
  );

  if (person.isPending) return <Loading lines={8} label="Loading what you keep of them…" />;
  if (person.isError) {
    if (person.error instanceof ApiError && (person.error.status === 404 || person.error.status === 400)) {
      return (
        <div className="stack narrow">
          {back}
          <EmptyState title="This person is not in your people">
            <p>My people holds the people you met in person at an event, or were introduced to.</p>
          </EmptyState>
        </div>
      );
    }
    return <ErrorState error={person.error} onRetry={() => void person.refetch()} />;
  }
  return (
    <div className="stack narrow">
      {back}
      <PersonView person={person.data} />
    </div>
  );
}

function PersonView({ person }: { person: MyPerson }) {
  const profile = useMyProfile();
  const [sheet, setSheet] = useState<'introduce' | 'ask'>();
  const first = firstNameOf(person.name);
  const met = metInPerson(person);
  const shared = interestSet(profile.data?.interests);
  const location = useLocation();

  // A notification about contact details links here with #contact: the card is far down the page.
  useEffect(() => {
    if (location.hash === '#contact') showContactCard();
  }, [location.hash]);

  return (
    <>
      <header className="card stack-sm">
        <div className="person-head">
          <Avatar name={person.name} large />
          <div className="stack-xs">
            <h1 className="person-name">{person.name}</h1>
            {person.headline && <p className="person-headline">{person.headline}</p>}
            {person.contacts === 'exchanged' && (
              <p className="badges">
                <span className="badge badge-shared">Contact details exchanged</span>
              </p>
            )}
          </div>
        </div>
        <InterestChips interests={person.interests} shared={shared} label={`${person.name}’s interests`} />
        <div className="person-actions">
          {met && (
            <>
              <button type="button" className="button button-small button-secondary" onClick={() => setSheet('introduce')}>
                Introduce to…
              </button>
              <button type="button" className="button button-small button-secondary" onClick={() => setSheet('ask')}>
                Ask: who should I meet about…?
              </button>
            </>
          )}
          <a className="button button-small button-quiet" href={personVCardUrl(person.id)} download>
            Save contact (vCard)
          </a>
        </div>
        {person.contactExchange.state === 'offered_to_me' && (
          <div className="notice contact-invite-top">
            <p className="contact-invite">{first} would like to exchange contact details with you.</p>
            <button type="button" className="button button-small button-primary" onClick={showContactCard}>
              Choose what to share
            </button>
          </div>
        )}
        {!met && (
          <p className="muted small">
            You were introduced and have not met in person yet. Once you meet at an event, you can introduce {first} to others, or ask who
            they would suggest you meet.
          </p>
        )}
      </header>

      <MemoryCard person={person} />
      <FollowUpCard person={person} />
      <WhereYouMet contexts={person.contexts} />
      <ContactCard person={person} />
      <AboutThem person={person} />

      {met && (
        <>
          <IntroduceSheet open={sheet === 'introduce'} onClose={() => setSheet(undefined)} person={{ id: person.id, name: person.name }} />
          <AskSheet open={sheet === 'ask'} onClose={() => setSheet(undefined)} person={{ id: person.id, name: person.name }} />
        </>
      )}
    </>
  );
}

/** Brings the contact details card into view, and focus with it. */
function showContactCard() {
  const card = document.getElementById('contact');
  card?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  card?.focus({ preventScroll: true });
}

function PrivateTitle({ id, children }: { id: string; children: string }) {
  return (
    <div className="private-head">
      <h2 id={id} className="card-title">
        {children}
      </h2>
      <span className="private-tag">
        <LockIcon /> Only you see this
      </span>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// Note, "what do they care about?" and tags

const noteLength = (text: string) => [...text.trim()].length;

function MemoryCard({ person }: { person: MyPerson }) {
  const queryClient = useQueryClient();
  const titleId = useId();
  const noteHintId = useId();
  const writeKey = memoryWriteKey(person.id);
  const waiting = usePendingWrites().some((w) => w.key === writeKey);
  const refused = useFailedWrites().find((w) => w.key === writeKey);
  // While a note waits on this phone (from before a reload too), the page shows and edits it rather
  // than the older copy read offline, so that editing it again does not lose it.
  const queued = waiting ? queuedDraftOf(person.id) : undefined;
  const kept: MemoryDraft = queued ?? { note: person.memory.note, caresAbout: person.memory.caresAbout, tags: person.memory.tags };
  const isEmpty = !kept.note && !kept.caresAbout && kept.tags.length === 0;
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState<MemoryDraft>(kept);
  const [outcome, setOutcome] = useState<'saved' | 'queued'>();
  const first = firstNameOf(person.name);

  const save = useMutation({
    // Run without a connection too: the write queue keeps it (TanStack Query would hold it back otherwise).
    networkMode: 'always',
    mutationFn: (body: MemoryDraft) =>
      saveWhenOnline({ key: writeKey, method: 'PATCH', url: `/api/me/people/${person.id}/memory`, body: { ...body, timeZone: browserTimeZone() } }),
    onSuccess: (result, body) => {
      queryClient.setQueryData<MyPerson>(memoryKeys.person(person.id), (current) =>
        current && { ...current, caresAbout: body.caresAbout, tags: body.tags, memory: { ...current.memory, ...body } },
      );
      if (result === 'saved') {
        // The server tidies a note (spaces, line breaks) and tags (case): read its copy.
        void queryClient.invalidateQueries({ queryKey: memoryKeys.person(person.id) });
        void refreshMyPeopleLists(queryClient);
      }
      setOutcome(result);
      setEditing(false);
    },
  });

  // A note kept on this phone before the page was opened again reads as saved once the queue sends it.
  useEffect(
    () =>
      subscribeToWrites((news) => {
        if (news.kind === 'sent' && news.key === writeKey) setOutcome('saved');
      }),
    [writeKey],
  );

  const startEditing = () => {
    setDraft(kept);
    setOutcome(undefined);
    save.reset();
    setEditing(true);
  };

  const over = noteLength(draft.note) - NOTE_MAX_LENGTH;
  const noteError = over > 0 ? `${over} ${over === 1 ? 'character' : 'characters'} too many: please keep a note to ${NOTE_MAX_LENGTH}.` : fieldError(save.error, 'note');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (over > 0 || save.isPending) return;
    save.mutate({ note: draft.note, caresAbout: draft.caresAbout.trim(), tags: draft.tags });
  }

  // A note kept on this phone reads as saved once the queue has sent it.
  const status = waiting ? 'Saved on this phone — it will be sent when you are back online.' : outcome && !refused ? 'Saved.' : undefined;

  return (
    <section className="card card-private stack-sm memory-card" aria-labelledby={titleId}>
      <PrivateTitle id={titleId}>Your notes</PrivateTitle>
      {refused && (
        <div className="notice notice-error" role="alert">
          <p>A note kept on this phone could not be sent: {refused.message}</p>
          <button type="button" className="button button-small button-secondary" onClick={() => dismissFailedWrite(writeKey)}>
            Dismiss
          </button>
        </div>
      )}
      {editing || isEmpty ? (
        <form className="form" onSubmit={submit} noValidate>
          <TextArea
            label="What do they care about?"
            hint={`What matters to ${first} right now: a project, a question, a hope.`}
            rows={2}
            maxLength={500}
            value={draft.caresAbout}
            onChange={(e) => setDraft({ ...draft, caresAbout: e.target.value })}
            error={fieldError(save.error, 'caresAbout')}
          />
          <div className={`field${noteError ? ' field-invalid' : ''}`}>
            <label htmlFor={`${noteHintId}-note`} className="field-label">
              Note
            </label>
            <p id={noteHintId} className="field-hint">
              What you talked about, what to ask next time. <strong>**bold**</strong>, <em>*italic*</em>, links, and lines starting with “- ”
              for a list.
            </p>
            <textarea
              id={`${noteHintId}-note`}
              className="input textarea note-input"
              rows={6}
              value={draft.note}
              onChange={(e) => setDraft({ ...draft, note: e.target.value })}
              aria-describedby={`${noteHintId} ${noteHintId}-error`}
              aria-invalid={noteError ? true : undefined}
              placeholder="e.g. Runs a bakery co-op; ask how the second shop went"
            />
            <p id={`${noteHintId}-error`} className="field-error" aria-live="polite">
              {noteError}
            </p>
          </div>
          {draft.note.trim() && (
            <div className="note-preview" aria-label="How your note reads">
              <p className="here-for-label">Preview</p>
              <NoteText text={draft.note} />
            </div>
          )}
          <ChipInput
            label="Tags"
            values={draft.tags}
            onChange={(tags) => setDraft({ ...draft, tags })}
            hint="Your own words to find people again, e.g. climbing, hiring, Lisbon."
            placeholder="Add a tag"
            max={20}
            error={fieldError(save.error, 'tags')}
          />
          <FormMessage error={save.error && !fieldError(save.error, 'note') && !fieldError(save.error, 'caresAbout') && !fieldError(save.error, 'tags') ? save.error : undefined} />
          <div className="actions">
            <button type="submit" className="button button-primary" disabled={save.isPending || over > 0}>
              {save.isPending ? 'Saving…' : 'Save'}
            </button>
            {!isEmpty && (
              <button type="button" className="button button-quiet" onClick={() => setEditing(false)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      ) : (
        <>
          {kept.caresAbout && (
            <p className="cares-about">
              <span className="here-for-label">Cares about</span> {kept.caresAbout}
            </p>
          )}
          {kept.note && <NoteText text={kept.note} />}
          {kept.tags.length > 0 && (
            <ul className="badges" aria-label="Tags">
              {kept.tags.map((tag) => (
                <li key={tag}>
                  <Link to={`/me/people?tag=${encodeURIComponent(tag)}`} className="badge badge-tag">
                    #{tag}
                  </Link>
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="button" className="button button-small button-secondary" onClick={startEditing}>
              Edit notes
            </button>
          </div>
        </>
      )}
      <p className="save-status small" role="status">
        {status}
      </p>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Follow-up

function FollowUpCard({ person }: { person: MyPerson }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const titleId = useId();
  const dateId = useId();
  const today = todayHere();
  const first = firstNameOf(person.name);
  const day = person.memory.followUpOn;

  const setDay = useMutation({
    mutationFn: (followUpOn: string | null) => memoryApi.remember(person.id, { followUpOn }),
    onSuccess: (updated) => void storePerson(queryClient, updated),
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  const inTouch = useMutation({
    mutationFn: () => memoryApi.inTouch(person.id),
    onSuccess: (updated) => {
      void storePerson(queryClient, updated);
      notify(
        updated.memory.followUpOn
          ? `Noted. Next follow-up with ${first}: ${formatDayOf(updated.memory.followUpOn, todayHere())}.`
          : `Noted that you and ${first} were in touch.`,
      );
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });

  const days = day ? daysFromToday(day, today) : undefined;
  const when =
    day === null
      ? 'No follow-up set.'
      : days! <= 0
        ? days === 0
          ? `Due today: a good day to get in touch with ${first}.`
          : `Due since ${formatDayOf(day, today)}: a good time to get in touch with ${first}.`
        : `Follow up on ${formatDayOf(day, today)} (in ${days === 1 ? 'a day' : `${days} days`}).`;

  return (
    <section className={`card card-private stack-sm${person.followUp?.due ? ' follow-up-due' : ''}`} aria-labelledby={titleId}>
      <PrivateTitle id={titleId}>Follow up</PrivateTitle>
      <p className={person.followUp?.due ? 'follow-up-now' : undefined}>{when}</p>
      <div className="follow-up-pick">
        <div className="field">
          <label htmlFor={dateId} className="field-label">
            Follow up on
          </label>
          <input
            id={dateId}
            type="date"
            className="input follow-up-date"
            min={today}
            value={day ?? ''}
            disabled={setDay.isPending}
            onChange={(e) => setDay.mutate(e.target.value || null)}
          />
        </div>
        <div className="actions follow-up-quick">
          <button type="button" className="button button-small button-quiet" disabled={setDay.isPending} onClick={() => setDay.mutate(addDays(today, 7))}>
            In a week
          </button>
          <button type="button" className="button button-small button-quiet" disabled={setDay.isPending} onClick={() => setDay.mutate(addDays(today, 30))}>
            In a month
          </button>
          {day && (
            <button type="button" className="button button-small button-quiet" disabled={setDay.isPending} onClick={() => setDay.mutate(null)}>
              Clear
            </button>
          )}
        </div>
      </div>
      <p className="muted small">
        {person.followUp
          ? `Each time you meet again or say you were in touch, the next follow-up is set ${person.followUp.days === 1 ? 'a day' : `${person.followUp.days} days`} after it.`
          : 'Pick a day. Each time you meet again or say you were in touch, the follow-up starts again from that day, as far ahead.'}
      </p>
      <div className="actions">
        <button type="button" className={`button button-small ${person.followUp?.due ? 'button-primary' : 'button-secondary'}`} onClick={() => inTouch.mutate()} disabled={inTouch.isPending}>
          {inTouch.isPending ? 'Saving…' : 'We were in touch'}
        </button>
        {person.memory.inTouchAt && <span className="muted small">Last in touch {formatDay(person.memory.inTouchAt)}</span>}
      </div>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Where we met

function WhereYouMet({ contexts }: { contexts: PersonContext[] }) {
  const titleId = useId();
  if (contexts.length === 0) return null;
  return (
    <section className="card stack-sm" aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        Where you met
      </h2>
      <ul className="met-contexts">
        {contexts.map((context, index) =>
          context.kind === 'encounter' ? (
            <li key={index} className="met-context">
              <p>
                <Link to={`/e/${context.eventId}`} className="met-context-event">
                  {context.eventName}
                </Link>
                <span className="muted"> · {formatDay(context.at, context.timeZone)}</span>
              </p>
              <p className="muted small">{context.how}</p>
            </li>
          ) : (
            <li key={index} className="met-context">
              <p>Introduced by {context.introducerName ?? 'someone who has since left'}</p>
              <p className="muted small">Connected {formatDay(context.at)}</p>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Contact exchange

const FIELDS = [
  { key: 'email', label: 'Email' },
  { key: 'phone', label: 'Phone' },
  { key: 'links', label: 'Links' },
] as const;

function stateWords(person: MyPerson): string {
  const first = firstNameOf(person.name);
  switch (person.contactExchange.state) {
    case 'none':
      return `You have not exchanged contact details. Choose what to share: ${first} sees it only once they share theirs with you too.`;
    case 'offered_by_me':
      return `You offered your details. Waiting for ${first}’s: you both see each other’s once ${first} shares too.`;
    case 'offered_to_me':
      return `${first} would like to exchange contact details. Share yours to see theirs.`;
    case 'exchanged':
      return `You and ${first} exchanged contact details.`;
  }
}

function ContactCard({ person }: { person: MyPerson }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const titleId = useId();
  const first = firstNameOf(person.name);
  const { state, mine, myDetails, theirs } = person.contactExchange;
  const has = { email: Boolean(myDetails.email), phone: Boolean(myDetails.phone), links: myDetails.links.length > 0 };
  const hasAny = has.email || has.phone || has.links;
  const [choice, setChoice] = useState<ContactShareInput>(() => mine ?? { email: has.email, phone: false, links: false });
  const [asking, setAsking] = useState(false);
  const changed = !mine || FIELDS.some((f) => mine[f.key] !== choice[f.key]);
  const nothing = !choice.email && !choice.phone && !choice.links;

  // The server answers with the whole person, its follow-up day counted in UTC: only the exchange is taken from it.
  const keepExchange = (updated: MyPerson) => {
    queryClient.setQueryData<MyPerson>(memoryKeys.person(person.id), (current) =>
      current && { ...current, contacts: updated.contacts, contactExchange: updated.contactExchange },
    );
    void refreshMyPeopleLists(queryClient);
  };
  const share = useMutation({
    mutationFn: () => memoryApi.share(person.id, choice),
    onSuccess: (updated) => {
      keepExchange(updated);
      notify(updated.contactExchange.state === 'exchanged' ? `You and ${first} exchanged contact details.` : `Shared. ${first} sees your details once they share theirs.`);
    },
  });
  const stop = useMutation({
    mutationFn: () => memoryApi.stopSharing(person.id),
    onSuccess: (updated) => {
      keepExchange(updated);
      setAsking(false);
      setChoice({ email: has.email, phone: false, links: false });
      notify(`You no longer share your details with ${first}.`);
    },
  });

  return (
    <section id="contact" tabIndex={-1} className="card stack-sm contact-card" aria-labelledby={titleId}>
      <div className="private-head">
        <h2 id={titleId} className="card-title">
          Contact details
        </h2>
        <span className="private-tag">
          <LockIcon /> Only the two of you
        </span>
      </div>
      <p className={state === 'offered_to_me' ? 'contact-invite' : undefined}>{stateWords(person)}</p>

      {state === 'exchanged' && theirs && (
        <ul className="their-details" aria-label={`${first}’s contact details`}>
          {theirs.email && (
            <li>
              <span className="here-for-label">Email</span> <a href={`mailto:${theirs.email}`}>{theirs.email}</a>
            </li>
          )}
          {theirs.phone && (
            <li>
              <span className="here-for-label">Phone</span> <a href={`tel:${theirs.phone.replace(/[^\d+]/g, '')}`}>{theirs.phone}</a>
            </li>
          )}
          {theirs.links.map((link) => (
            <li key={link}>
              <span className="here-for-label">Link</span>{' '}
              <a href={link} target="_blank" rel="noopener noreferrer">
                {link.replace(/^https?:\/\//, '')}
              </a>
            </li>
          ))}
          {!theirs.email && !theirs.phone && theirs.links.length === 0 && <li className="muted">{first} shared nothing you can see right now.</li>}
        </ul>
      )}

      {hasAny ? (
        <form
          className="form contact-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!nothing) share.mutate();
          }}
        >
          <fieldset className="field">
            <legend className="field-label">{mine ? 'What you share with them' : 'What to share'}</legend>
            {FIELDS.map((field) => {
              const id = `${titleId}-${field.key}`;
              const value = field.key === 'links' ? myDetails.links.join(', ') : myDetails[field.key];
              return (
                <div key={field.key} className="check">
                  <input
                    id={id}
                    type="checkbox"
                    checked={choice[field.key]}
                    disabled={!has[field.key]}
                    onChange={(e) => setChoice({ ...choice, [field.key]: e.target.checked })}
                  />
                  <label htmlFor={id}>
                    {field.label}
                    <span className="field-hint contact-value">{value || 'Not in your profile'}</span>
                  </label>
                </div>
              );
            })}
          </fieldset>
          <FormMessage error={share.error} />
          <div className="actions">
            {changed && (
              <button type="submit" className="button button-primary button-small" disabled={share.isPending || nothing}>
                {share.isPending ? 'Sharing…' : mine ? 'Update what I share' : state === 'offered_to_me' ? 'Share mine and see theirs' : 'Share'}
              </button>
            )}
            {mine && (
              <button type="button" className="button button-quiet button-small button-danger-text" onClick={() => setAsking(true)}>
                Stop sharing
              </button>
            )}
          </div>
          <p className="muted small">
            Your details come from <Link to="/me/profile">your profile</Link>.
          </p>
        </form>
      ) : (
        <p className="muted small">
          Your profile has no contact details to share yet. <Link to="/me/profile">Add them to your profile</Link>: they stay private until you
          choose to share them with someone.
        </p>
      )}

      <ConfirmDialog
        open={asking}
        title={`Stop sharing with ${first}?`}
        confirmLabel="Stop sharing"
        cancelLabel="Keep sharing"
        danger
        busy={stop.isPending}
        onConfirm={() => stop.mutate()}
        onCancel={() => setAsking(false)}
      >
        <p>
          From now on neither of you sees the other’s details here. {first} gets no notification, but their page no longer shows your
          details. Anything {first} already saved, such as a vCard, stays with them.
        </p>
        <FormMessage error={stop.error} />
      </ConfirmDialog>
    </section>
  );
}

// ---------------------------------------------------------------------------------------------
// Their profile: what helps ask a good question

function AboutThem({ person }: { person: MyPerson }) {
  const titleId = useId();
  const first = firstNameOf(person.name);
  if (!person.questions.length && !person.offers.length && !person.seeking.length && !person.bio) return null;
  return (
    <section className="card stack-sm" aria-labelledby={titleId}>
      <h2 id={titleId} className="card-title">
        About {first}
      </h2>
      {person.bio && <p className="prose">{person.bio}</p>}
      {person.questions.length > 0 && (
        <>
          <h3 className="subhead">Questions {first} likes to be asked</h3>
          <ul className="openers">
            {person.questions.map((question) => (
              <li key={question} className="opener">
                <span className="opener-mark" aria-hidden="true">
                  “
                </span>
                {question}
              </li>
            ))}
          </ul>
        </>
      )}
      {person.offers.length > 0 && (
        <>
          <h3 className="subhead">Can help with</h3>
          <ul className="plain-list">
            {person.offers.map((offer) => (
              <li key={offer}>{offer}</li>
            ))}
          </ul>
        </>
      )}
      {person.seeking.length > 0 && (
        <>
          <h3 className="subhead">Looking for</h3>
          <ul className="plain-list">
            {person.seeking.map((need) => (
              <li key={need}>{need}</li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
