import { useId, useState, type KeyboardEvent } from 'react';

interface ChipInputProps {
  label: string;
  values: string[];
  onChange(values: string[]): void;
  suggestions?: string[];
  hint?: string;
  error?: string | undefined;
  placeholder?: string;
  /** A line under the input, e.g. what saving does to the values. */
  note?: string;
  max?: number;
}

const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Interests as chips: Enter or a comma adds what was typed; suggestions add with one tap. */
export function ChipInput({ label, values, onChange, suggestions = [], hint, error, placeholder, note, max = 30 }: ChipInputProps) {
  const id = useId();
  const [draft, setDraft] = useState('');
  const full = values.length >= max;

  function add(raw: string) {
    const additions = raw
      .split(/[,;\n]/)
      .map((part) => part.trim())
      .filter(Boolean);
    const next = [...values];
    for (const text of additions) {
      if (next.length >= max) break;
      if (!next.some((v) => sameText(v, text))) next.push(text);
    }
    if (next.length !== values.length) onChange(next);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add(draft);
      setDraft('');
    } else if (event.key === 'Backspace' && draft === '' && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  }

  const open = suggestions.filter((s) => !values.some((v) => sameText(v, s))).slice(0, 16);
  const describedBy = [`${id}-hint`, note ? `${id}-note` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');

  return (
    <div className={`field chip-field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <p id={`${id}-hint`} className="field-hint">
        {hint ?? 'Type one and press Enter or a comma.'} {values.length}/{max}
      </p>
      {values.length > 0 && (
        <ul className="chips chips-editable" aria-label={`${label} you chose`}>
          {values.map((value) => (
            <li key={value} className="chip chip-editable">
              <span>{value}</span>
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${value}`}
                onClick={() => onChange(values.filter((v) => v !== value))}
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={id}
        className="input"
        value={draft}
        disabled={full}
        placeholder={full ? 'That is plenty' : placeholder}
        onChange={(e) => {
          const text = e.target.value;
          if (/[,;]/.test(text)) {
            add(text);
            setDraft('');
          } else {
            setDraft(text);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft.trim()) {
            add(draft);
            setDraft('');
          }
        }}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        autoComplete="off"
        enterKeyHint="enter"
      />
      {note && (
        <p id={`${id}-note`} className="field-hint">
          {note}
        </p>
      )}
      {open.length > 0 && !full && (
        <div className="suggestions">
          <p className="suggestions-label" id={`${id}-suggestions`}>
            Used by people at your events
          </p>
          <ul className="chips" aria-labelledby={`${id}-suggestions`}>
            {open.map((suggestion) => (
              <li key={suggestion}>
                <button type="button" className="chip chip-suggestion" onClick={() => add(suggestion)} aria-label={`Add ${suggestion}`}>
                  <span aria-hidden="true">+</span> {suggestion}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error}
      </p>
    </div>
  );
}
