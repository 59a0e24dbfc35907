import { useId } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import { FormMessage } from './States.js';
import { useToast } from './Toasts.js';

export const insightsConsentKey = (eventId: string) => ['events', eventId, 'insights-consent'] as const;

/** Whether the organizers' who-met-whom picture of this event shows my name (no, unless I say so). */
export function InsightsConsentToggle({ eventId }: { eventId: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const consent = useQuery({
    queryKey: insightsConsentKey(eventId),
    queryFn: () => unwrap(api.GET('/api/events/{eventId}/me/insights-consent', { params: { path: { eventId } } })),
  });
  const update = useMutation({
    mutationFn: (named: boolean) => unwrap(api.PUT('/api/events/{eventId}/me/insights-consent', { params: { path: { eventId } }, body: { named } })),
    onSuccess: (data) => {
      queryClient.setQueryData(insightsConsentKey(eventId), data);
      notify(data.named ? 'Organizers may see your name in who met whom' : 'You are “Attendee N” in who met whom');
    },
  });
  if (!consent.data) return null;
  const checked = update.isPending ? update.variables : consent.data.named;

  return (
    <div className="stack-xs">
      <div className="check">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-busy={update.isPending || undefined}
          onChange={(e) => {
            if (!update.isPending) update.mutate(e.target.checked);
          }}
          aria-describedby={`${id}-hint`}
        />
        <label htmlFor={id}>
          Show my name in the organizers’ who-met-whom picture
          <span id={`${id}-hint`} className="field-hint">
            Organizers see a picture of who met whom here. Without this you are shown as “Attendee” and a number, with no initials. Never your notes or contact details.
          </span>
        </label>
      </div>
      <FormMessage error={update.error} />
    </div>
  );
}
