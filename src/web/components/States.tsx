import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../api/client.js';

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

/**
 * An event page whose event did not load: one that does not exist reads the same as one I am not
 * a member of (the API answers both with 404); anything else can be retried.
 */
export function EventLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
    return (
      <EmptyState title="This event is not available">
        <p>It may have been deleted, or you are not a member. Ask the organizer for an invite link.</p>
        <Link to="/" className="button button-secondary">
          Back to my events
        </Link>
      </EmptyState>
    );
  }
  return <ErrorState error={error} onRetry={onRetry} />;
}
