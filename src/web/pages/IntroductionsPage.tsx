import { useEffect, useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { errorMessage } from '../api/client.js';
import {
  memoryApi,
  memoryKeys,
  refreshIntroductions,
  refreshMyPeople,
  useAsks,
  useIntroductions,
  type AskReceived,
  type AskSent,
  type IntroductionByMe,
  type IntroductionForMe,
  type MyIntroductions,
} from '../api/memory.js';
import { Avatar } from '../components/Avatar.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { IntroduceSheet } from '../components/IntroduceSheet.js';
import { usePageTitle } from '../components/PageTitle.js';
import { ErrorState, FormMessage, Loading } from '../components/States.js';
import { useToast } from '../components/Toasts.js';
import { firstNameOf } from '../names.js';
import { forgetOwnIntroductionAnswer, noteOwnIntroductionAnswer } from '../notifications.js';
import { formatDay } from '../time.js';

/**
 * Introductions both ways, and "who should I meet about…?" asks both ways. Only ever my own
 * answers: what someone else said is not given by the API, and not guessed at here.
 */
export function IntroductionsPage() {
  usePageTitle('Introductions');
  const { introductionId } = useParams();
  const introductions = useIntroductions();
  const asks = useAsks();

  // The introduction a notification pointed to comes into view once the list is there.
  useEffect(() => {
    if (!introductionId || !introductions.data) return;
    const card = document.getElementById(`introduction-${introductionId}`);
    card?.scrollIntoView({ block: 'center' });
    card?.focus({ preventScroll: true });
  }, [introductionId, introductions.data]);

  return (
    <div className="stack narrow">
      <header className="ptm-head">
        <Link to="/me/people" className="back-link">
          <span aria-hidden="true">←</span> My people
        </Link>
        <h1>Introductions</h1>
        <p className="lead">
          Someone who met two people may introduce them. Both are asked privately, and nothing happens unless both say yes.
        </p>
      </header>

      {introductions.isPending || asks.isPending ? (
        <Loading lines={6} label="Loading your introductions…" />
      ) : introductions.isError ? (
        <ErrorState error={introductions.error} onRetry={() => void introductions.refetch()} />
      ) : asks.isError ? (
        <ErrorState error={asks.error} onRetry={() => void asks.refetch()} />
      ) : (
        <>
          {introductionId && !introductions.data.forMe.some((i) => i.id === introductionId) && !introductions.data.proposedByMe.some((i) => i.id === introductionId) && (
            <p className="notice" role="status">
              The introduction you followed a link to is no longer here. Your other introductions are below.
            </p>
          )}
          <ForYou list={introductions.data.forMe} highlighted={introductionId} />
          <AsksForYou asks={asks.data.received} />
          <YouIntroduced list={introductions.data.proposedByMe} asks={asks.data.received} highlighted={introductionId} />
          <YouAsked asks={asks.data.sent} />
        </>
      )}
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// For you

function ForYou({ list, highlighted }: { list: IntroductionForMe[]; highlighted: string | undefined }) {
  const titleId = useId();
  const open = list.filter((i) => i.state === 'waiting' || i.state === 'connected');
  const past = list.filter((i) => !open.includes(i));
  return (
    <section className="stack-sm" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        For you
      </h2>
      {list.length === 0 ? (
        <p className="muted">No one has introduced you yet. When someone who met you thinks you should meet a person they know, it shows here.</p>
      ) : (
        <ol className="intro-list">
          {[...open, ...past].map((introduction) => (
            <li key={introduction.id}>
              <ForYouCard introduction={introduction} highlighted={highlighted === introduction.id} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ForYouCard({ introduction, highlighted }: { introduction: IntroductionForMe; highlighted: boolean }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const titleId = useId();
  const other = introduction.other;
  const first = firstNameOf(other.name);
  const introducer = introduction.introducer?.name ?? 'Someone who has since left';

  const answer = useMutation({
    onMutate: () => noteOwnIntroductionAnswer(other.id),
    mutationFn: (how: 'accept' | 'decline') => memoryApi.answer(introduction.id, how),
    onSuccess: (updated, how) => {
      if (updated.state !== 'connected') forgetOwnIntroductionAnswer(other.id);
      queryClient.setQueryData<MyIntroductions>(memoryKeys.introductions, (data) =>
        data && { ...data, forMe: data.forMe.map((i) => (i.id === updated.id ? updated : i)) },
      );
      void refreshIntroductions(queryClient);
      if (updated.state === 'connected') {
        void refreshMyPeople(queryClient);
        notify(`You and ${first} are connected. You’ll find ${first} in My people.`);
      } else if (how === 'decline') {
        notify(introduction.introducer ? `Not now. Neither ${first} nor ${firstNameOf(introduction.introducer.name)} is told.` : `Not now. ${first} will not be told.`);
      } else if (introduction.myAnswer === 'declined') {
        notify(`You said yes after all. We’ll let you know if ${first} accepts too.`);
      }
    },
    onError: (error) => {
      forgetOwnIntroductionAnswer(other.id);
      notify(errorMessage(error), 'error');
      void refreshIntroductions(queryClient);
    },
  });

  let status;
  if (introduction.state === 'connected') {
    status = (
      <p className="intro-status intro-status-good">
        You are connected.{' '}
        <Link to={`/me/people/${other.id}`}>
          See {first} in My people
        </Link>
      </p>
    );
  } else if (introduction.state === 'withdrawn') {
    status = <p className="intro-status">{introduction.introducer ? `${firstNameOf(introduction.introducer.name)} withdrew this introduction.` : 'This introduction was withdrawn.'}</p>;
  } else if (introduction.state === 'not_this_time') {
    status = <p className="intro-status">This one did not come about. That happens; nobody is told why.</p>;
  } else if (introduction.myAnswer === 'accepted') {
    status = <p className="intro-status">You said yes. We’ll let you know if {first} accepts too.</p>;
  } else if (introduction.myAnswer === 'declined') {
    status = <p className="intro-status">You said not now. They will not be told.</p>;
  }
  const changeOfMind = introduction.state === 'waiting' && introduction.myAnswer === 'declined';

  const waitingForMe = introduction.state === 'waiting' && introduction.myAnswer === null;

  return (
    <article
      id={`introduction-${introduction.id}`}
      tabIndex={-1}
      className={`card intro-card${highlighted ? ' is-highlighted' : ''}${waitingForMe ? ' needs-you' : ''}`}
      aria-labelledby={titleId}
    >
      <p className="intro-by">
        <strong>{introducer}</strong> {introduction.state === 'waiting' ? 'would like you to meet' : 'introduced you to'}
      </p>
      <div className="meeting-who">
        <Avatar name={other.name} />
        <div className="stack-xs">
          <h3 id={titleId} className="meeting-name">
            {other.name}
          </h3>
          {other.headline && <p className="meeting-headline">{other.headline}</p>}
        </div>
      </div>
      <blockquote className="request-note">
        <p>{introduction.why}</p>
      </blockquote>
      <p className="muted small">
        {formatDay(introduction.createdAt)}
        {introduction.state === 'waiting' ? ` · open until ${formatDay(introduction.expiresAt)}` : ''}
      </p>
      {status}
      {changeOfMind && (
        <div className="meeting-actions">
          <button type="button" className="button button-secondary button-small" onClick={() => answer.mutate('accept')} disabled={answer.isPending} aria-describedby={titleId}>
            {answer.isPending ? 'Accepting…' : 'Accept after all'}
          </button>
        </div>
      )}
      {waitingForMe && (
        <>
          <p className="muted small">
            If you both say yes, you see each other in My people. If you say not now, {first}
            {introduction.introducer ? ` and ${firstNameOf(introduction.introducer.name)}` : ''} will not be told.
          </p>
          <div className="meeting-actions">
            <button type="button" className="button button-primary button-small" onClick={() => answer.mutate('accept')} disabled={answer.isPending} aria-describedby={titleId}>
              {answer.isPending && answer.variables === 'accept' ? 'Accepting…' : 'Accept'}
            </button>
            <button type="button" className="button button-quiet button-small" onClick={() => answer.mutate('decline')} disabled={answer.isPending} aria-describedby={titleId}>
              Not now
            </button>
          </div>
        </>
      )}
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// Asks for you

function AsksForYou({ asks }: { asks: AskReceived[] }) {
  const titleId = useId();
  const open = asks.filter((a) => a.state === 'open' || a.state === 'set_aside');
  return (
    <section className="stack-sm" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        Asks for you
      </h2>
      {open.length === 0 ? (
        <p className="muted">Nobody is waiting for a suggestion from you.</p>
      ) : (
        <ol className="intro-list">
          {open.map((ask) => (
            <li key={ask.id}>
              <AskCard ask={ask} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function AskCard({ ask }: { ask: AskReceived }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const titleId = useId();
  const [introducing, setIntroducing] = useState(false);
  const first = firstNameOf(ask.from.name);
  const setAside = useMutation({
    mutationFn: () => memoryApi.setAskAside(ask.id),
    onSuccess: () => {
      void refreshIntroductions(queryClient);
      notify(`Let it lapse. ${first} is not told.`);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });
  return (
    <article className="card intro-card" aria-labelledby={titleId}>
      <div className="meeting-who">
        <Avatar name={ask.from.name} />
        <div className="stack-xs">
          <h3 id={titleId} className="meeting-name">
            <Link to={`/me/people/${ask.from.id}`}>{ask.from.name}</Link>
          </h3>
          {ask.from.headline && <p className="meeting-headline">{ask.from.headline}</p>}
        </div>
      </div>
      <p className="intro-ask">
        Who should I meet about <q>{ask.topic}</q>?
      </p>
      <p className="muted small">
        Asked {formatDay(ask.createdAt)} · open until {formatDay(ask.expiresAt)}
        {ask.state === 'set_aside' ? ' · you let it lapse, and can still answer' : ''}
      </p>
      <div className="meeting-actions">
        <button type="button" className="button button-primary button-small" onClick={() => setIntroducing(true)} aria-describedby={titleId}>
          Introduce someone
        </button>
        {ask.state === 'open' && (
          <button type="button" className="button button-quiet button-small" onClick={() => setAside.mutate()} disabled={setAside.isPending} aria-describedby={titleId}>
            Let it lapse
          </button>
        )}
      </div>
      <IntroduceSheet open={introducing} onClose={() => setIntroducing(false)} person={{ id: ask.from.id, name: ask.from.name }} ask={{ id: ask.id, topic: ask.topic }} />
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// You introduced

const BY_ME_BADGES: Record<IntroductionByMe['state'], { text: string; className: string }> = {
  waiting: { text: 'Waiting for their answers', className: 'badge badge-waiting' },
  connected: { text: 'Connected ✓', className: 'badge badge-shared' },
  not_this_time: { text: 'Did not come about', className: 'badge badge-quiet' },
  withdrawn: { text: 'Withdrawn', className: 'badge badge-quiet' },
};

function YouIntroduced({ list, asks, highlighted }: { list: IntroductionByMe[]; asks: AskReceived[]; highlighted: string | undefined }) {
  const titleId = useId();
  return (
    <section className="stack-sm" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        You introduced
      </h2>
      {list.length === 0 ? (
        <p className="muted">
          You have not introduced anyone yet. From someone’s page in <Link to="/me/people">My people</Link>, “Introduce to…” suggests them to
          another person you met.
        </p>
      ) : (
        <ol className="intro-list">
          {list.map((introduction) => (
            <li key={introduction.id}>
              <ByMeCard introduction={introduction} ask={asks.find((ask) => ask.id === introduction.askId)} highlighted={highlighted === introduction.id} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function ByMeCard({ introduction, ask, highlighted }: { introduction: IntroductionByMe; ask: AskReceived | undefined; highlighted: boolean }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const titleId = useId();
  const [asking, setAsking] = useState(false);
  const [a, b] = introduction.people;
  const badge = BY_ME_BADGES[introduction.state];
  const withdraw = useMutation({
    mutationFn: () => memoryApi.withdraw(introduction.id),
    onSuccess: () => {
      setAsking(false);
      void refreshIntroductions(queryClient);
      notify('Withdrawn. Neither of them gets a notification.');
    },
  });
  const words: Record<IntroductionByMe['state'], string> = {
    waiting: `Both are asked privately. It stays open until ${formatDay(introduction.expiresAt)}.`,
    connected: `They both said yes${introduction.connectedAt ? ` on ${formatDay(introduction.connectedAt)}` : ''}: they can now find each other.`,
    not_this_time: 'It did not come about. Nobody is told why, and that is fine.',
    withdrawn: 'You withdrew it.',
  };
  return (
    <article id={`introduction-${introduction.id}`} tabIndex={-1} className={`card intro-card${highlighted ? ' is-highlighted' : ''}`} aria-labelledby={titleId}>
      <p className="meeting-state">
        <span className={badge.className}>{badge.text}</span>
      </p>
      <h3 id={titleId} className="intro-pair">
        <Link to={`/me/people/${a.id}`}>{a.name}</Link> <span aria-hidden="true">↔</span>
        <span className="visually-hidden"> and </span> <Link to={`/me/people/${b.id}`}>{b.name}</Link>
      </h3>
      {ask && (
        <p className="muted small">
          In answer to {firstNameOf(ask.from.name)}’s ask: who should I meet about <q>{ask.topic}</q>?
        </p>
      )}
      <blockquote className="request-note">
        <p>{introduction.why}</p>
      </blockquote>
      <p className="muted small">
        {formatDay(introduction.createdAt)} · {words[introduction.state]}
      </p>
      {introduction.state === 'waiting' && (
        <div className="meeting-actions">
          <button type="button" className="button button-quiet button-small button-danger-text" onClick={() => setAsking(true)} aria-describedby={titleId}>
            Withdraw
          </button>
        </div>
      )}
      <ConfirmDialog
        open={asking}
        title="Withdraw this introduction?"
        confirmLabel="Withdraw"
        cancelLabel="Keep it"
        danger
        busy={withdraw.isPending}
        onConfirm={() => withdraw.mutate()}
        onCancel={() => setAsking(false)}
      >
        <p>
          {firstNameOf(a.name)} and {firstNameOf(b.name)} are no longer asked. Neither gets a notification, but where they were asked it now
          reads that you withdrew it. Whatever either of them answered stays private.
        </p>
        <FormMessage error={withdraw.error} />
      </ConfirmDialog>
    </article>
  );
}

// ---------------------------------------------------------------------------------------------
// You asked

const SENT_BADGES: Record<AskSent['state'], { text: string; className: string }> = {
  waiting: { text: 'Open', className: 'badge badge-waiting' },
  answered: { text: 'Answered with an introduction', className: 'badge badge-shared' },
  not_this_time: { text: 'Lapsed', className: 'badge badge-quiet' },
};

function YouAsked({ asks }: { asks: AskSent[] }) {
  const titleId = useId();
  if (asks.length === 0) return null;
  return (
    <section className="stack-sm" aria-labelledby={titleId}>
      <h2 id={titleId} className="section-title">
        You asked
      </h2>
      <ul className="saved-list" aria-labelledby={titleId}>
        {asks.map((ask) => {
          const badge = SENT_BADGES[ask.state];
          return (
            <li key={ask.id} className="saved-row sent-row">
              <Avatar name={ask.to.name} />
              <div className="saved-who">
                <p className="sent-head">
                  <Link to={`/me/people/${ask.to.id}`} className="saved-name">
                    {ask.to.name}
                  </Link>{' '}
                  <span className={badge.className}>{badge.text}</span>
                </p>
                <p className="saved-headline">Who should I meet about “{ask.topic}”?</p>
                <p className="saved-when">
                  Asked {formatDay(ask.createdAt)}
                  {ask.state === 'waiting' ? ` · open until ${formatDay(ask.expiresAt)}` : ''}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
