import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import type { Booking, Offer } from '@travobooks/client';
import { useClient } from '../session';
import { useKeyedChange } from '../intent';
import { ledgerChanged } from '../ledger';
import { formatMinor } from '../money';
import { OfferSearch } from '../components/OfferSearch';
import { Failure } from '../components/Failure';
import { PRIMARY, SECONDARY } from '../components/styles';

/**
 * Exchanging an issued booking's tickets for another offer: the airline quotes the fare difference and the change
 * penalty, and confirming issues the new tickets on a follow-on booking, whose page opens.
 */
export function BookingExchange({ booking }: { booking: Booking }) {
  const intl = useIntl();
  const client = useClient();
  const queries = useQueryClient();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<Offer | null>(null);
  const refresh = () => void queries.invalidateQueries({ queryKey: ['booking', booking.id] });
  const { mutation: quote, intent: quoteIntent } = useKeyedChange(client, (idempotencyKey, offer: Offer) =>
    client.bookings.quoteExchange({
      bookingId: booking.id, idempotencyKey, exchangeQuoteRequest: { new_offer_id: offer.offer_id },
    }), refresh);
  // The follow-on booking's id follows from the key: confirming again after a lost answer names the same booking.
  const { mutation: confirm, intent: confirmIntent } = useKeyedChange(client, (idempotencyKey, quoteId: string) =>
    client.bookings.confirmExchange({
      bookingId: booking.id, quoteId, idempotencyKey,
      exchangeConfirmation: { follow_on_booking_id: `EX-${idempotencyKey.slice(0, 8).toUpperCase()}` },
    }), (followOn) => {
    refresh();
    void queries.invalidateQueries({ queryKey: ['bookings'] });
    ledgerChanged(queries);
    navigate(`/bookings/${encodeURIComponent(followOn.id)}`);
  });
  const quoted = booking.exchange_quote;
  // Confirming another quote is another exchange: it gets a key (and a follow-on booking) of its own.
  useEffect(() => {
    confirmIntent.forget();
    setLapsed(false);
  }, [quoted?.quote_id, confirmIntent]);
  // Checked again when confirming: a quote may lapse while the page is open.
  const [lapsed, setLapsed] = useState(false);
  const expired = lapsed || (quoted !== undefined && quoted.expires_at.getTime() <= Date.now());
  const label = (id: string) => intl.formatMessage({ id });
  const money = (amount: { amount_minor: number; currency: string }) =>
    formatMinor(amount.amount_minor, amount.currency, intl.locale);

  if (!open && !quoted) {
    return (
      <button type="button" className={`self-start ${SECONDARY}`} onClick={() => setOpen(true)}>
        {label('exchange.start')}
      </button>
    );
  }
  return (
    <section aria-labelledby="exchange-title" className="flex flex-col gap-3 rounded bg-slate-100 p-4">
      <h2 id="exchange-title" className="text-lg font-semibold">{label('exchange.title')}</h2>
      <OfferSearch chosen={chosen} onChoose={(offer) => { setChosen(offer); quoteIntent.forget(); }} />
      {chosen && (
        <button type="button" className={`self-start ${PRIMARY}`} disabled={quote.isPending}
          onClick={() => quote.mutate(chosen)}>
          {label('exchange.quote')}
        </button>
      )}
      <Failure error={quote.error} />
      {quoted && (
        <div className="flex flex-col gap-2 rounded bg-white p-3 shadow" data-testid="exchange-quote">
          <p>{intl.formatMessage({ id: 'exchange.quoted' }, {
            difference: money(quoted.fare_difference), penalty: money(quoted.change_penalty),
            until: intl.formatDate(quoted.expires_at, { dateStyle: 'medium', timeStyle: 'short' }),
          })}</p>
          {expired && <p role="status">{label('exchange.expired')}</p>}
          <button type="button" className={`self-start ${PRIMARY}`} disabled={confirm.isPending || expired}
            onClick={() => {
              if (quoted.expires_at.getTime() > Date.now()) confirm.mutate(quoted.quote_id); else setLapsed(true);
            }}>
            {label('exchange.confirm')}
          </button>
          <Failure error={confirm.error} />
        </div>
      )}
    </section>
  );
}
