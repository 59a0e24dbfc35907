import { useEffect, useRef, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.js';
import { keys, useAccount, useSetupStatus } from '../api/queries.js';
import { useLiveNotifications } from '../notifications.js';
import { OfflineBanner } from '../offline/OfflineBanner.js';
import { forgetOfflineData } from '../offline/register.js';
import { NotificationBell } from './NotificationBell.js';
import { useToast } from './Toasts.js';

function Brand() {
  return (
    <Link to="/" className="brand">
      <svg className="brand-mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <circle cx="26" cy="32" r="14" />
        <circle cx="38" cy="32" r="14" />
      </svg>
      <span>Common Ground</span>
    </Link>
  );
}

export function Layout() {
  const location = useLocation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { notify, clearStale } = useToast();
  const account = useAccount();
  const setup = useSetupStatus();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const signedIn = Boolean(account.data);
  useLiveNotifications(signedIn);

  useEffect(() => {
    setMenuOpen(false);
  }, [location.pathname]);

  // A toast belongs to the page it was said on.
  useEffect(() => {
    clearStale();
  }, [location.pathname, location.search, clearStale]);

  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  async function signOut() {
    try {
      await unwrap(api.POST('/api/auth/sign-out'));
    } catch {
      // Signing out locally is still right when the server is unreachable.
    }
    void forgetOfflineData();
    // Leave first, so a page that needs an account does not send to sign-in on the way out.
    await navigate('/', { flushSync: true });
    // The account query is kept (and set to null) so that every page watching it sees the change.
    queryClient.setQueryData(keys.account, null);
    queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'account' });
    notify('You are signed out. See you soon.');
  }

  const onAuthPage = location.pathname === '/sign-in' || location.pathname === '/sign-up';
  // From a sign-in or sign-up page, the other one keeps where the person was headed (an invite, say).
  const headedTo = onAuthPage
    ? new URLSearchParams(location.search).get('next')
    : location.pathname === '/setup'
      ? null
      : location.pathname + location.search;
  const nextQuery = headedTo ? `?next=${encodeURIComponent(headedTo)}` : '';
  // Until the first admin exists, the server refuses sign-ups.
  const canSignUp = setup.data?.needed !== true;

  return (
    <div className="app">
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <Brand />
          {!account.isPending && (
            <>
              {signedIn && <NotificationBell />}
              <button
                type="button"
                className="menu-button"
                aria-expanded={menuOpen}
                aria-controls="site-menu"
                onClick={() => setMenuOpen((open) => !open)}
              >
                <span className="menu-icon" aria-hidden="true" />
                <span className="menu-label">Menu</span>
              </button>
              <nav id="site-menu" className={`site-nav${menuOpen ? ' is-open' : ''}`} aria-label="Main">
                {signedIn ? (
                  <ul>
                    <li>
                      <NavLink to="/" end>
                        My events
                      </NavLink>
                    </li>
                    <li>
                      <NavLink to="/me/people">My people</NavLink>
                    </li>
                    <li>
                      <NavLink to="/me/profile">Profile</NavLink>
                    </li>
                    <li>
                      <NavLink to="/me/account">Account</NavLink>
                    </li>
                    <li>
                      <button type="button" className="nav-button" onClick={signOut}>
                        Sign out
                      </button>
                    </li>
                  </ul>
                ) : (
                  <ul>
                    <li>
                      <NavLink to={`/sign-in${nextQuery}`}>Sign in</NavLink>
                    </li>
                    {canSignUp && (
                      <li>
                        <NavLink to={`/sign-up${nextQuery}`} className="nav-cta">
                          Sign up
                        </NavLink>
                      </li>
                    )}
                  </ul>
                )}
              </nav>
            </>
          )}
        </div>
        <OfflineBanner />
      </header>
      <main id="main" ref={main} tabIndex={-1} className="main">
        <Outlet />
      </main>
      <footer className="footer">
        <p>Common Ground · meet people, not pitches</p>
      </footer>
    </div>
  );
}
