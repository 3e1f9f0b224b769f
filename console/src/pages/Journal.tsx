import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { useClient } from '../session';
import { PRIMARY, SECONDARY, INPUT } from '../components/styles';
import { EntryCard } from '../components/EntryCard';
import { DayField } from '../components/DayField';
import { Failure } from '../components/Failure';

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
  const rows = entries.data?.pages.flatMap((page) => page.items) ?? [];

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
      {entries.isPending && <p>{intl.formatMessage({ id: 'common.loading' })}</p>}
      <Failure error={entries.error} />
      {entries.isSuccess && rows.length === 0 && <p>{intl.formatMessage({ id: 'journal.empty' })}</p>}
      <ul className="flex flex-col gap-3">
        {rows.map((entry) => <EntryCard key={entry.id} entry={entry} />)}
      </ul>
      {entries.hasNextPage && (
        <button type="button" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}
          className={`self-start ${SECONDARY}`}>
          {intl.formatMessage({ id: 'bookings.more' })}
        </button>
      )}
    </section>
  );
}
