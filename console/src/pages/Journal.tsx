import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useClient } from '../session';
import { PRIMARY, INPUT } from '../components/styles';
import { EntryList } from '../components/EntryList';
import { DayField } from '../components/DayField';

/** The journal in posting order, filtered by account and days; each entry with its lines. */
export function Journal() {
  const intl = useIntl();
  const client = useClient();
  const [account, setAccount] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const entries = useInfiniteQuery({
    queryKey: ['journal', account, from, to],
    queryFn: ({ pageParam }) => client.journal.listJournalEntries({
      limit: 50, ...(account ? { account } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}),
      ...(pageParam ? { cursor: pageParam } : {}),
    }),
    initialPageParam: '',
    getNextPageParam: (page) => page.next_cursor,
  });

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 id="page-title" className="me-auto text-2xl font-semibold">
          {intl.formatMessage({ id: 'journal.title' })}
        </h1>
        <Link to="/ledger/journal/new" className={PRIMARY}>
          {intl.formatMessage({ id: 'journal.new' })}
        </Link>
        <label className="flex flex-col text-sm">{intl.formatMessage({ id: 'trialBalance.account' })}
          <input value={account} onChange={(event) => setAccount(event.target.value.trim())} dir="ltr"
            className={INPUT} />
        </label>
        <DayField label={intl.formatMessage({ id: 'journal.from' })} value={from} onChange={setFrom} />
        <DayField label={intl.formatMessage({ id: 'journal.to' })} value={to} onChange={setTo} />
      </div>
      <EntryList entries={entries} />
    </section>
  );
}
