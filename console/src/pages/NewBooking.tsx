import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useMutation } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import type { Offer } from '@travobooks/client';
import { Field } from '../components/Field';
import { useClient } from '../session';
import { formatMinor } from '../money';
import { fareTotal } from '../bookings';
import { localDay } from '../dates';
import { useIntent, useKeyedChange } from '../intent';
import { PRIMARY } from '../components/styles';
import { Failure } from '../components/Failure';

const search = z.object({
  origin: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'newBooking.airportFormat'),
  destination: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, 'newBooking.airportFormat'),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'newBooking.dateMissing'),
});
const passenger = z.object({
  givenName: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z -]{0,39}$/, 'newBooking.nameFormat'),
  surname: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z -]{0,39}$/, 'newBooking.nameFormat'),
});
type Search = z.infer<typeof search>;
type Passenger = z.infer<typeof passenger>;

/** Searches the airline's offers, then holds the chosen one for a passenger: the booking opens on its own page. */
export function NewBooking() {
  const intl = useIntl();
  const client = useClient();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<Offer | null>(null);
  const message = (id: string | undefined) => (id ? intl.formatMessage({ id }) : undefined);
  const searchForm = useForm<Search>({
    resolver: zodResolver(search),
    defaultValues: { origin: '', destination: '', date: localDay(14) },
  });
  const passengerForm = useForm<Passenger>({
    resolver: zodResolver(passenger),
    defaultValues: { givenName: '', surname: '' },
  });
  // One key (and booking id) per intended hold: clicking again after a lost answer repeats the same hold.
  const intent = useIntent();
  const offers = useMutation({
    mutationFn: (query: Search) => client.bookings.searchOffers(query),
    onSuccess: () => {
      setChosen(null);
      intent.forget();
    },
  });
  const { mutation: hold } = useKeyedChange(client,
    (idempotencyKey, { offer, person }: { offer: Offer; person: Passenger }) => client.bookings.holdBooking({
      idempotencyKey,
      newBooking: {
        id: `BK-${idempotencyKey.slice(0, 8).toUpperCase()}`,
        offer_id: offer.offer_id,
        passengers: [{ given_name: person.givenName, surname: person.surname }],
        terms: { currency: offer.fare_per_passenger.base.currency },
      },
    }), (booking) => navigate(`/bookings/${encodeURIComponent(booking.id)}`), intent);

  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-6">
      <h1 id="page-title" className="text-2xl font-semibold">{intl.formatMessage({ id: 'newBooking.title' })}</h1>
      <form noValidate onSubmit={searchForm.handleSubmit((query) => offers.mutate(query))}
        className="flex flex-wrap items-end gap-4 rounded bg-white p-4 shadow">
        <Field id="origin" label={intl.formatMessage({ id: 'newBooking.origin' })} maxLength={3} dir="ltr"
          error={message(searchForm.formState.errors.origin?.message)} {...searchForm.register('origin')} />
        <Field id="destination" label={intl.formatMessage({ id: 'newBooking.destination' })} maxLength={3} dir="ltr"
          error={message(searchForm.formState.errors.destination?.message)} {...searchForm.register('destination')} />
        <Field id="date" type="date" label={intl.formatMessage({ id: 'newBooking.date' })}
          error={message(searchForm.formState.errors.date?.message)} {...searchForm.register('date')} />
        <button type="submit" disabled={offers.isPending}
          className={PRIMARY}>
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
                onChange={() => { setChosen(offer); intent.forget(); }} />
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
      {chosen && (
        <form noValidate className="flex flex-wrap items-end gap-4 rounded bg-white p-4 shadow"
          onSubmit={passengerForm.handleSubmit((person) => hold.mutate({ offer: chosen, person }))}>
          <Field id="given-name" autoComplete="off" dir="ltr" label={intl.formatMessage({ id: 'newBooking.givenName' })}
            error={message(passengerForm.formState.errors.givenName?.message)}
            {...passengerForm.register('givenName')} />
          <Field id="surname" autoComplete="off" dir="ltr" label={intl.formatMessage({ id: 'newBooking.surname' })}
            error={message(passengerForm.formState.errors.surname?.message)} {...passengerForm.register('surname')} />
          <button type="submit" disabled={hold.isPending}
            className={PRIMARY}>
            {intl.formatMessage({ id: 'newBooking.hold' })}
          </button>
          <Failure error={hold.error} />
        </form>
      )}
    </section>
  );
}
