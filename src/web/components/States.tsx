import type { ReactNode } from 'react';
import { errorMessage } from '../api/client.js';

/** Calm placeholder blocks while data loads; announced once to screen readers. */
export function Loading({ lines = 3, label = 'Loading…' }: { lines?: number; label?: string }) {
  return (
    <div className="loading" aria-busy="true">
      <span className="visually-hidden" role="status">
        {label}
      </span>
      {Array.from({ length: lines }, (_, i) => (
        <div key={i} className="skeleton" aria-hidden="true" style={{ width: `${92 - ((i * 17) % 40)}%` }} />
      ))}
    </div>
  );
}

export function ErrorState({ error, onRetry, title = 'This did not load' }: { error: unknown; onRetry?: () => void; title?: string }) {
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <p>{errorMessage(error)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children}
    </div>
  );
}

/** A message tied to a form, read out when it appears. */
export function FormMessage({ error, success }: { error?: unknown; success?: string | undefined }) {
  return (
    <div aria-live="polite" className="form-message-slot">
      {error ? (
        <p className="form-message form-message-error" role="alert">
          {errorMessage(error)}
        </p>
      ) : success ? (
        <p className="form-message form-message-success">{success}</p>
      ) : null}
    </div>
  );
}
