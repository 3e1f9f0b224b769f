import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { Link, useSearchParams } from 'react-router';
import { ConversationStatus, type Conversation } from '@travobooks/client';
import { useClient, useSession } from '../session';
import { PRIMARY, SECONDARY, INPUT } from '../components/styles';
import { useKeyedChange } from '../intent';
import { Failure } from '../components/Failure';
import { MessageList, WHEN } from '../components/MessageList';

const WHATSAPP_WINDOW_MS = 24 * 3600 * 1000;

/**
 * Every customer conversation of the tenant on every channel, by status; one opened with its messages, its bookings,
 * who handles it, and a reply on its own channel. On WhatsApp the page says whether the 24-hour window after the
 * customer's last message is open (free text) or closed (only an approved template goes out).
 */
export function Inbox() {
  const intl = useIntl();
  const client = useClient();
  // A link from elsewhere (a booking's page) opens one conversation in its status.
  const [search] = useSearchParams();
  const asked = search.get('status');
  const [status, setStatus] = useState<ConversationStatus>(
    Object.values(ConversationStatus).find((value) => value === asked) ?? 'OPEN');
  const [openId, setOpenId] = useState<string | null>(search.get('conversation'));
  const conversations = useQuery({
    queryKey: ['conversations', status],
    queryFn: () => client.inbox.listConversations({ status, limit: 100 }),
  });
  return (
    <section aria-labelledby="page-title" className="flex flex-col gap-4">
      <div className="flex flex-wrap items-end gap-4">
        <h1 id="page-title" className="me-auto text-2xl font-semibold">{intl.formatMessage({ id: 'inbox.title' })}</h1>
        <label className="flex flex-col text-sm">{intl.formatMessage({ id: 'inbox.status' })}
          <select value={status} className={INPUT}
            onChange={(event) => { setStatus(event.target.value as ConversationStatus); setOpenId(null); }}>
            {Object.values(ConversationStatus).map((value) => (
              <option key={value} value={value}>{intl.formatMessage({ id: `conversation.${value}` })}</option>
            ))}
          </select>
        </label>
      </div>
      <Failure error={conversations.error} />
      {conversations.data?.items.length === 0 && <p>{intl.formatMessage({ id: 'inbox.empty' })}</p>}
      <div className="grid gap-4 md:grid-cols-[18rem_1fr]">
        <ul className="flex flex-col gap-2" aria-label={intl.formatMessage({ id: 'inbox.conversations' })}>
          {conversations.data?.items.map((conversation) => (
            <li key={conversation.id}>
              <button type="button" aria-pressed={openId === conversation.id} onClick={() => setOpenId(conversation.id)}
                className={`w-full rounded p-3 text-start shadow ${openId === conversation.id ? 'bg-teal-50'
                  : 'bg-white'}`}>
                <span className="block font-medium" dir="ltr">{conversation.address}</span>
                <span className="block text-sm">
                  {conversation.channel} · {intl.formatDate(conversation.updated_at, WHEN)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {openId && conversations.data?.items.find((item) => item.id === openId) && (
          <Thread key={openId} conversation={conversations.data.items.find((item) => item.id === openId)!} />
        )}
      </div>
    </section>
  );
}

function Thread({ conversation }: { conversation: Conversation }) {
  const intl = useIntl();
  const client = useClient();
  const { session } = useSession();
  const queries = useQueryClient();
  const [text, setText] = useState('');
  const [booking, setBooking] = useState('');
  const messages = useQuery({
    queryKey: ['conversation-messages', conversation.id],
    queryFn: () => client.inbox.listConversationMessages({ conversationId: conversation.id, limit: 200 }),
  });
  const changed = () => {
    void queries.invalidateQueries({ queryKey: ['conversations'] });
    void queries.invalidateQueries({ queryKey: ['conversation-messages', conversation.id] });
  };
  // One key per intended reply: sending again after a lost answer does not message the customer twice.
  const { mutation: reply, intent } = useKeyedChange(client, (idempotencyKey) =>
    client.inbox.replyToConversation({ idempotencyKey, conversationId: conversation.id, reply: { text } }), () => {
    setText('');
    changed();
  });
  useEffect(() => intent.forget(), [text, intent]);
  const act = useMutation({
    mutationFn: async (action: 'assign' | 'resolve' | 'link') => {
      const conversationId = conversation.id;
      if (action === 'assign') {
        await client.inbox.assignConversation({ conversationId, assignment: { assignee: session!.user.email } });
      } else if (action === 'resolve') {
        await client.inbox.setConversationStatus({ conversationId, conversationStatusChange: { status: 'RESOLVED' } });
      } else {
        await client.inbox.linkConversationBooking({ conversationId, bookingLink: { booking_id: booking } });
        setBooking('');
      }
    },
    onSuccess: changed,
  });
  const lastInbound = conversation.last_inbound_at?.getTime();
  const windowOpen = lastInbound !== undefined && Date.now() - lastInbound < WHATSAPP_WINDOW_MS;
  const failure = reply.error ?? act.error;

  return (
    <article aria-labelledby="thread-title" className="flex flex-col gap-3 rounded bg-white p-4 shadow">
      <h2 id="thread-title" className="text-lg font-semibold" dir="ltr">{conversation.address}</h2>
      <p className="text-sm">
        {intl.formatMessage({ id: 'inbox.handledBy' }, { assignee: conversation.assignee ?? '—' })}
        {conversation.booking_ids.length > 0 && <>
          {' · '}
          {intl.formatMessage({ id: 'inbox.bookings' }, {
            ids: conversation.booking_ids.map((id, index) => <span key={id}>{index > 0 && ', '}
              <Link to={`/bookings/${encodeURIComponent(id)}`} dir="ltr" className="text-teal-900 underline">{id}</Link>
            </span>),
          })}
        </>}
      </p>
      {conversation.channel.toUpperCase() === 'WHATSAPP' && (
        <p className={`rounded p-2 text-sm ${windowOpen ? 'bg-teal-50' : 'bg-amber-50'}`} data-testid="whatsapp-window">
          {intl.formatMessage({ id: windowOpen ? 'inbox.windowOpen' : 'inbox.windowClosed' }, {
            until: lastInbound === undefined ? '' : intl.formatDate(lastInbound + WHATSAPP_WINDOW_MS, WHEN),
          })}
        </p>
      )}
      <MessageList messages={messages.data?.items ?? []} />
      <Failure error={failure} className="rounded bg-red-50 p-2 text-red-900" />
      <form className="flex flex-col gap-2" onSubmit={(event) => { event.preventDefault(); reply.mutate(); }}>
        <label htmlFor="reply" className="text-sm font-medium">{intl.formatMessage({ id: 'inbox.reply' })}</label>
        <textarea id="reply" value={text} onChange={(event) => setText(event.target.value)} rows={3} maxLength={4000}
          className={INPUT} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={text.trim() === '' || reply.isPending} className={PRIMARY}>
            {intl.formatMessage({ id: 'inbox.send' })}
          </button>
          <button type="button" onClick={() => act.mutate('assign')} disabled={act.isPending} className={SECONDARY}>
            {intl.formatMessage({ id: 'inbox.assignToMe' })}
          </button>
          <button type="button" onClick={() => act.mutate('resolve')} disabled={act.isPending} className={SECONDARY}>
            {intl.formatMessage({ id: 'inbox.resolve' })}
          </button>
        </div>
      </form>
      <form className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => { event.preventDefault(); if (booking.trim()) act.mutate('link'); }}>
        <label className="flex flex-col text-sm">{intl.formatMessage({ id: 'inbox.linkBooking' })}
          <input value={booking} onChange={(event) => setBooking(event.target.value.trim())} dir="ltr"
            className={INPUT} />
        </label>
        <button type="submit" disabled={booking === '' || act.isPending} className={SECONDARY}>
          {intl.formatMessage({ id: 'inbox.link' })}
        </button>
      </form>
    </article>
  );
}
