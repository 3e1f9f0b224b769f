import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { NotifyChannel } from '@travobooks/client';
import { useClient } from '../session';
import { LOCALES, type Locale } from '../i18n/locales';
import { Failure } from '../components/Failure';
import { INPUT, PRIMARY } from '../components/styles';

interface Asked {
  readonly event: string;
  readonly channel: NotifyChannel;
  readonly booking: string;
}

/**
 * What a booking's event says to its customer on a channel, side by side in each of the console's languages, as the
 * notifier would send it now: nothing is sent.
 */
export function TemplatePreviews() {
  const intl = useIntl();
  const client = useClient();
  const events = useQuery({ queryKey: ['event-types'], queryFn: () => client.events.listEventTypes({ limit: 200 }) });
  const bookings = useQuery({
    queryKey: ['bookings', 'recent'], queryFn: () => client.bookings.listBookings({ limit: 50 }),
  });
  const bookingEvents = events.data?.items.map((type) => type.name).filter((name) => name.startsWith('booking.')) ?? [];
  const [draft, setDraft] = useState<Asked>({ event: 'booking.issued', channel: 'EMAIL', booking: '' });
  const [asked, setAsked] = useState<Asked | null>(null);
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <section aria-labelledby="templates-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="templates-title" className="text-lg font-semibold">{label('templates.title')}</h2>
      <p className="text-sm">{label('templates.intro')}</p>
      <form className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => { event.preventDefault(); setAsked(draft); }}>
        <div className="flex flex-col text-sm">
          <label htmlFor="template-event">{label('templates.event')}</label>
          <select id="template-event" value={draft.event} className={INPUT}
            onChange={(event) => setDraft({ ...draft, event: event.target.value })}>
            {(bookingEvents.includes(draft.event) ? bookingEvents : [draft.event, ...bookingEvents]).map((name) => (
              <option key={name} value={name}>{name}</option>
            ))}
          </select>
        </div>
        <div className="flex flex-col text-sm">
          <label htmlFor="template-channel">{label('templates.channel')}</label>
          <select id="template-channel" value={draft.channel} className={INPUT}
            onChange={(event) => setDraft({ ...draft, channel: event.target.value as NotifyChannel })}>
            {Object.values(NotifyChannel).map((channel) => <option key={channel} value={channel}>{channel}</option>)}
          </select>
        </div>
        <div className="flex flex-col text-sm">
          <label htmlFor="template-booking">{label('templates.booking')}</label>
          <input id="template-booking" list="template-bookings" value={draft.booking} dir="ltr" className={INPUT}
            onChange={(event) => setDraft({ ...draft, booking: event.target.value.trim() })} />
          <datalist id="template-bookings">
            {bookings.data?.items.map(({ booking }) => <option key={booking.id} value={booking.id} />)}
          </datalist>
        </div>
        <button type="submit" className={PRIMARY} disabled={draft.booking === ''}>{label('templates.preview')}</button>
      </form>
      <Failure error={events.error} />
      {asked && (
        <div className="grid gap-3 md:grid-cols-3">
          {(Object.keys(LOCALES) as Locale[]).map((locale) => <Rendered key={locale} asked={asked} locale={locale} />)}
        </div>
      )}
    </section>
  );
}

/** One language's message, written in that language's direction whatever the console's. */
function Rendered({ asked, locale }: { asked: Asked; locale: Locale }) {
  const intl = useIntl();
  const client = useClient();
  const preview = useQuery({
    queryKey: ['template-preview', asked, locale],
    queryFn: () => client.notifications.previewTemplate({ previewRequest: {
      event_type: asked.event, channel: asked.channel, locale, booking_id: asked.booking,
    } }),
  });
  return (
    <article className="flex flex-col gap-2 rounded border border-slate-300 p-3" data-testid={`preview-${locale}`}>
      <h3 className="font-medium" lang={locale}>{LOCALES[locale].name}</h3>
      <Failure error={preview.error} />
      {preview.data && (
        <div lang={locale} dir={LOCALES[locale].dir} className="flex flex-col gap-2 text-sm">
          {asked.channel === 'EMAIL' && <p className="font-semibold">{preview.data.subject}</p>}
          <p className="whitespace-pre-wrap">{preview.data.body}</p>
          {preview.data.attachments.length > 0 && (
            <p dir="ltr" className="font-mono text-xs">{preview.data.attachments.join(', ')}</p>
          )}
          {preview.data.approved_template && (
            <p className="text-xs" lang={intl.locale} dir="auto">
              {intl.formatMessage({ id: 'templates.approved' }, {
                name: preview.data.approved_template.name, language: preview.data.approved_template.language,
              })}
            </p>
          )}
        </div>
      )}
    </article>
  );
}
