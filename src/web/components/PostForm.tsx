import { useState, type FormEvent } from 'react';
import { fieldError } from '../api/client.js';
import { TextArea, TextField } from './Field.js';
import { FormMessage } from './States.js';

export const FORMATTING_HINT = 'Plain text: **bold**, *italic*, `code`, links, and lines starting with "- " make a list.';

interface PostFormProps {
  initial?: { title: string; body: string };
  submitLabel: string;
  busyLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit(values: { title: string; body: string }): void;
  onCancel?: () => void;
}

/** A post's title and text; what is missing is said beside its field, as the server words it. */
export function PostForm({ initial, submitLabel, busyLabel, busy, error, onSubmit, onCancel }: PostFormProps) {
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const titleError = fieldError(error, 'title');
  const bodyError = fieldError(error, 'body');

  function submit(e: FormEvent) {
    e.preventDefault();
    onSubmit({ title, body });
  }

  return (
    <form className="form post-form" onSubmit={submit} noValidate>
      <TextField label="Title" name="title" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} error={titleError} autoComplete="off" />
      <TextArea label="Text" name="body" value={body} onChange={(e) => setBody(e.target.value)} rows={6} hint={FORMATTING_HINT} error={bodyError} />
      <FormMessage error={titleError || bodyError ? undefined : error} />
      <div className="actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
