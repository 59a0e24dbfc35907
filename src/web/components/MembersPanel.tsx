import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, unwrap, type EventView, type Member } from '../api/client.js';
import { keys } from '../api/queries.js';
import { Avatar } from './Avatar.js';
import { EmptyState, ErrorState, Loading } from './States.js';
import { useToast } from './Toasts.js';

const STATUS_LABEL: Record<Member['status'], string> = {
  invited: 'Invited',
  joined: 'Joined',
  checked_in: 'Checked in',
  left: 'Left',
};

/** Organizers check people in at the door and share the organizing. */
export function MembersPanel({ event }: { event: EventView }) {
  const eventId = event.id;
  const filterId = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [filter, setFilter] = useState('');
  const members = useQuery({
    queryKey: keys.members(eventId),
    queryFn: async () => (await unwrap(api.GET('/api/events/{eventId}/members', { params: { path: { eventId } } }))).members,
  });
  const update = useMutation({
    mutationFn: (change: { member: Member; role?: Member['role']; status?: 'joined' | 'checked_in' }) =>
      unwrap(
        api.PATCH('/api/events/{eventId}/members/{userId}', {
          params: { path: { eventId, userId: change.member.userId } },
          body: { ...(change.role ? { role: change.role } : {}), ...(change.status ? { status: change.status } : {}) },
        }),
      ),
    onSuccess: (updated, change) => {
      queryClient.setQueryData<Member[]>(keys.members(eventId), (current) => current?.map((m) => (m.userId === updated.userId ? updated : m)));
      void queryClient.invalidateQueries({ queryKey: ['events', eventId, 'directory'] });
      if (change.status) notify(updated.status === 'checked_in' ? `${updated.displayName} is checked in` : `${updated.displayName} is no longer checked in`);
      if (change.role) notify(updated.role === 'organizer' ? `${updated.displayName} is now a co-organizer` : `${updated.displayName} is an attendee again`);
    },
    onError: (error) => notify(errorMessage(error), 'error'),
  });

  if (members.isPending) return <Loading lines={5} label="Loading members…" />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;

  const active = members.data.filter((m) => m.status !== 'left');
  const left = members.data.filter((m) => m.status === 'left');
  const checkedIn = active.filter((m) => m.status === 'checked_in').length;
  const needle = filter.trim().toLowerCase();
  const shown = needle ? active.filter((m) => m.displayName.toLowerCase().includes(needle)) : active;

  return (
    <section className="stack-sm" aria-labelledby="members-title">
      <div className="section-head">
        <h2 id="members-title" className="section-title">
          Members
        </h2>
        <p className="muted">
          {active.length} {active.length === 1 ? 'member' : 'members'} · {checkedIn} checked in
        </p>
      </div>
      {active.length > 6 && (
        <>
          <label htmlFor={filterId} className="visually-hidden">
            Find a member by name
          </label>
          <input id={filterId} type="search" className="input input-search" placeholder="Find a member by name" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </>
      )}
      {shown.length === 0 ? (
        <EmptyState title={needle ? 'No member has that name' : 'No members yet'} />
      ) : (
        <ul className="member-list card">
          {shown.map((member) => {
            const busy = update.isPending && update.variables.member.userId === member.userId;
            return (
              <li key={member.userId} className="member-row">
                <Avatar name={member.displayName} />
                <div className="member-info">
                  <Link to={`/e/${eventId}/people/${member.userId}`} className="member-name">
                    {member.displayName}
                  </Link>
                  <span className="badges">
                    <span className={`badge${member.status === 'checked_in' ? ' badge-shared' : ' badge-quiet'}`}>{STATUS_LABEL[member.status]}</span>
                    {member.role === 'organizer' && <span className="badge">{member.isOwner ? 'Owner' : 'Organizer'}</span>}
                    {!member.listed && <span className="badge badge-quiet">Not listed</span>}
                  </span>
                </div>
                <div className="member-actions">
                  <button
                    type="button"
                    className={`button button-small ${member.status === 'checked_in' ? 'button-secondary' : 'button-primary'}`}
                    disabled={busy}
                    onClick={() => update.mutate({ member, status: member.status === 'checked_in' ? 'joined' : 'checked_in' })}
                    aria-label={member.status === 'checked_in' ? `Undo check-in of ${member.displayName}` : `Check in ${member.displayName}`}
                  >
                    {member.status === 'checked_in' ? 'Undo check-in' : 'Check in'}
                  </button>
                  {!member.isOwner && (
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      disabled={busy}
                      onClick={() => update.mutate({ member, role: member.role === 'organizer' ? 'attendee' : 'organizer' })}
                      aria-label={member.role === 'organizer' ? `Make ${member.displayName} an attendee` : `Make ${member.displayName} a co-organizer`}
                    >
                      {member.role === 'organizer' ? 'Make attendee' : 'Make co-organizer'}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {left.length > 0 && (
        <details className="left-members">
          <summary>
            {left.length} {left.length === 1 ? 'person' : 'people'} left the event
          </summary>
          <ul>
            {left.map((m) => (
              <li key={m.userId}>{m.displayName}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
