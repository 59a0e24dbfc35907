import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, fieldError, unwrap, type MyMembership } from '../api/client.js';
import { keys } from '../api/queries.js';
import { ErrorState, FormMessage, Loading } from './States.js';
import { InsightsConsentToggle } from './InsightsConsentToggle.js';
import { SuggestMeToggle } from './SuggestMeToggle.js';
import { useToast } from './Toasts.js';

/** What I am here for at this event, and whether others can find me in its directory. */
export function HereForCard({ eventId }: { eventId: string }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const membership = useQuery({
    queryKey: keys.myMembership(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/me', { params: { path: { eventId } } })),
  });
  const [hereFor, setHereFor] = useState('');
  const [saved, setSaved] = useState<string>();

  useEffect(() => {
    if (membership.data) setHereFor(membership.data.hereFor);
  }, [membership.data]);

  const update = useMutation({
    mutationFn: (body: { hereFor?: string; listed?: boolean }) =>
      unwrap(api.PATCH('/api/events/{eventId}/me', { params: { path: { eventId } }, body })),
    onSuccess: (data: MyMembership, body) => {
      queryClient.setQueryData(keys.myMembership(eventId), data);
      void queryClient.invalidateQueries({ queryKey: ['events', eventId, 'directory'] });
      if (body.listed !== undefined) notify(data.listed ? 'You are listed in the directory' : 'You are no longer listed');
      else setSaved('Saved. People see this next to your name.');
    },
  });

  const hereForError = fieldError(update.error, 'hereFor');

  return (
    <section className="card stack-sm" aria-labelledby="here-for-title">
      <h2 id="here-for-title" className="card-title">
        You at this event
      </h2>
      {membership.isPending ? (
        <Loading lines={2} />
      ) : membership.isError ? (
        <ErrorState error={membership.error} onRetry={() => void membership.refetch()} />
      ) : (
        <>
          <form
            className="field"
            onSubmit={(e) => {
              e.preventDefault();
              setSaved(undefined);
              update.mutate({ hereFor });
            }}
          >
            <label htmlFor={`here-for-${eventId}`} className="field-label">
              I’m here for…
            </label>
            <p id={`here-for-${eventId}-hint`} className="field-hint">
              One line people see next to your name.
            </p>
            <div className="input-row">
              <input
                id={`here-for-${eventId}`}
                className="input"
                value={hereFor}
                onChange={(e) => {
                  setHereFor(e.target.value);
                  setSaved(undefined);
                }}
                placeholder="e.g. fellow Rust builders"
                maxLength={140}
                aria-invalid={hereForError ? true : undefined}
                aria-describedby={`here-for-${eventId}-hint here-for-${eventId}-error`}
              />
              <button type="submit" className="button button-primary" disabled={update.isPending || hereFor === membership.data.hereFor}>
                Save
              </button>
            </div>
            <p id={`here-for-${eventId}-error`} className="field-error" aria-live="polite">
              {hereForError}
            </p>
          </form>
          <FormMessage error={update.error && !hereForError ? update.error : undefined} success={saved} />
          <div className="check">
            <input
              id={`listed-${eventId}`}
              type="checkbox"
              checked={update.isPending && update.variables.listed !== undefined ? update.variables.listed : membership.data.listed}
              onChange={(e) => update.mutate({ listed: e.target.checked })}
            />
            <label htmlFor={`listed-${eventId}`}>
              List me in the directory
              <span className="field-hint">Others at this event can find you and see your profile. Never your contact details.</span>
            </label>
          </div>
          <SuggestMeToggle eventId={eventId} />
          <InsightsConsentToggle eventId={eventId} />
        </>
      )}
    </section>
  );
}
