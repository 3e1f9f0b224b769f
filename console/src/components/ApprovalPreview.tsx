import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import type { Approval, Line } from '@travobooks/client';
import { useClient } from '../session';
import { formatMinor } from '../money';
import { formatDay } from '../dates';
import { LinesTable } from './LinesTable';
import { Failure } from './Failure';

interface HeldRequest {
  readonly path?: Record<string, string>;
  readonly body?: unknown;
}

/** The lines of a held entry, when its body has the shape of one: the payload is shown raw beside it anyway. */
function linesOf(entry: unknown): Line[] | null {
  const lines = (entry as { lines?: unknown } | null)?.lines;
  const wellFormed = Array.isArray(lines) && lines.every((line: Partial<Line>) => typeof line?.account === 'string'
    && (line.side === 'DEBIT' || line.side === 'CREDIT') && typeof line.amount_minor === 'number'
    && typeof line.currency === 'string');
  return wellFormed ? lines as Line[] : null;
}

const PREVIEWED = new Set(['postJournalEntry', 'reservePendingEntry', 'postJournalBatch', 'issueBooking']);

/** Whether {@link ApprovalPreview} shows this request as people read it; the others are read in their payload. */
export function hasPreview(approval: Approval): boolean {
  return PREVIEWED.has(approval.operation);
}

/**
 * What a held request will do, as people read it: a manual entry's day, description and lines, a batch's lines, or
 * what issuing a booking posts and charges. Other operations have their payload only.
 */
export function ApprovalPreview({ approval }: { approval: Approval }) {
  const request = approval.request as HeldRequest;
  switch (approval.operation) {
    case 'postJournalEntry':
    case 'reservePendingEntry': {
      const lines = linesOf(request.body);
      const entry = request.body as { effective_date?: unknown; description?: unknown };
      return lines && (
        <div className="my-2">
          <EntryHeading day={entry.effective_date} description={entry.description} />
          <LinesTable lines={lines} />
        </div>
      );
    }
    case 'postJournalBatch': {
      const entries = (request.body as { entries?: unknown } | null)?.entries;
      const all = Array.isArray(entries) ? entries.map(linesOf) : [];
      return all.every((lines) => lines !== null)
        ? <>{all.map((lines, index) => <LinesTable key={index} lines={lines!} className="my-2" />)}</>
        : null;
    }
    case 'issueBooking':
      return request.path?.booking_id ? <IssuePreviewOf bookingId={request.path.booking_id} /> : null;
    default:
      return null;
  }
}

/** A held entry's day, as the person's language writes it, and its description, when the body has them. */
function EntryHeading({ day, description }: { day: unknown; description: unknown }) {
  const intl = useIntl();
  const parts = [typeof day === 'string' ? formatDay(day, intl.locale) : null,
    typeof description === 'string' ? description : null];
  return <p>{parts.filter((part) => part !== null && part !== '').join(' · ')}</p>;
}

/** What issuing the booking would post and charge now. */
function IssuePreviewOf({ bookingId }: { bookingId: string }) {
  const intl = useIntl();
  const client = useClient();
  const preview = useQuery({
    queryKey: ['issue-preview', bookingId],
    queryFn: () => client.bookings.previewIssue({ bookingId }),
  });
  if (preview.error) {
    return <Failure error={preview.error} />;
  }
  if (!preview.data) {
    return null;
  }
  const total = preview.data.customer_total;
  return (
    <div className="my-2">
      <p>{intl.formatMessage({ id: 'bookingDetail.customerTotal' }, {
        amount: formatMinor(total.amount_minor, total.currency, intl.locale),
      })}</p>
      <LinesTable lines={preview.data.entries.flatMap((entry) => entry.lines)} />
    </div>
  );
}
