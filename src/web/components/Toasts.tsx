import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** A button in the toast, such as Undo: it runs once, and the toast goes. */
export interface ToastAction {
  label: string;
  /** When it returns a promise, the toast stays (and keeps focus) until the promise settles. */
  run(): void | Promise<unknown>;
  /**
   * For an Undo of what the person just did: focus moves to the button at once, so that it is one
   * key away, and `leave` is where focus goes when they go on without it (Escape, ×, or Tab past
   * the last toast).
   */
  focus?: { leave(): void };
}

interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  shownAt: number;
  action?: ToastAction | undefined;
  /** Its action is running. */
  busy?: boolean;
}

interface ToastApi {
  /** Says `message`; with an action (Undo), the toast stays longer so there is time to use it. */
  notify(message: string, tone?: Toast['tone'], action?: ToastAction): void;
  /** Drops what was said on an earlier page; a toast from the last moment (“Event deleted”, then off to home) stays. */
  clearStale(): void;
}

const ToastContext = createContext<ToastApi>({ notify: () => {}, clearStale: () => {} });

/**
 * How long a toast shows, and how young one must be to follow a page change it led to. Every
 * timer stops while a toast is hovered or holds focus, or the tab is in the background.
 */
const LIFETIME_MS = 5000;
const ACTION_LIFETIME_MS = 15_000;
/** Left at least this long once the pointer or focus leaves, so a toast does not vanish under it. */
const AFTER_PAUSE_MS = 3000;
const CARRY_MS = 1500;
/** Toasts on screen at once. Plain ones make way first, so three "Not now" in a row keep three Undos. */
const MAX_TOASTS = 4;

type PauseReason = 'hover' | 'focus' | 'hidden';

interface Timer {
  remaining: number;
  startedAt: number;
  handle: number | undefined;
}

export function useToast(): ToastApi {
  return useContext(ToastContext);
}

/** Keeps the newest toasts, dropping plain messages before ones with an action (Undo). */
function capped(toasts: Toast[]): Toast[] {
  const kept = [...toasts];
  while (kept.length > MAX_TOASTS) {
    const plain = kept.findIndex((t) => !t.action);
    kept.splice(plain >= 0 ? plain : 0, 1);
  }
  return kept;
}

/** Short confirmations ("Link copied") read out by screen readers, gone after a few seconds or a tap. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [focusId, setFocusId] = useState<number>();
  const nextId = useRef(1);
  const timers = useRef(new Map<number, Timer>());
  const paused = useRef(new Set<PauseReason>());
  const region = useRef<HTMLDivElement>(null);
  const nodes = useRef(new Map<number, HTMLElement>());
  const current = useRef(toasts);
  current.current = toasts;
  const baseId = useId();

  const hovered = useRef<number>(undefined);

  const stopTimer = useCallback((id: number) => {
    window.clearTimeout(timers.current.get(id)?.handle);
    timers.current.delete(id);
  }, []);

  /**
   * Takes a toast away. Closed by the person (× or Escape) while it holds focus, focus goes back
   * where they were rather than to the top of the page; after its action ran, the action decides.
   */
  const remove = useCallback(
    (id: number, how: 'closed' | 'timeout' | 'done' = 'closed') => {
      stopTimer(id);
      const node = nodes.current.get(id);
      const toast = current.current.find((t) => t.id === id);
      if (how === 'closed' && node?.contains(document.activeElement)) toast?.action?.focus?.leave();
      if (hovered.current === id) {
        // It goes from under the pointer, which fires no pointerleave.
        hovered.current = undefined;
        pauseRef.current('hover', false);
      }
      setToasts((list) => list.filter((t) => t.id !== id));
    },
    [stopTimer],
  );

  const start = useCallback(
    (id: number) => {
      const timer = timers.current.get(id);
      if (!timer || timer.handle !== undefined || paused.current.size > 0) return;
      timer.startedAt = Date.now();
      timer.handle = window.setTimeout(() => remove(id, 'timeout'), timer.remaining);
    },
    [remove],
  );

  const pause = useCallback((reason: PauseReason, on: boolean) => {
    const was = paused.current.size > 0;
    if (on) paused.current.add(reason);
    else paused.current.delete(reason);
    const now = paused.current.size > 0;
    if (!was && now) {
      for (const timer of timers.current.values()) {
        if (timer.handle === undefined) continue;
        window.clearTimeout(timer.handle);
        timer.handle = undefined;
        timer.remaining = Math.max(AFTER_PAUSE_MS, timer.remaining - (Date.now() - timer.startedAt));
      }
    } else if (was && !now) {
      for (const id of timers.current.keys()) start(id);
    }
  }, [start]);
  const pauseRef = useRef(pause);
  pauseRef.current = pause;

  const notify = useCallback(
    (message: string, tone: Toast['tone'] = 'info', action?: ToastAction) => {
      const id = nextId.current++;
      setToasts((list) => {
        const next = capped([...list, { id, message, tone, shownAt: Date.now(), action }]);
        for (const gone of list) {
          if (!next.includes(gone)) stopTimer(gone.id);
        }
        return next;
      });
      timers.current.set(id, { remaining: action ? ACTION_LIFETIME_MS : LIFETIME_MS, startedAt: Date.now(), handle: undefined });
      start(id);
      if (action?.focus) setFocusId(id);
    },
    [start, stopTimer],
  );

  const clearStale = useCallback(() => {
    const cutoff = Date.now() - CARRY_MS;
    setToasts((list) => {
      if (!list.some((t) => t.shownAt < cutoff)) return list;
      for (const t of list) {
        if (t.shownAt < cutoff) stopTimer(t.id);
      }
      return list.filter((t) => t.shownAt >= cutoff);
    });
  }, [stopTimer]);

  // The Undo of what the person just did takes focus (and so stops every timer until they move on).
  useEffect(() => {
    if (focusId === undefined) return;
    nodes.current.get(focusId)?.querySelector<HTMLElement>('.toast-action')?.focus();
    setFocusId(undefined);
  }, [focusId, toasts]);

  // A toast that went while it held focus or the pointer fires no blur or pointerleave: the timers
  // must not stay stopped for it.
  useEffect(() => {
    if (paused.current.has('focus') && !region.current?.contains(document.activeElement)) pause('focus', false);
    if (hovered.current !== undefined && !toasts.some((t) => t.id === hovered.current)) {
      hovered.current = undefined;
      pause('hover', false);
    }
  }, [toasts, pause]);

  useEffect(() => {
    const onVisibility = () => pause('hidden', document.visibilityState === 'hidden');
    document.addEventListener('visibilitychange', onVisibility);
    const pending = timers.current;
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      for (const timer of pending.values()) window.clearTimeout(timer.handle);
      pending.clear();
    };
  }, [pause]);

  function runAction(toast: Toast) {
    const action = toast.action;
    if (!action || toast.busy) return;
    const result = action.run();
    if (result instanceof Promise) {
      setToasts((list) => list.map((t) => (t.id === toast.id ? { ...t, busy: true } : t)));
      void result.finally(() => remove(toast.id, 'done'));
    } else {
      remove(toast.id, 'done');
    }
  }

  /** Escape closes the toast; Tab past the last one (or before the first) goes back to the page. */
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, toast: Toast) {
    if (event.key === 'Escape') {
      event.preventDefault();
      remove(toast.id);
      return;
    }
    const leave = toast.action?.focus?.leave;
    if (event.key !== 'Tab' || !leave || !region.current) return;
    const buttons = [...region.current.querySelectorAll<HTMLElement>('button')];
    const edge = event.shiftKey ? buttons[0] : buttons[buttons.length - 1];
    if (event.target === edge) {
      event.preventDefault();
      leave();
    }
  }

  const value = useMemo(() => ({ notify, clearStale }), [notify, clearStale]);

  return (
    <ToastContext.Provider value={value}>
      {children}
      <div
        ref={region}
        className="toasts"
        role="status"
        aria-live="polite"
        onFocus={() => pause('focus', true)}
        onBlur={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) pause('focus', false);
        }}
      >
        {toasts.map((toast) => {
          const messageId = `${baseId}-${toast.id}`;
          return (
            // Escape and Tab are handled here for the buttons inside; the toast itself takes no focus.
            <div
              key={toast.id}
              ref={(node) => {
                if (node) nodes.current.set(toast.id, node);
                else nodes.current.delete(toast.id);
              }}
              className={`toast toast-${toast.tone}`}
              onPointerEnter={() => {
                hovered.current = toast.id;
                pause('hover', true);
              }}
              onPointerLeave={() => {
                if (hovered.current === toast.id) hovered.current = undefined;
                pause('hover', false);
              }}
              onKeyDown={(e) => onKeyDown(e, toast)}
            >
              <p id={messageId} className="toast-message">
                {toast.message}
              </p>
              {toast.action && (
                <button
                  type="button"
                  className="toast-action"
                  aria-describedby={messageId}
                  aria-disabled={toast.busy || undefined}
                  onClick={() => runAction(toast)}
                >
                  {toast.action.label}
                </button>
              )}
              <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => remove(toast.id)}>
                <span aria-hidden="true">×</span>
              </button>
            </div>
          );
        })}
      </div>
    </ToastContext.Provider>
  );
}
