import { useId, useRef } from 'react';

interface ListInputProps {
  label: string;
  itemLabel: string;
  values: string[];
  onChange(values: string[]): void;
  hint?: string;
  /** The message for the whole list or for one item, from the server. */
  error?: string | undefined;
  placeholder?: string;
  max: number;
  addLabel: string;
  type?: 'text' | 'url';
}

/** A short list of one-line answers ("what I can offer"), each its own labelled input. */
export function ListInput({ label, itemLabel, values, onChange, hint, error, placeholder, max, addLabel, type = 'text' }: ListInputProps) {
  const id = useId();
  const list = useRef<HTMLOListElement>(null);

  function addRow() {
    onChange([...values, '']);
    // Focus the new input once it exists.
    requestAnimationFrame(() => {
      const inputs = list.current?.querySelectorAll('input');
      inputs?.[inputs.length - 1]?.focus();
    });
  }

  return (
    <fieldset className={`field list-field${error ? ' field-invalid' : ''}`} aria-describedby={`${id}-hint ${id}-error`}>
      <legend className="field-label">{label}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <ol className="list-rows" ref={list}>
        {values.map((value, index) => (
          <li key={index} className="list-row">
            <label className="visually-hidden" htmlFor={`${id}-${index}`}>
              {itemLabel} {index + 1}
            </label>
            <input
              id={`${id}-${index}`}
              className="input"
              type={type}
              value={value}
              placeholder={index === 0 ? placeholder : undefined}
              onChange={(e) => onChange(values.map((v, i) => (i === index ? e.target.value : v)))}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  if (values.length < max && value.trim()) addRow();
                }
              }}
            />
            <button
              type="button"
              className="button button-quiet button-icon"
              aria-label={`Remove ${itemLabel.toLowerCase()} ${index + 1}`}
              onClick={() => onChange(values.filter((_, i) => i !== index))}
            >
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ol>
      {values.length < max && (
        <button type="button" className="button button-secondary button-small" onClick={addRow}>
          <span aria-hidden="true">+</span> {addLabel}
        </button>
      )}
      <p id={`${id}-error`} className="field-error" aria-live="polite">
        {error}
      </p>
    </fieldset>
  );
}
