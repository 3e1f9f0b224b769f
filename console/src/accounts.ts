import { useQuery } from '@tanstack/react-query';
import { pages, type Account, type TravoClient } from '@travobooks/client';

/** The whole chart of accounts, every page of it, shared by the pages that list or pick accounts. */
export function useAccounts(client: TravoClient) {
  return useQuery({
    queryKey: ['accounts'],
    queryFn: async () => {
      const all: Account[] = [];
      for await (const account of pages.all((cursor) => client.accounts.listAccounts({ limit: 200,
        ...(cursor ? { cursor } : {}) }), (page) => page.items, (page) => page.next_cursor)) {
        all.push(account);
      }
      return all;
    },
  });
}

export interface AccountNode {
  readonly account: Account;
  readonly children: readonly AccountNode[];
}

/**
 * The chart as a tree by each account's parent, siblings in code order. An account whose parent is not among
 * `accounts` (filtered out, say) stands at the top, so no account is ever hidden.
 */
export function accountTree(accounts: readonly Account[]): AccountNode[] {
  const codes = new Set(accounts.map((account) => account.code));
  const byParent = new Map<string | undefined, Account[]>();
  for (const account of accounts) {
    const parent = account.parent !== undefined && codes.has(account.parent) ? account.parent : undefined;
    byParent.set(parent, [...(byParent.get(parent) ?? []), account]);
  }
  // A parent is opened before its children, so parents never form a loop.
  const build = (parent: string | undefined): AccountNode[] =>
    [...(byParent.get(parent) ?? [])].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
      .map((account) => ({ account, children: build(account.code) }));
  return build(undefined);
}
