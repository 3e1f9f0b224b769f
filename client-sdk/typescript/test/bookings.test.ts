import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Booking, BookingStatus, outcome, type TravoClient } from '@travobooks/client';
import { connect, noServer, unique } from './support.js';

// The accounting guide's worked example: 2,800 commission, a 1,000 service fee with 150 VAT, a 500 refund fee with
// 75 VAT (BDT, in paisa).
const TERMS = {
  currency: 'BDT', commission_minor: 280_000, service_fee_minor: 100_000, service_fee_tax_minor: 15_000,
  refund_fee_minor: 50_000, refund_fee_tax_minor: 7_500,
};

/** Holds a fresh Dhaka-Dubai offer thirty days out for one passenger, prices it and issues its ticket. */
async function issued(client: TravoClient, bookingId: string): Promise<Booking> {
  const day = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const offers = await client.bookings.searchOffers({ origin: 'DAC', destination: 'DXB', date: day });
  const offer = offers.items[0];
  assert.ok(offer, 'the simulated airline offers a flight');

  const held = await client.keyed(idempotencyKey => client.bookings.holdBooking({ idempotencyKey, newBooking: {
    id: bookingId, offer_id: offer.offer_id, passengers: [{ given_name: 'RAHIM', surname: 'UDDIN' }], terms: TERMS,
  } }));
  assert.equal(held.status, BookingStatus.Held);
  assert.ok(held.pnr);

  const priced = await client.bookings.priceBooking({ bookingId });
  assert.ok(priced.price_guarantee_until instanceof Date);

  const ticketed = await client.keyed(idempotencyKey => client.bookings.issueBooking({ bookingId, idempotencyKey }));
  assert.equal(ticketed.status, BookingStatus.Issued);
  assert.equal(ticketed.documents.length, 1);
  return ticketed;
}

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
