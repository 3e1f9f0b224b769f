import { NavLink, Outlet } from 'react-router';
import { useIntl } from 'react-intl';
import { LOCALES, type Locale, type MessageId } from '../i18n/locales';
import { useLocale } from '../i18n/LocaleProvider';
import { useSession } from '../session';
import { useLiveBookings } from '../stream';
import { roleLabel } from '../i18n/labels';

const PAGES: readonly { path: string; label: MessageId }[] = [
  { path: '/overview', label: 'nav.overview' },
  { path: '/bookings', label: 'nav.bookings' },
  { path: '/ledger/accounts', label: 'nav.accounts' },
  { path: '/ledger/journal', label: 'nav.journal' },
  { path: '/ledger/trial-balance', label: 'nav.trialBalance' },
  { path: '/ledger/statement', label: 'nav.statement' },
  { path: '/ledger/reports', label: 'nav.reports' },
  { path: '/approvals', label: 'nav.approvals' },
  { path: '/inbox', label: 'nav.inbox' },
  { path: '/webhooks', label: 'nav.webhooks' },
  { path: '/settings', label: 'nav.settings' },
];

/** The frame of every signed-in page: a link past the navigation, the navigation, the language, signing out. */
export function Layout() {
  const intl = useIntl();
  const { session, signOut } = useSession();
  useLiveBookings();
  return (
    <div className="min-h-screen bg-slate-50 text-slate-900">
      <a href="#content" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {intl.formatMessage({ id: 'app.skipToContent' })}
      </a>
      <header className="flex flex-wrap items-center gap-4 bg-teal-900 px-6 py-3 text-white">
        <span className="text-lg font-semibold">{intl.formatMessage({ id: 'app.title' })}</span>
        <nav aria-label={intl.formatMessage({ id: 'nav.main' })} className="me-auto">
          <ul className="flex flex-wrap gap-2">
            {PAGES.map((page) => (
              <li key={page.path}>
                <NavLink to={page.path}
                  className={({ isActive }) => `rounded px-3 py-1 ${isActive ? 'bg-white text-teal-900'
                    : 'hover:bg-teal-800'}`}>
                  {intl.formatMessage({ id: page.label })}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        {session && (
          <NavLink to="/account" className="text-sm underline">
            {intl.formatMessage({ id: 'nav.signedInAs' }, {
              name: session.user.name, role: roleLabel(intl, session.user.role),
            })}
          </NavLink>
        )}
        <LanguagePicker />
        <button type="button" onClick={() => void signOut()} className="rounded border border-white px-3 py-1">
          {intl.formatMessage({ id: 'nav.signOut' })}
        </button>
      </header>
      <main id="content" className="p-6">
        <Outlet />
      </main>
    </div>
  );
}

export function LanguagePicker() {
  const intl = useIntl();
  const { locale, choose } = useLocale();
  return (
    <label className="flex items-center gap-2 text-sm">
      {intl.formatMessage({ id: 'nav.language' })}
      <select value={locale} onChange={(event) => choose(event.target.value as Locale)} data-testid="language"
        className="rounded bg-white px-2 py-1 text-slate-900">
        {Object.entries(LOCALES).map(([value, { name }]) => (
          <option key={value} value={value} lang={value}>{name}</option>
        ))}
      </select>
    </label>
  );
}
