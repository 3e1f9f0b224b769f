import type { QueryClient } from '@tanstack/react-query';

// Every query that reads the ledger's postings, by the first part of its key.
const READS_OF_THE_LEDGER = ['journal', 'trial-balance', 'statement', 'income-statement', 'balance-sheet',
  'daily-activity', 'billing-periods', 'approvals'];

/**
 * After a change to the ledger made here (posted, reversed, or held for approval): every page read of it is stale.
 * The reads no page shows now are dropped, not kept to show first: a page opened next must never show, even for a
 * moment, totals known to predate the change. The reads on screen are fetched again.
 */
export function ledgerChanged(queries: QueryClient): void {
  for (const read of READS_OF_THE_LEDGER) {
    queries.removeQueries({ queryKey: [read], type: 'inactive' });
    void queries.invalidateQueries({ queryKey: [read] });
  }
}
