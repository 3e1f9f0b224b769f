import { call } from './problem.js';

/**
 * Every item of a list the server answers a page at a time. The next page is asked for, with the last page's
 * `next_cursor`, only when the items before it have been used, so a loop that stops early asks for no more.
 *
 * ```ts
 * for await (const account of pages.all(cursor => client.accounts.listAccounts({ cursor }),
 *     page => page.items, page => page.next_cursor)) { ... }
 * ```
 *
 * @param fetchPage the page after a cursor (undefined: the first page)
 * @param items the items of a page
 * @param nextCursor the cursor of the page after it; undefined or null on the last page
 */
export async function* all<P, T>(fetchPage: (cursor?: string) => Promise<P>, items: (page: P) => Iterable<T>,
  nextCursor: (page: P) => string | null | undefined): AsyncGenerator<T, void, undefined> {
  let cursor: string | undefined;
  do {
    const page = await call(() => fetchPage(cursor));
    yield* items(page);
    cursor = nextCursor(page) || undefined; // an empty cursor ends the list too
  } while (cursor !== undefined);
}
