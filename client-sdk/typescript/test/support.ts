import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { type Booking, BookingStatus, type EntryFields, Side, TravoClient } from '@travobooks/client';

/** The server under test, as the build names it; without one the tests that need it are skipped. */
export const url = process.env['TRAVO_URL'] ?? '';
export const key = process.env['TRAVO_KEY'] ?? '';
/** The tenant the key belongs to. */
export const tenant = process.env['TRAVO_TENANT'] ?? '';
export const noServer = url === '' || key === '' || tenant === ''
  ? 'TRAVO_URL, TRAVO_KEY and TRAVO_TENANT name no server' : false;

export function connect(): TravoClient {
  return TravoClient.connect(url, key);
}

/** A unique id, so that the tests can run again against the same server. */
export function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A sale of `amount` paisa on account: the customer (1100) owes, service fees (4300) earned. */
export function sale(id: string, amount: number, credit: number = amount): EntryFields {
  return {
    id,
    effective_date: '2026-03-10',
    lines: [
      { account: '1100', side: Side.Debit, amount_minor: amount, currency: 'BDT' },
      { account: '4300', side: Side.Credit, amount_minor: credit, currency: 'BDT' },
    ],
  };
}

// The accounting guide's worked example: 2,800 commission, a 1,000 service fee with 150 VAT, a 500 refund fee with
// 75 VAT (BDT, in paisa).
const TERMS = {
  currency: 'BDT', commission_minor: 280_000, service_fee_minor: 100_000, service_fee_tax_minor: 15_000,
  refund_fee_minor: 50_000, refund_fee_tax_minor: 7_500,
};

/** Holds a fresh Dhaka-Dubai offer thirty days out for one passenger, prices it and issues its ticket. */
export async function issued(client: TravoClient, bookingId: string): Promise<Booking> {
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
