import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useMutation } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { Offer } from '@travobooks/client';
import { useClient } from '../session';
import { formatMinor } from '../money';
import { fareTotal } from '../bookings';
import { localDay } from '../dates';
import { Field } from './Field';
import { PRIMARY } from './styles';
import { Failure } from './Failure';

const search = z.object({
  origin: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'newBooking.airportFormat'),
  destination: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'newBooking.airportFormat'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'newBooking.dateMissing'),
});
type Search = z.infer<typeof search>;

/** The airline's offers for a route and day, one of which the person chooses (none after each new search). */
export function OfferSearch({ chosen, onChoose }: { chosen: Offer | null; onChoose: (offer: Offer | null) => void }) {
  const intl = useIntl();
  const client = useClient();
  const message = (id: string | undefined) => (id ? intl.formatMessage({ id }) : undefined);
  const form = useForm<Search>({
    resolver: zodResolver(search),
    defaultValues: { origin: '', destination: '', date: localDay(14) },
  });
  const offers = useMutation({
    mutationFn: (query: Search) => client.bookings.searchOffers(query),
    onSuccess: () => onChoose(null),
  });
  return (
    <>
      <form noValidate onSubmit={form.handleSubmit((query) => offers.mutate(query))}
        className="flex flex-wrap items-end gap-4 rounded bg-white p-4 shadow">
        <Field id="origin" label={intl.formatMessage({ id: 'newBooking.origin' })} maxLength={3} dir="ltr"
          error={message(form.formState.errors.origin?.message)} {...form.register('origin')} />
        <Field id="destination" label={intl.formatMessage({ id: 'newBooking.destination' })} maxLength={3} dir="ltr"
          error={message(form.formState.errors.destination?.message)} {...form.register('destination')} />
        <Field id="date" type="date" label={intl.formatMessage({ id: 'newBooking.date' })}
          error={message(form.formState.errors.date?.message)} {...form.register('date')} />
        <button type="submit" disabled={offers.isPending} className={PRIMARY}>
          {intl.formatMessage({ id: 'newBooking.search' })}
        </button>
      </form>
      <Failure error={offers.error} />
      {offers.data && offers.data.items.length === 0 && <p>{intl.formatMessage({ id: 'newBooking.noOffers' })}</p>}
      {offers.data && offers.data.items.length > 0 && (
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-2 font-medium">{intl.formatMessage({ id: 'newBooking.offers' })}</legend>
          {offers.data.items.map((offer) => (
            <label key={offer.offer_id} className="flex items-center gap-3 rounded bg-white p-3 shadow">
              <input type="radio" name="offer" checked={chosen?.offer_id === offer.offer_id}
                onChange={() => onChoose(offer)} />
              <span dir="ltr" className="font-mono">
                {offer.segments.map((segment) => `${segment.carrier}${segment.flight_number} ${segment.origin}→`
                  + `${segment.destination} ${segment.departure}`).join(', ')}
              </span>
              <span className="ms-auto tabular-nums">
                {formatMinor(fareTotal(offer.fare_per_passenger), offer.fare_per_passenger.base.currency, intl.locale)}
              </span>
            </label>
          ))}
        </fieldset>
      )}
    </>
  );
}
