import { useEffect, useState } from 'react';
import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link } from 'react-router';
import type { Booking, Conversation } from '@travobooks/client';
import { useClient } from '../session';
import { EntryList } from '../components/EntryList';
import { MessageList, WHEN } from '../components/MessageList';
import { Failure } from '../components/Failure';
import { SECONDARY } from '../components/styles';

/** A booking's travel documents with each coupon's state, and its e-ticket in the person's language. */
export function BookingDocuments({ booking }: { booking: Booking }) {
  const intl = useIntl();
  const client = useClient();
  const [ticket, setTicket] = useState<{ pdf: Blob; locale: string } | null>(null);
  const [offered, setOffered] = useState<string | null>(null);
  // The PDF comes with the person's credential, so it is fetched and offered as a file rather than linked. Its
  // address lives while it is offered (a ticket fetched in another language is not this one's), and no longer.
  useEffect(() => {
    if (ticket === null || ticket.locale !== intl.locale) {
      setOffered(null);
      return undefined;
    }
    const url = URL.createObjectURL(ticket.pdf);
    setOffered(url);
    return () => URL.revokeObjectURL(url);
  }, [ticket, intl.locale]);
  const download = useMutation({
    mutationFn: () => client.bookings.getETicket({ bookingId: booking.id, locale: intl.locale }),
    onSuccess: (pdf, _, locale) => setTicket({ pdf, locale }),
    onMutate: () => intl.locale,
  });
  const label = (id: string) => intl.formatMessage({ id });
  return (
    <section aria-labelledby="documents-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="documents-title" className="text-lg font-semibold">{label('bookingDetail.documents')}</h2>
      {booking.documents.length === 0 ? <p>{label('bookingDetail.noDocuments')}</p> : (
        <table className="w-full text-sm" data-testid="documents">
          <thead>
            <tr>
              <th scope="col" className="text-start">{label('bookingDetail.documentNumber')}</th>
              <th scope="col" className="text-start">{label('bookingDetail.documentType')}</th>
              <th scope="col" className="text-start">{label('bookingDetail.coupons')}</th>
            </tr>
          </thead>
          <tbody>
            {booking.documents.map((document) => (
              <tr key={document.number} className="border-t border-slate-200">
                <td><span dir="ltr" className="font-mono">{document.number}</span></td>
                <td>{label(`documentType.${document.type}`)}</td>
                <td>{document.coupons.map((coupon) => label(`coupon.${coupon}`)).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {booking.issued_at && (
        <div className="flex flex-wrap items-center gap-3">
          <button type="button" className={SECONDARY} disabled={download.isPending} onClick={() => download.mutate()}>
            {label('bookingDetail.eTicket')}
          </button>
          {offered && (
            <a href={offered} download={`e-ticket-${booking.id}.pdf`} className="text-teal-900 underline">
              {intl.formatMessage({ id: 'bookingDetail.eTicketReady' }, { id: booking.id })}
            </a>
          )}
        </div>
      )}
      <Failure error={download.error} />
    </section>
  );
}

/** The journal entries that carry the booking's id: its sale, deposit, refund, exchange and money events. */
export function BookingEntries({ bookingId }: { bookingId: string }) {
  const intl = useIntl();
  const client = useClient();
  const entries = useInfiniteQuery({
    queryKey: ['journal', 'booking', bookingId],
    queryFn: ({ pageParam }) => client.journal.listJournalEntries({
      limit: 50, dimension: 'BOOKING_ID', dimensionValue: bookingId, ...(pageParam ? { cursor: pageParam } : {}),
    }),
    initialPageParam: '',
    getNextPageParam: (page) => page.next_cursor,
  });
  return (
    <section aria-labelledby="entries-title" className="flex flex-col gap-3">
      <h2 id="entries-title" className="text-lg font-semibold">
        {intl.formatMessage({ id: 'bookingDetail.entries' })}
      </h2>
      <EntryList entries={entries} testId="booking-entries" />
    </section>
  );
}

/** The customer conversations linked to the booking, each with its messages and a way to it in the inbox. */
export function BookingConversations({ bookingId }: { bookingId: string }) {
  const intl = useIntl();
  const client = useClient();
  const conversations = useQuery({
    queryKey: ['conversations', 'booking', bookingId],
    queryFn: () => client.inbox.listConversations({ booking: bookingId, limit: 20 }),
  });
  return (
    <section aria-labelledby="messages-title" className="flex flex-col gap-3">
      <h2 id="messages-title" className="text-lg font-semibold">
        {intl.formatMessage({ id: 'bookingDetail.messages' })}
      </h2>
      <Failure error={conversations.error} />
      {conversations.data?.items.length === 0 && <p>{intl.formatMessage({ id: 'bookingDetail.noMessages' })}</p>}
      {conversations.data?.items.map((conversation) => (
        <ConversationCard key={conversation.id} conversation={conversation} />
      ))}
    </section>
  );
}

function ConversationCard({ conversation }: { conversation: Conversation }) {
  const intl = useIntl();
  const client = useClient();
  const messages = useQuery({
    queryKey: ['conversation-messages', conversation.id],
    queryFn: () => client.inbox.listConversationMessages({ conversationId: conversation.id, limit: 200 }),
  });
  const inbox = `/inbox?conversation=${encodeURIComponent(conversation.id)}&status=${conversation.status}`;
  return (
    <article className="flex flex-col gap-2 rounded bg-white p-4 shadow"
      data-testid={`conversation-${conversation.id}`}>
      <div className="flex flex-wrap gap-3 text-sm">
        <span dir="ltr" className="font-medium">{conversation.address}</span>
        <span>{conversation.channel}</span>
        <span>{intl.formatMessage({ id: `conversation.${conversation.status}` })}</span>
        <span className="me-auto">{intl.formatDate(conversation.updated_at, WHEN)}</span>
        <Link to={inbox} className="text-teal-900 underline">
          {intl.formatMessage({ id: 'bookingDetail.toInbox' })}
        </Link>
      </div>
      <Failure error={messages.error} />
      <MessageList messages={messages.data?.items ?? []} />
    </article>
  );
}
