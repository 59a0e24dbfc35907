import { useNavigate } from 'react-router';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import { keys } from '../api/queries.js';
import { EventForm, type EventFormValues } from '../components/EventForm.js';
import { usePageTitle } from '../components/PageTitle.js';
import { useToast } from '../components/Toasts.js';

export function NewEventPage() {
  usePageTitle('Create an event');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const create = useMutation({
    mutationFn: (values: EventFormValues) => unwrap(api.POST('/api/events', { body: values })),
    onSuccess: (event) => {
      queryClient.setQueryData(keys.event(event.id), event);
      void queryClient.invalidateQueries({ queryKey: keys.events, exact: true });
      notify('Your event is ready. Share an invite link to bring people in.');
      void navigate(`/e/${event.id}?tab=invite`);
    },
  });
  return (
    <div className="stack narrow">
      <div>
        <h1>Create an event</h1>
        <p className="muted">You can change all of this later.</p>
      </div>
      <EventForm
        submitLabel="Create event"
        busyLabel="Creating…"
        busy={create.isPending}
        error={create.error}
        onSubmit={(values) => create.mutate(values)}
        onCancel={() => void navigate('/')}
      />
    </div>
  );
}
