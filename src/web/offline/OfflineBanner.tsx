import { useSyncExternalStore } from 'react';
import { lastReadSource, subscribeToReadSource } from './register.js';
import { usePendingWrites } from './write-queue.js';

function subscribeToConnection(listener: () => void) {
  window.addEventListener('online', listener);
  window.addEventListener('offline', listener);
  return () => {
    window.removeEventListener('online', listener);
    window.removeEventListener('offline', listener);
  };
}

/** Says when the page shows what this phone saved rather than what the server says now. */
export function OfflineBanner() {
  const online = useSyncExternalStore(subscribeToConnection, () => navigator.onLine);
  // The Wi-Fi may be up while the server cannot be reached: the service worker says when it answered from the phone.
  const source = useSyncExternalStore(subscribeToReadSource, lastReadSource);
  const pending = usePendingWrites();
  const shown = !online || source === 'cache';

  return (
    <div role="status" className="offline-status">
      {shown && (
        <div className="offline-banner">
          <p>{online ? 'The server cannot be reached' : 'You are offline'} — showing what this phone saved.</p>
          {pending.length > 0 && (
            <p className="offline-pending">
              {pending.length === 1 ? 'One change is' : `${pending.length} changes are`} saved on this phone and will be sent when you are back online.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
