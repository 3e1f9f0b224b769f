import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BookingStatus, outcome } from '@travobooks/client';
import { connect, issued, noServer, unique } from './support.js';

describe('a booking through the client', { skip: noServer }, () => {
  const client = connect();

  it('is held, priced, issued and voided', async () => {
    const bookingId = unique('TS-V');
    await issued(client, bookingId);
    const voided = await client.keyed(idempotencyKey => client.bookings.voidBooking({ bookingId, idempotencyKey }));
    assert.equal(voided.status, BookingStatus.Voided);
    assert.equal(voided.documents[0]?.coupons[0], 'VOID');
    assert.equal((await client.bookings.getBooking({ bookingId })).status, BookingStatus.Voided);
  });

  it('is refunded as quoted, less the refund fee and its VAT', async () => {
    const bookingId = unique('TS-R');
    const ticket = (await issued(client, bookingId)).documents[0]?.number;
    assert.ok(ticket);
    const quoted = await client.keyed(idempotencyKey => client.bookings.quoteRefund({
      bookingId, idempotencyKey, refundQuoteRequest: { document_numbers: new Set([ticket]) } }));
    assert.equal(quoted.status, BookingStatus.RefundQuoted);
    // The airline refunds 49,000 (54,000 less a 5,000 penalty); the customer gets it less 500 and 75 VAT.
    assert.equal(quoted.refund_quote?.refundable.amount_minor, 4_900_000);
    assert.equal(quoted.refund_to_customer?.amount_minor, 4_842_500);

    const quoteId = quoted.refund_quote.quote_id;
    const refunded = await client.keyed(idempotencyKey => outcome(client.bookings.confirmRefundRaw({
      bookingId, quoteId, idempotencyKey })));
    assert.ok(!refunded.held, 'no approval policy holds refunds here');
    assert.equal(refunded.value.status, BookingStatus.Refunded);
  });
});
