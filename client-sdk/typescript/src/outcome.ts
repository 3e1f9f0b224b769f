import type { ApiResponse } from './generated/runtime.js';
import { type Approval, ApprovalFromJSON } from './generated/models/index.js';

/**
 * What an operation that the tenant's approval policy may hold answered: done, with its value, or held for a second
 * person (202 with the pending approval, which the generated client would read as the operation's own answer).
 */
export type Outcome<T> =
  | { readonly held: false; readonly value: T; readonly status: number; readonly replayed: boolean }
  | { readonly held: true; readonly approval: Approval };

/**
 * Reads the answer of an operation's `...Raw` method, such as `postJournalEntryRaw`, as done or held.
 * `replayed` is true when the server answered a request already made under the same `Idempotency-Key`.
 */
export async function outcome<T>(answer: ApiResponse<T> | Promise<ApiResponse<T>>): Promise<Outcome<T>> {
  const response = await answer;
  if (response.raw.status === 202) {
    return { held: true, approval: ApprovalFromJSON(await response.raw.json()) };
  }
  return {
    held: false,
    value: await response.value(),
    status: response.raw.status,
    replayed: response.raw.headers.get('Idempotent-Replayed') === 'true',
  };
}
