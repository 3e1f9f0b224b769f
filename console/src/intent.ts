import { useCallback, useMemo, useRef } from 'react';
import { useMutation } from '@tanstack/react-query';
import { TravoProblem, type TravoClient } from '@travobooks/client';

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

/**
 * A change sent under its intent's Idempotency-Key: a failure keeps the key while the outcome is unknown, a success
 * forgets it (then `done` runs). `intent.forget()` when the person asks for something else; `shared` is an intent
 * the page also forgets on its own occasions.
 */
export function useKeyedChange<T, V = void>(client: TravoClient,
                                            send: (idempotencyKey: string, variables: V) => Promise<T>,
                                            done?: (value: T) => void, shared?: Intent) {
  const own = useIntent();
  const intent = shared ?? own;
  const mutation = useMutation({
    mutationFn: (variables: V) => client.keyed((idempotencyKey) => send(idempotencyKey, variables), intent.key()),
    onError: intent.failed,
    onSuccess: (value: T) => {
      intent.forget();
      done?.(value);
    },
  });
  return { mutation, intent };
}
