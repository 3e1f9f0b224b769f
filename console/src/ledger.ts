import type { QueryClient } from '@tanstack/react-query';

/** After a change to the ledger (posted, reversed, or held for approval): what every page read of it is stale. */
export function ledgerChanged(queries: QueryClient): void {
  void queries.invalidateQueries({ queryKey: ['journal'] });
  void queries.invalidateQueries({ queryKey: ['trial-balance'] });
  void queries.invalidateQueries({ queryKey: ['approvals'] });
}
