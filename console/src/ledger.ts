import type { QueryClient } from '@tanstack/react-query';

// Every query that reads the ledger's postings, by the first part of its key.
const READS_OF_THE_LEDGER = ['journal', 'trial-balance', 'statement', 'income-statement', 'balance-sheet',
  'daily-activity', 'billing-periods', 'approvals'];

/** After a change to the ledger (posted, reversed, or held for approval): what every page read of it is stale. */
export function ledgerChanged(queries: QueryClient): void {
  for (const read of READS_OF_THE_LEDGER) {
    void queries.invalidateQueries({ queryKey: [read] });
  }
}
