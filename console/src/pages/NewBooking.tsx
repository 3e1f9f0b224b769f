import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import { z } from 'zod';
import { useIntl } from 'react-intl';
import { useNavigate } from 'react-router';
import type { Offer } from '@travobooks/client';
import { Field } from '../components/Field';
import { OfferSearch } from '../components/OfferSearch';
import { useClient } from '../session';
import { useIntent, useKeyedChange } from '../intent';
import { PRIMARY } from '../components/styles';
import { Failure } from '../components/Failure';

const passenger = z.object({
  givenName: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z -]{0,39}$/, 'newBooking.nameFormat'),
  surname: z.string().trim().toUpperCase().regex(/^[A-Z][A-Z -]{0,39}$/, 'newBooking.nameFormat'),
});
type Passenger = z.infer<typeof passenger>;

/** Searches the airline's offers, then holds the chosen one for a passenger: the booking opens on its own page. */
export function NewBooking() {
  const intl = useIntl();
  const client = useClient();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState<Offer | null>(null);
  const message = (id: string | undefined) => (id ? intl.formatMessage({ id }) : undefined);
  const passengerForm = useForm<Passenger>({
    resolver: zodResolver(passenger),
    defaultValues: { givenName: '', surname: '' },
  });
  // One key (and booking id) per intended hold: clicking again after a lost answer repeats the same hold.
  const intent = useIntent();
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
      <OfferSearch chosen={chosen} onChoose={(offer) => { setChosen(offer); intent.forget(); }} />
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
