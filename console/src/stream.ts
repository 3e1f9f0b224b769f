import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { BookingFromJSON } from '@travobooks/client';
import { useSession } from './session';
import { keepLatest } from './bookings';
import { ledgerChanged } from './ledger';

const POLICY_VIOLATION = 1008;
const MAX_PAUSE_MS = 30_000;

/**
 * Keeps open pages current: the server's stream pushes every change of the tenant's bookings, whoever made it and on
 * whichever node, and each one replaces the booking in the query cache (an open detail page updates at once) and
 * makes lists fetch again. A dropped connection is opened again after a growing pause, and what changed meanwhile is
 * read afresh; a credential the stream refuses is not tried again.
 */
export function useLiveBookings(): void {
  const { session } = useSession();
  const queries = useQueryClient();
  useEffect(() => {
    if (session === null) {
      return;
    }
    let socket: WebSocket | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let closed = false;
    let failures = 0;
    const open = () => {
      const url = new URL('/v1/stream', window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      // A browser cannot set a header on a WebSocket: the session's token goes in the query.
      url.searchParams.set('access_token', session.token);
      socket = new WebSocket(url);
      socket.onopen = () => {
        failures = 0;
        // What changed while the stream was down is read afresh, the ledger's postings of it too.
        void queries.invalidateQueries({ queryKey: ['booking'] });
        void queries.invalidateQueries({ queryKey: ['bookings'] });
        ledgerChanged(queries);
      };
      socket.onmessage = (message) => {
        if (closed) {
          return; // signed out meanwhile: nothing of this session goes back into the cache
        }
        const event = JSON.parse(String(message.data)) as { type: string; booking?: unknown };
        if (event.type === 'booking.changed' && event.booking) {
          keepLatest(queries, BookingFromJSON(event.booking));
          void queries.invalidateQueries({ queryKey: ['bookings'] });
          ledgerChanged(queries); // a booking's change may have posted entries
        }
      };
      socket.onclose = (event) => {
        // 1008: the server refused the credential (ended, or without bookings:read); the pages' own requests tell.
        if (closed || event.code === POLICY_VIOLATION) {
          return;
        }
        failures++;
        const pause = Math.min(MAX_PAUSE_MS, 1000 * 2 ** Math.min(failures, 5));
        retry = setTimeout(open, pause / 2 + Math.random() * pause / 2);
      };
    };
    open();
    return () => {
      closed = true;
      clearTimeout(retry);
      socket?.close();
    };
  }, [session, queries]);
}
