import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { BookingFromJSON } from '@travobooks/client';
import { useSession } from './session';

/**
 * Keeps open pages current: the server's stream pushes every change of the tenant's bookings, whoever made it and on
 * whichever node, and each one replaces the booking in the query cache (an open detail page updates at once) and
 * makes lists fetch again. A dropped connection is opened again after a pause.
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
    const open = () => {
      const url = new URL('/v1/stream', window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      // A browser cannot set a header on a WebSocket: the session's token goes in the query.
      url.searchParams.set('access_token', session.token);
      socket = new WebSocket(url);
      socket.onmessage = (message) => {
        const event = JSON.parse(String(message.data)) as { type: string; booking?: unknown };
        if (event.type === 'booking.changed' && event.booking) {
          const booking = BookingFromJSON(event.booking);
          queries.setQueryData(['booking', booking.id], booking);
          void queries.invalidateQueries({ queryKey: ['bookings'] });
          void queries.invalidateQueries({ queryKey: ['trial-balance'] });
        }
      };
      socket.onclose = () => {
        if (!closed) {
          retry = setTimeout(open, 3000);
        }
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
