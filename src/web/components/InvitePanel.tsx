import { useId, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fieldError, unwrap, type EventView, type Invite } from '../api/client.js';
import { keys } from '../api/queries.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { CopyButton } from './CopyButton.js';
import { SelectField, TextField } from './Field.js';
import { QrCode } from './QrCode.js';
import { ErrorState, FormMessage, Loading } from './States.js';
import { useToast } from './Toasts.js';
import { formatDay } from '../time.js';

const DURATIONS = [
  { value: '1', label: '1 day' },
  { value: '7', label: '1 week' },
  { value: '14', label: '2 weeks' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
];

/** Organizers share the event through links (and their QR codes) that they can withdraw. */
export function InvitePanel({ event }: { event: EventView }) {
  const eventId = event.id;
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const [days, setDays] = useState('14');
  const [maxUses, setMaxUses] = useState('');
  const [withdrawing, setWithdrawing] = useState<Invite>();

  const invites = useQuery({
    queryKey: keys.invites(eventId),
    queryFn: async () => (await unwrap(api.GET('/api/events/{eventId}/invites', { params: { path: { eventId } } }))).invites,
  });
  const create = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/events/{eventId}/invites', {
          params: { path: { eventId } },
          body: { expiresInDays: Number(days), ...(maxUses ? { maxUses: Number(maxUses) } : {}) },
        }),
      ),
    onSuccess: (invite) => {
      queryClient.setQueryData<Invite[]>(keys.invites(eventId), (current) => [invite, ...(current ?? [])]);
      setMaxUses('');
      notify('Invite link created');
    },
  });
  const withdraw = useMutation({
    mutationFn: (invite: Invite) =>
      unwrap(api.DELETE('/api/events/{eventId}/invites/{inviteId}', { params: { path: { eventId, inviteId: invite.id } } })),
    onSuccess: (_, invite) => {
      queryClient.setQueryData<Invite[]>(keys.invites(eventId), (current) => current?.filter((i) => i.id !== invite.id));
      setWithdrawing(undefined);
      notify('The link no longer works');
    },
  });

  const createForm = (
    <form
      className="card form invite-form"
      aria-labelledby="new-invite-title"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate();
      }}
    >
      <h3 id="new-invite-title" className="card-title">
        {invites.data?.length ? 'Another link' : 'Create a link'}
      </h3>
      <div className="field-row">
        <SelectField label="Link works for" value={days} onChange={setDays} options={DURATIONS} error={fieldError(create.error, 'expiresInDays')} />
        <TextField
          label="Limit uses (optional)"
          type="number"
          inputMode="numeric"
          min={1}
          value={maxUses}
          onChange={(e) => setMaxUses(e.target.value.replace(/[^0-9]/g, ''))}
          placeholder="No limit"
          error={fieldError(create.error, 'maxUses')}
        />
      </div>
      <FormMessage error={create.error && !fieldError(create.error, 'maxUses') && !fieldError(create.error, 'expiresInDays') ? create.error : undefined} />
      <button type="submit" className="button button-primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create invite link'}
      </button>
    </form>
  );

  return (
    <section className="stack" aria-labelledby="invites-title">
      <div className="stack-xs">
        <h2 id="invites-title" className="section-title">
          Share invite link
        </h2>
        <p className="muted">Anyone with a link can join {event.name} as an attendee. Send it, print its QR code, or show it on a screen.</p>
      </div>
      {invites.isPending ? (
        <Loading lines={3} />
      ) : invites.isError ? (
        <ErrorState error={invites.error} onRetry={() => void invites.refetch()} />
      ) : invites.data.length === 0 ? (
        <p className="muted">No active links yet.</p>
      ) : (
        <>
          <LoopbackNote url={invites.data[0]!.url} />
          <ul className="invite-list" aria-label="Links that work now">
          {invites.data.map((invite) => (
            <li key={invite.id}>
              <InviteCard invite={invite} eventName={event.name} onWithdraw={() => setWithdrawing(invite)} />
            </li>
          ))}
          </ul>
        </>
      )}
      {createForm}

      <ConfirmDialog
        open={Boolean(withdrawing)}
        title="Withdraw this link?"
        confirmLabel="Withdraw link"
        danger
        busy={withdraw.isPending}
        onConfirm={() => withdrawing && withdraw.mutate(withdrawing)}
        onCancel={() => {
          setWithdrawing(undefined);
          withdraw.reset();
        }}
      >
        <p>It stops working at once. People who already joined stay in the event.</p>
        <FormMessage error={withdraw.error} />
      </ConfirmDialog>
    </section>
  );
}

/** Whether a link points at this computer only (127.x.x.x, localhost, [::1]), which no phone can open. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]';
}

function LoopbackNote({ url }: { url: string }) {
  if (!isLoopbackUrl(url)) return null;
  const port = new URL(url).port;
  return (
    <div className="notice notice-warning" role="note" aria-labelledby="loopback-title">
      <p id="loopback-title" className="notice-title">
        Phones cannot open this link
      </p>
      <p>It points to this computer only. So that people at the venue can join, restart the server with:</p>
      <code className="command">
        HOST=0.0.0.0 PUBLIC_URL=http://&lt;this computer’s address on the venue network&gt;{port ? `:${port}` : ''}
      </code>
      <p>Your links then use that address. The README shows how, under “From phones at the venue”.</p>
    </div>
  );
}

function InviteCard({ invite, eventName, onWithdraw }: { invite: Invite; eventName: string; onWithdraw(): void }) {
  const inputId = useId();
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  return (
    <article className="card invite-card">
      <QrCode text={invite.url} label={`QR code of the invite link to ${eventName}`} size={168} />
      <div className="invite-body stack-sm">
        <div className="field">
          <label htmlFor={inputId} className="field-label">
            Invite link
          </label>
          <div className="copy-row">
            <textarea id={inputId} className="input input-mono invite-url" readOnly rows={2} value={invite.url} onFocus={(e) => e.target.select()} />
            <CopyButton text={invite.url} what="Link" />
          </div>
        </div>
        <p className="muted small">
          Used {invite.uses} {invite.uses === 1 ? 'time' : 'times'}
          {invite.maxUses !== null ? ` of ${invite.maxUses}` : ''} · works until {formatDay(invite.expiresAt)}
        </p>
        <div className="actions">
          {canShare && (
            <button
              type="button"
              className="button button-secondary"
              onClick={() => void navigator.share({ title: eventName, text: `Join me at ${eventName}`, url: invite.url }).catch(() => {})}
            >
              Share…
            </button>
          )}
          <button type="button" className="button button-secondary button-danger-text" onClick={onWithdraw}>
            Withdraw
          </button>
        </div>
      </div>
    </article>
  );
}
