import type { QueryClient } from '@tanstack/react-query';
import type { Booking, Fare } from '@travobooks/client';

/** What one passenger pays the airline: base fare, carrier surcharges and taxes, in minor units. */
export function fareTotal(fare: Fare): number {
  return fare.base.amount_minor + fare.carrier_surcharges.amount_minor + fare.taxes.amount_minor;
}

/**
 * Puts a booking into the cache unless the cache holds a later version: a pushed change and an action's own answer
 * can arrive in either order, and the later state must win.
 */
export function keepLatest(queries: QueryClient, booking: Booking): void {
  queries.setQueryData<Booking>(['booking', booking.id],
    (cached) => (cached === undefined || booking.version >= cached.version ? booking : cached));
}
