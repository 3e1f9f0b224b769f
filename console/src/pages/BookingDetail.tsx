import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useParams } from 'react-router';
import { outcome, type Booking, type IssuePreview } from '@travobooks/client';
import { useClient } from '../session';
import { formatMinor } from '../money';
import { fareTotal, keepLatest } from '../bookings';
import { useIntent } from '../intent';
import { ledgerChanged } from '../ledger';
import { statusLabel } from '../i18n/labels';
import { PRIMARY, SECONDARY } from '../components/styles';
import { LinesTable } from '../components/LinesTable';
import { Failure } from '../components/Failure';
import { BookingConversations, BookingDocuments, BookingEntries } from './BookingRecords';
import { BookingExchange } from './BookingExchange';

/**
 * One booking and what can be done with it next: price it, preview and issue its tickets (or see it wait for a
 * second person's approval), void, quote and confirm a refund, exchange; its documents, journal entries and customer
 * messages. The page follows the booking live: a change made anywhere else shows here at once.
 */
export function BookingDetail() {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const bookingId = useParams().bookingId ?? '';
  const booking = useQuery({
    queryKey: ['booking', bookingId],
    queryFn: () => client.bookings.getBooking({ bookingId }),
  });
  const [preview, setPreview] = useState<IssuePreview | null>(null);
  const [held, setHeld] = useState(false);
  const changed = (next: Booking) => {
    keepLatest(queries, next);
    void queries.invalidateQueries({ queryKey: ['bookings'] });
    ledgerChanged(queries); // issuing, voiding and refunding post entries (pricing and quoting do not, but cost little)
  };
  // A preview belongs to the booking as it was priced, a held issue to its moment: a new state drops both.
  const status = booking.data?.status;
  useEffect(() => {
    setPreview(null);
    setHeld(false);
  }, [status]);
  // One key per intended action: clicking again after a lost answer repeats the same action.
  const intent = useIntent();
  const act = useMutation({
    mutationFn: async (action: 'price' | 'preview' | 'issue' | 'void' | 'quoteRefund' | 'confirmRefund') => {
      const current = booking.data!;
      switch (action) {
        case 'price':
          changed(await client.bookings.priceBooking({ bookingId }));
          break;
        case 'preview':
          setPreview(await client.bookings.previewIssue({ bookingId }));
          break;
        case 'issue': {
          const answer = await client.keyed((idempotencyKey) => outcome(client.bookings.issueBookingRaw({
            bookingId, idempotencyKey, issueRequest: { preview_hash: preview!.preview_hash },
          })), intent.key());
          setPreview(null);
          if (answer.held) {
            setHeld(true);
            ledgerChanged(queries); // held for approval: the approvals list has one more
          } else {
            changed(answer.value);
          }
          break;
        }
        case 'void':
          changed(await client.keyed((idempotencyKey) => client.bookings.voidBooking({ bookingId, idempotencyKey }),
            intent.key()));
          break;
        case 'quoteRefund':
          changed(await client.keyed((idempotencyKey) => client.bookings.quoteRefund({
            bookingId, idempotencyKey,
            refundQuoteRequest: { document_numbers: new Set(current.documents.map((document) => document.number)) },
          }), intent.key()));
          break;
        case 'confirmRefund':
          changed(await client.keyed((idempotencyKey) => client.bookings.confirmRefund({
            bookingId, idempotencyKey, quoteId: current.refund_quote!.quote_id,
          }), intent.key()));
          break;
      }
    },
    onError: intent.failed,
    onSuccess: intent.forget,
  });

  if (booking.isPending) {
    return <p>{intl.formatMessage({ id: 'common.loading' })}</p>;
  }
  if (booking.isError) {
    return <Failure error={booking.error} />;
  }
  const data = booking.data;
  const currency = data.fare_per_passenger.base.currency;
  const money = (minor: number, of = currency) => formatMinor(minor, of, intl.locale);
  const button = (action: Parameters<typeof act.mutate>[0], label: string, style = PRIMARY) => (
    <button type="button" className={style} disabled={act.isPending} onClick={() => act.mutate(action)}>
      {intl.formatMessage({ id: label })}
    </button>
  );

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <h1 id="page-title" className="text-2xl font-semibold">
        {intl.formatMessage({ id: 'bookingDetail.title' }, { id: data.id })}
      </h1>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 rounded bg-white p-4 shadow">
        <dt className="font-medium">{intl.formatMessage({ id: 'bookings.status' })}</dt>
        <dd data-testid="booking-status" data-status={data.status} aria-live="polite">
          {statusLabel(intl, data.status)}
        </dd>
        <dt className="font-medium">{intl.formatMessage({ id: 'bookings.pnr' })}</dt>
        <dd dir="ltr" className="font-mono">{data.pnr}</dd>
        <dt className="font-medium">{intl.formatMessage({ id: 'bookings.passenger' })}</dt>
        <dd>{data.passengers.map((person) => `${person.given_name} ${person.surname}`).join(', ')}</dd>
        <dt className="font-medium">{intl.formatMessage({ id: 'bookingDetail.fare' })}</dt>
        <dd className="tabular-nums">{money(fareTotal(data.fare_per_passenger) * data.passengers.length)}</dd>
        {data.refund_quote && data.refund_to_customer && (
          <>
            <dt className="font-medium">{intl.formatMessage({ id: 'bookingDetail.refundToCustomer' })}</dt>
            <dd className="tabular-nums" data-testid="refund-to-customer">
              {money(data.refund_to_customer.amount_minor, data.refund_to_customer.currency)}
            </dd>
          </>
        )}
      </dl>
      {held && (
        <p role="status" className="rounded bg-amber-50 p-3">{intl.formatMessage({ id: 'bookingDetail.held' })}</p>
      )}
      <Failure error={act.error} className="rounded bg-red-50 p-3 text-red-900" />
      {preview && (
        <section aria-labelledby="preview-title" className="rounded bg-white p-4 shadow">
          <h2 id="preview-title" className="mb-2 text-lg font-semibold">
            {intl.formatMessage({ id: 'bookingDetail.preview' })}
          </h2>
          <p className="mb-2">
            {intl.formatMessage({ id: 'bookingDetail.customerTotal' }, {
              amount: money(preview.customer_total.amount_minor, preview.customer_total.currency),
            })}
          </p>
          <LinesTable lines={preview.entries.flatMap((entry) => entry.lines)} className="mb-3" />
          {preview.approval_required && (
            <p className="mb-2">{intl.formatMessage({ id: 'bookingDetail.approvalRequired' })}</p>
          )}
          {button('issue', 'bookingDetail.issue')}
        </section>
      )}
      <div className="flex flex-wrap gap-3">
        {data.status === 'HELD' && button('price', 'bookingDetail.price')}
        {data.status === 'PRICED' && !preview && button('preview', 'bookingDetail.previewIssue')}
        {data.status === 'ISSUED' && button('quoteRefund', 'bookingDetail.quoteRefund')}
        {data.status === 'ISSUED' && button('void', 'bookingDetail.void', SECONDARY)}
        {data.status === 'REFUND_QUOTED' && button('confirmRefund', 'bookingDetail.confirmRefund')}
      </div>
      {data.status === 'ISSUED' && <BookingExchange booking={data} />}
      <BookingDocuments booking={data} />
      <BookingEntries bookingId={data.id} />
      <BookingConversations bookingId={data.id} />
    </section>
  );
}
