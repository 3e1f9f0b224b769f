// A small AI agent's errand over the travoBooks TypeScript client: sell a customer one ticket Dhaka-Dubai on the
// simulated airline (search, hold, price, preview, issue), then read the booking back. Each step says what it did.
//
//   npm ci && npm run build
//   TRAVO_URL=http://127.0.0.1:8080 TRAVO_KEY=tb_... node dist/agent.js
//
// An answer that is not a success is thrown as a TravoProblem, with the server's stable code to decide on.
import { type Booking, type MoneyOut, outcome, TravoClient, TravoProblem } from '@travobooks/client';

const url = process.env['TRAVO_URL'] ?? 'http://127.0.0.1:8080';
const key = process.env['TRAVO_KEY'] ?? '';
if (key === '') {
  console.error('Set TRAVO_KEY to a key of the server, and TRAVO_URL to its address.');
  process.exit(2);
}
const client = TravoClient.connect(url, key);

/** Runs one step and prints what came of it. */
async function step<T>(name: string, action: () => Promise<T>, said: (result: T) => string): Promise<T> {
  const result = await action();
  console.log(`${name.padEnd(8)} ${said(result)}`);
  return result;
}

/** Minor units as the currency writes them: 5400000 BDT is BDT 54,000.00. */
function money({ amount_minor, currency }: MoneyOut): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency });
  return format.format(amount_minor / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
}

async function errand(bookingId: string): Promise<Booking> {
  const date = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10); // a month from now
  const offers = await step('search', () => client.bookings.searchOffers({ origin: 'DAC', destination: 'DXB', date }),
    found => `${found.items.length} offers on ${date}`);
  const offer = offers.items[0];
  if (offer === undefined) {
    throw new Error(`no flight on ${date}`);
  }

  // keyed gives each change its Idempotency-Key: the client's retries then never hold or issue twice.
  await step('hold', () => client.keyed(idempotencyKey => client.bookings.holdBooking({ idempotencyKey, newBooking: {
    id: bookingId,
    offer_id: offer.offer_id,
    passengers: [{ given_name: 'RAHIM', surname: 'UDDIN' }],
    // The agency's terms: a 1,000 taka service fee with 150 VAT (in paisa).
    terms: { currency: 'BDT', service_fee_minor: 100_000, service_fee_tax_minor: 15_000 },
  } })), held => `${held.id} ${held.status}, PNR ${held.pnr}`);
  await step('price', () => client.bookings.priceBooking({ bookingId }),
    priced => `${priced.status}, fare guaranteed until ${priced.price_guarantee_until?.toISOString()}`);

  // The issue must be what the preview showed. If the booking changed in between, the server refuses it with
  // ISSUE_PREVIEW_CHANGED: the agent looks again, once, rather than spend money on what it has not seen.
  for (let attempt = 1; ; attempt++) {
    const preview = await step('preview', () => client.bookings.previewIssue({ bookingId }),
      seen => `airline ${money(seen.fare_total)}, customer ${money(seen.customer_total)}`
        + (seen.approval_required ? ', a person must approve' : ''));
    try {
      // outcome tells an issue done from one held for a person's approval (an agent's key with a mandate).
      await step('issue', () => client.keyed(idempotencyKey => outcome(client.bookings.issueBookingRaw({
        bookingId, idempotencyKey, issueRequest: { preview_hash: preview.preview_hash },
      }))), issued => issued.held ? `waiting for approval ${issued.approval.id}`
        : `${issued.value.status}, tickets ${issued.value.documents.map(ticket => ticket.number).join(', ')}`);
      break;
    } catch (error) {
      if (attempt === 1 && error instanceof TravoProblem && error.code === 'ISSUE_PREVIEW_CHANGED') {
        continue;
      }
      throw error;
    }
  }
  return step('read', () => client.bookings.getBooking({ bookingId }),
    booking => `${booking.id} ${booking.status}, ${booking.documents.length} ticket(s)`);
}

try {
  const booking = await errand(`TS-AGENT-${Date.now()}`);
  console.log(`final status: ${booking.status}`);
} catch (error) {
  if (!(error instanceof TravoProblem)) {
    throw error;
  }
  console.error(`refused: ${error.message}`); // status, code, detail and the fields at fault
  process.exitCode = 1;
}
