import { useId, useRef, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldError } from '../api/client.js';
import { formatMomentHere, memoryApi, metInPerson, refreshIntroductions, useIntroductions, useMyPeople, type MyPersonSummary } from '../api/memory.js';
import { firstNameOf } from '../names.js';
import { Avatar } from './Avatar.js';
import { Sheet } from './Sheet.js';
import { ErrorState, FormMessage, Loading } from './States.js';

/** As the server counts: characters, after trimming. */
export const WHY_MAX = 600;
const whyLength = (text: string) => [...text.trim()].length;

interface IntroduceSheetProps {
  open: boolean;
  onClose(): void;
  /** One of the two: the person whose page I am on, or the one who asked me. */
  person: { id: string; name: string };
  /** The ask this introduction answers (its asker is `person`). */
  ask?: { id: string; topic: string } | undefined;
}

/**
 * Introduce someone I met to another person I met. Not so fast: only people I met in person, once
 * I have known both a while (each event sets how long); both are asked privately.
 */
export function IntroduceSheet({ open, onClose, person, ask }: IntroduceSheetProps) {
  const queryClient = useQueryClient();
  const made = useRef(false);
  // Read again once the sheet closes: an answered ask leaves the list, and with it the card this
  // sheet may belong to, which would take the "Done" message away before it is read.
  const close = () => {
    if (made.current) void refreshIntroductions(queryClient);
    made.current = false;
    onClose();
  };
  return (
    <Sheet open={open} title={`Introduce ${firstNameOf(person.name)} to…`} onClose={close}>
      {open && <IntroduceForm person={person} ask={ask} onClose={close} onMade={() => (made.current = true)} />}
    </Sheet>
  );
}

interface Candidate {
  person: MyPersonSummary;
  /** Both cool-downs are over, by the server's clock (this phone's may be wrong). */
  ready: boolean;
  /** When I may introduce the two, the later of the two cool-downs: only said, never compared with this phone's clock. */
  readyAt: string | undefined;
  waiting: boolean;
  /** My own earlier introduction of these two connected them: nothing to introduce. */
  connected: boolean;
}

/** The later of two moments given as ISO strings. */
function later(a: string | null, b: string | null): string | undefined {
  if (!a || !b) return a ?? b ?? undefined;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

interface IntroduceFormProps {
  person: IntroduceSheetProps['person'];
  ask: IntroduceSheetProps['ask'];
  onClose(): void;
  onMade(): void;
}

function IntroduceForm({ person, ask, onClose, onMade }: IntroduceFormProps) {
  const people = useMyPeople('', '');
  const introductions = useIntroductions();
  const searchId = useId();
  const whyId = useId();
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<string>();
  const [why, setWhy] = useState('');
  const [done, setDone] = useState<string>();
  const first = firstNameOf(person.name);

  const introduce = useMutation({
    mutationFn: (otherId: string) => memoryApi.introduce({ personIds: [person.id, otherId], why: why.trim(), ...(ask ? { askId: ask.id } : {}) }),
    onSuccess: (made) => {
      onMade();
      const other = made.people.find((p) => p.id !== person.id);
      setDone(other?.name ?? 'them');
    },
  });

  if (done) {
    return (
      <div className="stack-sm intro-done" role="status">
        <p className="notice-title">
          Done. We’ve asked {first} and {firstNameOf(done)}, each privately.
        </p>
        <p>
          If both say yes, they are connected and find each other in My people. If one says no, nobody is told: it simply does not come
          about.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose} data-autofocus>
            Done
          </button>
        </div>
      </div>
    );
  }

  if (people.isPending) return <Loading lines={4} label="Loading your people…" />;
  if (people.isError) return <ErrorState error={people.error} onRetry={() => void people.refetch()} />;
  const all = people.data?.people ?? [];
  const self = all.find((p) => p.id === person.id);
  // One waiting introduction of the same two at a time; and two I already connected know each other.
  const mineWith = (state: 'waiting' | 'connected') =>
    new Set(
      (introductions.data?.proposedByMe ?? [])
        .filter((i) => i.state === state && i.people.some((p) => p.id === person.id))
        .flatMap((i) => i.people.map((p) => p.id)),
    );
  const waitingWith = mineWith('waiting');
  const connectedWith = mineWith('connected');

  const candidates: Candidate[] = all
    .filter((p) => p.id !== person.id && metInPerson(p))
    .map((p) => ({
      person: p,
      ready: Boolean(self?.introducibleNow && p.introducibleNow),
      readyAt: later(self?.introducibleFrom ?? null, p.introducibleFrom),
      waiting: waitingWith.has(p.id),
      connected: connectedWith.has(p.id),
    }));
  const blocked = (c: Candidate) => !c.ready || c.waiting || c.connected;
  const needle = search.trim().toLowerCase();
  const shown = candidates
    .filter(({ person: p }) => !needle || [p.name, p.headline, p.lastContext, ...p.tags, ...p.interests].some((text) => text.toLowerCase().includes(needle)))
    .sort((a, b) => Number(blocked(a)) - Number(blocked(b)));
  const choice = candidates.find((c) => c.person.id === chosen);
  const choiceOk = choice !== undefined && !blocked(choice);
  // Nobody to choose yet: no "why" to write, only when that changes.
  const noneReady = candidates.length > 0 && candidates.every(blocked);
  const soonest = candidates
    .filter((c) => !c.ready && !c.waiting && !c.connected && c.readyAt)
    .map((c) => c.readyAt!)
    .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const length = whyLength(why);
  const over = length - WHY_MAX;
  const whyError = over > 0 ? `${over} ${over === 1 ? 'character' : 'characters'} too many: please keep it to ${WHY_MAX}.` : fieldError(introduce.error, 'why');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!choiceOk || !why.trim() || over > 0 || introduce.isPending) return;
    introduce.mutate(choice.person.id);
  }

  if (!self || !metInPerson(self)) {
    return (
      <div className="stack-sm">
        <p>You can introduce {first} once you have met them in person: at a 1:1, a mixer, or by saying “we met” at an event.</p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Close
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="form intro-form" onSubmit={submit} noValidate>
      {ask ? (
        <p className="muted">
          {first} asked you: who should I meet about <q>{ask.topic}</q>? Choose someone you met who could help.
        </p>
      ) : (
        <p className="muted">Choose someone else you met in person. Both are asked privately, and both must say yes.</p>
      )}

      <fieldset className="field">
        <legend className="field-label">Who should {first} meet?</legend>
        {candidates.length > 6 && (
          <>
            <label htmlFor={searchId} className="visually-hidden">
              Find someone you met
            </label>
            <input
              id={searchId}
              type="search"
              className="input input-search"
              placeholder="Find someone you met"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </>
        )}
        {candidates.length === 0 ? (
          <p className="muted small">You have not met anyone else in person yet. The people you meet at events can be introduced here.</p>
        ) : shown.length === 0 ? (
          <p className="muted small">No one you met matches “{search.trim()}”.</p>
        ) : (
          <ul className="intro-candidates">
            {shown.map(({ person: p, ready, readyAt, waiting, connected }) => {
              const id = `${whyId}-${p.id}`;
              const notYet = !ready;
              const off = notYet || waiting || connected;
              return (
                <li key={p.id} className={`intro-candidate${off ? ' is-not-ready' : ''}${chosen === p.id ? ' is-chosen' : ''}`}>
                  <input
                    id={id}
                    type="radio"
                    name={`${whyId}-other`}
                    value={p.id}
                    checked={chosen === p.id}
                    disabled={off}
                    onChange={() => setChosen(p.id)}
                    aria-describedby={`${id}-when`}
                  />
                  <label htmlFor={id}>
                    <Avatar name={p.name} />
                    <span className="intro-candidate-text">
                      <span className="intro-candidate-name">{p.name}</span>
                      {p.headline && <span className="intro-candidate-line">{p.headline}</span>}
                      <span id={`${id}-when`} className={`intro-candidate-line${off ? ' intro-candidate-wait' : ''}`}>
                        {connected
                          ? 'You introduced these two already: they are connected'
                          : waiting
                          ? 'Your introduction of these two is waiting for their answers'
                          : notYet
                            ? readyAt
                              ? `You can introduce them from ${formatMomentHere(readyAt)}`
                              : 'You can introduce them a while after you met both'
                            : p.lastContext}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
        )}
        {candidates.some((c) => !c.ready) && (
          <p className="field-hint">Introductions open a while after you first met both people (the event sets how long), so that they come from knowing them.</p>
        )}
      </fieldset>

      {noneReady ? (
        <>
          <p className="notice" role="status">
            {soonest
              ? `No one can be introduced to ${first} just yet. Come back from ${formatMomentHere(soonest)}.`
              : `No one can be introduced to ${first} just yet.`}
          </p>
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose} data-autofocus>
              OK
            </button>
          </div>
        </>
      ) : (
        <>
          <div className={`field${whyError ? ' field-invalid' : ''}`}>
            <label htmlFor={whyId} className="field-label">
              Why should they meet?
            </label>
            <p id={`${whyId}-hint`} className="field-hint">
              What do they have in common? What could one give the other? Both of them read this.
            </p>
            <textarea
              id={whyId}
              className="input textarea"
              rows={4}
              value={why}
              onChange={(e) => setWhy(e.target.value)}
              aria-describedby={`${whyId}-hint ${whyId}-count`}
              aria-invalid={whyError ? true : undefined}
              placeholder="e.g. You both work on small farms’ deliveries, and one of you has just solved what the other is stuck on."
            />
            <p className={`ask-count${over > 0 ? ' is-over' : ''}`}>
              <span aria-hidden="true">
                {length}/{WHY_MAX}
              </span>
              <span id={`${whyId}-count`} className="visually-hidden">
                Up to {WHY_MAX} characters.
              </span>
            </p>
            <p className="field-error" aria-live="polite">
              {whyError}
            </p>
          </div>

          <FormMessage error={introduce.error && !fieldError(introduce.error, 'why') ? introduce.error : undefined} />
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={introduce.isPending || !choiceOk || !why.trim() || over > 0}>
              {introduce.isPending ? 'Sending…' : 'Introduce them'}
            </button>
          </div>
        </>
      )}
    </form>
  );
}
