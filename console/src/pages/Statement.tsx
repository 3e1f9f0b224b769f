import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { useClient } from '../session';
import { formatMinor, isCurrency } from '../money';
import { formatDay, localDay } from '../dates';
import { INPUT } from '../components/styles';
import { DayField } from '../components/DayField';
import { Failure } from '../components/Failure';

const MAX_PAGES = 50;

/** An account's statement in one currency over days: the opening balance, each line with the running balance. */
export function Statement() {
  const intl = useIntl();
  const client = useClient();
  const [search] = useSearchParams();
  const [account, setAccount] = useState(() => search.get('account') ?? '1100');
  const [currency, setCurrency] = useState(() => search.get('currency') ?? 'BDT');
  const [from, setFrom] = useState(() => localDay(-30));
  const [to, setTo] = useState(() => localDay());
  const ready = account !== '' && isCurrency(currency) && from !== '' && to !== '';
  const statement = useQuery({
    queryKey: ['statement', account, currency, from, to],
    queryFn: async () => {
      // Every page: the running balance and the closing balance must follow from the lines shown.
      const first = await client.reports.getStatement({ code: account, currency, from, to, limit: 200 });
      const lines = [...first.lines];
      for (let cursor = first.next_cursor, pages = 1; cursor && pages < MAX_PAGES; pages++) {
        const page = await client.reports.getStatement({ code: account, currency, from, to, limit: 200, cursor });
        lines.push(...page.lines);
        cursor = page.next_cursor;
      }
      return { ...first, lines };
    },
    enabled: ready,
  });
  const money = (minor: number) => formatMinor(minor, currency, intl.locale);
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 id="page-title" className="me-auto text-2xl font-semibold">{label('statement.title')}</h1>
        <label className="flex flex-col text-sm">{label('trialBalance.account')}
          <input value={account} dir="ltr" onChange={(event) => setAccount(event.target.value.trim())}
            className={INPUT} />
        </label>
        <label className="flex flex-col text-sm">{label('journal.currency')}
          <input value={currency} dir="ltr" maxLength={3} aria-invalid={!isCurrency(currency) || undefined}
            onChange={(event) => setCurrency(event.target.value.trim().toUpperCase())} className={`${INPUT} w-20`} />
        </label>
        <DayField label={label('journal.from')} value={from} onChange={setFrom} />
        <DayField label={label('journal.to')} value={to} onChange={setTo} />
      </div>
      <Failure error={statement.error} />
      {statement.data && (
        <table className="w-full bg-white text-sm shadow" data-testid="statement">
          <thead className="bg-slate-100">
            <tr>
              <th scope="col" className="p-2 text-start">{label('journal.date')}</th>
              <th scope="col" className="p-2 text-start">{label('statement.entry')}</th>
              <th scope="col" className="p-2 text-start">{label('journal.description')}</th>
              <th scope="col" className="p-2 text-end">{label('trialBalance.debit')}</th>
              <th scope="col" className="p-2 text-end">{label('trialBalance.credit')}</th>
              <th scope="col" className="p-2 text-end">{label('statement.balance')}</th>
            </tr>
          </thead>
          <tbody>
            <tr className="font-medium">
              <td colSpan={5} className="p-2">{label('statement.opening')}</td>
              <td className="p-2 text-end tabular-nums">{money(statement.data.opening_minor)}</td>
            </tr>
            {statement.data.lines.map((line) => (
              <tr key={`${line.seq}-${line.line_no}`} className="border-t border-slate-200">
                <td className="p-2">{formatDay(line.effective_date, intl.locale)}</td>
                <td className="p-2">
                  <Link to={`/ledger/journal/${encodeURIComponent(line.entry_id)}`} dir="ltr"
                    className="font-mono text-teal-900 underline">{line.entry_id}</Link>
                </td>
                <td className="p-2">{line.description}</td>
                <td className="p-2 text-end tabular-nums">{line.side === 'DEBIT' ? money(line.amount_minor) : ''}</td>
                <td className="p-2 text-end tabular-nums">{line.side === 'CREDIT' ? money(line.amount_minor) : ''}</td>
                <td className="p-2 text-end tabular-nums">{money(line.running_balance_minor)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr className="border-t-2 border-slate-400 font-semibold">
              <td colSpan={5} className="p-2">{label('statement.closing')}</td>
              <td className="p-2 text-end tabular-nums" data-testid="closing">{money(statement.data.closing_minor)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
