import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { TrialBalance as Report, TrialBalanceCurrenciesInner } from '@travobooks/client';
import { useClient } from '../session';
import { formatMinor } from '../money';
import { download, toCsv } from '../csv';
import { localDay } from '../dates';
import { DayField } from '../components/DayField';
import { SECONDARY } from '../components/styles';
import { Failure } from '../components/Failure';

/** Every account's debit or credit balance at the end of a day, per currency, with the totals that must agree. */
export function TrialBalance() {
  const intl = useIntl();
  const client = useClient();
  const [asOf, setAsOf] = useState(() => localDay());
  const report = useQuery({
    queryKey: ['trial-balance', asOf],
    queryFn: () => client.reports.getTrialBalance({ asOf }),
  });

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 id="page-title" className="me-auto text-2xl font-semibold">
          {intl.formatMessage({ id: 'trialBalance.title' })}
        </h1>
        <DayField label={intl.formatMessage({ id: 'trialBalance.asOf' })} value={asOf} onChange={setAsOf} />
        {report.data && (
          <button type="button" onClick={() => download(`trial-balance-${asOf}.csv`, csv(report.data))}
            className={SECONDARY}>
            {intl.formatMessage({ id: 'trialBalance.exportCsv' })}
          </button>
        )}
      </div>
      {report.isPending && <p>{intl.formatMessage({ id: 'common.loading' })}</p>}
      <Failure error={report.error} />
      {report.data && report.data.currencies.length === 0 && (
        <p>{intl.formatMessage({ id: 'trialBalance.empty' })}</p>
      )}
      {report.data?.currencies.map((currency) => <CurrencyTable key={currency.currency} currency={currency} />)}
    </section>
  );
}

function CurrencyTable({ currency }: { currency: TrialBalanceCurrenciesInner }) {
  const intl = useIntl();
  const money = (minor: number) => (minor === 0 ? '' : formatMinor(minor, currency.currency, intl.locale));
  return (
    <table className="w-full border-collapse bg-white text-sm shadow"
      data-testid={`trial-balance-${currency.currency}`}>
      <caption className="p-2 text-start font-medium">
        {intl.formatMessage({ id: 'trialBalance.currency' }, { currency: currency.currency })}
      </caption>
      <thead className="bg-slate-100">
        <tr>
          <th scope="col" className="p-2 text-start">{intl.formatMessage({ id: 'trialBalance.account' })}</th>
          <th scope="col" className="p-2 text-start">{intl.formatMessage({ id: 'trialBalance.name' })}</th>
          <th scope="col" className="p-2 text-end">{intl.formatMessage({ id: 'trialBalance.debit' })}</th>
          <th scope="col" className="p-2 text-end">{intl.formatMessage({ id: 'trialBalance.credit' })}</th>
        </tr>
      </thead>
      <tbody>
        {currency.lines.map((line) => (
          <tr key={line.account} className="border-t border-slate-200">
            <td className="p-2"><span dir="ltr">{line.account}</span></td>
            <td className="p-2">{line.name}</td>
            <td className="p-2 text-end tabular-nums" data-testid={`debit-${line.account}`}>
              {money(line.debit_minor)}
            </td>
            <td className="p-2 text-end tabular-nums">{money(line.credit_minor)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot className="border-t-2 border-slate-400 font-semibold">
        <tr>
          <th scope="row" colSpan={2} className="p-2 text-start">{intl.formatMessage({ id: 'trialBalance.total' })}</th>
          <td className="p-2 text-end tabular-nums" data-testid="total-debit">{money(currency.total_debit_minor)}</td>
          <td className="p-2 text-end tabular-nums" data-testid="total-credit">
            {money(currency.total_credit_minor)}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}

/** The report as CSV, amounts in minor units (what a spreadsheet should not round). */
function csv(report: Report): string {
  const rows = [['currency', 'account', 'name', 'debit_minor', 'credit_minor']];
  for (const currency of report.currencies) {
    for (const line of currency.lines) {
      rows.push([currency.currency, line.account, line.name, String(line.debit_minor), String(line.credit_minor)]);
    }
  }
  return toCsv(rows);
}
