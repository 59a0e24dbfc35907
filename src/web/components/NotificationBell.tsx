import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type AppNotification } from '../api/client.js';
import { keys, useNotifications } from '../api/queries.js';
import { ErrorState, Loading } from './States.js';
import { useDismiss } from './dismiss.js';


type NotificationList = { notifications: AppNotification[]; unread: number };

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" className="icon">
      <path d="M6 16.5V11a6 6 0 1 1 12 0v5.5l1.5 2H4.5l1.5-2Z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
    </svg>
  );
}

/** "2 min ago", "3 h ago", or the day: when a notification came. */
function ago(iso: string, now: number): string {
  const minutes = Math.max(0, Math.round((now - Date.parse(iso)) / 60_000));
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' }).format(new Date(iso));
}

/**
 * The bell in the header: how many notifications are unread, and the latest ones in a small
 * panel. Opening it marks them read; those that were new stay marked as such while it is open.
 */
export function NotificationBell() {
  const queryClient = useQueryClient();
  const location = useLocation();
  const notifications = useNotifications();
  const [open, setOpen] = useState(false);
  const closeMenu = useCallback(() => setOpen(false), []);
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const wrapper = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const unread = notifications.data?.unread ?? 0;

  useEffect(() => {
    setOpen(false);
  }, [location.pathname, location.search]);

  const closeOnBlur = useDismiss(open, closeMenu, wrapper, button);

  async function toggle() {
    if (open) {
      setOpen(false);
      return;
    }
    setFresh(new Set(notifications.data?.notifications.filter((n) => !n.read).map((n) => n.id)));
    setOpen(true);
    const list = await notifications.refetch();
    const latest = list.data;
    if (!latest || latest.unread === 0) return;
    setFresh(new Set(latest.notifications.filter((n) => !n.read).map((n) => n.id)));
    try {
      await unwrap(api.POST('/api/me/notifications/read'));
      queryClient.setQueryData<NotificationList>(keys.notifications, (data) => data && { unread: 0, notifications: data.notifications.map((n) => ({ ...n, read: true })) });
    } catch {
      // Still unread on the server: the count stays, and the next opening tries again.
    }
  }

  const now = Date.now();
  const list = notifications.data?.notifications ?? [];

  return (
    <div
      className="bell"
      ref={wrapper}
      onBlur={closeOnBlur}
    >
      <button
        ref={button}
        type="button"
        className="bell-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={() => void toggle()}
      >
        <BellIcon />
        {unread > 0 && (
          <span className="bell-count" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <div id={panelId} className="bell-panel" hidden={!open}>
        <p className="bell-title">Notifications</p>
        {notifications.isPending ? (
          <Loading lines={2} />
        ) : notifications.isError && list.length === 0 ? (
          <ErrorState error={notifications.error} onRetry={() => void notifications.refetch()} />
        ) : list.length === 0 ? (
          <p className="muted small bell-empty">Nothing yet. Meeting requests, answers and changes to your meetings show up here.</p>
        ) : (
          <ul className="bell-list">
            {list.map((n) => (
              <li key={n.id}>
                <Link to={n.link} className={`bell-item${fresh.has(n.id) ? ' is-new' : ''}`} onClick={() => setOpen(false)}>
                  <span className="bell-text">
                    {fresh.has(n.id) && <span className="visually-hidden">New: </span>}
                    {n.text}
                  </span>
                  <span className="bell-when">{ago(n.createdAt, now)}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
