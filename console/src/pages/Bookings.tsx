import { useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import { BookingStatus, type Booking } from '@travobooks/client';
import { useClient } from '../session';
import { formatMinor } from '../money';
import { fareTotal } from '../bookings';
import { statusLabel } from '../i18n/labels';
import { PRIMARY, SECONDARY, INPUT } from '../components/styles';
import { Failure } from '../components/Failure';

const STATUSES = Object.values(BookingStatus);

/** The tenant's bookings, newest first, filtered by status, a page at a time. */
export function Bookings() {
  const intl = useIntl();
  const client = useClient();
  const [status, setStatus] = useState<BookingStatus | ''>('');
  const bookings = useInfiniteQuery({
    queryKey: ['bookings', status],
    queryFn: ({ pageParam }) => client.bookings.listBookings({
      limit: 50, ...(status ? { status } : {}), ...(pageParam ? { cursor: pageParam } : {}),
    }),
    initialPageParam: '',
    getNextPageParam: (page) => page.next_cursor,
  });
  const rows = bookings.data?.pages.flatMap((page) => page.items.map((item) => item.booking)) ?? [];

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 id="page-title" className="me-auto text-2xl font-semibold">
          {intl.formatMessage({ id: 'bookings.title' })}
        </h1>
        <Link to="/bookings/new" className={PRIMARY}>
          {intl.formatMessage({ id: 'bookings.new' })}
        </Link>
        <label className="flex flex-col text-sm">
          {intl.formatMessage({ id: 'bookings.status' })}
          <select value={status} onChange={(event) => setStatus(event.target.value as BookingStatus | '')}
            className={INPUT}>
            <option value="">{intl.formatMessage({ id: 'bookings.anyStatus' })}</option>
            {STATUSES.map((value) => <option key={value} value={value}>{statusLabel(intl, value)}</option>)}
          </select>
        </label>
      </div>
      {bookings.isPending && <p>{intl.formatMessage({ id: 'common.loading' })}</p>}
      <Failure error={bookings.error} />
      {bookings.isSuccess && rows.length === 0 && <p>{intl.formatMessage({ id: 'bookings.empty' })}</p>}
      {rows.length > 0 && (
        <table className="w-full border-collapse bg-white text-sm shadow">
          <thead className="bg-slate-100">
            <tr>
              {(['bookings.id', 'bookings.pnr', 'bookings.status', 'bookings.passenger', 'bookings.fare'] as const)
                .map((id) => <th key={id} scope="col" className="p-2 text-start">{intl.formatMessage({ id })}</th>)}
            </tr>
          </thead>
          <tbody>
            {rows.map((booking) => <BookingRow key={booking.id} booking={booking} />)}
          </tbody>
        </table>
      )}
      {bookings.hasNextPage && (
        <button type="button" onClick={() => void bookings.fetchNextPage()} disabled={bookings.isFetchingNextPage}
          className={`self-start ${SECONDARY}`}>
          {intl.formatMessage({ id: 'bookings.more' })}
        </button>
      )}
    </section>
  );
}

function BookingRow({ booking }: { booking: Booking }) {
  const intl = useIntl();
  const fare = booking.fare_per_passenger;
  const perPassenger = fareTotal(fare);
  const passenger = booking.passengers[0];
  return (
    <tr className="border-t border-slate-200">
      <td className="p-2 font-mono">
        <Link to={`/bookings/${encodeURIComponent(booking.id)}`} dir="ltr" className="text-teal-900 underline">
          {booking.id}
        </Link>
      </td>
      <td className="p-2 font-mono"><span dir="ltr">{booking.pnr}</span></td>
      <td className="p-2" data-testid={`status-${booking.id}`}>{statusLabel(intl, booking.status)}</td>
      <td className="p-2">{passenger ? `${passenger.given_name} ${passenger.surname}` : ''}</td>
      <td className="p-2 tabular-nums">
        {formatMinor(perPassenger * booking.passengers.length, fare.base.currency, intl.locale)}
      </td>
    </tr>
  );
}
