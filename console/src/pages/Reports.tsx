import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { outcome } from '@travobooks/client';
import { useClient } from '../session';
import { formatMinor } from '../money';
import { localDay } from '../dates';
import { download, toCsv } from '../csv';
import { ReportSection } from '../components/ReportSection';
import { DANGER, INPUT, SECONDARY } from '../components/styles';
import { DayField } from '../components/DayField';
import { Failure } from '../components/Failure';

/** The income statement over days, the balance sheet at a day's end, and closing the books up to a day. */
export function Reports() {
  const intl = useIntl();
  const client = useClient();
  const today = localDay();
  const [from, setFrom] = useState(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = useState(today);
  const [asOf, setAsOf] = useState(today);
  const income = useQuery({
    queryKey: ['income-statement', from, to],
    queryFn: () => client.reports.getIncomeStatement({ from, to }),
    enabled: from !== '' && to !== '',
  });
  const balance = useQuery({
    queryKey: ['balance-sheet', asOf],
    queryFn: () => client.reports.getBalanceSheet({ asOf }),
    enabled: asOf !== '',
  });
  const failure = income.error ?? balance.error;
  const money = (minor: number, currency: string) => formatMinor(minor, currency, intl.locale);
  const label = (id: string) => intl.formatMessage({ id });

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-6">
      <h1 id="page-title" className="text-2xl font-semibold">{label('reports.title')}</h1>
      <Failure error={failure} />

      <section aria-labelledby="income-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
        <div className="flex flex-wrap items-end gap-4">
          <h2 id="income-title" className="me-auto text-lg font-semibold">{label('reports.income')}</h2>
          <DayField label={label('journal.from')} value={from} onChange={setFrom} />
          <DayField label={label('journal.to')} value={to} onChange={setTo} />
          {income.data && (
            <button type="button" className={SECONDARY} onClick={() => download(`income-${from}-${to}.csv`, toCsv([
              ['currency', 'section', 'account', 'name', 'total_minor'],
              ...income.data.currencies.flatMap((currency) => [
                ...currency.revenue.map((line) => [currency.currency, 'revenue', line.account, line.name,
                  String(line.total_minor)]),
                ...currency.expenses.map((line) => [currency.currency, 'expenses', line.account, line.name,
                  String(line.total_minor)]),
              ]),
            ]))}>{label('trialBalance.exportCsv')}</button>
          )}
        </div>
        {income.data?.currencies.map((currency) => (
          <div key={currency.currency} className="flex flex-col gap-2" data-testid={`income-${currency.currency}`}>
            <ReportSection title={label('reports.revenue')} lines={currency.revenue}
              total={currency.total_revenue_minor} currency={currency.currency} />
            <ReportSection title={label('reports.expenses')} lines={currency.expenses}
              total={currency.total_expenses_minor} currency={currency.currency} />
            <p className="font-semibold">
              {intl.formatMessage({ id: 'reports.netIncome' }, {
                amount: money(currency.net_income_minor, currency.currency),
              })}
            </p>
          </div>
        ))}
      </section>

      <section aria-labelledby="balance-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
        <div className="flex flex-wrap items-end gap-4">
          <h2 id="balance-title" className="me-auto text-lg font-semibold">{label('reports.balanceSheet')}</h2>
          <DayField label={label('trialBalance.asOf')} value={asOf} onChange={setAsOf} />
          {balance.data && (
            <button type="button" className={SECONDARY} onClick={() => download(`balance-sheet-${asOf}.csv`, toCsv([
              ['currency', 'section', 'account', 'name', 'total_minor'],
              ...balance.data.currencies.flatMap((currency) => (['assets', 'liabilities', 'equity'] as const)
                .flatMap((section) => currency[section].map((line) => [currency.currency, section, line.account,
                  line.name, String(line.total_minor)]))),
            ]))}>{label('trialBalance.exportCsv')}</button>
          )}
        </div>
        {balance.data?.currencies.map((currency) => (
          <div key={currency.currency} className="flex flex-col gap-2" data-testid={`balance-${currency.currency}`}>
            <ReportSection title={label('reports.assets')} lines={currency.assets}
              total={currency.total_assets_minor} currency={currency.currency} />
            <ReportSection title={label('reports.liabilities')} lines={currency.liabilities}
              total={currency.total_liabilities_minor} currency={currency.currency} />
            <ReportSection title={label('reports.equity')} lines={currency.equity}
              total={currency.total_equity_minor} currency={currency.currency} />
            <p>
              {intl.formatMessage({ id: 'reports.currentEarnings' }, {
                amount: money(currency.current_earnings_minor, currency.currency),
              })}
            </p>
          </div>
        ))}
      </section>

      <PeriodClose />
    </section>
  );
}

/** The day up to which the books are closed, and closing them further (held for a second person where asked). */
function PeriodClose() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const periods = useQuery({ queryKey: ['periods'], queryFn: () => client.reports.getPeriods() });
  const [through, setThrough] = useState('');
  const [confirming, setConfirming] = useState(false);
  const close = useMutation({
    mutationFn: () => outcome(client.reports.closePeriodRaw({ periodCloseRequest: { through } })),
    onSuccess: () => {
      setConfirming(false);
      void queries.invalidateQueries({ queryKey: ['periods'] });
      void queries.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
  return (
    <section aria-labelledby="close-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="close-title" className="text-lg font-semibold">{intl.formatMessage({ id: 'reports.closeTitle' })}</h2>
      <p data-testid="closed-through">
        {periods.data?.closed_through
          ? intl.formatMessage({ id: 'reports.closedThrough' }, { day: periods.data.closed_through })
          : intl.formatMessage({ id: 'reports.noneClosed' })}
      </p>
      {close.data?.held && <p role="status">{intl.formatMessage({ id: 'reports.closeHeld' })}</p>}
      <Failure error={close.error} />
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col text-sm">{intl.formatMessage({ id: 'reports.closeThrough' })}
          <input type="date" value={through} className={INPUT}
            onChange={(event) => { setThrough(event.target.value); setConfirming(false); }} />
        </label>
        {!confirming && (
          <button key="start" type="button" className={SECONDARY} disabled={through === ''}
            onClick={() => setConfirming(true)}>
            {intl.formatMessage({ id: 'reports.close' })}
          </button>
        )}
      </div>
      {confirming && (
        // A second, separate step: a double click on the first cannot close the books.
        <div role="group" aria-labelledby="close-confirm" className="flex flex-wrap items-center gap-3 rounded
          bg-red-50 p-3">
          <p id="close-confirm">{intl.formatMessage({ id: 'reports.closeWarning' }, { day: through })}</p>
          <button key="confirm" type="button" className={DANGER} disabled={close.isPending}
            onClick={() => close.mutate()}>
            {intl.formatMessage({ id: 'reports.confirmClose' }, { day: through })}
          </button>
          <button type="button" className={SECONDARY} onClick={() => setConfirming(false)}>
            {intl.formatMessage({ id: 'reports.cancel' })}
          </button>
        </div>
      )}
    </section>
  );
}
