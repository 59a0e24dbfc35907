import { createBrowserRouter, useRouteError } from 'react-router';
// The DOM build of the provider, so that navigate(…, { flushSync: true }) is honoured.
import { RouterProvider } from 'react-router/dom';
import { QueryClientProvider } from '@tanstack/react-query';
import { queryClient } from './api/queries.js';
import { Layout } from './components/Layout.js';
import { RequireAccount } from './components/RequireAccount.js';
import { ErrorState, Loading } from './components/States.js';
import { ToastProvider } from './components/Toasts.js';
import { AccountPage } from './pages/AccountPage.js';
import { SignInPage, SignUpPage } from './pages/AuthPages.js';
import { ClaimPage } from './pages/ClaimPage.js';
import { EventPage } from './pages/EventPage.js';
import { HomePage } from './pages/HomePage.js';
import { JoinPage } from './pages/JoinPage.js';
import { MeetingsPage } from './pages/MeetingsPage.js';
import { MixerSeatPage } from './pages/MixerSeatPage.js';
import { MyPeoplePage } from './pages/MyPeoplePage.js';
import { MyPersonPage } from './pages/MyPersonPage.js';
import { NewEventPage } from './pages/NewEventPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { PeopleToMeetPage } from './pages/PeopleToMeetPage.js';
import { PersonPage } from './pages/PersonPage.js';
import { ProfilePage } from './pages/ProfilePage.js';
import { SetupPage } from './pages/SetupPage.js';

function CrashPage() {
  const error = useRouteError();
  return (
    <main className="main" id="main">
      <ErrorState error={error} title="Something broke on this page" onRetry={() => window.location.reload()} />
    </main>
  );
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    errorElement: <CrashPage />,
    // Shown while a page loaded on demand (We met, the schedule) arrives on a first visit.
    hydrateFallbackElement: (
      <main className="main" id="main">
        <Loading />
      </main>
    ),
    children: [
      { path: '/', element: <HomePage /> },
      { path: '/setup', element: <SetupPage /> },
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/sign-up', element: <SignUpPage /> },
      { path: '/join/:token', element: <JoinPage /> },
      // A badge's QR code: works signed out, since it is how an imported guest first gets in.
      { path: '/claim/:token', element: <ClaimPage /> },
      { path: '/events/new', element: <RequireAccount><NewEventPage /></RequireAccount> },
      { path: '/e/:eventId', element: <RequireAccount><EventPage /></RequireAccount> },
      { path: '/e/:eventId/people-to-meet', element: <RequireAccount><PeopleToMeetPage /></RequireAccount> },
      { path: '/e/:eventId/people/:userId', element: <RequireAccount><PersonPage /></RequireAccount> },
      { path: '/e/:eventId/meetings', element: <RequireAccount><MeetingsPage /></RequireAccount> },
      // One route with the code optional, so the page keeps its result when it drops the code from the address.
      // Loaded when first opened: the scanner and the organizers' tools are not needed on every visit.
      {
        path: '/e/:eventId/met/:code?',
        lazy: async () => {
          const { WeMetPage } = await import('./pages/WeMetPage.js');
          return { element: <RequireAccount><WeMetPage /></RequireAccount> };
        },
      },
      {
        path: '/e/:eventId/schedule',
        lazy: async () => {
          const { SchedulePage } = await import('./pages/SchedulePage.js');
          return { element: <RequireAccount><SchedulePage /></RequireAccount> };
        },
      },
      // One route with the post optional, so that a notification's link opens the post it names.
      {
        path: '/e/:eventId/posts/:postId?',
        lazy: async () => {
          const { PostsPage } = await import('./pages/PostsPage.js');
          return { element: <RequireAccount><PostsPage /></RequireAccount> };
        },
      },
      {
        path: '/e/:eventId/mixers',
        lazy: async () => {
          const { MixersPage } = await import('./pages/MixersPage.js');
          return { element: <RequireAccount><MixersPage /></RequireAccount> };
        },
      },
      {
        path: '/e/:eventId/mixers/:mixerId',
        lazy: async () => {
          const { MixerPage } = await import('./pages/MixerPage.js');
          return { element: <RequireAccount><MixerPage /></RequireAccount> };
        },
      },
      {
        path: '/e/:eventId/mixers/:mixerId/print',
        lazy: async () => {
          const { MixerPrintPage } = await import('./pages/MixerPrintPage.js');
          return { element: <RequireAccount><MixerPrintPage /></RequireAccount> };
        },
      },
      // Organizers' attendee import: loaded when first opened.
      {
        path: '/e/:eventId/import',
        lazy: async () => {
          const { ImportPage } = await import('./pages/ImportPage.js');
          return { element: <RequireAccount><ImportPage /></RequireAccount> };
        },
      },
      // Organizers' badges and door: loaded when first opened, with the QR encoder and the scanner.
      {
        path: '/e/:eventId/badges',
        lazy: async () => {
          const { BadgesPrintPage } = await import('./pages/BadgesPrintPage.js');
          return { element: <RequireAccount><BadgesPrintPage /></RequireAccount> };
        },
      },
      {
        path: '/e/:eventId/door',
        lazy: async () => {
          const { DoorPage } = await import('./pages/DoorPage.js');
          return { element: <RequireAccount><DoorPage /></RequireAccount> };
        },
      },
      {
        path: '/e/:eventId/insights',
        lazy: async () => {
          const { InsightsPage } = await import('./pages/InsightsPage.js');
          return { element: <RequireAccount><InsightsPage /></RequireAccount> };
        },
      },
      {
        path: '/e/:eventId/audit',
        lazy: async () => {
          const { AuditPage } = await import('./pages/AuditPage.js');
          return { element: <RequireAccount><AuditPage /></RequireAccount> };
        },
      },
      // An attendee's table: loaded with the app, so that it shows at once on a phone in a busy room.
      { path: '/e/:eventId/mixers/:mixerId/me', element: <RequireAccount><MixerSeatPage /></RequireAccount> },
      { path: '/me/profile', element: <RequireAccount><ProfilePage /></RequireAccount> },
      { path: '/me/account', element: <RequireAccount><AccountPage /></RequireAccount> },
      // My people: loaded with the app, so that they open without a connection too.
      { path: '/me/people', element: <RequireAccount><MyPeoplePage /></RequireAccount> },
      { path: '/me/people/:userId', element: <RequireAccount><MyPersonPage /></RequireAccount> },
      // One route with the id optional, so that following a link to one introduction keeps the page.
      {
        path: '/me/introductions/:introductionId?',
        lazy: async () => {
          const { IntroductionsPage } = await import('./pages/IntroductionsPage.js');
          return { element: <RequireAccount><IntroductionsPage /></RequireAccount> };
        },
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>
  );
}
