import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

/** A button in the toast, such as Undo: it runs once, and the toast goes. */
export interface ToastAction {
  label: string;
  run(): void;
}

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  shownAt: number;
  action?: ToastAction | undefined;
}

interface ToastApi {
  /** Says `message`; with an action (Undo), the toast stays longer so there is time to use it. */
  notify(message: string, tone?: Toast['tone'], action?: ToastAction): void;
  /** Drops what was said on an earlier page; a toast from the last moment (“Event deleted”, then off to home) stays. */
  clearStale(): void;
}

const ToastContext = createContext<ToastApi>({ notify: () => {}, clearStale: () => {} });

/** How long a toast shows, and how young one must be to follow a page change it led to. */
const LIFETIME_MS = 4000;
const ACTION_LIFETIME_MS = 8000;
const CARRY_MS = 1500;

export function useToast(): ToastApi {
  return useContext(ToastContext);
}

/** Short confirmations ("Link copied") read out by screen readers, gone after a few seconds or a tap. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, number>());

  const dismiss = useCallback((id: number) => {
    window.clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((t) => t.id !== id));
  }, []);

  const notify = useCallback(
    (message: string, tone: Toast['tone'] = 'info', action?: ToastAction) => {
      const id = nextId.current++;
      setToasts((current) => [...current.slice(-1), { id, message, tone, shownAt: Date.now(), action }]);
      timers.current.set(id, window.setTimeout(() => dismiss(id), action ? ACTION_LIFETIME_MS : LIFETIME_MS));
    },
    [dismiss],
  );

  const clearStale = useCallback(() => {
    const cutoff = Date.now() - CARRY_MS;
    setToasts((current) => (current.some((t) => t.shownAt < cutoff) ? current.filter((t) => t.shownAt >= cutoff) : current));
  }, []);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) window.clearTimeout(timer);
      pending.clear();
    };
  }, []);

  const value = useMemo(() => ({ notify, clearStale }), [notify, clearStale]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" role="status" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`}>
            <p className="toast-message">{toast.message}</p>
            {toast.action && (
              <button
                type="button"
                className="toast-action"
                onClick={() => {
                  dismiss(toast.id);
                  toast.action?.run();
                }}
              >
                {toast.action.label}
              </button>
            )}
            <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => dismiss(toast.id)}>
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
