import type { FetchAPI } from './generated/runtime.js';
import { retryAfterSeconds } from './problem.js';

/** When and how long to wait before sending a request again. */
export interface RetryOptions {
  /** Retries after the first try; 0 turns retrying off. Default 3. */
  readonly maxRetries?: number;
  /** The first backoff, doubled at each retry; default 200 ms. */
  readonly baseDelayMs?: number;
  /** The longest backoff; default 5 s. */
  readonly maxDelayMs?: number;
  /** The longest `Retry-After` waited for; an answer asking for more is handed back. Default 30 s. */
  readonly maxRetryAfterSeconds?: number;
}

// A server that never got the request, or that was briefly overloaded: the same request may go through later.
const RETRIED_STATUSES = new Set([429, 502, 503, 504]);
// Sending these twice has the effect of sending them once (RFC 9110, 9.2.2).
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * A `fetch` that sends a request again after a network failure or an answer saying "later" (429, 502, 503, 504,
 * or any answer with `Retry-After`, such as a 409 for an `Idempotency-Key` still in use), but only when sending it
 * twice cannot do a thing twice: an idempotent method, or a POST carrying an `Idempotency-Key`. It waits as
 * `Retry-After` asks, or else backs off exponentially with full jitter.
 */
export function retryingFetch(options: RetryOptions = {}, base: FetchAPI = (input, init) => fetch(input, init))
  : FetchAPI {
  const maxRetries = options.maxRetries ?? 3;
  const baseDelay = options.baseDelayMs ?? 200;
  const maxDelay = options.maxDelayMs ?? 5_000;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 30;

  return async (input, init) => {
    const signal = init?.signal ?? undefined;
    const retryable = mayRepeat(input, init);
    for (let attempt = 0; ; attempt++) {
      const last = !retryable || attempt >= maxRetries;
      let response: Response;
      try {
        // A Request's body can be read once: each try sends a copy.
        response = await base(input instanceof Request ? input.clone() : input, init);
      } catch (error) {
        // fetch rejects with a TypeError when no answer came; an abort or anything else is final.
        if (last || !(error instanceof TypeError) || signal?.aborted) {
          throw error;
        }
        await sleep(backoff(attempt, baseDelay, maxDelay), signal);
        continue;
      }
      const retryAfter = retryAfterSeconds(response.headers.get('Retry-After'));
      const later = RETRIED_STATUSES.has(response.status) || (retryAfter !== undefined && response.status >= 400);
      if (last || !later || (retryAfter !== undefined && retryAfter > maxRetryAfter)) {
        return response;
      }
      await response.body?.cancel().catch(() => undefined); // frees the connection for the next try
      await sleep(retryAfter !== undefined ? retryAfter * 1000 : backoff(attempt, baseDelay, maxDelay), signal);
    }
  };
}

function mayRepeat(input: RequestInfo | URL, init: RequestInit | undefined): boolean {
  const request = input instanceof Request ? input : undefined;
  const method = (init?.method ?? request?.method ?? 'GET').toUpperCase();
  if (IDEMPOTENT_METHODS.has(method)) {
    return true;
  }
  const headers = new Headers(init?.headers ?? request?.headers);
  return method === 'POST' && headers.has('Idempotency-Key');
}

/** Full jitter: anywhere from 0 to base·2^attempt, capped (spreads the retries of many clients). */
function backoff(attempt: number, baseDelay: number, maxDelay: number): number {
  return Math.random() * Math.min(maxDelay, baseDelay * 2 ** attempt);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const aborted = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
