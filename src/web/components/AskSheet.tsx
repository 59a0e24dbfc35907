import { useId, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { fieldError } from '../api/client.js';
import { memoryApi, refreshIntroductions, useAsks } from '../api/memory.js';
import { firstNameOf } from '../names.js';
import { formatDay } from '../time.js';
import { Sheet } from './Sheet.js';
import { FormMessage } from './States.js';
import { useToast } from './Toasts.js';

/** As the server counts: characters, after trimming. */
export const TOPIC_MAX = 200;
const topicLength = (text: string) => [...text.trim()].length;

interface AskSheetProps {
  open: boolean;
  onClose(): void;
  /** Someone I met in person. */
  person: { id: string; name: string };
}

/** "Who should I meet about …?", asked of someone I met: they may introduce me, or let it pass. */
export function AskSheet({ open, onClose, person }: AskSheetProps) {
  return (
    <Sheet open={open} title={`Ask ${firstNameOf(person.name)}`} onClose={onClose}>
      {open && <AskForm person={person} onClose={onClose} />}
    </Sheet>
  );
}

function AskForm({ person, onClose }: { person: AskSheetProps['person']; onClose(): void }) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  const asks = useAsks();
  const topicId = useId();
  const [topic, setTopic] = useState('');
  const first = firstNameOf(person.name);
  const waiting = asks.data?.sent.find((a) => a.to.id === person.id && a.state === 'waiting');

  const send = useMutation({
    mutationFn: () => memoryApi.ask({ personId: person.id, topic: topic.trim() }),
    onSuccess: () => {
      void refreshIntroductions(queryClient);
      notify(`Asked ${first}. If they think of someone, you’ll hear of it as an introduction.`);
      onClose();
    },
    onError: () => void refreshIntroductions(queryClient),
  });

  const length = topicLength(topic);
  const over = length - TOPIC_MAX;
  const topicError = over > 0 ? `${over} ${over === 1 ? 'character' : 'characters'} too many: please keep it to ${TOPIC_MAX}.` : fieldError(send.error, 'topic');

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!topic.trim() || over > 0 || send.isPending) return;
    send.mutate();
  }

  if (waiting) {
    return (
      <div className="stack-sm">
        <p>
          You asked {first} about <q>{waiting.topic}</q> on {formatDay(waiting.createdAt)}. One ask at a time, so that it stays easy to
          answer: it stays open until {formatDay(waiting.expiresAt)}.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} data-autofocus>
            Close
          </button>
        </div>
      </div>
    );
  }

  return (
    <form className="form ask-form" onSubmit={submit} noValidate>
      <p className="muted">
        {first} knows people you have not met. They may introduce you to someone, or let it pass: if they let it pass, you are not told, so
        there is no pressure on either of you.
      </p>
      <div className={`field${topicError ? ' field-invalid' : ''}`}>
        <label htmlFor={topicId} className="field-label">
          Who should I meet about…
        </label>
        <textarea
          id={topicId}
          className="input textarea ask-topic"
          rows={2}
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
          placeholder="e.g. running a first user study on a small budget"
          aria-describedby={`${topicId}-count`}
          aria-invalid={topicError ? true : undefined}
          data-autofocus
        />
        <p className={`ask-count${over > 0 ? ' is-over' : ''}`}>
          <span aria-hidden="true">
            {length}/{TOPIC_MAX}
          </span>
          <span id={`${topicId}-count`} className="visually-hidden">
            Up to {TOPIC_MAX} characters.
          </span>
        </p>
        <p className="field-error" aria-live="polite">
          {topicError}
        </p>
      </div>
      <FormMessage error={send.error && !fieldError(send.error, 'topic') ? send.error : undefined} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={send.isPending || !topic.trim() || over > 0}>
          {send.isPending ? 'Asking…' : `Ask ${first}`}
        </button>
      </div>
    </form>
  );
}
