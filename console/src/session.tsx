import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TravoClient, TravoProblem, type Session } from '@travobooks/client';

/** The signed-in person's session and a client that sends its token, or nothing before sign-in. */
interface SessionState {
  readonly session: Session | null;
  readonly client: TravoClient | null;
  signedIn(session: Session): void;
  signOut(): Promise<void>;
}

const STORED = 'travobooks.session';
const SessionContext = createContext<SessionState | null>(null);

/** The server the console came from: the API is on the same origin, so the content policy allows only it. */
export function serverUrl(): string {
  return window.location.origin;
}

/**
 * Kept for the tab's life (sessionStorage): a reload keeps the person signed in, closing the tab signs them out of
 * this browser, and the server ends an unused session after half an hour whatever the browser keeps.
 */
function stored(): Session | null {
  const text = sessionStorage.getItem(STORED);
  if (text === null) {
    return null;
  }
  const session = JSON.parse(text) as Session;
  return new Date(session.expires_at) > new Date() ? session : null;
}

/**
 * The session of the tab. Whatever was read under one session is dropped when it ends or another begins, so the
 * next person in the same tab sees nothing of the last one's; a request the server answers 401 (the session ended
 * there: it expired, was revoked, or a second factor was just set up) signs the tab out.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queries = useQueryClient();
  const [session, setSession] = useState<Session | null>(stored);
  const client = useMemo(() => (session ? TravoClient.connect(serverUrl(), session.token) : null), [session]);
  const forget = useCallback(() => {
    sessionStorage.removeItem(STORED);
    queries.clear();
    setSession(null);
  }, [queries]);
  const signedIn = useCallback((next: Session) => {
    queries.clear();
    sessionStorage.setItem(STORED, JSON.stringify(next));
    setSession(next);
  }, [queries]);
  const signOut = useCallback(async () => {
    try {
      await client?.people.deleteCurrentSession();
    } catch {
      // Already ended on the server (a second factor set up ends every session): nothing more to do there.
    } finally {
      forget();
    }
  }, [client, forget]);
  useEffect(() => {
    const ended = (error: unknown) => {
      if (error instanceof TravoProblem && error.status === 401) {
        forget();
      }
    };
    const fromQueries = queries.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') ended(event.action.error);
    });
    const fromMutations = queries.getMutationCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'error') ended(event.action.error);
    });
    return () => {
      fromQueries();
      fromMutations();
    };
  }, [queries, forget]);
  const state = useMemo(() => ({ session, client, signedIn, signOut }), [session, client, signedIn, signOut]);
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const state = useContext(SessionContext);
  if (state === null) {
    throw new Error('useSession outside SessionProvider');
  }
  return state;
}

/** The client of a signed-in page (the router shows those pages only after sign-in). */
export function useClient(): TravoClient {
  const { client } = useSession();
  if (client === null) {
    throw new Error('a signed-in page rendered without a session');
  }
  return client;
}
