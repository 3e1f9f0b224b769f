import type { QueryClient } from '@tanstack/react-query';

// Every query that reads the ledger's postings, by the first part of its key.
const READS_OF_THE_LEDGER = ['journal', 'trial-balance', 'statement', 'income-statement', 'balance-sheet',
  'daily-activity', 'billing-periods', 'approvals'];

/**
 * After a change to the ledger (posted, reversed, or held for approval), made on this page or told by the live
 * stream: every read of it is stale. The reads no page observes now (inactive ones, which include a query a page
 * holds disabled) are dropped, not kept to show first: a page opened next must never show, even for a moment,
 * totals known to predate the change. The reads being observed are fetched again.
 */
export function ledgerChanged(queries: QueryClient): void {
  for (const read of READS_OF_THE_LEDGER) {
    queries.removeQueries({ queryKey: [read], type: 'inactive' });
    void queries.invalidateQueries({ queryKey: [read] });
  }
}
