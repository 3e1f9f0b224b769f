import { useEffect, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import { outcome, type Side } from '@travobooks/client';
import { useAccounts } from '../accounts';
import { useClient } from '../session';
import { formatMinor, isCurrency, parseMinor } from '../money';
import { localDay } from '../dates';
import { useKeyedChange } from '../intent';
import { ledgerChanged } from '../ledger';
import { PRIMARY, SECONDARY, INPUT } from '../components/styles';
import { Failure } from '../components/Failure';

interface LineDraft {
  readonly key: number;
  account: string;
  side: Side;
  amount: string;
  currency: string;
}

/** Debits and credits per currency, from the lines whose amounts parse; null when a line's amount does not. */
export function totals(lines: readonly LineDraft[]): Map<string, { debit: number; credit: number }> | null {
  const byCurrency = new Map<string, { debit: number; credit: number }>();
  for (const line of lines) {
    const minor = parseMinor(line.amount, line.currency);
    if (minor === null) {
      return null;
    }
    const total = byCurrency.get(line.currency) ?? { debit: 0, credit: 0 };
    if (line.side === 'DEBIT') total.debit += minor; else total.credit += minor;
    byCurrency.set(line.currency, total);
  }
  return byCurrency;
}

/**
 * A manual journal entry: lines of accounts, sides and amounts, with each currency's debits and credits side by side;
 * it can be sent only once every currency balances. Where the tenant's policy asks, it waits for a second person.
 */
export function NewEntry() {
  const intl = useIntl();
  const client = useClient();
  const navigate = useNavigate();
  const tenant = useQuery({ queryKey: ['tenant'], queryFn: () => client.admin.getTenant() });
  const accounts = useAccounts(client);
  // The tenant's currency when this person may read it (an admin's scope); otherwise each line names its own.
  const currency = tenant.data?.functional_currency ?? '';
  const [date, setDate] = useState(() => localDay());
  const [description, setDescription] = useState('');
  const [next, setNext] = useState(3);
  const [lines, setLines] = useState<LineDraft[]>([
    { key: 1, account: '', side: 'DEBIT', amount: '', currency: '' },
    { key: 2, account: '', side: 'CREDIT', amount: '', currency: '' },
  ]);
  const withCurrency = lines.map((line) => ({ ...line, currency: line.currency || currency }));
  const sums = totals(withCurrency);
  const balanced = sums !== null && withCurrency.every((line) => line.account !== '')
    && [...sums.values()].every((total) => total.debit === total.credit);
  const [held, setHeld] = useState(false);
  const queries = useQueryClient();
  // One key (and entry id) per intended entry: posting again after a lost answer repeats the same entry.
  const { mutation: post, intent } = useKeyedChange(client, (idempotencyKey) =>
    outcome(client.journal.postJournalEntryRaw({
      idempotencyKey,
      body: {
        id: `manual-${idempotencyKey}`, effective_date: date, description,
        lines: withCurrency.map((line) => ({
          account: line.account, side: line.side, amount_minor: parseMinor(line.amount, line.currency)!,
          currency: line.currency,
        })),
      },
    })), (answer) => {
    ledgerChanged(queries);
    if (answer.held) {
      setHeld(true);
    } else {
      navigate('/ledger/journal');
    }
  });
  // Any change to the form asks for another entry than the one that may have been sent.
  useEffect(() => intent.forget(), [date, description, lines, intent]);
  const update = (key: number, change: Partial<LineDraft>) =>
    setLines((current) => current.map((line) => (line.key === key ? { ...line, ...change } : line)));

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <h1 id="page-title" className="text-2xl font-semibold">{intl.formatMessage({ id: 'journal.new' })}</h1>
      <form className="flex flex-col gap-4 rounded bg-white p-4 shadow" noValidate
        onSubmit={(event) => { event.preventDefault(); if (balanced) post.mutate(); }}>
        <div className="flex flex-wrap gap-4">
          <label className="flex flex-col text-sm">{intl.formatMessage({ id: 'journal.date' })}
            <input type="date" value={date} required onChange={(event) => setDate(event.target.value)}
              className={INPUT} />
          </label>
          <label className="flex grow flex-col text-sm">{intl.formatMessage({ id: 'journal.description' })}
            <input value={description} maxLength={500} onChange={(event) => setDescription(event.target.value)}
              className={INPUT} />
          </label>
        </div>
        <datalist id="account-codes">
          {accounts.data?.map((account) => <option key={account.code} value={account.code}>{account.name}</option>)}
        </datalist>
        <table className="text-sm">
          <thead>
            <tr>
              <th scope="col" className="text-start">{intl.formatMessage({ id: 'trialBalance.account' })}</th>
              <th scope="col" className="text-start">{intl.formatMessage({ id: 'journal.side' })}</th>
              <th scope="col" className="text-start">{intl.formatMessage({ id: 'journal.amount' })}</th>
              <th scope="col" className="text-start">{intl.formatMessage({ id: 'journal.currency' })}</th>
              <th scope="col"><span className="sr-only">{intl.formatMessage({ id: 'journal.removeLine' })}</span></th>
            </tr>
          </thead>
          <tbody>
            {withCurrency.map((line, index) => {
              const label = (id: string) => `${intl.formatMessage({ id })} ${index + 1}`;
              const badAmount = line.amount !== '' && parseMinor(line.amount, line.currency) === null;
              return (
                <tr key={line.key}>
                  <td>
                    <input list="account-codes" value={line.account} dir="ltr"
                      aria-label={label('trialBalance.account')} className={INPUT}
                      onChange={(event) => update(line.key, { account: event.target.value.trim() })} />
                  </td>
                  <td>
                    <select value={line.side} aria-label={label('journal.side')} className={INPUT}
                      onChange={(event) => update(line.key, { side: event.target.value as Side })}>
                      <option value="DEBIT">{intl.formatMessage({ id: 'trialBalance.debit' })}</option>
                      <option value="CREDIT">{intl.formatMessage({ id: 'trialBalance.credit' })}</option>
                    </select>
                  </td>
                  <td><input inputMode="decimal" value={line.amount} dir="ltr" aria-label={label('journal.amount')}
                    aria-invalid={badAmount || undefined}
                    onChange={(event) => update(line.key, { amount: event.target.value })}
                    className={`${INPUT} ${badAmount ? 'border-red-700' : ''}`} /></td>
                  <td><input value={line.currency} maxLength={3} dir="ltr" aria-label={label('journal.currency')}
                    aria-invalid={!isCurrency(line.currency) || undefined}
                    onChange={(event) => update(line.key, { currency: event.target.value.trim().toUpperCase() })}
                    className={`${INPUT} w-20`} /></td>
                  <td>
                    {lines.length > 2 && (
                      <button type="button" className="px-2 text-red-800" aria-label={label('journal.removeLine')}
                        onClick={() => setLines((current) => current.filter((other) => other.key !== line.key))}>
                        ×
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <button type="button" className={`self-start ${SECONDARY}`}
          onClick={() => { setLines((current) => [...current, { key: next, account: '', side: 'DEBIT', amount: '',
            currency: '' }]); setNext(next + 1); }}>
          {intl.formatMessage({ id: 'journal.addLine' })}
        </button>
        <div aria-live="polite" data-testid="entry-totals" className="text-sm">
          {sums && [...sums.entries()].map(([code, total]) => (
            <p key={code} className={total.debit === total.credit ? 'text-teal-900' : 'text-red-800'}>
              {intl.formatMessage({ id: 'journal.totals' }, {
                currency: code,
                debit: formatMinor(total.debit, code, intl.locale),
                credit: formatMinor(total.credit, code, intl.locale),
              })}
            </p>
          ))}
        </div>
        {held && <p role="status" className="rounded bg-amber-50 p-3">{intl.formatMessage({ id: 'journal.held' })}</p>}
        <Failure error={post.error} className="rounded bg-red-50 p-3 text-red-900" />
        <button type="submit" disabled={!balanced || post.isPending || held}
          className={`self-start ${PRIMARY}`}>
          {intl.formatMessage({ id: 'journal.post' })}
        </button>
      </form>
    </section>
  );
}
