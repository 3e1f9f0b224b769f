import { useCallback, useMemo, useRef } from 'react';
import { TravoProblem } from '@travobooks/client';

/** What one intended change needs to be sent again safely. */
export interface Intent {
  /** The change's Idempotency-Key: the same until the change is known to be done or refused. */
  key(): string;
  /** The change was made, or the person now asks for another one: the next attempt is a new change. */
  forget(): void;
  /** An attempt failed: the key is kept only while it is unknown whether the change was made. */
  failed(error: unknown): void;
}

/**
 * The Idempotency-Key of one intended change. A person who clicks again after an answer that never came (a timeout,
 * a server error, the same change still running) sends the same key, and the server answers what the first attempt
 * did instead of doing it twice; after a refusal (a 4xx: nothing was done) the next attempt is a new change.
 */
export function useIntent(): Intent {
  const current = useRef<string | null>(null);
  const key = useCallback(() => (current.current ??= crypto.randomUUID()), []);
  const forget = useCallback(() => {
    current.current = null;
  }, []);
  const failed = useCallback((error: unknown) => {
    const refused = error instanceof TravoProblem && error.status >= 400 && error.status < 500
      && error.status !== 429 && error.code !== 'IDEMPOTENCY_KEY_IN_USE';
    if (refused) {
      current.current = null;
    }
  }, []);
  return useMemo(() => ({ key, forget, failed }), [key, forget, failed]);
}
