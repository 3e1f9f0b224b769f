import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { createBrowserRouter, Navigate, RouterProvider, useParams } from 'react-router';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { LocaleProvider } from './i18n/LocaleProvider';
import { SessionProvider, useSession } from './session';
import { Layout, LanguagePicker } from './components/Layout';
import { SignIn } from './pages/SignIn';

// Screens load on first use: a first visit fetches the frame and the sign-in only.
const MfaSetup = lazy(() => import('./pages/MfaSetup').then((module) => ({ default: module.MfaSetup })));
const Overview = lazy(() => import('./pages/Overview').then((module) => ({ default: module.Overview })));
const Bookings = lazy(() => import('./pages/Bookings').then((module) => ({ default: module.Bookings })));
const NewBooking = lazy(() => import('./pages/NewBooking').then((module) => ({ default: module.NewBooking })));
const BookingDetail = lazy(() => import('./pages/BookingDetail').then((module) => ({ default: module.BookingDetail })));
const Journal = lazy(() => import('./pages/Journal').then((module) => ({ default: module.Journal })));
const EntryDetail = lazy(() => import('./pages/EntryDetail').then((module) => ({ default: module.EntryDetail })));
const Accounts = lazy(() => import('./pages/Accounts').then((module) => ({ default: module.Accounts })));
const NewEntry = lazy(() => import('./pages/NewEntry').then((module) => ({ default: module.NewEntry })));
const Approvals = lazy(() => import('./pages/Approvals').then((module) => ({ default: module.Approvals })));
const Inbox = lazy(() => import('./pages/Inbox').then((module) => ({ default: module.Inbox })));
const Reports = lazy(() => import('./pages/Reports').then((module) => ({ default: module.Reports })));
const Statement = lazy(() => import('./pages/Statement').then((module) => ({ default: module.Statement })));
const Webhooks = lazy(() => import('./pages/Webhooks').then((module) => ({ default: module.Webhooks })));
const Account = lazy(() => import('./pages/Account').then((module) => ({ default: module.Account })));
const Settings = lazy(() => import('./pages/Settings').then((module) => ({ default: module.Settings })));
const TrialBalance = lazy(() => import('./pages/TrialBalance').then((module) => ({ default: module.TrialBalance })));

/**
 * A page of one thing (a booking, an entry), started afresh for another: what was picked, previewed or about to be
 * sent there (its Idempotency-Key too) never carries over to the next one.
 */
function Keyed({ param, page: Page }: { param: string; page: ComponentType }) {
  return <Page key={useParams()[param]} />;
}

const queries = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });

function Loading({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const fallback = <p className="p-6">{intl.formatMessage({ id: 'common.loading' })}</p>;
  return <Suspense fallback={fallback}>{children}</Suspense>;
}

/** Who sees what: the sign-in before a session, the second factor's setup when the role needs one, then the pages. */
function Shell() {
  const { session } = useSession();
  if (session === null) {
    return <Standalone><SignIn /></Standalone>;
  }
  if (session.mfa_setup_required) {
    return <Standalone><Loading><MfaSetup /></Loading></Standalone>;
  }
  return <Layout />;
}

/** A page before the console proper (signing in, the second factor): the language, and the page. */
function Standalone({ children }: { children: ReactNode }) {
  return (
    <div className="min-h-screen bg-slate-50 p-4">
      <div className="flex justify-end"><LanguagePicker /></div>
      {children}
    </div>
  );
}

const router = createBrowserRouter([{
  path: '/',
  element: <Shell />,
  children: [
    { index: true, element: <Navigate to="/bookings" replace /> },
    { path: 'overview', element: <Loading><Overview /></Loading> },
    { path: 'bookings', element: <Loading><Bookings /></Loading> },
    { path: 'bookings/new', element: <Loading><NewBooking /></Loading> },
    { path: 'bookings/:bookingId', element: <Loading><Keyed param="bookingId" page={BookingDetail} /></Loading> },
    { path: 'ledger/journal', element: <Loading><Journal /></Loading> },
    { path: 'ledger/journal/new', element: <Loading><NewEntry /></Loading> },
    { path: 'ledger/journal/:entryId', element: <Loading><Keyed param="entryId" page={EntryDetail} /></Loading> },
    { path: 'ledger/accounts', element: <Loading><Accounts /></Loading> },
    { path: 'ledger/trial-balance', element: <Loading><TrialBalance /></Loading> },
    { path: 'ledger/statement', element: <Loading><Statement /></Loading> },
    { path: 'ledger/reports', element: <Loading><Reports /></Loading> },
    { path: 'approvals', element: <Loading><Approvals /></Loading> },
    { path: 'inbox', element: <Loading><Inbox /></Loading> },
    { path: 'webhooks', element: <Loading><Webhooks /></Loading> },
    { path: 'settings', element: <Loading><Settings /></Loading> },
    { path: 'account', element: <Loading><Account /></Loading> },
    { path: '*', element: <Navigate to="/bookings" replace /> },
  ],
}]);

export function App() {
  return (
    <LocaleProvider>
      <QueryClientProvider client={queries}>
        <SessionProvider>
          <RouterProvider router={router} />
        </SessionProvider>
      </QueryClientProvider>
    </LocaleProvider>
  );
}
