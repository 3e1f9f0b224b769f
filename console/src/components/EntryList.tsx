import { useIntl } from 'react-intl';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import type { JournalEntryPage } from '@travobooks/client';
import { EntryCard } from './EntryCard';
import { Failure } from './Failure';
import { SECONDARY } from './styles';

/** Journal entries read page by page: each with its lines, and a button for the next page while there is one. */
export function EntryList({ entries, testId }: {
  entries: UseInfiniteQueryResult<InfiniteData<JournalEntryPage>>; testId?: string;
}) {
  const intl = useIntl();
  const rows = entries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {entries.isPending && <p>{intl.formatMessage({ id: 'common.loading' })}</p>}
      <Failure error={entries.error} />
      {entries.isSuccess && rows.length === 0 && !entries.hasNextPage && (
        <p>{intl.formatMessage({ id: 'journal.empty' })}</p>
      )}
      <ul className="flex flex-col gap-3" data-testid={testId}>
        {rows.map((entry) => <EntryCard key={entry.id} entry={entry} />)}
      </ul>
      {entries.hasNextPage && (
        <button type="button" onClick={() => void entries.fetchNextPage()} disabled={entries.isFetchingNextPage}
          className={`self-start ${SECONDARY}`}>
          {intl.formatMessage({ id: 'bookings.more' })}
        </button>
      )}
    </>
  );
}
