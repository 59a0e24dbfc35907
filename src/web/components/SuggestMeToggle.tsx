import { useId, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type MyMembership } from '../api/client.js';
import { keys, useMyMembership } from '../api/queries.js';
import { FormMessage } from './States.js';
import { useToast } from './Toasts.js';

/** Whether others at the event may see me among their people to meet (my own suggestions stay). */
export function SuggestMeToggle({ eventId }: { eventId: string }) {
  const id = useId();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const membership = useMyMembership(eventId);
  // What was just asked for, shown at once: the mutation's own state reaches React a moment after
  // the click, and meanwhile React would put the box back as it was.
  const [wanted, setWanted] = useState<boolean>();
  const update = useMutation({
    mutationFn: (suggestMe: boolean) => unwrap(api.PATCH('/api/events/{eventId}/me', { params: { path: { eventId } }, body: { suggestMe } })),
    onSuccess: (data: MyMembership) => {
      queryClient.setQueryData(keys.myMembership(eventId), data);
      notify(data.suggestMe ? 'Others here may see you in their suggestions' : 'You are no longer suggested to others here');
    },
  });
  if (!membership.data) return null;
  const { suggestMe, listed, role } = membership.data;
  const busy = update.isPending || wanted !== undefined;
  const checked = wanted ?? (update.isPending ? update.variables : suggestMe);
  // Attendees who are not listed are never suggested, whatever this says.
  const hiddenAnyway = !listed && role === 'attendee';

  return (
    <div className="stack-xs">
      <div className="check">
        {/* Stays enabled while saving, so it keeps focus; clicks meanwhile are ignored. */}
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-busy={busy || undefined}
          onChange={(e) => {
            if (busy) return;
            setWanted(e.target.checked);
            update.mutate(e.target.checked, { onSettled: () => setWanted(undefined) });
          }}
          aria-describedby={`${id}-hint`}
        />
        <label htmlFor={id}>
          Suggest me to others
          <span id={`${id}-hint`} className="field-hint">
            {hiddenAnyway
              ? 'You are not listed in the directory, so nobody here is suggested to meet you either way.'
              : 'People here who share something with you may see you in their People to meet. Your own suggestions stay either way.'}
          </span>
        </label>
      </div>
      <FormMessage error={update.error} />
    </div>
  );
}
