import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Booking } from '@travobooks/client';
import { SessionProvider } from '../src/session';
import { useLiveBookings } from '../src/stream';

/** The browser's WebSocket as far as the stream uses it; the test plays the server's side. */
class ServerSide {
  static opened: ServerSide[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  closedByPage = false;

  constructor(readonly url: URL) {
    ServerSide.opened.push(this);
  }

  close() {
    this.closedByPage = true;
  }

  push(booking: object) {
    act(() => this.onmessage?.({ data: JSON.stringify({ type: 'booking.changed', booking }) }));
  }

  drop(code: number) {
    act(() => this.onclose?.({ code }));
  }
}

function booking(version: number) {
  return { id: 'BK-1', version, pnr: 'ABC123', airline_prefix: '176', status: 'ISSUED', passengers: [],
    documents: [] };
}

function Live() {
  useLiveBookings();
  return null;
}

function renderSignedIn(queries: QueryClient) {
  return render(
    <QueryClientProvider client={queries}><SessionProvider><Live /></SessionProvider></QueryClientProvider>,
  );
}

const latest = () => ServerSide.opened.at(-1)!;

beforeEach(() => {
  ServerSide.opened = [];
  vi.stubGlobal('WebSocket', ServerSide);
  sessionStorage.setItem('travobooks.session', JSON.stringify({ token: 'tb_session_token',
    expires_at: new Date(Date.now() + 3_600_000).toISOString() }));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('the live stream of bookings', () => {
  it('connects with the session token in the query, over ws: from an http: page', () => {
    renderSignedIn(new QueryClient());
    expect(ServerSide.opened).toHaveLength(1);
    expect(latest().url.protocol).toBe('ws:');
    expect(latest().url.pathname).toBe('/v1/stream');
    expect(latest().url.searchParams.get('access_token')).toBe('tb_session_token');
  });

  it('keeps the newest version of a pushed booking, and marks lists and the ledger stale', async () => {
    const queries = new QueryClient();
    await queries.fetchQuery({ queryKey: ['bookings'], queryFn: async () => 'the list' });
    await queries.fetchQuery({ queryKey: ['trial-balance', '2026-03-10'], queryFn: async () => 'unseen' });
    renderSignedIn(queries);

    latest().push(booking(3));
    expect(queries.getQueryData<Booking>(['booking', 'BK-1'])?.version).toBe(3);
    expect(queries.getQueryState(['bookings'])?.isInvalidated).toBe(true);
    expect(queries.getQueryData(['trial-balance', '2026-03-10'])).toBeUndefined();

    latest().push(booking(2)); // an older change that arrived late
    expect(queries.getQueryData<Booking>(['booking', 'BK-1'])?.version).toBe(3);
  });

  it('connects again after a growing pause when dropped, and not after the server refused the credential', () => {
    vi.useFakeTimers();
    renderSignedIn(new QueryClient());

    latest().drop(1006);
    act(() => vi.advanceTimersByTime(999));
    expect(ServerSide.opened).toHaveLength(1);
    act(() => vi.advanceTimersByTime(1001)); // the first pause: 1 to 2 s
    expect(ServerSide.opened).toHaveLength(2);

    latest().drop(1006);
    act(() => vi.advanceTimersByTime(1999));
    expect(ServerSide.opened).toHaveLength(2);
    act(() => vi.advanceTimersByTime(2001)); // the second: 2 to 4 s
    expect(ServerSide.opened).toHaveLength(3);

    latest().drop(1008);
    act(() => vi.advanceTimersByTime(120_000));
    expect(ServerSide.opened).toHaveLength(3);
  });

  it('closes the stream when the page goes, and takes nothing from it afterwards', () => {
    const queries = new QueryClient();
    const page = renderSignedIn(queries);
    const stream = latest();

    page.unmount();
    expect(stream.closedByPage).toBe(true);
    stream.push(booking(4));
    expect(queries.getQueryData(['booking', 'BK-1'])).toBeUndefined();
  });
});
