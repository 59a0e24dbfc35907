import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, errorMessage, unwrap, type EventView, type Member } from '../api/client.js';
import { keys, useAccount } from '../api/queries.js';
import { Avatar } from './Avatar.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { SelectField } from './Field.js';
import { EmptyState, ErrorState, FormMessage, Loading } from './States.js';
import { useToast } from './Toasts.js';

const STATUS_LABEL: Record<Member['status'], string> = {
  invited: 'Invited',
  joined: 'Joined',
  checked_in: 'Checked in',
  left: 'Left',
};

/**
 * Whether the person came: checked in, or (someone imported who has not claimed their account,
 * and so stays invited) seen at the door.
 */
function isCheckedIn(member: Member): boolean {
  return member.status === 'checked_in' || (member.status === 'invited' && member.checkedInAt !== null);
}

/** Organizers check people in at the door and share the organizing. */
export function MembersPanel({ event }: { event: EventView }) {
  const eventId = event.id;
  const filterId = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [filter, setFilter] = useState('');
  const myId = useAccount().data?.id;
  /** A change of role waiting for the organizer's confirmation. */
  const [roleChange, setRoleChange] = useState<{ member: Member; role: Member['role'] }>();
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
      if (change.status) notify(isCheckedIn(updated) ? `${updated.displayName} is checked in` : `${updated.displayName} is no longer checked in`);
      if (change.role) {
        setRoleChange(undefined);
        // Stepping down changes what I may see of the event.
        if (updated.userId === myId) void queryClient.invalidateQueries({ queryKey: keys.event(eventId), exact: true });
        notify(updated.role === 'organizer' ? `${updated.displayName} is now a co-organizer` : `${updated.displayName} is no longer an organizer`);
      }
    },
    // A refused change of role is told in its dialog; a refused check-in in a toast.
    onError: (error, change) => {
      if (!change.role) notify(errorMessage(error), 'error');
    },
  });

  if (members.isPending) return <Loading lines={5} label="Loading members…" />;
  if (members.isError) return <ErrorState error={members.error} onRetry={() => void members.refetch()} />;

  const stepsDown = roleChange?.role === 'attendee' && roleChange.member.userId === myId;
  const active = members.data.filter((m) => m.status !== 'left');
  const left = members.data.filter((m) => m.status === 'left');
  const checkedIn = active.filter(isCheckedIn).length;
  // Counted apart, as the event's header counts only those who joined.
  const invited = active.filter((m) => m.status === 'invited').length;
  const joined = active.length - invited;
  const needle = filter.trim().toLowerCase();
  const shown = needle ? active.filter((m) => m.displayName.toLowerCase().includes(needle)) : active;

  return (
    <section className="stack-sm" aria-labelledby="members-title">
      <div className="section-head">
        <h2 id="members-title" className="section-title">
          Members
        </h2>
        <p className="muted">
          {joined} {joined === 1 ? 'member' : 'members'}
          {invited > 0 && ` · ${invited} invited, not joined yet`} · {checkedIn} checked in
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
            const came = isCheckedIn(member);
            return (
              <li key={member.userId} className="member-row">
                <Avatar name={member.displayName} />
                <div className="member-info">
                  <Link to={`/e/${eventId}/people/${member.userId}`} className="member-name">
                    {member.displayName}
                  </Link>
                  <span className="badges">
                    <span className={`badge${came ? ' badge-shared' : ' badge-quiet'}`}>
                      {member.status === 'invited' && came ? 'Invited · checked in' : STATUS_LABEL[member.status]}
                    </span>
                    {member.role === 'organizer' && <span className="badge">{member.isOwner ? 'Owner' : 'Organizer'}</span>}
                    {!member.listed && <span className="badge badge-quiet">Not listed</span>}
                  </span>
                </div>
                <div className="member-actions">
                  <button
                    type="button"
                    className={`button button-small ${came ? 'button-secondary' : 'button-primary'}`}
                    disabled={busy}
                    onClick={() => update.mutate({ member, status: came ? 'joined' : 'checked_in' })}
                    aria-label={came ? `Undo check-in of ${member.displayName}` : `Check in ${member.displayName}`}
                  >
                    {came ? 'Undo check-in' : 'Check in'}
                  </button>
                  {!member.isOwner && (member.role === 'organizer' || member.status !== 'invited') && (
                    <button
                      type="button"
                      className="button button-small button-quiet"
                      disabled={busy}
                      onClick={() => {
                        update.reset();
                        setRoleChange({ member, role: member.role === 'organizer' ? 'attendee' : 'organizer' });
                      }}
                      aria-label={
                        member.role === 'attendee'
                          ? `Make ${member.displayName} a co-organizer`
                          : member.userId === myId
                            ? 'Step down as organizer'
                            : `Remove ${member.displayName} as organizer`
                      }
                    >
                      {member.role === 'attendee' ? 'Make co-organizer' : member.userId === myId ? 'Step down' : 'Remove as organizer'}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      <ConfirmDialog
        open={roleChange !== undefined}
        title={
          roleChange?.role === 'organizer'
            ? `Make ${roleChange.member.displayName} a co-organizer?`
            : stepsDown
              ? 'Step down as organizer?'
              : `Remove ${roleChange?.member.displayName ?? ''} as organizer?`
        }
        confirmLabel={roleChange?.role === 'organizer' ? 'Make co-organizer' : stepsDown ? 'Step down' : 'Remove as organizer'}
        danger={roleChange?.role === 'attendee'}
        busy={update.isPending}
        onConfirm={() => roleChange && update.mutate(roleChange)}
        onCancel={() => {
          setRoleChange(undefined);
          update.reset();
        }}
      >
        {roleChange?.role === 'organizer' ? (
          <p>
            {roleChange.member.displayName} will organize with you: see everyone, including people who chose not to be listed, check people in, invite,
            import, plan mixers, post, moderate comments, edit the event and read its activity log.
          </p>
        ) : stepsDown ? (
          <p>You stay in the event as an attendee and lose the organizer tools. Another organizer can make you a co-organizer again.</p>
        ) : (
          <p>
            {roleChange?.member.displayName} stays in the event as an attendee and loses the organizer tools. You can make them a co-organizer again later.
          </p>
        )}
        {roleChange && <FormMessage error={update.error} />}
      </ConfirmDialog>
      {event.isOwner && <TransferOwnership event={event} members={active} />}
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

/** The owner hands the event to a co-organizer, after saying plainly what that changes. */
function TransferOwnership({ event, members }: { event: EventView; members: Member[] }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const coOrganizers = members.filter((m) => m.role === 'organizer' && !m.isOwner);
  const [chosen, setChosen] = useState('');
  const [asking, setAsking] = useState(false);
  const heir = coOrganizers.find((m) => m.userId === chosen) ?? coOrganizers[0];
  const transfer = useMutation({
    mutationFn: (member: Member) =>
      unwrap(api.POST('/api/events/{eventId}/ownership', { params: { path: { eventId: event.id } }, body: { userId: member.userId } })),
    onSuccess: (updated, member) => {
      setAsking(false);
      queryClient.setQueryData(keys.event(event.id), updated);
      void queryClient.invalidateQueries({ queryKey: keys.members(event.id) });
      void queryClient.invalidateQueries({ queryKey: keys.events, exact: true });
      notify(`${member.displayName} now owns ${event.name}`);
    },
  });

  return (
    <section className="card stack-sm transfer-ownership" aria-labelledby="transfer-title">
      <h3 id="transfer-title" className="card-title">
        Transfer ownership
      </h3>
      {coOrganizers.length === 0 || !heir ? (
        <p className="muted">You own this event. To hand it over to someone, first make them a co-organizer.</p>
      ) : (
        <>
          <p className="muted">Hand the event over to one of its co-organizers. You stay an organizer.</p>
          {coOrganizers.length > 1 && (
            <SelectField
              label="New owner"
              value={heir.userId}
              onChange={setChosen}
              options={coOrganizers.map((m) => ({ value: m.userId, label: m.displayName }))}
            />
          )}
          <div className="actions">
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                transfer.reset();
                setAsking(true);
              }}
            >
              {coOrganizers.length > 1 ? 'Transfer ownership…' : `Transfer ownership to ${heir.displayName}…`}
            </button>
          </div>
          <ConfirmDialog
            open={asking}
            title={`Make ${heir.displayName} the owner of ${event.name}?`}
            confirmLabel="Transfer ownership"
            danger
            busy={transfer.isPending}
            onConfirm={() => transfer.mutate(heir)}
            onCancel={() => {
              setAsking(false);
              transfer.reset();
            }}
          >
            <ul className="consequences">
              <li>{heir.displayName} becomes the owner: only they can delete the event or hand it on.</li>
              <li>You stay an organizer with the same tools, and you can now leave the event.</li>
              <li>You cannot take it back: only {heir.displayName} can transfer it to you again.</li>
            </ul>
            <FormMessage error={transfer.error} />
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
