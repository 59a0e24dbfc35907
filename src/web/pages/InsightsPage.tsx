import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { pictureSvg, pictureTitle } from '../../core/insights/picture.js';
import { api, unwrap, type EventView, type Schemas } from '../api/client.js';
import { useEvent } from '../api/queries.js';
import { downloadPicturePng, InsightsPicture } from '../components/InsightsPicture.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, FormMessage, Loading } from '../components/States.js';

type Insights = Schemas['Insights'];
type Figures = Insights['figures'];

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${Math.round((part / whole) * 100)}%`);
const people = (count: number) => `${count} ${count === 1 ? 'person' : 'people'}`;

export function InsightsPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `Insights · ${event.data.name}` : 'Insights');
  if (event.isPending) return <Loading lines={6} label="Loading the event…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  return <InsightsView event={event.data} />;
}

/**
 * The room the picture has on this screen (its width, and the frame's most height: 78% of the
 * window, as styles.css says), in steps of 40 px so that resizing redraws it rarely. Core puts the
 * legend beside the people when that draws them bigger in it.
 */
function useFrameShape(): [{ width: number; height: number } | undefined, (element: HTMLDivElement | null) => void] {
  const [element, setElement] = useState<HTMLDivElement | null>(null);
  const [shape, setShape] = useState<{ width: number; height: number }>();
  const ref = useCallback((next: HTMLDivElement | null) => setElement(next), []);
  useEffect(() => {
    if (!element) return;
    const measure = () => {
      const step = (n: number) => Math.max(40, Math.round(n / 40) * 40);
      const width = step(element.clientWidth);
      const height = step(window.innerHeight * 0.78);
      setShape((current) => (current && current.width === width && current.height === height ? current : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    window.addEventListener('resize', measure);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [element]);
  return [shape, ref];
}

function InsightsView({ event }: { event: EventView }) {
  const eventId = event.id;
  const insights = useQuery({
    queryKey: ['events', eventId, 'insights'],
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/insights', { params: { path: { eventId } } })),
    enabled: event.myRole === 'organizer',
  });
  const [frame, frameRef] = useFrameShape();
  const svg = useMemo(
    () => (insights.data ? pictureSvg(insights.data.picture, { title: pictureTitle(insights.data.event.name), ...(frame ? { frame } : {}) }) : ''),
    [insights.data, frame],
  );
  const [pngError, setPngError] = useState<unknown>();
  const [makingPng, setMakingPng] = useState(false);

  const header = (
    <header className="ptm-head">
      <Link to={`/e/${eventId}`} className="back-link">
        <span aria-hidden="true">←</span> {event.name}
      </Link>
      <h1>Insights</h1>
      <p className="lead">Who met whom, how many made new connections, and what people share. For the organizers only; attendees choose whether their name shows.</p>
    </header>
  );

  if (event.myRole !== 'organizer') {
    return (
      <div className="stack">
        {header}
        <EmptyState title="Insights are for the organizers">Ask an organizer of {event.name} if you would like to see them.</EmptyState>
      </div>
    );
  }
  if (insights.isPending) {
    return (
      <div className="stack">
        {header}
        <Loading lines={8} label="Drawing who met whom…" />
      </div>
    );
  }
  if (insights.isError) {
    return (
      <div className="stack">
        {header}
        <ErrorState error={insights.error} onRetry={() => void insights.refetch()} />
      </div>
    );
  }

  const { figures, picture } = insights.data;
  const named = picture.people.filter((p) => p.named).length;
  const slug = insights.data.event.slug;

  return (
    <div className="stack insights-page">
      {header}
      <FigureCards figures={figures} />

      <section className="card stack-sm" aria-labelledby="picture-title">
        <h2 id="picture-title" className="card-title">
          Who met whom
        </h2>
        <p className="muted">
          {people(picture.people.length)} and {picture.links.length} {picture.links.length === 1 ? 'pair' : 'pairs'} who met. {named} of them chose to be named; the others
          show as “Attendee” and a number. On a computer, hover over a circle to read how many people they met.
        </p>
        <div ref={frameRef}>
          <InsightsPicture svg={svg} label={pictureTitle(insights.data.event.name)} />
        </div>
        <div className="actions insights-exports">
          <a className="button button-secondary" href={`/api/events/${eventId}/insights/picture.svg`} download={`who-met-whom-${slug}.svg`}>
            Download SVG
          </a>
          <button
            type="button"
            className="button button-secondary"
            disabled={makingPng}
            onClick={() => {
              setPngError(undefined);
              setMakingPng(true);
              downloadPicturePng(svg, `who-met-whom-${slug}.png`)
                .catch(setPngError)
                .finally(() => setMakingPng(false));
            }}
          >
            {makingPng ? 'Making the PNG…' : 'Download PNG'}
          </button>
          <a className="button button-secondary" href={`/api/events/${eventId}/insights/figures.csv`} download={`insights-${slug}.csv`}>
            Download figures (CSV)
          </a>
        </div>
        <FormMessage error={pngError} />
      </section>

      <Interests figures={figures} />
    </div>
  );
}

function FigureCards({ figures }: { figures: Figures }) {
  const { attendees, attendeesWithNew, meetings, mixers } = figures;
  return (
    <dl className="figures" aria-label="Figures">
      <div className="figure">
        <dt>Met someone new</dt>
        <dd>
          {attendeesWithNew.atLeastOne}
          <span className="figure-of"> of {attendees}</span>
        </dd>
        <dd className="figure-note">
          {percent(attendeesWithNew.atLeastOne, attendees)} of attendees; {attendeesWithNew.atLeastThree} met 3 or more new people
        </dd>
      </div>
      <div className="figure">
        <dt>Pairs who met</dt>
        <dd>{figures.pairsMet}</dd>
        <dd className="figure-note">{figures.newPairs} of them for the first time</dd>
      </div>
      <div className="figure">
        <dt>Meetings held</dt>
        <dd>{meetings.held}</dd>
        <dd className="figure-note">
          of {meetings.accepted} accepted, {meetings.requested} requested
        </dd>
      </div>
      <div className="figure">
        <dt>Mixer repeats</dt>
        <dd>{mixers.repeatRate === null ? '–' : percent(mixers.repeatedPairs, mixers.distinctPairs)}</dd>
        <dd className="figure-note">
          {mixers.repeatRate === null
            ? 'No mixer has started yet'
            : `${mixers.repeatedPairs} of ${mixers.distinctPairs} pairs shared a table more than once`}
        </dd>
      </div>
    </dl>
  );
}

function Interests({ figures }: { figures: Figures }) {
  const { mostHeld, mostInCommon } = figures.interests;
  const mixers = figures.mixers.each;
  return (
    <div className="two-col">
      <section className="card stack-sm" aria-labelledby="held-title">
        <h2 id="held-title" className="card-title">
          Most shared interests
        </h2>
        {mostHeld.length === 0 ? (
          <p className="muted">No interest is held by two people yet.</p>
        ) : (
          <ol className="insights-ranking">
            {mostHeld.map((row) => (
              <li key={row.interest}>
                <span>{row.interest}</span> <span className="muted">{people(row.people)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section className="card stack-sm" aria-labelledby="common-title">
        <h2 id="common-title" className="card-title">
          Common ground of those who met
        </h2>
        {mostInCommon.length === 0 ? (
          <p className="muted">Nobody who met shares an interest yet.</p>
        ) : (
          <ol className="insights-ranking">
            {mostInCommon.map((row) => (
              <li key={row.interest}>
                <span>{row.interest}</span> <span className="muted">{row.pairs === 1 ? '1 pair' : `${row.pairs} pairs`}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {mixers.length > 0 && (
        <section className="card stack-sm" aria-labelledby="mixers-title">
          <h2 id="mixers-title" className="card-title">
            Mixers
          </h2>
          <ul className="insights-ranking">
            {mixers.map((mixer, i) => (
              <li key={i}>
                <span>{mixer.name}</span>{' '}
                <span className="muted">
                  {mixer.roundsPlayed} {mixer.roundsPlayed === 1 ? 'round' : 'rounds'}, {mixer.distinctPairs} pairs,{' '}
                  {mixer.distinctPairs === 0 ? 'no repeats' : `${percent(mixer.repeatedPairs, mixer.distinctPairs)} sat together again`}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
