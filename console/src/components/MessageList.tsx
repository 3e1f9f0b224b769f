import { useIntl } from 'react-intl';
import type { InboxMessage } from '@travobooks/client';

/** How the inbox writes a moment. */
export const WHEN = { dateStyle: 'medium', timeStyle: 'short' } as const;

/** A conversation's messages, oldest first: the customer's on one side, the agency's on the other. */
export function MessageList({ messages }: { messages: readonly InboxMessage[] }) {
  const intl = useIntl();
  return (
    <ol className="flex max-h-96 flex-col gap-2 overflow-auto"
      aria-label={intl.formatMessage({ id: 'inbox.messages' })}>
      {messages.map((message) => (
        <li key={message.id} data-direction={message.direction}
          className={`max-w-[80%] rounded p-2 ${message.direction === 'INBOUND' ? 'self-start bg-slate-100'
            : 'self-end bg-teal-100'}`}>
          {/* A customer writes in their own language, whatever the console's. */}
          {message.subject && <p dir="auto" className="font-medium">{message.subject}</p>}
          <p dir="auto" className="whitespace-pre-wrap">{message.text}</p>
          <p className="text-xs text-slate-700">{intl.formatDate(message.at, WHEN)}</p>
        </li>
      ))}
    </ol>
  );
}
