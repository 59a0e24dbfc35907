import type { CSSProperties } from 'react';
import { Link, Navigate, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { findLayout, layoutsFor, paginate, PAPERS, perPage, sheetMargins, type Paper } from '../../core/badges/sheet.js';
import { api, unwrap, type EventView } from '../api/client.js';
import { useEvent } from '../api/queries.js';
import { BadgeCard } from '../components/BadgeCard.js';
import { SelectField } from '../components/Field.js';
import { usePageTitle } from '../components/PageTitle.js';
import { EmptyState, ErrorState, EventLoadError, Loading } from '../components/States.js';
import '../components/BadgeSheets.css';

const FILTERS = [
  { value: 'everyone', label: 'Everyone' },
  { value: 'not_checked_in', label: 'Not checked in yet' },
  { value: 'imported', label: 'Only people imported' },
] as const;
type Filter = (typeof FILTERS)[number]['value'];

export function BadgesPrintPage() {
  const { eventId = '' } = useParams();
  const event = useEvent(eventId);
  usePageTitle(event.data ? `Badges · ${event.data.name}` : 'Badges');

  if (event.isPending) return <Loading lines={6} label="Loading the event…" />;
  if (event.isError) return <EventLoadError error={event.error} onRetry={() => void event.refetch()} />;
  if (event.data.myRole !== 'organizer') return <Navigate to={`/e/${eventId}`} replace />;
  return <BadgesView event={event.data} />;
}

function BadgesView({ event }: { event: EventView }) {
  const eventId = event.id;
  const [params, setParams] = useSearchParams();
  const paper: Paper = params.get('paper') === 'letter' ? 'letter' : 'a4';
  const layout = findLayout(params.get('layout'), paper);
  const filter: Filter = FILTERS.find((f) => f.value === params.get('filter'))?.value ?? 'everyone';
  const badges = useQuery({
    queryKey: ['events', eventId, 'badges', filter],
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/badges', { params: { path: { eventId }, query: { filter } } })),
  });

  function choose(changes: Record<string, string>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) next.set(key, value);
    setParams(next, { replace: true });
  }

  const size = perPage(layout);
  const list = badges.data?.badges ?? [];
  const pages = paginate(list, size);
  const margins = sheetMargins(layout);
  const paperSize = PAPERS[paper];
  const sheetStyle = {
    '--cols': layout.columns,
    '--rows': layout.rows,
    '--badge-w': `${layout.badgeWidthMm}mm`,
    '--badge-h': `${layout.badgeHeightMm}mm`,
    '--margin-top': `${margins.topMm}mm`,
    '--margin-left': `${margins.leftMm}mm`,
  } as CSSProperties;

  return (
    <div className="stack badges-print">
      {/* The sheet's size and margins follow the choice, so each sheet prints as one page. */}
      <style>{`@page { size: ${paperSize.cssSize}; margin: ${margins.topMm}mm ${margins.leftMm}mm; }`}</style>
      <header className="ptm-head no-print">
        <Link to={`/e/${eventId}?tab=members`} className="back-link">
          <span aria-hidden="true">←</span> {event.name}
        </Link>
        <h1>Badges</h1>
        <p className="lead">
          A badge for everyone coming, with their name, what they do and three interests to start a conversation. Its QR code is the
          person’s own link: people who were imported claim their profile with it, and you scan it at the <Link to={`/e/${eventId}/door`}>door</Link>.
        </p>
      </header>

      <section className="card stack-sm no-print" aria-label="What to print">
        <div className="badge-controls">
          <SelectField
            label="Paper"
            name="paper"
            value={paper}
            onChange={(value) => choose({ paper: value, layout: layoutsFor(value as Paper)[0]!.id })}
            options={(Object.keys(PAPERS) as Paper[]).map((p) => ({ value: p, label: PAPERS[p].label }))}
          />
          <SelectField
            label="Badges"
            name="layout"
            value={layout.id}
            onChange={(value) => choose({ layout: value })}
            options={layoutsFor(paper).map((l) => ({ value: l.id, label: l.label }))}
          />
          <SelectField
            label="Who"
            name="filter"
            value={filter}
            onChange={(value) => choose({ filter: value })}
            options={FILTERS.map((f) => ({ value: f.value, label: f.label }))}
          />
        </div>
        <div className="badge-summary">
          <button type="button" className="button button-primary" onClick={() => window.print()} disabled={list.length === 0}>
            Print
          </button>
          {badges.data && (
            <p className="muted" role="status">
              {list.length === 1 ? '1 badge' : `${list.length} badges`} on {pages.length === 1 ? '1 sheet' : `${pages.length} sheets`} of{' '}
              {paperSize.label}
            </p>
          )}
        </div>
        <p className="muted small">Print at actual size (100 %, not “fit to page”), then cut along the dashed lines.</p>
      </section>

      {badges.isPending ? (
        <Loading lines={6} label="Loading the badges…" />
      ) : badges.isError ? (
        <ErrorState error={badges.error} onRetry={() => void badges.refetch()} />
      ) : list.length === 0 ? (
        <EmptyState title={filter === 'everyone' ? 'No one to print a badge for yet' : 'No one matches'}>
          {filter === 'imported'
            ? 'Nobody in this event came from an import.'
            : filter === 'not_checked_in'
              ? 'Everyone is checked in.'
              : 'Invite people or import your attendee list first.'}
        </EmptyState>
      ) : (
        <div className={`badge-sheets badge-layout-${layout.id}`} style={sheetStyle}>
          {pages.map((page, index) => (
            <section key={index} className="badge-sheet" aria-label={`Sheet ${index + 1} of ${pages.length}`}>
              <ol className="badge-grid">
                {page.map((badge) => (
                  <BadgeCard key={badge.userId} badge={badge} eventName={badges.data.event.name} layoutId={layout.id} />
                ))}
              </ol>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
