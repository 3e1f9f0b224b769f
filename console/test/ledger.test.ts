import { describe, expect, it, vi } from 'vitest';
import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { ledgerChanged } from '../src/ledger';

describe('a change to the ledger made in the console', () => {
  it('drops the reads no page shows and fetches again the ones a page shows', async () => {
    const queries = new QueryClient({ defaultOptions: { queries: { staleTime: 10_000 } } });
    let fetches = 0;
    const shown = new QueryObserver(queries, { queryKey: ['trial-balance', '2026-03-10'],
      queryFn: async () => ++fetches });
    const unsubscribe = shown.subscribe(() => undefined);
    await queries.fetchQuery({ queryKey: ['trial-balance', '2026-03-17'], queryFn: async () => 'a week ahead' });
    await queries.fetchQuery({ queryKey: ['bookings'], queryFn: async () => 'not a read of the ledger' });
    await shown.refetch();
    const fetchesBefore = fetches;

    ledgerChanged(queries);
    expect(queries.getQueryData(['trial-balance', '2026-03-17'])).toBeUndefined();
    await vi.waitFor(() => expect(queries.getQueryData(['trial-balance', '2026-03-10'])).toBe(fetchesBefore + 1));
    expect(queries.getQueryData(['bookings'])).toBe('not a read of the ledger');
    unsubscribe();
    queries.clear();
  });
});
